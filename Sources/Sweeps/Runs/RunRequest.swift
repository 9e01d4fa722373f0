// Everything a run can be asked for, every field optional: built-in
// defaults, then a suite file, then command-line flags, each overriding the
// one before. Kept in meta.json, so a run can be resumed or re-run exactly.

import Foundation
import LSMModel
import Measurement
import NUMA
import PerfCounters
import Strategies

public struct RunRequest: Codable, Sendable, Equatable {
    public var suite: String?
    public var strategies: [String]?
    public var depths: [Int]?
    public var lsms: [Int]?
    public var namespacedLSMs: [Int]?
    public var hooks: [String]?
    public var tasks: [Int]?
    public var modes: [String]?
    public var caches: [String]?
    public var seed: UInt64?
    /// Fraction, e.g. 0.01 for a 1% CI half-width target.
    public var targetCI: Double?
    /// Seconds per point.
    public var maxTime: Double?
    public var repeats: Int?
    /// "auto", "none" or libpfm4 names.
    public var events: String?
    public var requireCounters: Bool?
    /// "local", "remote", "local,remote" or cpu:mem pairs.
    public var numa: String?
    public var cpuNode: Int?
    public var memNode: Int?
    public var pageSize: String?
    /// Largest latency-ladder size, e.g. "64MiB", or "0" for none.
    public var calibrationSize: String?

    public init() {}

    /// The field names, as suite files spell them, with what each takes.
    public static let fields: [(key: String, takes: String)] = [
        ("description", "text"), ("strategies", "list of strategy names"), ("depths", "list of depths 0-64"),
        ("lsms", "list of stack sizes 1-14"), ("namespaced_lsms", "list of counts"), ("hooks", "list of hook names"),
        ("tasks", "list of task counts"), ("modes", "list of throughput, latency"), ("caches", "list of hot, warm, cold"),
        ("seed", "whole number"), ("target_ci", "percentage, e.g. 1%"), ("max_time", "duration, e.g. 2s"),
        ("repeats", "whole number"), ("events", "auto, none or libpfm4 names"), ("require_counters", "true or false"),
        ("numa", "local, remote or cpu:mem pairs"), ("cpu_node", "node number"), ("mem_node", "node number"),
        ("page_size", "4k or thp"), ("calibration_size", "size such as 64MiB, or 0"),
    ]

    /// What `hookbench run` does with nothing else said: the quick suite's
    /// values stand on top of these.
    public static let defaults: RunRequest = {
        var r = RunRequest()
        r.strategies = ["hlist", "static-slots", "ancestry", "flattened", "ns-table", "hlist-c"]
        r.depths = [0, 8, 32]
        r.lsms = [4]
        r.namespacedLSMs = [2]
        r.hooks = ["file_open"]
        r.tasks = [64]
        r.modes = ["throughput"]
        r.caches = ["hot", "warm", "cold"]
        r.seed = 1
        r.targetCI = 0.01
        r.maxTime = 3
        r.repeats = 3
        r.events = "auto"
        r.requireCounters = false
        r.pageSize = nil
        r.calibrationSize = "64MiB"
        return r
    }()

    /// `other`'s fields where it has them, this request's elsewhere.
    public func overriding(with other: RunRequest) -> RunRequest {
        var r = self
        r.suite = other.suite ?? suite
        r.strategies = other.strategies ?? strategies
        r.depths = other.depths ?? depths
        r.lsms = other.lsms ?? lsms
        r.namespacedLSMs = other.namespacedLSMs ?? namespacedLSMs
        r.hooks = other.hooks ?? hooks
        r.tasks = other.tasks ?? tasks
        r.modes = other.modes ?? modes
        r.caches = other.caches ?? caches
        r.seed = other.seed ?? seed
        r.targetCI = other.targetCI ?? targetCI
        r.maxTime = other.maxTime ?? maxTime
        r.repeats = other.repeats ?? repeats
        r.events = other.events ?? events
        r.requireCounters = other.requireCounters ?? requireCounters
        if other.numa != nil || other.cpuNode != nil || other.memNode != nil {
            // A placement given at a later level replaces the earlier one whole.
            r.numa = other.numa
            r.cpuNode = other.cpuNode
            r.memNode = other.memNode
        }
        r.pageSize = other.pageSize ?? pageSize
        r.calibrationSize = other.calibrationSize ?? calibrationSize
        return r
    }

