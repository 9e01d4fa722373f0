// Bad input through the real executable: a clear message naming the input
// and the fix, a non-zero exit, and nothing written.

import Foundation
import Testing

struct CommandResult {
    let status: Int32
    let output: String
}

func hookbench(_ arguments: [String]) throws -> CommandResult {
    // The test bundle sits beside the products in the build directory.
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var binary = directory.appendingPathComponent("hookbench")
    if !FileManager.default.fileExists(atPath: binary.path) {
        binary = directory.deletingLastPathComponent().appendingPathComponent("hookbench")
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}

private func scratch() -> String { NSTemporaryDirectory() + "hookbench-cli-\(UInt64.random(in: 0...UInt64.max))" }

struct BadInputTests {
    @Test(arguments: [
        (["run", "--strategies", "hlist,fast", "--out"], "unknown strategy 'fast'; valid strategies: hlist"),
        (["run", "--depths", "0,65", "--out"], "depth 65 is beyond the limit; valid depths are 0 to 64"),
        (["run", "--lsms", "15", "--out"], "valid values are 1 to 14"),
        (["run", "--target-ci", "tight", "--out"], "--target-ci: 'tight' is not a percentage"),
        (["run", "--max-time", "forever", "--out"], "--max-time: 'forever' is not a duration"),
        (["run", "--mem-node", "99", "--out"], "NUMA node 99 does not exist on this machine; nodes: "),
        (["run", "--events", "cycles::bogus::x", "--out"], "--events"),
        (["run", "--page-size", "1g", "--out"], "page size '1g' is not valid; choose 4k or thp"),
        (["run", "--tasks", "100000000", "--out"], "--tasks: 100000000 tasks is beyond the limit; valid task counts are 1 to 1000000"),
        (["run", "--tasks", "1000000", "--depths", "64", "--out"], "namespaces in one world; at most 16000000 are allowed"),
        (["verify", "--max-lsms", "0", "--seed"], "valid values are 1 to 14"),
    ])
    func refusesWithAClearError(arguments: [String], message: String) throws {
        let out = scratch()
        let result = try hookbench(arguments + [arguments.last == "--seed" ? "1" : out])
        #expect(result.status != 0)
        #expect(result.output.contains(message), "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing may be written")
    }

    @Test func anOutputDirectoryHoldingARunIsRefused() throws {
        let out = scratch()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: out) }
        try "schema_version\n".write(toFile: out + "/results.csv", atomically: true, encoding: .utf8)
        let result = try hookbench(["run", "--out", out])
        #expect(result.status != 0)
        #expect(result.output.contains("already holds a run"))
        #expect(try String(contentsOfFile: out + "/results.csv", encoding: .utf8) == "schema_version\n")
    }

    @Test(.enabled(if: numaNodeCount() == 1, "needs a single-node machine"))
    func remotePlacementOnOneNodeRunsNothingAndSaysWhy() throws {
        let out = scratch()
        let result = try hookbench(["run", "--numa", "remote", "--out", out])
        #expect(result.status == 0)
        #expect(result.output.contains("this machine has one NUMA node"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func listsEveryStrategy() throws {
        let result = try hookbench(["list", "strategies"])
        for name in ["hlist", "static-slots", "ancestry", "flattened", "ns-table", "label-vector", "global-avc",
                     "hlist-c", "hlist-c-retpoline", "label-vector-c", "global-avc-c"] {
            #expect(result.output.contains(name))
        }
        #expect(result.output.contains("7 designs:"))
    }
}

func numaNodeCount() -> Int {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/devices/system/node")) ?? []
    return max(1, entries.filter { $0.hasPrefix("node") && Int($0.dropFirst(4)) != nil }.count)
}

private func valgrindInstalled() -> Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/valgrind")
}

struct ExplainTests {
    @Test(.enabled(if: valgrindInstalled(), "needs valgrind (apt-get install valgrind)"))
    func countsInstructionsOfATwinPairAndTheyAgree() throws {
        let csv = scratch() + ".csv"
        defer { try? FileManager.default.removeItem(atPath: csv) }
        let result = try hookbench(["explain", "--strategies", "hlist,hlist-c", "--depths", "2", "--cache", "hot",
                                    "--tasks", "4", "--checks", "200", "--csv", csv])
        // The tests' binary is a debug build, where Swift is unoptimised and
        // the twins cannot agree; explain says so instead of failing.
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("hlist depth 2 hot throughput: "))
        #expect(result.output.contains(" vs hlist-c "))
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[0].contains("ir_per_check"))
        // A check of 4 LSMs at depth 2 runs well over a hundred instructions.
        let header = rows[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = try #require(header.firstIndex(of: "ir_per_check"))
        let instructions = Double(rows[1].split(separator: ",", omittingEmptySubsequences: false)[column]) ?? 0
        #expect(instructions > 100, "\(rows[1])")
    }

    @Test func badExplainInputIsRefused() throws {
        let result = try hookbench(["explain", "--depths", "99"])
        #expect(result.status != 0)
        #expect(result.output.contains("--depths: depth 99 is beyond the limit"))
    }
}
