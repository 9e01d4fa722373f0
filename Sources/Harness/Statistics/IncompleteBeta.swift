// The regularized incomplete beta function I_x(a, b), which gives Student
// t tail probabilities. Evaluated with its continued fraction (Abramowitz &
// Stegun, section 26.5) by the modified Lentz method, on whichever side of the
// symmetry I_x(a, b) = 1 - I_{1-x}(b, a) makes the fraction converge fast.

extension Elementary {
    /// I_x(a, b) for 0 <= x <= 1, a, b > 0.
    ///
    /// x, 1 - x and their logarithms are all taken from the caller, who
    /// can often compute them more precisely than they can be recovered
    /// from a rounded x: with a = 5e8 and x = 1 - 4e-9, the rounding of x
    /// alone would put an error of 6e-8 into a ln x. `logBeta` is ln B(a, b).
    static func regularizedIncompleteBeta(
        x: Double, oneMinusX: Double, logX: Double, logOneMinusX: Double,
        a: Double, b: Double, logBeta: Double
    ) -> Double {
        if x <= 0 { return 0 }
        if oneMinusX <= 0 { return 1 }
        let logFront = a * logX + b * logOneMinusX - logBeta
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(x: oneMinusX, a: b, b: a) / b
    }

    /// The continued fraction 1 / (1 + d1 / (1 + d2 / (1 + ...))) with
    /// d(2m+1) = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and
    /// d(2m) = m(b-m)x / ((a+2m-1)(a+2m)). It needs O(sqrt(max(a, b)))
    /// terms, hence the iteration limit grows with the parameters.
    private static func betaContinuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        let iterationLimit = 1_000 + Int(10 * max(a, b).squareRoot())
        let sum = a + b
        var c = 1.0
        var d = 1 - sum * x / (a + 1)
        if d.magnitude < tiny { d = tiny }
        d = 1 / d
        var fraction = d
        var m = 1
        while m <= iterationLimit {
            let mDouble = Double(m)
            let twoM = 2 * mDouble
            let even = mDouble * (b - mDouble) * x / ((a - 1 + twoM) * (a + twoM))
            d = 1 + even * d
            if d.magnitude < tiny { d = tiny }
            c = 1 + even / c
            if c.magnitude < tiny { c = tiny }
            d = 1 / d
            fraction *= d * c
            let odd = -(a + mDouble) * (sum + mDouble) * x / ((a + twoM) * (a + 1 + twoM))
            d = 1 + odd * d
            if d.magnitude < tiny { d = tiny }
            c = 1 + odd / c
            if c.magnitude < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            fraction *= step
            if (step - 1).magnitude < epsilon { break }
            m += 1
        }
        return fraction
    }
}
