import Support
import Testing

struct MedianTests {
    @Test func emptyHasNoMedian() {
        #expect([Double]().median() == nil)
        #expect([1.0, 2][2...].median() == nil)
    }

    @Test func oddCountIsTheMiddleValue() {
        #expect([7.0].median() == 7)
        #expect([3.0, 1, 2].median() == 2)
        #expect([5.0, -1, 9, 3, 3].median() == 3)
    }

    @Test func evenCountIsHalfwayBetweenTheMiddleValues() {
        #expect([4.0, 1, 2, 3].median() == 2.5)
        #expect([4.0, 1, 3, 2].median() == 2.5)
        #expect([1.0, 2].median() == 1.5)
        #expect([-3.0, -1].median() == -2)
        #expect([2.0, 2, 5, 5].median() == 3.5)
    }

    @Test func orderOfInputDoesNotMatter() {
        let values = [0.3, 9.1, -2.5, 4.0, 4.0, 1e-9, 7.25, 3.5]
        #expect(values.median() == values.reversed().median())
        #expect(values.median() == values.sorted().median())
        #expect(values.median() == 3.75)
    }

    @Test func worksOnSlices() {
        let values = [9.0, 1, 2, 3, 9]
        #expect(values[1...3].median() == 2)
    }
}
