// Byte counts with binary units: as people read them, and as sysfs writes
// them ("48K", "2048K", "32M").

public enum ByteSize {
    private static let units: [(name: String, size: Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
    private static let sysfsUnits: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]

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

    /// A size as sysfs writes it (cache `size` files): digits, optionally
    /// followed by K, M or G (binary), with surrounding whitespace ignored;
    /// "32K" is 32768. nil for anything else: empty text, a unit alone,
    /// other units, signs, fractions, or a size that overflows Int.
    public static func parseSysfs(_ text: String) -> Int? {
        var digits = Substring(text.trimmingWhitespace())
        var multiplier = 1
        if let last = digits.last, let unit = sysfsUnits[last] {
            multiplier = unit
            digits.removeLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else {
            return nil
        }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : bytes
    }

    /// A size in sysfs spelling, with the largest unit that divides it
    /// exactly: 2097152 -> "2M", 49152 -> "48K", 100 -> "100B".
    public static func sysfsText(_ count: Int) -> String {
        for (unit, size) in [("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)] where count >= size && count % size == 0 {
            return "\(count / size)\(unit)"
        }
        return "\(count)B"
    }
}
