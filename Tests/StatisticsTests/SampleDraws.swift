import SeededRandom

/// Draws helpers built only from uniform numbers, so the tests make
/// non-uniform data from the same seeded generator everything else uses.
extension SeededGenerator {
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        Double.random(in: range, using: &self)
    }

    /// Irwin-Hall approximation of N(0, 1): sum of 12 uniforms minus 6.
    mutating func approximatelyNormal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += Double.random(in: 0..<1, using: &self) }
        return sum - 6
    }

    /// A right-skewed positive sample like a timing distribution: a base
    /// plus the square of a normal (so the tail is long), scaled.
    mutating func timingLike(base: Double, scale: Double) -> Double {
        let normal = approximatelyNormal()
        return base + scale * normal * normal
    }
}
