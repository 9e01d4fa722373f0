// Size formatting and padding for the plain-text outputs.

import Support

enum TextFormatting {
    /// A size with a binary unit: "4 KiB", "1.5 MiB", "384 MiB", "100 B".
    static func bytes(_ count: Int) -> String {
        let units: [(name: String, size: Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        for unit in units where count >= unit.size {
            if count % unit.size == 0 { return "\(count / unit.size) \(unit.name)" }
            return FixedPoint.text(Double(count) / Double(unit.size), decimals: 1) + " " + unit.name
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
