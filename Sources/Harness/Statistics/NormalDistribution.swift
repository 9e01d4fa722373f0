/// The standard normal distribution N(0, 1).
public enum NormalDistribution {
    /// Phi(x) = P(Z <= x), computed as erfc(-x / sqrt(2)) / 2 so that the
    /// lower tail keeps full relative accuracy.
    public static func cdf(_ x: Double) -> Double {
        0.5 * Elementary.erfc(-x * 0.70710678118654752440)
    }

    /// P(Z > x), accurate in the upper tail.
    public static func complementaryCDF(_ x: Double) -> Double {
        0.5 * Elementary.erfc(x * 0.70710678118654752440)
    }

    /// The quantile function Phi^-1(p).
    ///
    /// Method: Peter J. Acklam's rational approximations (relative error
    /// below 1.15e-9) followed by one Halley refinement step using the
    /// FDLIBM-accurate erfc, which brings the result to near machine
    /// precision. Returns -infinity for p = 0, +infinity for p = 1 and NaN
    /// for p outside [0, 1].
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }

        let lowerBreakpoint = 0.02425
        var x: Double
        if p < lowerBreakpoint {
            x = lowerTail((-2 * Elementary.log(p)).squareRoot())
        } else if p <= 1 - lowerBreakpoint {
            x = central(p - 0.5)
        } else {
            x = -lowerTail((-2 * Elementary.log1p(-p)).squareRoot())
        }

        // Halley's step on Phi(x) - p: e = Phi(x) - p, u = e / phi(x),
        // x -= u / (1 + x u / 2). Above the median e is computed as
        // (1 - p) - Q(x), the same quantity from the side where both terms
        // are small and therefore accurately representable.
        let squareRootTwoPi = 2.50662827463100050242
        let error = p > 0.5 ? (1 - p) - complementaryCDF(x) : cdf(x) - p
        let correction = error * squareRootTwoPi * Elementary.exp(0.5 * x * x)
        x -= correction / (1 + 0.5 * x * correction)
        return x
    }

    private static func central(_ q: Double) -> Double {
        let r = q * q
        let numerator = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r
            - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r
            - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
        let denominator = ((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r
            - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r
            - 1.328068155288572e+01) * r + 1
        return numerator / denominator
    }

    /// The lower-tail branch, in terms of q = sqrt(-2 ln p).
    private static func lowerTail(_ q: Double) -> Double {
        let numerator = ((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q
            - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q
            + 4.374664141464968e+00) * q + 2.938163982698783e+00
        let denominator = (((7.784695709041462e-03 * q + 3.224671290700398e-01) * q
            + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1
        return numerator / denominator
    }
}
