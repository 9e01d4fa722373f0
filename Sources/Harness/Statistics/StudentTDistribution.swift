/// Student's t distribution with `degreesOfFreedom` (any real > 0; +infinity
/// gives the standard normal).
public enum StudentTDistribution {
    /// ln Gamma(1/2) = ln sqrt(pi).
    private static let logGammaHalf = 0.57236494292470008707

    /// P(T > |t|), from P(T > |t|) = I_x(nu/2, 1/2) / 2 with
    /// x = nu / (nu + t^2) (Abramowitz & Stegun, chapter 26).
    private static func twoSidedHalfTail(_ t: Double, _ nu: Double) -> Double {
        if t.isInfinite { return 0 }
        let ratio = t * t / nu
        // x, 1 - x and their logarithms are each computed from the ratio
        // directly, so none inherits the rounding error of another.
        let x = 1 / (1 + ratio)
        let oneMinusX = ratio / (1 + ratio)
        let logX = -Elementary.log1p(ratio)
        let logOneMinusX = Elementary.log(ratio) + logX
        let halfNu = 0.5 * nu
        let logBeta = logGammaHalf - Elementary.logGammaRatioHalf(halfNu)
        return 0.5 * Elementary.regularizedIncompleteBeta(
            x: x, oneMinusX: oneMinusX, logX: logX, logOneMinusX: logOneMinusX,
            a: halfNu, b: 0.5, logBeta: logBeta)
    }

    /// P(T <= t).
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN || nu.isNaN || nu <= 0 { return .nan }
        if nu == .infinity { return NormalDistribution.cdf(t) }
        if t == 0 { return 0.5 }
        if let z = equivalentNormalDeviate(t, nu) { return NormalDistribution.cdf(z) }
        let tail = twoSidedHalfTail(t, nu)
        return t > 0 ? 1 - tail : tail
    }

    /// P(T > t), accurate in the upper tail.
    public static func complementaryCDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN || nu.isNaN || nu <= 0 { return .nan }
        if nu == .infinity { return NormalDistribution.complementaryCDF(t) }
        if t == 0 { return 0.5 }
        if let z = equivalentNormalDeviate(t, nu) { return NormalDistribution.complementaryCDF(z) }
        let tail = twoSidedHalfTail(t, nu)
        return t > 0 ? tail : 1 - tail
    }

    /// The density Gamma((nu+1)/2) / (sqrt(nu pi) Gamma(nu/2)) (1 + t^2/nu)^(-(nu+1)/2).
    public static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN || nu.isNaN || nu <= 0 { return .nan }
        if nu == .infinity {
            return Elementary.exp(-0.5 * t * t - Elementary.logSquareRootTwoPi)
        }
        let logDensity = Elementary.logGammaRatioHalf(0.5 * nu)
            - 0.5 * (Elementary.log(nu) + Elementary.log(Double.pi))
            - 0.5 * (nu + 1) * Elementary.log1p(t * t / nu)
        return Elementary.exp(logDensity)
    }

    /// The quantile function: the t with P(T <= t) = p.
    ///
    /// Method: inversion of the incomplete-beta CDF by Newton's method,
    /// started from the normal quantile corrected by the first two
    /// Cornish-Fisher terms (A&S 26.7.5). For |t| > 0 the upper tail is
    /// convex, so after at most one step the iterates approach the root
    /// monotonically from below; each step is clamped at t = 0. For
    /// nu >= 1e5 with t^2 / nu <= 1e-3 the three-term expansion itself is
    /// returned (see `equivalentNormalDeviate`). Returns -/+infinity for
    /// p = 0 / 1 and NaN for invalid arguments.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        if p.isNaN || nu.isNaN || p < 0 || p > 1 || nu <= 0 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if nu == .infinity { return NormalDistribution.quantile(p) }

        // Work with the upper-tail probability of |T|, exact for p > 1/2
        // because 1 - p is then computed without rounding.
        let tailProbability = p < 0.5 ? p : 1 - p
        let z = -NormalDistribution.quantile(tailProbability)
        let expansion = cornishFisher(z, nu, terms: 3)
        if isInExpansionRegion(expansion, nu) {
            return p < 0.5 ? -expansion : expansion
        }
        var t = max(cornishFisher(z, nu, terms: 2), 0)

        for _ in 0..<2_000 {
            let density = density(t, degreesOfFreedom: nu)
            guard density > 0 else { break }
            let step = (twoSidedHalfTail(t, nu) - tailProbability) / density
            let next = max(t + step, 0)
            if (next - t).magnitude <= 1e-15 * next || next == t {
                t = next
                break
            }
            t = next
        }
        return p < 0.5 ? -t : t
    }

    // Very large nu: the incomplete-beta continued fraction loses digits
    // there (its terms cancel when x = nu / (nu + t^2) is within ~1/nu of
    // 1), while the Cornish-Fisher expansion of A&S 26.7.5,
    //   t = z + g1(z)/nu + g2(z)/nu^2 + g3(z)/nu^3 + ...,
    //   g1 = (z^3 + z)/4, g2 = (5z^5 + 16z^3 + 3z)/96,
    //   g3 = (3z^7 + 19z^5 + 17z^3 - 15z)/384,
    // is then accurate to ~1e-15: the first omitted term, g4/nu^4, is
    // below 1e-14 relative to t when nu >= 1e5 and t^2/nu <= 1e-3.
    private static let expansionMinimumDegrees = 1e5
    private static let expansionMaximumRatio = 1e-3

    private static func cornishFisher(_ z: Double, _ nu: Double, terms: Int) -> Double {
        let z2 = z * z
        let g1 = (z2 * z + z) / 4
        let g2 = ((5 * z2 + 16) * z2 * z + 3 * z) / 96
        var t = z + g1 / nu
        if terms >= 2 { t += g2 / (nu * nu) }
        if terms >= 3 {
            let g3 = (((3 * z2 + 19) * z2 + 17) * z2 * z - 15 * z) / 384
            t += g3 / (nu * nu * nu)
        }
        return t
    }

    private static func isInExpansionRegion(_ t: Double, _ nu: Double) -> Bool {
        nu >= expansionMinimumDegrees && t * t <= expansionMaximumRatio * nu
    }

    /// In the expansion region, the z with cornishFisher(z) = t, found by
    /// fixed-point iteration z <- z - (cornishFisher(z) - t), a contraction
    /// there because the correction's slope is below 3 t^2 / (4 nu) < 0.001;
    /// nil outside the region.
    private static func equivalentNormalDeviate(_ t: Double, _ nu: Double) -> Double? {
        guard isInExpansionRegion(t, nu) else { return nil }
        var z = t
        for _ in 0..<20 {
            let next = z - (cornishFisher(z, nu, terms: 3) - t)
            if next == z { break }
            z = next
        }
        return z
    }
}
