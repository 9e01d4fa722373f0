// Statistics: everything a benchmark report needs to turn raw timings into
// numbers with honest uncertainty: descriptive statistics, distribution-free
// and bootstrap confidence intervals for medians, estimates that carry their
// interval through subtraction, two-sample comparisons, least-squares fits
// with slope intervals, and a stopping rule. Pure Swift on the standard
// library alone, so it runs wherever Swift does; randomness always comes
// from a generator the caller passes in, so results are reproducible.
//
// Conventions for the whole module:
// - Functions that cannot produce a meaningful answer for their data
//   (empty samples, too few points, invalid levels) return nil rather than
//   trap; each doc comment states when. Only misuse that no data can cause
//   (e.g. subtracting estimates made at different levels) is a precondition.
// - Inputs are assumed finite. NaN breaks the ordering that sorting relies
//   on, so results for samples containing NaN are unspecified.

extension Collection where Element == Double {
    /// Arithmetic mean; nil when empty.
    public func mean() -> Double? {
        guard !isEmpty else { return nil }
        var sum = 0.0
        for value in self { sum += value }
        return sum / Double(count)
    }

    /// Sample standard deviation (denominator n - 1); nil for fewer than
    /// two values. Method: the corrected two-pass algorithm (Chan, Golub &
    /// LeVeque 1983), which removes the rounding error of the mean from the
    /// sum of squares.
    public func standardDeviation() -> Double? {
        guard count >= 2, let mean = mean() else { return nil }
        var sumOfSquares = 0.0
        var sumOfDeviations = 0.0
        for value in self {
            let deviation = value - mean
            sumOfSquares += deviation * deviation
            sumOfDeviations += deviation
        }
        let n = Double(count)
        let corrected = sumOfSquares - sumOfDeviations * sumOfDeviations / n
        return (Swift.max(corrected, 0) / (n - 1)).squareRoot()
    }

    /// The p-quantile by Hyndman & Fan's type 7 definition (the default of
    /// R and NumPy): with sorted values x[0..<n] and h = (n - 1) p, the
    /// result is x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]).
    /// nil when empty or when p is not in [0, 1].
    public func quantile(_ p: Double) -> Double? {
        guard !isEmpty else { return nil }
        return Swift.Array(self).sorted().withUnsafeBufferPointer {
            SortedSample.quantile(sorted: $0, p)
        }
    }
}

/// Helpers over samples that are already sorted ascending, for callers
/// that reuse one sort for several statistics.
public enum SortedSample {
    /// Type 7 quantile of an ascending buffer; nil when empty or p is not
    /// in [0, 1].
    public static func quantile(sorted values: UnsafeBufferPointer<Double>, _ p: Double) -> Double? {
        guard !values.isEmpty, p >= 0, p <= 1 else { return nil }
        let position = Double(values.count - 1) * p
        let lowerIndex = Int(position)
        let fraction = position - Double(lowerIndex)
        let lower = values[lowerIndex]
        if lowerIndex + 1 >= values.count || fraction == 0 {
            return lower
        }
        return lower + fraction * (values[lowerIndex + 1] - lower)
    }

    /// Type 7 quantile of an ascending array; nil when empty or p is not in
    /// [0, 1].
    public static func quantile(sorted values: [Double], _ p: Double) -> Double? {
        values.withUnsafeBufferPointer { quantile(sorted: $0, p) }
    }
}
