import Foundation
import LSMModel
import Measurement
import Reports
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

    @Test func problemsNameTheValueAndTheValidRange() {
        var axes = tinyOptions().axes
        axes.strategies = ["hlist", "bogus"]
        axes.depths = [65]
        axes.lsms = [0, 15]
        let problems = axes.problems().joined(separator: "\n")
        #expect(problems.contains("unknown strategy 'bogus'; valid strategies: hlist"))
        #expect(problems.contains("depth 65 is beyond the limit; valid depths are 0 to 64"))
        #expect(problems.contains("0 LSMs is not a possible stack; valid values are 1 to 14"))
        #expect(problems.contains("15 LSMs"))
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
}
