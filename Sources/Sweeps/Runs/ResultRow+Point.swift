// A measured point as a results.csv row.

import LSMModel
import Measurement
import ResultsFormat
import Statistics

extension ResultRow {
    public init(_ result: PointResult, runID: String, host: String, fingerprint: String) {
        self.init()
        let spec = result.spec
        self["schema_version"] = ResultsSchema.version
        self["run_id"] = runID
        self["host"] = host
        fillPointColumns(spec)
        self["impl"] = result.implementation
        self["working_set_bytes"] = "\(result.workingSetBytes)"
        self["lines_per_check"] = Self.number(result.linesPerCheck, digits: 1)
        self["dependent_loads"] = Self.number(result.dependentLoads, digits: 1)
        fillCacheColumns(result.caches)
        var notes = result.notes
        if let placement = result.placement {
            self["mem_on_node_fraction"] = placement.fractionOnMemNode.map { Self.number($0, digits: 4) } ?? ""
            if let flag = Self.misplacement(placement) { notes.insert(flag, at: 0) }
            notes += placement.notes
        }
        self["samples"] = "\(result.sampleCount)"
        self["checks_per_sample"] = "\(result.checksPerSample)"
        self["ns_per_check"] = Self.number(result.netEstimate.value)
        self["ns_ci_low"] = Self.number(result.netEstimate.ciLow)
        self["ns_ci_high"] = Self.number(result.netEstimate.ciHigh)
        self["resolved"] = result.resolved ? "yes" : "no"
        self["ns_mean"] = Self.number(result.netMean)
        self["ns_stddev"] = Self.number(result.netStandardDeviation)
        if let tail = result.percentiles {
            self["p50_ns"] = Self.number(tail.p50)
            self["p90_ns"] = Self.number(tail.p90)
            self["p99_ns"] = tail.p99.map { Self.number($0) } ?? ""
            self["p999_ns"] = tail.p999.map { Self.number($0) } ?? ""
            self["max_ns"] = Self.number(tail.max)
        }
        if let storm = result.storm {
            self["storm_checks"] = "\(storm.checks)"
            self["storm_ns"] = Self.number(storm.nanoseconds, digits: 0)
            self["storm_misses"] = "\(storm.misses)"
        }
        if let churn = result.churn {
            self["writes_per_s"] = Self.number(churn.achievedWritesPerSecond, digits: 0)
            self["reader_spread_ns"] = churn.readerSpread.map { Self.number($0) } ?? ""
            self["violations"] = "\(churn.violations)"
        }
        self["baseline_ns"] = Self.number(result.baselineEstimate.value)
        for (column, value) in result.countersPerCheck { self[column] = Self.number(value) }
        self["counter_coverage"] = result.counterCoverage.map { Self.number($0, digits: 4) } ?? ""
        self["decisions_digest"] = result.decisionsDigest
        if let coverage = result.counterCoverage, coverage < 1 {
            notes.append("counters multiplexed: \(Self.number(coverage * 100, digits: 1))% coverage, values scaled")
        }
        self["note"] = notes.joined(separator: "; ")
        self["fingerprint"] = fingerprint
    }
}

extension ResultRow {
    /// The word a row's note starts with when its memory is not all on the
    /// node it was bound to; the summary lists every such point.
    public static let misplacedFlag = "MISPLACED"

    /// Why a point bound to a node cannot be reported as measuring memory
    /// on that node: the kernel found some of its pages elsewhere (or not
    /// at all), or could not say where they are. Nil when every page is on
    /// the node, or when no node was asked for.
    public static func misplacement(_ placement: PlacementRecord) -> String? {
        guard let node = placement.memNode else { return nil }
        guard let fraction = placement.fractionOnMemNode else {
            return "\(misplacedFlag): the kernel could not say where the pages are, so this is not a measurement "
                + "of memory on node \(node)"
        }
        guard fraction < 1 else { return nil }
        return "\(misplacedFlag): only \(number(fraction * 100, digits: 1))% of pages on node \(node), "
            + "so this is not a measurement of memory on node \(node)"
    }

    /// What the decision caches did and what the design held. Hit rates are
    /// empty for a design with no cache lookups (label-vector); by depth
    /// only where each namespace has its own cache and depths differ.
    mutating func fillCacheColumns(_ caches: CacheUse) {
        self["hit_rate"] = caches.counters.total.hitRate.map { Self.number($0, digits: 4) } ?? ""
        let depths = caches.counters.byDepth.filter { $0.value.lookups > 0 }.sorted { $0.key < $1.key }
        self["hit_rate_by_depth"] = depths.count > 1
            ? depths.map { "\($0.key):\(Self.number($0.value.hitRate ?? 0, digits: 4))" }.joined(separator: " ") : ""
        self["cache_lookups_per_check"] = caches.lookupsPerCheck.map { Self.number($0, digits: 2) } ?? ""
        self["memory_bytes"] = "\(caches.memory.totalBytes)"
        self["cache_bytes"] = "\(caches.memory.cacheBytes)"
        self["bytes_per_namespace"] = Self.number(caches.memory.bytesPerNamespace, digits: 0)
        self["namespace_sets"] = caches.memory.sets > 0 ? "\(caches.memory.sets)" : ""
        self["bytes_per_set"] = caches.memory.sets > 0 ? Self.number(Double(caches.memory.cacheBytes) / Double(caches.memory.sets), digits: 0) : ""
    }

    /// The key a point's row will have, before it is measured.
    public static func pointKey(of spec: PointSpec) -> String {
        var row = ResultRow()
        row.fillPointColumns(spec)
        return row.pointKey
    }

    /// The columns that identify the point (`ResultsSchema.pointColumns`).
    mutating func fillPointColumns(_ spec: PointSpec) {
        self["strategy"] = spec.strategy
        self["op"] = spec.op.rawValue
        self["descendants"] = "\(spec.world.descendants)"
        self["lsms"] = "\(spec.world.lsms)"
        self["namespaced_lsms"] = "\(spec.world.namespacedLSMs)"
        self["depth"] = "\(spec.world.depth)"
        self["hook"] = HookCatalogue.all[spec.world.hook].name
        self["tasks"] = "\(spec.world.tasks)"
        self["labels"] = "\(spec.world.labels)"
        self["skew"] = spec.world.skew.description
        self["avc"] = spec.world.caches.description
        self["mode"] = spec.mode.rawValue
        self["cache"] = spec.cache.rawValue
        self["threads"] = "\(spec.threads)"
        self["write_rate"] = spec.churn.map { $0.writeRate.description } ?? ""
        self["thread_placement"] = spec.churn.map { $0.placement.rawValue } ?? ""
        // Empty: one world for every thread (every point before version 7).
        self["world_copies"] = spec.churn?.copies == .perNode ? WorldCopies.perNode.rawValue : ""
        self["cpu_node"] = spec.placement.cpuNode.map(String.init) ?? ""
        self["mem_node"] = spec.placement.memNode.map(String.init) ?? ""
        // Memory bound to a node without a page size request gets 4k pages.
        self["page_size"] = spec.placement.pageSize ?? (spec.placement.memNode == nil ? "" : "4k")
    }
}
