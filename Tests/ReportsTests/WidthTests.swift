// Every report line must fit in 72 columns, the limit of plain-text
// mailing-list email, whatever the run looks like.

import Foundation
import LSMModel
import Measurement
import PerfCounters
import Reports
import Runs
import Testing
import Timing

private func expectNarrow(_ text: String, _ what: String) {
    let long = TextLayout.overlongLines(text)
    #expect(long.isEmpty, "\(what) has lines over 72 columns: \(long)")
    #expect(text.utf8.allSatisfy { $0 < 128 }, "\(what) is not plain ASCII")
}

@Test func syntheticSummaryFitsSeventyTwoColumns() throws {
    var synthetic = SyntheticRun()
    synthetic.depths = [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32]
    synthetic.fillCounters = true
    synthetic.placements = [(0, 0), (0, 1)]
    synthetic.modes = ["throughput", "latency"]
    synthetic.withMachine = true
    synthetic.withCalibration = true
    synthetic.strategies = ["hlist", "static-slots", "ancestry", "flattened", "ns-table", "hlist-c", "static-slots-c", "ancestry-c"]
    synthetic.samplesPerRepeat = 15
    let path = try synthetic.write(to: SyntheticRun.temporaryDirectory("wide"))
    let text = SummaryReport(run: try RunData.load(path)).text()
    expectNarrow(text, "summary")
    #expect(text.contains("Counters per check"))
    #expect(text.contains("memory node 1"))
    #expect(text.contains("Xeon Gold 6348"))
    // Eleven depths do not fit one 72-column table: the table continues.
    #expect(text.contains("depth 32"))
    #expect(text.components(separatedBy: "\nstrategy ").count > 2 * 8)
}

@Test func summaryWithoutMetadataOrSamplesStillFits() throws {
    var synthetic = SyntheticRun()
    synthetic.withMetadata = false
    let path = try synthetic.write(to: SyntheticRun.temporaryDirectory("bare"))
    try FileManager.default.removeItem(atPath: path + "/samples.csv")
    let text = SummaryReport(run: try RunData.load(path)).text()
    expectNarrow(text, "summary")
    #expect(text.contains("meta.json is absent"))
    #expect(text.contains("Verdicts: none (samples.csv is absent)"))
    #expect(text.contains("Machine: host synth"))
}

@Test func realRunSummaryAndComparisonFit() throws {
    let path = SyntheticRun.temporaryDirectory("real") + "/out"
    let options = tinyRunOptions(strategies: ["hlist", "ancestry", "hlist-c"], depths: [0, 1, 2])
    let session = try RunSession(directory: path, options: options, timer: CycleTimer.calibrate())
    try session.run { _ in }
    let run = try RunData.load(path)
    #expect(run.rows.count == 9)
    expectNarrow(SummaryReport(run: run).text(), "summary of a real run")
    expectNarrow(try Comparison.withinRun(run, baseline: "hlist").text(failAbove: 5), "comparison of a real run")
}

@Test func wrappingNeverExceedsTheWidth() {
    let long = String(repeating: "x", count: 200)
    for line in TextLayout.wrap("a point key \(long) and more words", indent: "  ", continuation: "    ") {
        #expect(line.count <= 72)
    }
    #expect(TextLayout.wrap("hlist         4.38+-0.62 ns", indent: "  ") == ["  hlist         4.38+-0.62 ns"])
}

@Test func softwareEventsAppearInTheSummary() throws {
    let path = SyntheticRun.temporaryDirectory("events") + "/out"
    var options = tinyRunOptions(strategies: ["hlist"], depths: [0, 2])
    options.events = try CounterEvent.resolve("perf::TASK-CLOCK")
    let session = try RunSession(directory: path, options: options, timer: CycleTimer.calibrate())
    try session.run { _ in }
    let text = SummaryReport(run: try RunData.load(path)).text()
    #expect(text.contains("Events per check, net of baseline (counters.csv):"))
    #expect(text.contains("task-clock"))
    #expect(!text.contains("Counters: none recorded"))
    expectNarrow(text, "summary with software events")
}

/// A real run small enough for a test: hot cache, a few samples per repeat.
private func tinyRunOptions(strategies: [String], depths: [Int]) -> RunOptions {
    let axes = RunAxes(strategies: strategies, depths: depths, lsms: [2], namespacedLSMs: [1],
                       hooks: [HookCatalogue.id(named: "file_open")!], tasks: [8], modes: [.throughput],
                       caches: [.hot], seed: 1)
    var sampling = SamplingPlan()
    sampling.maxSecondsPerPoint = 0.02
    sampling.repeats = 2
    sampling.minimumSamples = 5
    sampling.warmupSeconds = 0.001
    return RunOptions(axes: axes, sampling: sampling, command: ["test"])
}
