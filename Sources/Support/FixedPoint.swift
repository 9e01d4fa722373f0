// Numbers as fixed-point text for CSV files and reports. Foundation's
// String(format:) depends on the C locale and differs between platforms;
// this gives the same digits everywhere, so files are reproducible.

public enum FixedPoint {
    /// `value` with exactly `decimals` digits after the point, rounded half
    /// away from zero; nil when not finite, so each caller says what an
    /// unmeasured number looks like in its format.
    public static func text(_ value: Double, decimals: Int) -> String? {
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
