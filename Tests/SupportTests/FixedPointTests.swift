import Support
import Testing

struct FixedPointTests {
    @Test(arguments: [
        (1.0, 2, "1.00"), (0.125, 2, "0.13"), (-0.125, 2, "-0.13"), (-0.001, 2, "0.00"),
        (12345.678, 0, "12346"), (2.5, 0, "3"), (0.0004, 3, "0.000"),
        (1.005, 1, "1.0"), (12.345, 0, "12"), (-2.5, 1, "-2.5"), (99.999, 2, "100.00"), (0, 0, "0"),
    ])
    func roundsHalfAwayFromZero(value: Double, decimals: Int, text: String) {
        #expect(FixedPoint.text(value, decimals: decimals) == text)
        #expect(FixedPoint.csvCell(value, decimals: decimals) == text)
    }

    @Test func hugeValuesKeepTheirMagnitude() {
        #expect(FixedPoint.text(1e20, decimals: 2) == "1e+20")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteIsNotAvailableInTextAndEmptyInCSV(value: Double) {
        #expect(FixedPoint.text(value, decimals: 2) == "n/a")
        #expect(FixedPoint.text(value, decimals: 2) == FixedPoint.notAvailable)
        #expect(FixedPoint.csvCell(value, decimals: 2) == "")
        #expect(FixedPoint.percent(ofFraction: value) == "n/a")
    }

    @Test func percentOfAFraction() {
        #expect(FixedPoint.percent(ofFraction: 0.25) == "25.0%")
        #expect(FixedPoint.percent(ofFraction: 1) == "100.0%")
        #expect(FixedPoint.percent(ofFraction: 0.01234, decimals: 2) == "1.23%")
        #expect(FixedPoint.percent(ofFraction: 0) == "0.0%")
    }
}
