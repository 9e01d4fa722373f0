// The median of a sample: timings, ladder points, repeat medians.

extension Collection where Element == Double {
    /// The middle value, or for an even count the point halfway between the
    /// two middle values (the type 7 quantile at 0.5, as R and NumPy give
    /// it); nil when empty. Values are assumed finite: NaN has no place in
    /// the order a median relies on.
    public func median() -> Double? {
        guard !isEmpty else { return nil }
        let sorted = self.sorted()
        let upper = sorted[sorted.count / 2]
        guard sorted.count % 2 == 0 else { return upper }
        let lower = sorted[sorted.count / 2 - 1]
        return lower + 0.5 * (upper - lower)
    }
}