    /// Problems, each with the field it is about (suite key spelling) and a
    /// sentence naming the value and what is valid.
    public func problems(topology: Topology? = nil) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        for name in strategies ?? [] where StrategyRegistry.named(name) == nil {
            problems.append(("strategies", "unknown strategy '\(name)'; valid strategies: \(StrategyRegistry.names.joined(separator: ", "))"))
        }
        for depth in depths ?? [] where !(0...Limits.maxDepthLimit).contains(depth) {
            problems.append(("depths", "depth \(depth) is beyond the limit; valid depths are 0 to \(Limits.maxDepthLimit)"))
        }
        for count in lsms ?? [] where !(1...Limits.maxLSMs).contains(count) {
            problems.append(("lsms", "\(count) LSMs is not a possible stack; valid values are 1 to \(Limits.maxLSMs) (MAX_LSM_COUNT)"))
        }
        for count in namespacedLSMs ?? [] where !(0...Limits.maxLSMs).contains(count) {
            problems.append(("namespaced_lsms", "\(count) namespaced LSMs is out of range; valid values are 0 to \(Limits.maxLSMs)"))
        }
        if let lsms, let namespacedLSMs, let most = lsms.max(), let fewest = namespacedLSMs.min(), fewest > most {
            problems.append(("namespaced_lsms", "every namespaced-LSM count exceeds every stack size in lsms; no point can be measured"))
        }
        for name in hooks ?? [] where HookCatalogue.id(named: name) == nil {
            problems.append(("hooks", "unknown hook '\(name)'; valid hooks: \(HookCatalogue.all.map(\.name).joined(separator: ", "))"))
        }
        for count in tasks ?? [] where count < 1 {
            problems.append(("tasks", "\(count) tasks: at least one task is needed"))
        }
        for mode in modes ?? [] where CallMode(rawValue: mode) == nil {
            problems.append(("modes", "'\(mode)' is not a mode; choose from \(CallMode.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        for cache in caches ?? [] where CacheState(rawValue: cache) == nil {
            problems.append(("caches", "'\(cache)' is not a cache state; choose from \(CacheState.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        for (field, list) in [("strategies", strategies?.count), ("depths", depths?.count), ("lsms", lsms?.count),
                              ("namespaced_lsms", namespacedLSMs?.count), ("hooks", hooks?.count), ("tasks", tasks?.count),
                              ("modes", modes?.count), ("caches", caches?.count)] where list == 0 {
            problems.append((field, "\(field) is empty; give at least one value"))
        }
        if let targetCI, !(targetCI > 0 && targetCI < 1) {
            problems.append(("target_ci", "target CI \(targetCI * 100)% is not a percentage between 0% and 100%"))
        }
        if let maxTime, !(maxTime > 0) { problems.append(("max_time", "max time \(maxTime) s must be positive")) }
        if let repeats, repeats < 1 { problems.append(("repeats", "\(repeats) repeats: at least one is needed")) }
        if let events, events != "none" {
            do { _ = try CounterEvent.resolve(events) } catch { problems.append(("events", "events '\(events)': \(error)")) }
        }
        if let pageSize, PageSize(argument: pageSize) == nil {
            problems.append(("page_size", "page size '\(pageSize)' is not valid; choose 4k or thp"))
        }
        if numa != nil && (cpuNode != nil || memNode != nil) {
            problems.append(("numa", "numa sweeps placements; do not combine it with cpu_node or mem_node"))
        }
        if let topology {
            if let numa {
                do { _ = try NUMARequest.parse(numa).expand(for: topology) } catch { problems.append(("numa", error.description)) }
            }
            for (field, node) in [("cpu_node", cpuNode), ("mem_node", memNode)] {
                guard let node else { continue }
                do { _ = try topology.requireNode(node) } catch { problems.append((field, error.description)) }
            }
        }
        return problems
    }

    /// The placements to measure, with notes on those impossible here. A
    /// page size without a memory node puts memory on the CPU node, or on the
    /// node this process runs on, and says which.
    public func placements(topology: Topology) throws -> (requests: [PlacementRequest], notes: [String]) {
        if let numa {
            let plan = try NUMARequest.parse(numa).expand(for: topology)
            return (plan.placements.map { PlacementRequest(cpuNode: $0.cpuNode, memNode: $0.memNode, pageSize: pageSize) }, plan.notes)
        }
        var memory = memNode
        if memory == nil && pageSize != nil {
            let cpu = (try? ThreadPinning.currentThreadCPUs())?.first
            memory = cpuNode ?? cpu.flatMap { topology.node(containingCPU: $0)?.id } ?? topology.nodeIDs.first
        }
        return ([PlacementRequest(cpuNode: cpuNode, memNode: memory, pageSize: pageSize)], [])
    }

    /// The run these values describe. Call after `problems()` came back empty.
    public func options(topology: Topology, command: [String]) throws -> (options: RunOptions, notes: [String]) {
        var axes = RunAxes(
            strategies: strategies ?? [], depths: depths ?? [], lsms: lsms ?? [], namespacedLSMs: namespacedLSMs ?? [],
            hooks: (hooks ?? []).compactMap(HookCatalogue.id(named:)), tasks: tasks ?? [],
            modes: (modes ?? []).compactMap(CallMode.init(rawValue:)), caches: (caches ?? []).compactMap(CacheState.init(rawValue:)),
            seed: seed ?? 1)
        let (placements, notes) = try placements(topology: topology)
        axes.placements = placements
        var sampling = SamplingPlan()
        sampling.targetRelativeHalfWidth = targetCI ?? sampling.targetRelativeHalfWidth
        sampling.maxSecondsPerPoint = maxTime ?? sampling.maxSecondsPerPoint
        sampling.repeats = repeats ?? sampling.repeats
        var options = RunOptions(axes: axes, sampling: sampling, command: command)
        options.events = events == nil || events == "none" ? [] : try CounterEvent.resolve(events!)
        options.requireCounters = requireCounters ?? false
        return (options, notes)
    }
}
