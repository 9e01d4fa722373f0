import Foundation
import LSMModel
import Measurement
import Reports
import ResultsFormat
import Runs
import Testing
import Timing

private func tinyOptions(strategies: [String] = ["hlist", "ns-table"]) -> RunOptions {
    let axes = RunAxes(strategies: strategies, depths: [0, 2], lsms: [2], namespacedLSMs: [1], hooks: [1],
                       tasks: [8], modes: [.throughput], caches: [.hot], seed: 4)
    var sampling = SamplingPlan()
    sampling.maxSecondsPerPoint = 0.03
    sampling.repeats = 2
    sampling.minimumSampleNanoseconds = 2_000
    sampling.warmupSeconds = 0.001
    return RunOptions(axes: axes, sampling: sampling, command: ["test"])
}

private func temporaryDirectory() -> String {
    NSTemporaryDirectory() + "hookbench-runs-\(UInt64.random(in: 0...UInt64.max))"
}

private let timer = CycleTimer(forcingClockGettime: "tests do not calibrate", overheadPairs: 100)

struct RunAxesTests {
    @Test func pointsAreTheCrossProduct() {
        var axes = tinyOptions().axes
        #expect(axes.points.count == 2 * 2)
        axes.lsms = [1, 2]
        // One namespaced LSM fits in a stack of 1 and of 2.
        #expect(axes.points.count == 2 * 2 * 2)
        axes.namespacedLSMs = [2]
        #expect(axes.points.count == 2 * 2, "stacks smaller than the namespaced count are skipped")
    }

    @Test func coldPointsAreLatenciesMeasuredOnce() {
        var axes = tinyOptions().axes
        axes.caches = [.hot, .cold]
        axes.modes = [.throughput, .latency]
        let points = axes.points
        #expect(points.filter { $0.cache == .hot }.count == 2 * 2 * 2)
        #expect(points.filter { $0.cache == .cold }.count == 2 * 2, "one cold point per strategy and depth")
        #expect(points.filter { $0.cache == .cold }.allSatisfy { $0.mode == .latency })
        axes.modes = [.throughput]
        #expect(axes.points.filter { $0.cache == .cold }.allSatisfy { $0.mode == .latency })
    }
}

struct RunRequestProblemTests {
    @Test func problemsNameTheFieldTheValueAndTheValidRange() {
        var request = RunRequest.defaults
        request.strategies = ["hlist", "bogus"]
        request.depths = [65]
        request.lsms = [0, 15]
        let problems = request.problems()
        let text = problems.map(\.message).joined(separator: "\n")
        #expect(text.contains("unknown strategy 'bogus'; valid strategies: hlist"))
        #expect(text.contains("depth 65 is beyond the limit; valid depths are 0 to 64"))
        #expect(text.contains("0 LSMs is not a possible stack; valid values are 1 to 14"))
        #expect(text.contains("15 LSMs"))
        #expect(Set(problems.map(\.key)) == ["strategies", "depths", "lsms"])
        #expect(RunRequest.defaults.problems().isEmpty)
    }
}

@Suite(.serialized)
struct RunSessionTests {
    @Test func aRunWritesEveryColumnOfEveryRowAndItsSamples() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = try RunSession(directory: path, options: tinyOptions(), timer: timer)
        var finished = 0
        try session.run { if case .pointFinished = $0 { finished += 1 } }
        #expect(finished == 4)
        let (header, rows) = try CSVFile.read(path + "/results.csv")
        #expect(header == ResultsSchema.columns)
        #expect(rows.count == 4)
        for row in rows {
            #expect(row.count == ResultsSchema.columns.count)
            #expect(Double(row["ns_per_check"]!) != nil)
            #expect(row["decisions_digest"]!.count == 16)
            #expect(row["fingerprint"]!.count == 12)
        }
        // Same world and calls: the same digest for both strategies.
        let byDepth = Dictionary(grouping: rows, by: { $0["depth"]! })
        for (_, group) in byDepth { #expect(Set(group.map { $0["decisions_digest"]! }).count == 1) }
        let samples = try ResultsDirectory(path).samples()
        #expect(samples.count == 4)
        let meta = try RunMetadata.read(path + "/meta.json")
        #expect(meta.completedPoints == 4 && meta.finished != nil && meta.machine != nil)
    }

    @Test func aDirectoryHoldingARunIsNeverOverwritten() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try "existing".write(toFile: path + "/results.csv", atomically: true, encoding: .utf8)
        #expect { try RunSession(directory: path, options: tinyOptions(), timer: timer) } throws: { error in
            "\(error)".contains("already holds a run")
        }
        #expect(try String(contentsOfFile: path + "/results.csv", encoding: .utf8) == "existing")
    }

    @Test func anInterruptedRunKeepsItsPointsAndResumesWhereItStopped() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = try RunSession(directory: path, options: tinyOptions(), request: tinyRequest(), timer: timer)
        var finished = 0
        session.stopRequested = { finished >= 2 }
        #expect { try session.run { if case .pointFinished = $0 { finished += 1 } } } throws: { error in
            "\(error)".contains("stopped after 2 of 4 points")
        }
        #expect(try ResultsDirectory(path).rows().count == 2)
        #expect(try RunMetadata.read(path + "/meta.json").interrupted != nil)

        let resumed = try RunSession(resuming: path, command: ["test"], timer: timer)
        var measured: [String] = []
        try resumed.run { if case .pointFinished(_, _, let row) = $0 { measured.append(row.pointKey) } }
        #expect(measured.count == 2, "only the missing points are measured")
        let rows = try ResultsDirectory(path).rows()
        #expect(rows.count == 4 && Set(rows.map(\.pointKey)).count == 4)
        let meta = try RunMetadata.read(path + "/meta.json")
        #expect(meta.interrupted == nil && meta.resumed?.count == 1 && meta.finished != nil)
    }

    @Test func softwareCountersFillTheCountersFile() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = tinyOptions(strategies: ["hlist"])
        options.events = try CounterEventsForTests.software()
        let session = try RunSession(directory: path, options: options, timer: timer)
        try session.run { _ in }
        let (_, rows) = try CSVFile.read(path + "/counters.csv")
        let taskClock = rows.filter { $0["event"] == "perf::TASK-CLOCK" }
        #expect(taskClock.count == 2)
        for row in taskClock {
            // CPU time per check is positive; its size is not asserted.
            #expect((Double(row["per_check"]!) ?? 0) > 0)
            #expect(row["coverage"] == "1.0000")
        }
        #expect(session.metadata.counters?.counted == ["perf::TASK-CLOCK", "perf::PAGE-FAULTS"])
    }

    @Test func churnReadersAreCountedOnTheirOwnThreads() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = tinyOptions(strategies: ["hlist"])
        options.axes.depths = [2]
        options.axes.churn = [ChurnSpec(readers: 2, writeRate: .perSecond(1000), placement: .spread)]
        options.events = try CounterEventsForTests.software()
        let session = try RunSession(directory: path, options: options, timer: timer)
        try session.run { _ in }
        let (_, rows) = try CSVFile.read(path + "/counters.csv")
        let taskClock = try #require(rows.first { $0["event"] == "perf::TASK-CLOCK" },
                                     "the measuring thread only waits: without the readers' own groups there is no count")
        // The readers' CPU time per check is positive; its size is not asserted.
        #expect((Double(taskClock["per_check"]!) ?? 0) > 0)
        let notes = try #require(session.rows.first?["note"])
        #expect(notes.contains("each reader counted on its own thread"))
    }
}
