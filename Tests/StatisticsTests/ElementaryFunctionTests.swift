#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import SeededRandom
@testable import Statistics

// The module's own log-gamma series against the C library's lgamma.

/// The C library's log-gamma (the overlay also offers a tuple-returning
/// variant, so the type is pinned here).
private func cLogGamma(_ x: Double) -> Double {
    let value: Double = lgamma(x)
    return value
}

private func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    return abs(actual - expected) / max(abs(expected), Double.leastNormalMagnitude)
}

@Test func logGammaMatchesCLibrary() {
    var generator = SeededGenerator(seed: 4)
    for _ in 0..<5_000 {
        let x = exp(generator.uniform(-10...14))
        let expected = cLogGamma(x)
        #expect(abs(Elementary.logGamma(x) - expected) <= 1e-13 * max(1, abs(expected)))
    }
    #expect(Elementary.logGamma(0).isNaN)
    #expect(Elementary.logGamma(-1).isNaN)
}

@Test func logGammaRatioHalfAvoidsCancellation() {
    for a in [0.5, 1, 3.7, 9.99, 10, 12.5, 100, 1e4, 1e8] {
        let direct = cLogGamma(a + 0.5) - cLogGamma(a)
        // The direct difference is itself only good to ~ulp(cLogGamma(a)).
        let tolerance = 1e-14 + 4 * Double.ulpOfOne * abs(cLogGamma(a))
        #expect(abs(Elementary.logGammaRatioHalf(a) - direct) <= tolerance)
    }
    // Leading terms of the asymptotic expansion, ln(a)/2 - 1/(8a).
    let a = 1e12
    #expect(abs(Elementary.logGammaRatioHalf(a) - (0.5 * log(a) - 1 / (8 * a))) <= 1e-14)
}
