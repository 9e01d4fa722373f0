// Results directories written from known numbers, so tests can check what
// the reports say about them. Each sample is baseline + true cost times a
// small right-skewed noise factor, drawn from a seeded generator.

import Foundation
import Reports
import ResultsFormat
import SeededRandom

struct SyntheticRun {
    var runID = "20260101-000000-synth"
    var host = "synth"
    var strategies = ["hlist", "ancestry", "flattened", "hlist-c"]
    var depths = [0, 1, 2, 4, 8]
    var caches = ["hot", "cold"]
    var modes = ["throughput"]
    /// As hookbench measures them: cold points only in latency mode.
    var coldOnlyInLatency = false
    /// (cpu node, memory node) per point; empty leaves the columns empty.
    var placements: [(cpu: Int, memory: Int)] = []
    /// mem_on_node_fraction written for a placement (every page on the node by default).
    var fractionOnNode: (_ cpu: Int, _ memory: Int) -> String = { _, _ in "1.0000" }
    /// Object label counts, one set of points each (skew zipf:1.0); empty
    /// leaves the columns empty, as a run from before labels.
    var labelCounts: [Int] = []
    /// Churn points' write rates (empty: every point on one thread).
    var writeRates: [String] = []
    var fillCounters = false
    var withMetadata = true
    var withMachine = false
    var withCalibration = false
    var repeats = 3
    var samplesPerRepeat = 40
    var seed: UInt64 = 7
    var baselineNanoseconds = 2.5
    /// Events asked for and why each is missing (meta.json's counters
    /// record); nil keeps the default, one event refused for EACCES.
    var missingEvents: (requested: [String], reasons: [String])?
    var warnings: [String] = []
    /// Net ns/check at a point: by default a line in depth, slower for
    /// hlist-like strategies, much slower when cold.
    var cost: (_ strategy: String, _ depth: Int, _ cache: String) -> Double = { strategy, depth, cache in
        let perLevel: Double = strategy == "flattened" ? 0 : (strategy == "ancestry" ? 2 : 4)
        let scale = cache == "cold" ? 50.0 : 1.0
        return scale * (5 + perLevel * Double(depth))
    }

