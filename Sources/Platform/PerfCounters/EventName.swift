/// Which privilege levels an event counts, chosen with the `:u` and `:k`
/// modifiers. Without either, both levels are counted: LSM hooks run in the
/// kernel, but the syscall that reaches them starts in user space.
public enum PrivilegeScope: Sendable, Hashable, CustomStringConvertible {
    case userAndKernel
    case userOnly
    case kernelOnly

    public var countsUser: Bool { self != .kernelOnly }
    public var countsKernel: Bool { self != .userOnly }

    public var description: String {
        switch self {
        case .userAndKernel: "user and kernel"
        case .userOnly: "user only"
        case .kernelOnly: "kernel only"
        }
    }
}

/// Why a string is not an event name this module accepts. Checked before
/// libpfm4 or the kernel see the name, so mistakes are reported in the
/// user's own spelling.
public enum EventNameError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case multipleEvents(String)
    case invalidCharacter(Character, in: String)
    case emptyComponent(String)
    case repeatedPrivilegeModifier(String, modifier: String)
    case explicitPrivilegeValue(String, modifier: String)

    public var description: String {
        switch self {
        case .empty:
            "an event name is empty"
        case .multipleEvents(let text):
            "'\(text)' names more than one event; give one event per name"
        case .invalidCharacter(let character, let text):
            "'\(text)' contains '\(character)', which no libpfm4 event name uses "
                + "(letters, digits, '_', '-', '.', '=' and ':' separators only)"
        case .emptyComponent(let text):
            "'\(text)' has an empty part: write PMU::EVENT[:UMASK][:MODIFIER] "
                + "with nothing empty between the colons"
        case .repeatedPrivilegeModifier(let text, let modifier):
            "'\(text)' repeats the ':\(modifier)' modifier"
        case .explicitPrivilegeValue(let text, let modifier):
            "'\(text)' sets the privilege level with ':\(modifier)'; use ':u' for "
                + "user-only or ':k' for kernel-only counting instead"
        }
    }
}

/// A validated libpfm4 event name such as `perf::PAGE-FAULTS`, `cycles:u` or
/// `INST_RETIRED:ANY_P:k`. The privilege modifiers are lifted out so they can
/// be handed to libpfm as its privilege mask and to the kernel as
/// exclude_user/exclude_kernel; every other modifier goes to libpfm as typed.
public struct EventName: Sendable, Hashable, CustomStringConvertible {
    /// The name as the user wrote it.
    public let spelling: String
    /// The PMU prefix before `::` (for example `perf`), if any.
    public let pmu: String?
    /// The event itself, without PMU prefix or modifiers.
    public let event: String
    /// Unit masks and modifiers other than `u`/`k`, in their original order.
    public let modifiers: [String]
    public let privilege: PrivilegeScope

    /// The name handed to libpfm4: everything but the privilege modifiers.
    public var libpfmName: String {
        var name = pmu.map { "\($0)::\(event)" } ?? event
        for modifier in modifiers {
            name += ":" + modifier
        }
        return name
    }

    public var description: String { spelling }

    public init(parsing text: String) throws(EventNameError) {
        guard !text.isEmpty else { throw .empty }
        if text.contains(",") {
            // libpfm would silently encode only the first event of a list.
            throw .multipleEvents(text)
        }
        if let bad = text.first(where: { !Self.isAllowed($0) }) {
            throw .invalidCharacter(bad, in: text)
        }

        var remainder = Substring(text)
        var pmu: String?
        if let separator = remainder.firstRange(of: "::") {
            let prefix = remainder[..<separator.lowerBound]
            guard !prefix.isEmpty, !prefix.contains(":") else { throw .emptyComponent(text) }
            pmu = String(prefix)
            remainder = remainder[separator.upperBound...]
        }

        let parts = remainder.split(separator: ":", omittingEmptySubsequences: false)
        guard let event = parts.first, parts.allSatisfy({ !$0.isEmpty }) else {
            throw .emptyComponent(text)
        }

        var countsUser = false
        var countsKernel = false
        var modifiers: [String] = []
        for part in parts.dropFirst() {
            let lowered = part.lowercased()
            switch lowered {
            case "u":
                guard !countsUser else { throw .repeatedPrivilegeModifier(text, modifier: String(part)) }
                countsUser = true
            case "k":
                guard !countsKernel else { throw .repeatedPrivilegeModifier(text, modifier: String(part)) }
                countsKernel = true
            default:
                // libpfm's own u=/k= would fight with the privilege mask.
                if lowered.hasPrefix("u=") || lowered.hasPrefix("k=") {
                    throw .explicitPrivilegeValue(text, modifier: String(part))
                }
                modifiers.append(String(part))
            }
        }

        self.spelling = text
        self.pmu = pmu
        self.event = String(event)
        self.modifiers = modifiers
        self.privilege = switch (countsUser, countsKernel) {
        case (true, false): .userOnly
        case (false, true): .kernelOnly
        default: .userAndKernel
        }
    }

    /// Builds a name from parts known to be valid (the default event set).
    init(pmu: String?, event: String, privilege: PrivilegeScope = .userAndKernel) {
        self.pmu = pmu
        self.event = event
        self.modifiers = []
        self.privilege = privilege
        let base = pmu.map { "\($0)::\(event)" } ?? event
        self.spelling = switch privilege {
        case .userAndKernel: base
        case .userOnly: base + ":u"
        case .kernelOnly: base + ":k"
        }
    }

    private static func isAllowed(_ character: Character) -> Bool {
        guard character.isASCII, let scalar = character.unicodeScalars.first else { return false }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "=", ":":
            return true
        default:
            return false
        }
    }
}
