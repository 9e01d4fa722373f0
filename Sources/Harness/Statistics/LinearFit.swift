/// A straight-line fit y = intercept + slope * x with a confidence interval
/// for the slope (e.g. cost per additional hook, per loaded LSM, per byte).
public struct LinearFit: Sendable, Equatable {
    public let intercept: Double
    /// Slope with its interval: slope +/- t(1 - (1 - level)/2, n - 2) * slopeStandardError.
    public let slope: Estimate
    public let slopeStandardError: Double
    /// sqrt(sum of (weighted) squared residuals / (n - 2)).
    public let residualStandardError: Double
    public let degreesOfFreedom: Int
    public let pointCount: Int
    /// True for the 1/variance-weighted fit.
    public let isWeighted: Bool

    /// The fitted line at `x`.
    public func predict(_ x: Double) -> Double { intercept + slope.value * x }

    /// Ordinary least squares.
    ///
    /// Method: centred sums Sxx = sum (x - mean x)^2, Sxy = sum (x - mean x)
    /// (y - mean y); slope = Sxy / Sxx, intercept = mean y - slope mean x;
    /// s^2 = sum of squared residuals / (n - 2); SE(slope) = s / sqrt(Sxx);
    /// interval from Student's t with n - 2 degrees of freedom. Points on an
    /// exact line give a zero-width interval.
    ///
    /// nil when the arrays differ in length, there are fewer than 3 points
    /// (no degrees of freedom left for the error), all x are equal, or
    /// `level` is not in (0, 1).
    public static func ordinaryLeastSquares(x: [Double], y: [Double], level: Double = 0.95) -> LinearFit? {
        guard x.count == y.count else { return nil }
        return fit(x: x, y: y, weights: [Double](repeating: 1, count: x.count), level: level, isWeighted: false)
    }

    /// Weighted least squares with weights 1 / variance, for points whose
    /// y values carry their own uncertainty (e.g. medians with intervals).
    ///
    /// Method: each point's standard error is taken proportional to its
    /// interval half-width h, so w = 1 / h^2; the fit uses the weighted
    /// means and sums of the OLS formulas above. Only the relative weights
    /// matter: the error scale is estimated from the weighted residuals,
    /// s^2 = sum w r^2 / (n - 2), SE(slope) = s / sqrt(sum w (x - weighted
    /// mean x)^2), and the interval uses Student's t with n - 2 degrees of
    /// freedom (as R's lm(weights =) does). This way intervals computed at
    /// any level, or standard errors, can be passed as half-widths.
    ///
    /// nil in the OLS cases and when a half-width is not positive and finite.
    public static func weightedLeastSquares(
        x: [Double], y: [Double], ciHalfWidths: [Double], level: Double = 0.95
    ) -> LinearFit? {
        guard x.count == y.count, x.count == ciHalfWidths.count,
              ciHalfWidths.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        let weights = ciHalfWidths.map { 1 / ($0 * $0) }
        return fit(x: x, y: y, weights: weights, level: level, isWeighted: true)
    }

    private static func fit(x: [Double], y: [Double], weights: [Double], level: Double, isWeighted: Bool) -> LinearFit? {
        let n = x.count
        guard n >= 3, level > 0, level < 1 else { return nil }
        var weightSum = 0.0
        var weightedX = 0.0
        var weightedY = 0.0
        for index in 0..<n {
            weightSum += weights[index]
            weightedX += weights[index] * x[index]
            weightedY += weights[index] * y[index]
        }
        let meanX = weightedX / weightSum
        let meanY = weightedY / weightSum

        var sxx = 0.0
        var sxy = 0.0
        for index in 0..<n {
            let dx = x[index] - meanX
            sxx += weights[index] * dx * dx
            sxy += weights[index] * dx * (y[index] - meanY)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        let intercept = meanY - slope * meanX

        var residualSumOfSquares = 0.0
        for index in 0..<n {
            let residual = y[index] - (intercept + slope * x[index])
            residualSumOfSquares += weights[index] * residual * residual
        }
        let degreesOfFreedom = n - 2
        let residualVariance = residualSumOfSquares / Double(degreesOfFreedom)
        let standardError = (residualVariance / sxx).squareRoot()
        let t = StudentTDistribution.quantile(0.5 + level / 2, degreesOfFreedom: Double(degreesOfFreedom))
        let halfWidth = t * standardError
        return LinearFit(
            intercept: intercept,
            slope: Estimate(value: slope, ciLow: slope - halfWidth, ciHigh: slope + halfWidth, level: level),
            slopeStandardError: standardError,
            residualStandardError: residualVariance.squareRoot(),
            degreesOfFreedom: degreesOfFreedom,
            pointCount: n,
            isWeighted: isWeighted)
    }
}
