// A point whose memory the kernel found off its node is named in the
// summary's notes, never left to pass as the placement it was asked for.

import Reports
import Testing

@Test func summaryNamesPointsWhoseMemoryWasNotOnTheirNode() throws {
    var synthetic = SyntheticRun()
    synthetic.strategies = ["hlist", "ancestry"]
    synthetic.depths = [0, 8]
    synthetic.caches = ["hot"]
    synthetic.placements = [(0, 0), (0, 1)]
    synthetic.samplesPerRepeat = 10
    synthetic.fractionOnNode = { _, memory in memory == 1 ? "0.0000" : "1.0000" }
    let path = try synthetic.write(to: SyntheticRun.temporaryDirectory("misplaced"))
    let text = SummaryReport(run: try RunData.load(path)).text()
    #expect(text.contains("MISPLACED MEMORY at 4 points"))
}

@Test func summarySaysNothingOfMisplacementWhenEveryPageIsOnItsNode() throws {
    var synthetic = SyntheticRun()
    synthetic.strategies = ["hlist"]
    synthetic.depths = [0]
    synthetic.caches = ["hot"]
    synthetic.placements = [(0, 0), (0, 1)]
    synthetic.samplesPerRepeat = 10
    let path = try synthetic.write(to: SyntheticRun.temporaryDirectory("placed"))
    let text = SummaryReport(run: try RunData.load(path)).text()
    #expect(!text.contains("MISPLACED"))
}
