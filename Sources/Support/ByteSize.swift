// Byte counts as people read them, with binary units.

public enum ByteSize {
    private static let units: [(name: String, size: Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]

    /// The largest binary unit the count reaches, a whole number when it
    /// divides exactly and one decimal otherwise: "896 B", "4 KiB",
    /// "28.8 KiB", "1.5 MiB", "3 GiB".
    public static func text(_ count: Int) -> String {
        for unit in units where count >= unit.size {
            if count % unit.size == 0 { return "\(count / unit.size) \(unit.name)" }
            return FixedPoint.text(Double(count) / Double(unit.size), decimals: 1) + " " + unit.name
        }
        return "\(count) B"
    }
}
