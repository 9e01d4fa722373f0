// The row note of a point bound to a node: flagged whenever the kernel's
// per-page answer does not put all of its memory there.

import Measurement
import ResultsFormat
import Runs
import Testing

@Test func everyPageOnTheNodeIsNotFlagged() {
    let record = PlacementRecord(cpuNode: 0, memNode: 1, fractionOnMemNode: 1, pageSize: "4k")
    #expect(ResultRow.misplacement(record) == nil)
}

@Test func pagesOffTheNodeAreFlagged() throws {
    // What mbind falling back to the heap looks like: the kernel reports
    // the pages on node 0 though node 1 was asked for.
    let record = PlacementRecord(cpuNode: 0, memNode: 1, fractionOnMemNode: 0, pageSize: "4k")
    let note = try #require(ResultRow.misplacement(record))
    #expect(note.hasPrefix(ResultRow.misplacedFlag))
    #expect(note.contains("only 0.0% of pages on node 1"))
}

@Test func aFewPagesOffTheNodeAreFlaggedToo() throws {
    let record = PlacementRecord(cpuNode: 1, memNode: 1, fractionOnMemNode: 0.9990, pageSize: "4k")
    let note = try #require(ResultRow.misplacement(record))
    #expect(note.contains("99.9% of pages on node 1"))
}

@Test func pagesThatCouldNotBeLocatedAreFlagged() throws {
    let record = PlacementRecord(cpuNode: nil, memNode: 1, fractionOnMemNode: nil, pageSize: "4k")
    let note = try #require(ResultRow.misplacement(record))
    #expect(note.contains("could not say where the pages are"))
}

@Test func unplacedPointsAreNeverFlagged() {
    let record = PlacementRecord(cpuNode: 0, memNode: nil, fractionOnMemNode: nil, pageSize: "")
    #expect(ResultRow.misplacement(record) == nil)
}

@Test func theLeastPlacedRepeatSpeaksForThePoint() {
    let placed = PlacementRecord(cpuNode: 0, memNode: 1, fractionOnMemNode: 1, pageSize: "4k")
    let misplaced = PlacementRecord(cpuNode: 0, memNode: 1, fractionOnMemNode: 0.5, pageSize: "4k")
    let unknown = PlacementRecord(cpuNode: 0, memNode: 1, fractionOnMemNode: nil, pageSize: "4k")
    #expect(PointRunner.worstPlacement([misplaced, placed])?.fractionOnMemNode == 0.5)
    #expect(PointRunner.worstPlacement([placed, unknown, misplaced])?.fractionOnMemNode == nil)
    #expect(PointRunner.worstPlacement([]) == nil)
}