    static func temporaryDirectory(_ name: String = "run") -> String {
        let path = FileManager.default.temporaryDirectory.path + "/hookbench-reports-\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A noise factor near 1 with a long right tail, like timings.
    static func noise(_ generator: inout SeededGenerator) -> Double {
        var normal = 0.0
        for _ in 0..<12 { normal += Double.random(in: 0..<1, using: &generator) }
        normal -= 6
        return 0.99 + 0.01 * normal * normal
    }

    @discardableResult
    func write(to path: String) throws -> String {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let directory = ResultsDirectory(path)
        var generator = SeededGenerator(seed: seed)
        var results = try CSVFile.line(ResultsSchema.columns)
        var samples = try CSVFile.line(ResultsDirectory.sampleColumns)
        let placementList: [(cpu: Int, memory: Int)?] = placements.isEmpty ? [nil] : placements.map { $0 }
        var points = 0
        let labelList: [Int?] = labelCounts.isEmpty ? [nil] : labelCounts.map { $0 }
        let rateList: [String?] = writeRates.isEmpty ? [nil] : writeRates.map { $0 }
        for placement in placementList {
          for labels in labelList {
          for rate in rateList {
            for depth in depths {
                for mode in modes {
                    for cache in caches where !(coldOnlyInLatency && cache == "cold" && mode != "latency") {
                        for strategy in strategies {
                            var row = ResultRow()
                            row["schema_version"] = ResultsSchema.version
                            row["run_id"] = runID
                            row["host"] = host
                            row["strategy"] = strategy
                            row["impl"] = strategy.hasSuffix("-c") ? "c" : "swift"
                            row["lsms"] = "4"
                            row["namespaced_lsms"] = "2"
                            row["depth"] = "\(depth)"
                            row["hook"] = "file_open"
                            row["tasks"] = "64"
                            row["working_set_bytes"] = "\(1024 * (depth + 1))"
                            row["mode"] = mode
                            row["cache"] = cache
                            row["threads"] = "1"
                            if let labels {
                                row["labels"] = "\(labels)"
                                row["skew"] = "zipf:1.0"
                                row["avc"] = "512:512:16"
                            }
                            if let rate {
                                row["write_rate"] = rate
                                row["thread_placement"] = "spread"
                            }
                            if let placement {
                                row["cpu_node"] = "\(placement.cpu)"
                                row["mem_node"] = "\(placement.memory)"
                                row["mem_on_node_fraction"] = fractionOnNode(placement.cpu, placement.memory)
                                row["page_size"] = "4K"
                            }
                            let remote = placement.map { $0.cpu != $0.memory } ?? false
                            let truth = cost(strategy, depth, cache) * (remote ? 1.6 : 1)
                            row["samples"] = "\(repeats * samplesPerRepeat)"
                            row["checks_per_sample"] = "4096"
                            row["ns_per_check"] = ResultRow.number(truth)
                            row["ns_ci_low"] = ResultRow.number(truth * 0.99)
                            row["ns_ci_high"] = ResultRow.number(truth * 1.01)
                            row["ns_mean"] = ResultRow.number(truth * 1.01)
                            row["ns_stddev"] = ResultRow.number(truth * 0.02)
                            row["baseline_ns"] = ResultRow.number(baselineNanoseconds)
                            if fillCounters {
                                row["cycles_per_check"] = ResultRow.number(truth * 2.6)
                                row["instructions_per_check"] = ResultRow.number(20 + 9 * Double(depth))
                                row["l1d_misses_per_check"] = ResultRow.number(cache == "cold" ? 3 + Double(depth) : 0.01)
                                row["llc_misses_per_check"] = ResultRow.number(cache == "cold" ? 3 + Double(depth) : 0)
                                row["dtlb_misses_per_check"] = ResultRow.number(0.02)
                                row["branch_misses_per_check"] = ResultRow.number(0.001)
                                row["counter_coverage"] = "0.7500"
                            }
                            row["decisions_digest"] = "00000000000000\(depth)\(cache.count)"
                            row["note"] = "repeat medians \(ResultRow.number(truth)) ns (spread 1.5%)"
                            row["fingerprint"] = "0123456789ab"
                            results += try CSVFile.line(row.fields)
                            points += 1
                            for r in 0..<repeats {
                                for _ in 0..<samplesPerRepeat {
                                    let check = baselineNanoseconds + truth * Self.noise(&generator)
                                    let baseline = baselineNanoseconds * Self.noise(&generator)
                                    samples += try CSVFile.line([row.pointKey, "\(r)", "check", ResultRow.number(check, digits: 4)])
                                    samples += try CSVFile.line([row.pointKey, "\(r)", "baseline", ResultRow.number(baseline, digits: 4)])
                                }
                            }
                        }
                    }
                }
            }
          }
          }
        }
        try results.write(toFile: directory.resultsPath, atomically: true, encoding: .utf8)
        try samples.write(toFile: directory.samplesPath, atomically: true, encoding: .utf8)
        if withMetadata { try metadata(points: points).json().write(toFile: directory.metaPath, atomically: true, encoding: .utf8) }
        if withCalibration { try calibration.write(toFile: path + "/calibration.csv", atomically: true, encoding: .utf8) }
        return path
    }

    func metadata(points: Int) -> RunMetadata {
        var metadata = RunMetadata(
            runID: runID, host: host, revision: "test-revision", command: ["hookbench", "run"], started: "2026-01-01T00:00:00Z",
            configuration: ["strategies": strategies.joined(separator: ","), "depths": depths.map(String.init).joined(separator: ","),
                            "lsms": "4", "namespaced_lsms": "2", "hooks": "file_open", "tasks": "64",
                            "caches": caches.joined(separator: ","), "modes": modes.joined(separator: ","),
                            "repeats": "\(repeats)", "target_ci": "0.01", "max_time_s": "4", "seed": "\(seed)"],
            plannedPoints: points,
            timer: .init(source: "tsc", ticksPerNanosecond: 2.6, overheadNanoseconds: 20, calibrationSpread: 0, fallbackReason: nil))
        metadata.completedPoints = points
        metadata.finished = "2026-01-01T00:10:00Z"
        if withMachine {
            metadata.machine = MachineRecord(
                summary: "Xeon Gold 6348 x2 sockets, 56c/112t, 2 nodes, 6.8.0, tsc, governor performance, THP madvise",
                json: #"{"caches":{"value":[{"level":1,"type":"Data","sizeBytes":49152,"instances":56},"#
                    + #"{"level":1,"type":"Instruction","sizeBytes":32768,"instances":56},"#
                    + #"{"level":2,"type":"Unified","sizeBytes":1310720,"instances":56},"#
                    + #"{"level":3,"type":"Unified","sizeBytes":44040192,"instances":2}]}}"#)
        }
        metadata.counters = .init(requested: ["cycles", "instructions"], counted: fillCounters ? ["cycles", "instructions"] : [],
                                  unavailable: fillCounters ? [] : ["cycles: perf_event_open failed with EACCES; set kernel.perf_event_paranoid to 1 or run as root, which lets hookbench count hardware events for this process"])
        if let missingEvents {
            metadata.counters = .init(requested: missingEvents.requested, counted: [], unavailable: missingEvents.reasons)
        }
        metadata.warnings = warnings
        return metadata
    }

    /// A ladder with flat plateaus: L1 1 ns, L2 4 ns, L3 15 ns, DRAM 100 ns.
    var calibration: String {
        var text = "size_bytes,ns_per_load,cpu_node,mem_node\n"
        var size = 4096
        while size <= 512 << 20 {
            let ns: Double = size <= 48 << 10 ? 1 : size <= 1280 << 10 ? 4 : size <= 42 << 20 ? 15 : 100
            text += "\(size),\(ns),,\n"
            size *= 2
        }
        return text
    }
}
