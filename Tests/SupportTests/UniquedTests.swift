import Support
import Testing

struct UniquedTests {
    @Test func keepsFirstAppearances() {
        #expect(["b", "a", "b", "c", "a"].uniqued() == ["b", "a", "c"])
        #expect([3, 3, 3].uniqued() == [3])
        #expect([Int]().uniqued() == [])
        #expect([1, 2, 3].uniqued() == [1, 2, 3])
    }

    @Test func worksOnAnySequence() {
        #expect("hello".uniqued() == ["h", "e", "l", "o"])
        #expect((0..<10).lazy.map { $0 % 3 }.uniqued() == [0, 1, 2])
    }
}
