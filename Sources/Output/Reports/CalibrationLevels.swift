// The run's memory-latency ladder (calibration.csv, lat_mem_rd style),
// named into cache levels by PlateauAnalysis, so that a cost per ancestor
// level can be quoted as "this many loads at this level": a unit that
// carries over to other machines better than nanoseconds.
//
// The cache sizes that name the levels come from the run's machine
// fingerprint in meta.json, never from the machine the report is made on
// (reports are often made elsewhere). Without them the levels are found
// from latency jumps, and the description says so.

import Calibration
import Foundation
import ResultsFormat
import Support

public struct CalibrationLevels: Sendable, CustomStringConvertible {
    /// The CPU and memory node a ladder was measured with ("" when unknown).
    struct Nodes: Hashable, Sendable {
        let cpu: String
        let memory: String
    }

    let analyses: [Nodes: PlateauAnalysis]
    /// Node pairs in file order; the first local one is the default.
    let order: [Nodes]

    /// nil when the file holds no points. Throws when it is unreadable or
    /// lacks the ladder's columns.
    public static func load(path: String, machineJSON: String?) throws -> CalibrationLevels? {
        let file = try CSVFile.read(path, requiring: ["size_bytes", "ns_per_load"])
        var points: [Nodes: [LadderPoint]] = [:]
        var order: [Nodes] = []
        for row in file.rows {
            guard let size = row["size_bytes"].flatMap(Int.init),
                  let ns = row["ns_per_load"].flatMap(Double.init), ns > 0 else { continue }
            let nodes = Nodes(cpu: row["cpu_node"] ?? "", memory: row["mem_node"] ?? "")
            if points[nodes] == nil { order.append(nodes) }
            points[nodes, default: []].append(LadderPoint(sizeBytes: size, nsPerLoad: ns))
        }
        let caches = machineJSON.map(Self.dataCaches) ?? []
        var analyses: [Nodes: PlateauAnalysis] = [:]
        for (nodes, ladder) in points {
            let sorted = ladder.sorted { $0.sizeBytes < $1.sizeBytes }
            analyses[nodes] = PlateauAnalysis(points: sorted, caches: caches)
        }
        guard !analyses.isEmpty else { return nil }
        return CalibrationLevels(analyses: analyses, order: order)
    }

    /// The ladder measured with the point's nodes; else a local one (same
    /// node, or nodes not recorded); else the first in the file.
    func analysis(cpuNode: String, memNode: String) -> PlateauAnalysis {
        if let exact = analyses[Nodes(cpu: cpuNode, memory: memNode)] { return exact }
        let local = order.first { $0.cpu == $0.memory } ?? order[0]
        return analyses[local]!
    }

    /// The level the loads of a point come from and its ns per load. Cold
    /// points flush every line a check reads before the check, so their
    /// loads come from DRAM whatever the working set; hot and warm points
    /// read from the level their working set fits in. NaN ns per load when
    /// the ladder did not reach that level.
    public func level(workingSetBytes: Int, cache: String, cpuNode: String = "",
                      memNode: String = "") -> (name: String, nsPerLoad: Double) {
        let analysis = analysis(cpuNode: cpuNode, memNode: memNode)
        if cache == "cold" {
            return ("DRAM", analysis.levels.first { $0.name == "DRAM" }?.nsPerLoad ?? .nan)
        }
        return analysis.level(forWorkingSet: workingSetBytes)
    }

    /// "L1 1.2, L2 4.1, L3 15.3, DRAM 92.0 ns/load (levels from sysfs cache
    /// sizes)" for the default ladder.
    public var description: String {
        let analysis = analysis(cpuNode: "", memNode: "")
        let levels = analysis.levels.map { level in
            "\(level.name) " + (level.nsPerLoad.map(ReportNumber.adaptive) ?? "n/a")
        }
        let method = analysis.method == .sysfsCacheSizes
            ? "levels from the run's sysfs cache sizes"
            : "levels from latency jumps; no cache sizes in meta.json"
        return "calibration.csv: " + levels.joined(separator: ", ") + " ns/load (\(method))"
    }

    /// Data and unified caches from the machine fingerprint's JSON
    /// ({"caches": {"value": [{"level", "type", "sizeBytes", "instances"}]}});
    /// empty when the fingerprint has none.
    static func dataCaches(fromMachineJSON json: String) -> [CacheDescription] {
        struct Fingerprint: Decodable {
            struct Probe: Decodable { let value: [CacheDescription]? }
            let caches: Probe?
        }
        guard let fingerprint = try? JSONDecoder().decode(Fingerprint.self, from: Data(json.utf8)) else { return [] }
        var largestPerLevel: [Int: Int] = [:]
        for cache in fingerprint.caches?.value ?? [] where cache.type == "Data" || cache.type == "Unified" {
            largestPerLevel[cache.level] = Swift.max(largestPerLevel[cache.level] ?? 0, cache.sizeBytes)
        }
        return largestPerLevel.keys.sorted().map {
            CacheDescription(level: $0, type: "Data", sizeBytes: largestPerLevel[$0]!)
        }
    }
}
