// Numbers as fixed-point text for CSV files and reports. Foundation's
// String(format:) depends on the C locale and differs between platforms;
// this gives the same digits everywhere, so files are reproducible.
//
// A number that is not finite has no digits. Every text output spells it
// `notAvailable` ("n/a"); a CSV cell is left empty, which is how the CSV
// schema marks "no value".

public enum FixedPoint {
    /// How text outputs spell a number that is not finite.
    public static let notAvailable = "n/a"

    /// `value` with exactly `decimals` digits after the point, rounded half
    /// away from zero; "n/a" when not finite. For every text output.
    public static func text(_ value: Double, decimals: Int) -> String {
        digits(value, decimals: decimals) ?? notAvailable
    }

    /// `value` as `text(_:decimals:)` writes it, but empty when not finite:
    /// a CSV cell with no value.
    public static func csvCell(_ value: Double, decimals: Int) -> String {
        digits(value, decimals: decimals) ?? ""
    }

    /// A fraction (0.25) as a percentage with `decimals` digits ("25.0%");
    /// "n/a" when not finite.
    public static func percent(ofFraction fraction: Double, decimals: Int = 1) -> String {
        guard let digits = digits(fraction * 100, decimals: decimals) else { return notAvailable }
        return digits + "%"
    }

    /// The digits of `value`, nil when it is not finite.
    static func digits(_ value: Double, decimals: Int) -> String? {
        guard value.isFinite else { return nil }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 the integer part is no longer exact.
        guard scaled < 9.0e15 else { return "\(value)" }
        let integer = UInt64(scaled)
        let divisor = UInt64(scale)
        let sign = value < 0 && integer != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(integer) }
        let fraction = String(integer % divisor)
        return sign + String(integer / divisor) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
