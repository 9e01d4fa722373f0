// Faults a run meets through the real executable: a full filesystem, a
// second run into the same directory, a results.csv whose last row a crash
// cut short. Each gets a clear message and a non-zero exit, never a trap,
// and what is left behind is either resumable or nothing.

import Foundation
import Testing

private func scratch() -> String { NSTemporaryDirectory() + "hookbench-fault-\(UInt64.random(in: 0...UInt64.max))" }

private let tinyRun = ["run", "--strategies", "hlist", "--depths", "0", "--cache", "hot", "--max-time", "0.1",
                       "--repeats", "1", "--calibration-size", "0", "--events", "none", "--quiet"]

/// Runs a shell command, true when it exits 0.
@discardableResult
private func shell(_ command: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command + " >/dev/null 2>&1"]
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}

/// A 32 KiB tmpfs (meta.json alone is about 8 KiB), when this process may mount one (root, mount allowed).
private let smallFilesystem: String? = {
    guard getuid() == 0 else { return nil }
    let mountPoint = scratch()
    try? FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
    guard shell("mount -t tmpfs -o size=32k tmpfs \(mountPoint)") else {
        try? FileManager.default.removeItem(atPath: mountPoint)
        return nil
    }
    return mountPoint
}()

@Suite(.serialized)
struct FaultTests {
    @Test(.enabled(if: smallFilesystem != nil, "needs root and a tmpfs mount (mount -t tmpfs) to fill a filesystem"))
    func aFullFilesystemIsAClearErrorNotATrap() throws {
        let mountPoint = try #require(smallFilesystem)
        defer {
            shell("umount \(mountPoint)")
            try? FileManager.default.removeItem(atPath: mountPoint)
        }
        let out = mountPoint + "/r"
        let result = try hookbench(["run", "--strategies", "hlist", "--depths", "0,1,2,3,4,5,6,7", "--cache", "hot",
                                    "--max-time", "0.1", "--repeats", "1", "--calibration-size", "0", "--events", "none",
                                    "--quiet", "--out", out])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("no space left on \(out) (the filesystem is full)"), "\(result.output)")
        #expect(!result.output.contains("Fatal error"))
        // Either nothing is left, or a directory that resumes with whole rows.
        if FileManager.default.fileExists(atPath: out + "/results.csv") {
            #expect(result.output.contains("continue with: hookbench run --resume \(out)"))
            let text = try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
            #expect(text.hasSuffix("\n"))
        } else {
            #expect(result.output.contains("nothing was measured yet"))
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/meta.json.partial"))
    }

    @Test func aSecondRunIntoTheSameDirectoryIsRefused() throws {
        let out = scratch()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var binary = directory.appendingPathComponent("hookbench")
        if !FileManager.default.fileExists(atPath: binary.path) {
            binary = directory.deletingLastPathComponent().appendingPathComponent("hookbench")
        }
        let first = Process()
        first.executableURL = binary
        first.arguments = ["run", "--strategies", "hlist", "--depths", "0,1,2,3", "--cache", "hot", "--max-time", "1",
                           "--repeats", "1", "--calibration-size", "0", "--events", "none", "--quiet", "--out", out]
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { first.terminate(); first.waitUntilExit() }
        // Wait until the first run holds the directory.
        let deadline = Date().addingTimeInterval(30)
        while !((try? String(contentsOfFile: out + "/run.lock", encoding: .utf8))?.contains("pid") ?? false) && Date() < deadline {
            usleep(20_000)
        }
        let second = try hookbench(tinyRun + ["--out", out])
        #expect(second.status != 0)
        #expect(second.output.contains("\(out) is being written by another hookbench run (pid \(first.processIdentifier), started "),
                "\(second.output)")
        let resumed = try hookbench(["run", "--resume", out])
        #expect(resumed.status != 0)
        #expect(resumed.output.contains("is being written by another hookbench run (pid \(first.processIdentifier)"), "\(resumed.output)")
    }

    @Test func aCutRowIsDiscardedByResumeAndFlaggedByReport() throws {
        let out = scratch()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try hookbench(["run", "--strategies", "hlist", "--depths", "0,1", "--cache", "hot", "--max-time", "0.1",
                                 "--repeats", "1", "--calibration-size", "0", "--events", "none", "--quiet", "--out", out])
        #expect(run.status == 0, "\(run.output)")
        let results = out + "/results.csv"
        let whole = try Data(contentsOf: URL(fileURLWithPath: results))
        try whole.dropLast(40).write(to: URL(fileURLWithPath: results))

        let report = try hookbench(["report", out])
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.contains("warning: \(results) line 3: incomplete row for point hlist|"), "\(report.output)")
        #expect(report.output.contains("left out (resume the run to measure it again: hookbench run --resume \(out))"))

        let merged = try hookbench(["merge", out, out, "--out", out + "-merged"])
        #expect(merged.status != 0)
        #expect(merged.output.contains("holds a row that is not whole"), "\(merged.output)")

        let resumed = try hookbench(["run", "--resume", out, "--quiet"])
        #expect(resumed.status == 0, "\(resumed.output)")
        #expect(resumed.output.contains("discarded \(results) line 3: incomplete row for point hlist|"), "\(resumed.output)")
        #expect(resumed.output.contains("resuming \(out): 1 of 2 points already measured"), "\(resumed.output)")
        let again = try hookbench(["report", out])
        #expect(again.status == 0 && !again.output.contains("incomplete row"), "\(again.output)")
        let rows = try String(contentsOfFile: results, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 3)
    }
}
