// Log-gamma for positive arguments, as needed by the Student t density and
// the incomplete beta function. Stirling's series is exact enough for
// x >= 10 with the terms below (the first omitted term is below 3e-17 at
// x = 10); smaller arguments are shifted up with the recurrence
// Gamma(x + 1) = x Gamma(x).

extension Elementary {
    /// ln(sqrt(2 pi)).
    static let logSquareRootTwoPi = 0.91893853320467274178

    /// The Stirling correction series sum B_2k / (2k (2k - 1) x^(2k-1)) for
    /// k = 1...7; B_2k are the Bernoulli numbers 1/6, -1/30, 1/42, -1/30,
    /// 5/66, -691/2730, 7/6.
    private static func stirlingCorrection(_ x: Double) -> Double {
        let inverse = 1 / x
        let inverseSquared = inverse * inverse
        let series = 1.0 / 12 + inverseSquared * (-1.0 / 360 + inverseSquared * (1.0 / 1260
            + inverseSquared * (-1.0 / 1680 + inverseSquared * (1.0 / 1188
            + inverseSquared * (-691.0 / 360360 + inverseSquared * (1.0 / 156))))))
        return series * inverse
    }

    /// ln Gamma(x) for x > 0; NaN otherwise.
    static func logGamma(_ x: Double) -> Double {
        guard x > 0 else { return .nan }
        if x == .infinity { return x }
        var shifted = x
        var product = 1.0
        while shifted < 10 {
            product *= shifted
            shifted += 1
        }
        let stirling = (shifted - 0.5) * log(shifted) - shifted + logSquareRootTwoPi
            + stirlingCorrection(shifted)
        return stirling - log(product)
    }

    /// ln(Gamma(a + 1/2) / Gamma(a)) for a > 0, without the cancellation of
    /// subtracting two large log-gammas: for a >= 10 the Stirling terms are
    /// combined analytically as a log1p(1/(2a)) + ln(a)/2 - 1/2 plus the
    /// difference of the correction series.
    static func logGammaRatioHalf(_ a: Double) -> Double {
        guard a > 0 else { return .nan }
        if a < 10 {
            return logGamma(a + 0.5) - logGamma(a)
        }
        return a * log1p(0.5 / a) + 0.5 * log(a) - 0.5
            + stirlingCorrection(a + 0.5) - stirlingCorrection(a)
    }
}
