import Support

/// The fields hookbench needs from /proc/cpuinfo, taken from its first
/// processor block (all blocks agree on these on the machines hookbench targets).
struct CPUInfoProbe {
    static let path = "/proc/cpuinfo"

    let modelName: Probed<String>
    let microcode: Probed<String>
    /// The CPU reports the "hypervisor" flag, which x86 hypervisors set for guests.
    let hasHypervisorFlag: Bool

    init(reader: SystemFileReader) {
        let text: String
        do {
            text = try reader.read(Self.path)
        } catch {
            let reason = unavailabilityReason(error)
            modelName = .unavailable(reason)
            microcode = .unavailable(reason)
            hasHypervisorFlag = false
            return
        }
        let fields = Self.firstProcessorFields(text)
        modelName = fields["model name"].map { .available($0) }
            ?? .unavailable("\(Self.path) has no 'model name' field")
        microcode = fields["microcode"].map { .available($0) }
            ?? .unavailable("\(Self.path) has no 'microcode' field")
        hasHypervisorFlag = (fields["flags"] ?? "").split(separator: " ").contains("hypervisor")
    }

    /// "key : value" pairs of the first block (blocks are separated by a
    /// blank line).
    static func firstProcessorFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !fields.isEmpty { break }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingWhitespace()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            if fields[key] == nil { fields[key] = value }
        }
        return fields
    }
}
