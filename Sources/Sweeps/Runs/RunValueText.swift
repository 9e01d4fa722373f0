// The text forms of run values that both the command line and suite files
// accept, parsed in one place so the two cannot drift apart.

public enum RunValueText {
    /// "1%", "0.5%" or a bare "1" (percent), as a fraction in (0, 1).
    public static func percentage(_ text: String) -> Double? {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(number), value > 0, value < 100 else { return nil }
        return value / 100
    }

    /// "4s", "500ms", "2m" or bare seconds, positive.
    public static func seconds(_ text: String) -> Double? {
        for (suffix, scale) in [("ms", 0.001), ("s", 1.0), ("m", 60.0)] where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value > 0 { return value * scale }
        }
        if let value = Double(text), value > 0 { return value }
        return nil
    }

    public static let percentageForms = "give a value between 0% and 100% such as 1% or 0.5%"
    public static let durationForms = "give a positive number with s, ms or m, such as 4s or 500ms"
}
