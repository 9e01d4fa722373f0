import SeededRandom
import Support
import Testing
@testable import Statistics

@Test func selectionMedianMatchesSortedMedian() {
    var generator = SeededGenerator(seed: 21)
    for trial in 0..<500 {
        let count = 1 + trial % 61
        // Few distinct values on odd trials to exercise ties.
        let values: [Double] = (0..<count).map { _ in
            trial % 2 == 0 ? generator.uniform(0...1) : Double(Int.random(in: 0..<4, using: &generator))
        }
        var scratch = values
        let selected = scratch.withUnsafeMutableBufferPointer {
            Selection.median($0.baseAddress!, count: count)
        }
        #expect(selected == values.median())
        #expect(scratch.sorted() == values.sorted())
    }
}

@Test func selectPlacesEveryRank() {
    var generator = SeededGenerator(seed: 22)
    let values = (0..<40).map { _ in generator.uniform(-1...1) }
    let sorted = values.sorted()
    for rank in 0..<values.count {
        var scratch = values
        scratch.withUnsafeMutableBufferPointer { Selection.select($0.baseAddress!, count: 40, rank: rank) }
        #expect(scratch[rank] == sorted[rank])
        #expect(scratch[..<rank].allSatisfy { $0 <= sorted[rank] })
        #expect(scratch[(rank + 1)...].allSatisfy { $0 >= sorted[rank] })
    }
}
