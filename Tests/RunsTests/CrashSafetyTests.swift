// Faults injected into runs: a row cut short at every byte, a disk that is
// full, two sessions on one directory, a world too large for memory. Each
// gets a clear error or is recognised, and nothing half-written is counted.

import Foundation
import LSMModel
import Measurement
import ResultsFormat
import Runs
import Testing
import Timing

private let timer = CycleTimer(forcingClockGettime: "tests do not calibrate", overheadPairs: 100)

private func scratch() -> String {
    NSTemporaryDirectory() + "hookbench-crash-\(UInt64.random(in: 0...UInt64.max))"
}

private func tinySession(_ path: String) throws -> RunSession {
    let request = tinyRequest()
    var (options, _) = try request.options(topology: .current(), command: ["test"])
    options.sampling.minimumSampleNanoseconds = 2_000
    return try RunSession(directory: path, options: options, request: request, timer: timer)
}

private func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

@Suite(.serialized)
struct CrashSafetyTests {
    @Test func aRowCutShortAtAnyByteIsNeverCounted() throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try tinySession(path).run { _ in }
        let whole = try bytes(path + "/results.csv")
        let lastRowStart = whole.dropLast().lastIndex(of: UInt8(ascii: "\n"))! + 1
        // Every cut inside the last row, from its first byte to its newline.
        for cut in lastRowStart..<whole.count {
            try Data(whole[0..<cut]).write(to: URL(fileURLWithPath: path + "/results.csv"))
            let file = try ResultsDirectory(path).results()
            #expect(file.rows.count == 3, "cut at byte \(cut)")
            #expect(file.rows.allSatisfy { !$0["decisions_digest"].isEmpty && !$0["fingerprint"].isEmpty })
            #expect(file.incomplete.count == (cut == lastRowStart ? 0 : 1), "cut at byte \(cut)")
        }
    }

    @Test func aRowWithoutItsDigestIsIncompleteEvenWithANewline() throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try tinySession(path).run { _ in }
        var text = try String(contentsOfFile: path + "/results.csv", encoding: .utf8)
        let lines = text.split(separator: "\n")
        var row = ResultRow(Dictionary(uniqueKeysWithValues: zip(ResultsSchema.columns, try CSVFile.scan(bytes: Array(lines[1].utf8)).records[0].fields)))
        row["decisions_digest"] = ""
        text += try CSVFile.line(row.fields)  // a fresh, matching checksum: only the digest is missing
        try text.write(toFile: path + "/results.csv", atomically: true, encoding: .utf8)
        let file = try ResultsDirectory(path).results()
        #expect(file.rows.count == 4)
        #expect(file.incomplete.map(\.reason) == ["it has no decisions_digest"])
    }

    @Test func aResumedRunCutsTheTornRowAndMeasuresItAgain() throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try tinySession(path)
        var finished = 0
        first.stopRequested = { finished >= 2 }
        #expect(throws: RunError.self) { try first.run { if case .pointFinished = $0 { finished += 1 } } }
        // The crash: the second row loses its last 40 bytes (digest, note,
        // fingerprint, checksum and newline), as `head -c -40` would leave it.
        let results = path + "/results.csv"
        let whole = try bytes(results)
        try Data(whole.dropLast(40)).write(to: URL(fileURLWithPath: results))
        let torn = try ResultsDirectory(path).results()
        #expect(torn.rows.count == 1 && torn.incomplete.count == 1)
        let tornPoint = try #require(torn.incomplete.first?.point)

        let resumed = try RunSession(resuming: path, command: ["test"], timer: timer)
        #expect(resumed.discardedRows.count == 1)
        #expect(resumed.rows.count == 1)
        #expect(try bytes(results).last == UInt8(ascii: "\n"), "the torn tail is cut before anything is appended")
        var measured: [String] = []
        try resumed.run { if case .pointFinished(_, _, let row) = $0 { measured.append(row.pointKey) } }
        #expect(measured.count == 3 && measured.contains(tornPoint))

        let file = try ResultsDirectory(path).results()
        #expect(file.incomplete.isEmpty)
        #expect(file.rows.count == 4 && Set(file.rows.map(\.pointKey)).count == 4)
        // Samples: exactly those of the four rows, none of the discarded one twice.
        let samples = try ResultsDirectory(path).samples()
        for row in file.rows {
            let checks = samples[row.pointKey]?["check"]?.joined().count ?? 0
            #expect(checks == row.int("samples"), "\(row.pointKey)")
        }
    }

    @Test func aFullDiskIsAClearErrorAndNothingHalfWrittenStays() throws {
        let path = scratch()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // /dev/full fails every write with ENOSPC, as a full filesystem does.
        try FileManager.default.createSymbolicLink(atPath: path + "/samples.csv", withDestinationPath: "/dev/full")
        let session = try tinySession(path)
        #expect { try session.run { _ in } } throws: { error in
            let text = "\(error)"
            return text.contains("cannot append a line to \(path)/samples.csv: no space left on \(path)")
                && text.contains("nothing was measured yet and the run's files in \(path) were removed")
        }
        #expect(!FileManager.default.fileExists(atPath: path + "/results.csv"), "a run that measured nothing leaves no run behind")
        #expect(!FileManager.default.fileExists(atPath: path + "/run.lock"))
    }

    @Test func aFailedAppendLeavesOnlyWholeLines() throws {
        let path = scratch() + ".csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let appender = try DurableAppender(path: path, header: "a,b\n")
        try appender.append(line: "1,2\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n1,2\n")
        #expect(throws: ResultsWriteError.self) { try DurableAppender(path: "/dev/full", header: "a,b\n") }
        let error = ResultsWriteError(operation: "append a line to", path: "/mnt/r/results.csv", errno: ENOSPC)
        #expect(error.description == "cannot append a line to /mnt/r/results.csv: no space left on /mnt/r (the filesystem is full)")
    }

    @Test func aSecondSessionOnTheSameDirectoryIsRefused() throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try tinySession(path)
        #expect { try tinySession(path) } throws: { error in
            "\(error)".contains("is being written by another hookbench run (pid \(getpid()), started ")
        }
        try first.run { _ in }
        // Finished, but still held: a resume waits for the first session to end.
        #expect { try RunSession(resuming: path, command: ["test"], timer: timer) } throws: { error in
            "\(error)".contains("is being written by another hookbench run")
        }
        first.releaseDirectory()
        #expect { try tinySession(path) } throws: { error in "\(error)".contains("already holds a run") }
        let resumed = try RunSession(resuming: path, command: ["test"], timer: timer)
        #expect(resumed.rows.count == 4)
    }

    @Test func aWorldTooLargeForMemoryIsRefusedWithTheEstimate() {
        var request = tinyRequest()
        request.tasks = [8, 500_000]
        request.depths = [8]
        let problem = request.memoryProblem(availableBytes: 1 << 30)
        #expect(problem?.key == "tasks")
        #expect(problem?.message.contains("the world of 500000 tasks at depth 8 with 2 LSMs (1 namespaced) needs about ") == true)
        #expect(problem?.message.contains("and this machine has 1 GiB available (MemAvailable in /proc/meminfo)") == true)
        #expect(tinyRequest().memoryProblem(availableBytes: 1 << 30) == nil)
        #expect(tinyRequest().memoryProblem(availableBytes: nil) == nil)
    }

    @Test func tasksAndNamespacesHaveHardLimits() {
        var request = tinyRequest()
        request.tasks = [100_000_000]
        #expect(request.problems().map(\.message).contains("100000000 tasks is beyond the limit; valid task counts are 1 to 1000000"))
        request.tasks = [1_000_000]
        request.depths = [64]
        #expect(request.problems().contains { $0.message.contains("is 64000000 namespaces in one world; at most 16000000") })
    }

    @Test func theEstimateCoversWhatAWorldReallyUses() {
        // Peak RSS of release runs (hot, one repeat, one label, SELinux's
        // AVC bounds: every namespace has its own 4 KiB of slots), and the
        // estimate.
        let measured: [(tasks: Int, depth: Int, strategy: String, bytes: Int)] = [
            (20_000, 8, "hlist", 2_257_308 << 10), (20_000, 8, "ancestry", 2_361_128 << 10),
            (20_000, 8, "ns-table", 1_686_708 << 10), (2_000, 64, "ancestry", 2_008_112 << 10),
            (100_000, 0, "hlist", 192_232 << 10),
        ]
        for point in measured {
            let world = WorldSpec(lsms: 4, namespacedLSMs: 2, depth: point.depth, hook: 0, tasks: point.tasks, seed: 1)
            let estimate = WorldFootprint.estimatedBytes(world, strategies: [point.strategy])
            #expect(estimate >= point.bytes && estimate < point.bytes * 2, "\(point): estimated \(estimate)")
        }
    }
}
