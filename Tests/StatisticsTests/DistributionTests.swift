#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import Statistics

@Test func normalQuantileKnownValues() {
    #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) <= 1e-12)
    #expect(abs(NormalDistribution.quantile(0.5)) <= 1e-15)
    #expect(abs(NormalDistribution.quantile(0.999) - 3.090232306167814) <= 1e-12)
    #expect(abs(NormalDistribution.quantile(0.025) + 1.959963984540054) <= 1e-12)
    #expect(NormalDistribution.quantile(0) == -.infinity)
    #expect(NormalDistribution.quantile(1) == .infinity)
    #expect(NormalDistribution.quantile(1.5).isNaN)
    #expect(NormalDistribution.quantile(-0.1).isNaN)
}

@Test func normalQuantileInvertsCDFAcrossRange() {
    var p = 1e-300
    while p < 0.5 {
        let x = NormalDistribution.quantile(p)
        // One ulp of x moves Phi(x) by a relative x * ulp(x), hence the x^2 factor.
        #expect(abs(NormalDistribution.cdf(x) - p) <= 1e-14 * p * max(1, x * x))
        // Symmetry. 1 - p is rounded, so compare with the tail probability
        // it really represents (exact by Sterbenz's lemma).
        let upper = 1 - p
        if upper < 1 {
            let representedTail = 1 - upper
            #expect(abs(NormalDistribution.quantile(upper) + NormalDistribution.quantile(representedTail)) <= 1e-13 * max(1, abs(x)))
        }
        p *= 3.7
    }
}

@Test func normalCDFMatchesErfc() {
    for x in stride(from: -30.0, through: 8.0, by: 0.37) {
        // Same argument as the implementation: erfc amplifies a one-ulp change
        // of its argument by 2 x^2, so a different rounding of x / sqrt(2)
        // would dominate the comparison in the far tail.
        let expected = 0.5 * erfc(-x * 0.70710678118654752440)
        #expect(abs(NormalDistribution.cdf(x) - expected) <= 1e-14 * expected)
    }
}

@Test func studentTQuantileTableValues() {
    #expect(abs(StudentTDistribution.quantile(0.975, degreesOfFreedom: 1) - 12.706) < 1e-3)
    #expect(abs(StudentTDistribution.quantile(0.975, degreesOfFreedom: 10) - 2.228) < 1e-3)
    #expect(abs(StudentTDistribution.quantile(0.975, degreesOfFreedom: 10) - 2.2281388519649385) < 1e-9)
    #expect(abs(StudentTDistribution.quantile(0.975, degreesOfFreedom: 3) - 3.182446305284263) < 1e-9)
    #expect(abs(StudentTDistribution.quantile(0.995, degreesOfFreedom: 5) - 4.032142983557536) < 1e-9)
    #expect(abs(StudentTDistribution.quantile(0.975, degreesOfFreedom: 30) - 2.0422724563012373) < 1e-9)
    #expect(abs(StudentTDistribution.quantile(0.025, degreesOfFreedom: 10) + 2.2281388519649385) < 1e-9)
    #expect(StudentTDistribution.quantile(0.5, degreesOfFreedom: 7) == 0)
    #expect(StudentTDistribution.quantile(0.975, degreesOfFreedom: 0).isNaN)
    #expect(StudentTDistribution.quantile(1, degreesOfFreedom: 4) == .infinity)
}

@Test func studentTMatchesClosedFormsForOneAndTwoDegrees() {
    for p in [1e-9, 0.001, 0.01, 0.05, 0.2, 0.45, 0.55, 0.9, 0.975, 0.999, 1 - 1e-7] {
        // tan(pi (p - 1/2)) written as -1/tan(pi p) or 1/tan(pi (1 - p)) so
        // that the reference keeps its digits near the poles.
        let cauchy = p < 0.5 ? -1 / tan(Double.pi * p) : 1 / tan(Double.pi * (1 - p))
        #expect(abs(StudentTDistribution.quantile(p, degreesOfFreedom: 1) - cauchy) <= 1e-10 * max(1, abs(cauchy)), "p \(p)")
        let two = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
        #expect(abs(StudentTDistribution.quantile(p, degreesOfFreedom: 2) - two) <= 1e-10 * max(1, abs(two)))
    }
    for t in [-50.0, -3, -0.7, 0.01, 1, 4, 1e3] {
        #expect(abs(StudentTDistribution.cdf(t, degreesOfFreedom: 1) - (0.5 + atan(t) / Double.pi)) <= 1e-14)
        #expect(abs(StudentTDistribution.cdf(t, degreesOfFreedom: 2) - (0.5 + t / (2 * (2 + t * t).squareRoot()))) <= 1e-14)
    }
}

@Test func studentTQuantileInvertsCDF() {
    for nu in [0.5, 1, 2.5, 3, 8, 29, 120, 1e4, 1e7] {
        for p in [1e-10, 1e-4, 0.01, 0.1, 0.3, 0.49, 0.6, 0.8, 0.95, 0.995, 0.99999] {
            let t = StudentTDistribution.quantile(p, degreesOfFreedom: nu)
            let reference = p < 0.5 ? p : 1 - p
            let achieved = p < 0.5
                ? StudentTDistribution.cdf(t, degreesOfFreedom: nu)
                : StudentTDistribution.complementaryCDF(t, degreesOfFreedom: nu)
            #expect(abs(achieved - reference) <= 1e-11 * reference, "nu \(nu) p \(p) t \(t)")
        }
    }
}

@Test func studentTApproachesNormal() {
    let z = NormalDistribution.quantile(0.975)
    let t = StudentTDistribution.quantile(0.975, degreesOfFreedom: 1e9)
    // First-order correction (z^3 + z) / (4 nu) is 2.4e-9 here.
    #expect(abs(t - z - (z * z * z + z) / 4e9) < 1e-15)
    #expect(StudentTDistribution.quantile(0.975, degreesOfFreedom: .infinity) == z)
    // Heavier tails: t quantiles exceed z and shrink with more freedom.
    var previous = Double.infinity
    for nu in [1.0, 2, 5, 10, 100, 1000] {
        let q = StudentTDistribution.quantile(0.975, degreesOfFreedom: nu)
        #expect(q > z && q < previous)
        previous = q
    }
}

@Test func studentTIsContinuousAcrossTheLargeDegreesSwitch() {
    // Below 1e5 degrees the incomplete beta is used, above it the
    // expansion: the two must agree where they meet.
    for p in [0.6, 0.9, 0.975, 0.9999] {
        let below = StudentTDistribution.quantile(p, degreesOfFreedom: 99_999.999)
        let above = StudentTDistribution.quantile(p, degreesOfFreedom: 100_000)
        #expect(abs(below - above) <= 1e-12 * above)
        let t = above
        let cdfBelow = StudentTDistribution.complementaryCDF(t, degreesOfFreedom: 99_999.999)
        let cdfAbove = StudentTDistribution.complementaryCDF(t, degreesOfFreedom: 100_000)
        #expect(abs(cdfBelow - cdfAbove) <= 1e-11 * cdfAbove)
    }
}
