// Number and size formatting for the plain-text outputs, without
// Foundation's String(format:).

enum TextFormatting {
    /// `value` with exactly `decimals` digits after the point, rounded half
    /// away from zero; "nan" / "inf" for non-finite values.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 the integer part is no longer exact: fall back to
        // the shortest round-trip form.
        guard scaled < 9.0e15 else { return "\(value)" }
        let integer = UInt64(scaled)
        let divisor = UInt64(scale)
        let sign = value < 0 && integer != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(integer) }
        let fraction = String(integer % divisor)
        return sign + String(integer / divisor) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// A size with a binary unit: "4 KiB", "1.5 MiB", "384 MiB", "100 B".
    static func bytes(_ count: Int) -> String {
        let units: [(name: String, size: Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        for unit in units where count >= unit.size {
            if count % unit.size == 0 { return "\(count / unit.size) \(unit.name)" }
            return fixed(Double(count) / Double(unit.size), decimals: 1) + " " + unit.name
        }
        return "\(count) B"
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func padRight(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
