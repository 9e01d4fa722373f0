// Distinct values in the order they first appear: strategies in a results
// file, placements in a request.

extension Sequence where Element: Hashable {
    /// The elements without repeats, each where it first appears:
    /// [b, a, b, c] -> [b, a, c].
    public func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
