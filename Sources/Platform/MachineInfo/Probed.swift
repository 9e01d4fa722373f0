import Support

/// A value read from the machine, or the reason it could not be read.
/// Exactly one of the two is non-nil; JSON carries only that one.
public struct Probed<Value: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
    public let value: Value?
    public let unavailableReason: String?

    public static func available(_ value: Value) -> Probed {
        Probed(value: value, unavailableReason: nil)
    }

    public static func unavailable(_ reason: String) -> Probed {
        Probed(value: nil, unavailableReason: reason)
    }

    private init(value: Value?, unavailableReason: String?) {
        self.value = value
        self.unavailableReason = unavailableReason
    }

    public var isAvailable: Bool { value != nil }

    /// The value as text, or "unavailable (reason)".
    public func text(_ render: (Value) -> String) -> String {
        value.map(render) ?? "unavailable (\(unavailableReason ?? "no reason recorded"))"
    }
}

extension Probed: CustomStringConvertible where Value == String {
    public var description: String { text { $0 } }
}

extension Probed where Value == String {
    /// The trimmed contents of one procfs/sysfs value file.
    static func file(_ path: String, reader: SystemFileReader) -> Probed<String> {
        do {
            return .available(try reader.readValue(path))
        } catch {
            return .unavailable(unavailabilityReason(error))
        }
    }
}

/// "PATH is absent" for missing files (the usual way a feature is missing),
/// the system's error text otherwise.
func unavailabilityReason(_ error: FileReadError) -> String {
    error.isMissing ? "\(error.path) is absent" : error.description
}
