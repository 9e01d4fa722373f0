import Support
import Testing

struct FixedPointTests {
    @Test(arguments: [
        (1.0, 2, "1.00"), (0.125, 2, "0.13"), (-0.125, 2, "-0.13"), (-0.001, 2, "0.00"),
        (12345.678, 0, "12346"), (2.5, 0, "3"), (0.0004, 3, "0.000"),
    ])
    func roundsHalfAwayFromZero(value: Double, decimals: Int, text: String) {
        #expect(FixedPoint.text(value, decimals: decimals) == text)
    }

    @Test func nonFiniteValuesHaveNoDigits() {
        #expect(FixedPoint.text(.nan, decimals: 2) == nil)
        #expect(FixedPoint.text(.infinity, decimals: 2) == nil)
    }
}
