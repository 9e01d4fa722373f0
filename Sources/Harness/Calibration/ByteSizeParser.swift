/// A size argument that could not be understood.
public struct ByteSizeParseError: Error, Equatable, CustomStringConvertible {
    public let input: String
    public let problem: String

    public var description: String {
        "invalid size \"\(input)\": \(problem). Accepted forms: a whole number of bytes (65536) "
            + "or a whole number followed by K, KiB, M, MiB, G or GiB, all binary multiples "
            + "(4KiB, 64MiB, 512M, 1GiB; 1K = 1KiB = 1024 bytes)."
    }
}

/// Parses sizes such as "4KiB", "64MiB", "512M", "1GiB" or "65536".
public enum ByteSizeParser {
    private static let units: [(suffix: String, shift: Int)] = [
        ("KIB", 10), ("K", 10), ("MIB", 20), ("M", 20), ("GIB", 30), ("G", 30),
    ]

    /// The size in bytes. Units are binary and case-insensitive ("4k" is
    /// 4096). Decimal-looking units (KB, MB, GB), fractions, signs, spaces,
    /// zero and values that overflow Int are rejected, because a silently
    /// misread size would make a whole calibration run wrong.
    public static func parse(_ text: String) throws(ByteSizeParseError) -> Int {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let suffix = text[digits.endIndex...]
        guard !digits.isEmpty else {
            throw ByteSizeParseError(input: text, problem: text.isEmpty ? "it is empty" : "it does not start with a digit")
        }
        let shift: Int
        if suffix.isEmpty {
            shift = 0
        } else if let unit = units.first(where: { $0.suffix == suffix.uppercased() }) {
            shift = unit.shift
        } else {
            throw ByteSizeParseError(input: text, problem: "unknown unit \"\(suffix)\"")
        }
        guard let value = Int(digits) else {
            throw ByteSizeParseError(input: text, problem: "the number is too large")
        }
        guard value > 0 else {
            throw ByteSizeParseError(input: text, problem: "the size must be positive")
        }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: 1 << shift)
        guard !overflow else {
            throw ByteSizeParseError(input: text, problem: "the size is too large")
        }
        return bytes
    }
}
