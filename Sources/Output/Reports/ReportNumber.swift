// How the text reports choose precision, on top of Support's FixedPoint
// (locale-independent digits, "n/a" when not finite), so summaries are
// byte-for-byte reproducible.

import Support

enum ReportNumber {
    /// Decimals that keep three or four significant digits for costs from
    /// a fraction of a nanosecond to microseconds.
    static func decimals(forMagnitude value: Double) -> Int {
        let magnitude = value.magnitude
        if magnitude < 1 { return 3 }
        if magnitude < 10 { return 2 }
        if magnitude < 1000 { return 1 }
        return 0
    }

    /// "12.3+-0.4": a value and its interval half-width at the value's
    /// precision, or finer (up to three decimals) until the half-width
    /// shows a significant digit, so a tight interval does not print as
    /// "+-0.0".
    static func withHalfWidth(_ value: Double, _ halfWidth: Double) -> String {
        guard value.isFinite else { return FixedPoint.notAvailable }
        var digits = decimals(forMagnitude: value)
        if halfWidth.isFinite, halfWidth > 0 {
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            while digits < 3 && halfWidth * scale < 1 {
                digits += 1
                scale *= 10
            }
        }
        return FixedPoint.text(value, decimals: digits) + "+-"
            + (halfWidth.isFinite ? FixedPoint.text(halfWidth, decimals: digits) : "?")
    }

    /// A value in adaptive precision.
    static func adaptive(_ value: Double) -> String {
        FixedPoint.text(value, decimals: decimals(forMagnitude: value))
    }

    /// A percentage magnitude: one decimal, two below 1%.
    static func percent(_ value: Double) -> String {
        FixedPoint.text(value, decimals: value.magnitude < 1 ? 2 : 1)
    }

    /// A signed percentage: "+1.2", "-0.35".
    static func signedPercent(_ value: Double) -> String {
        guard value.isFinite else { return FixedPoint.notAvailable }
        return (value >= 0 ? "+" : "-") + percent(value.magnitude)
    }

    /// A p-value in at most six columns.
    static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return FixedPoint.notAvailable }
        return p < 0.001 ? "<0.001" : FixedPoint.text(p, decimals: 3)
    }
}
