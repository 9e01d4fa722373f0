import NUMA
import Testing

@Suite("CPU list notation")
struct CPUListTests {
    @Test("parses ranges and single CPUs", arguments: [
        ("0", [0]),
        ("0-3", [0, 1, 2, 3]),
        ("0-1,8,10-11\n", [0, 1, 8, 10, 11]),
        ("", []),
    ])
    func parses(text: String, expected: [Int]) {
        #expect(CPUList.parse(text) == expected)
    }

    @Test("rejects malformed lists", arguments: ["a", "3-1", "1,,2", "-1", "1-2-3"])
    func rejects(text: String) {
        #expect(CPUList.parse(text) == nil)
    }

    @Test("formats compactly and round-trips")
    func formats() {
        #expect(CPUList.format([5, 0, 1, 2, 7, 8]) == "0-2,5,7-8")
        #expect(CPUList.format([]) == "")
        #expect(CPUList.parse(CPUList.format([0, 2, 3, 4, 56, 57])) == [0, 2, 3, 4, 56, 57])
    }
}
