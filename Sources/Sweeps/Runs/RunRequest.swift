// Everything a run can be asked for, every field optional and typed:
// built-in defaults, then a suite file, then command-line flags, each
// overriding the one before. What each field is called, takes and accepts
// is declared once, in RunParameters.swift. Kept in meta.json (keyed as in
// suite files), so a run can be resumed or re-run exactly.

import Foundation
import LSMModel
import Measurement
import NUMA
import PerfCounters
import Strategies
import Support

public struct RunRequest: Sendable, Equatable {
    /// The suite the values came from, when one did.
    public var suite: String?
    public var strategies: [String]?
    public var depths: [Int]?
    public var lsms: [Int]?
    public var namespacedLSMs: [Int]?
    public var hooks: [HookID]?
    public var tasks: [Int]?
    public var modes: [CallMode]?
    public var caches: [CacheState]?
    /// Distinct object labels of each world.
    public var labels: [Int]?
    /// How each world's checks draw their labels.
    public var skews: [LabelSkew]?
    /// The bounds of every decision cache.
    public var avc: CacheGeometry?
    /// What points time: checks and/or write-side operations.
    public var ops: [PointOperation]?
    /// Namespaces below task 0's own namespace.
    public var descendants: [Int]?
    /// Reader threads of a churn point.
    public var threads: [Int]?
    /// The churn writer's rates.
    public var writeRates: [WriteRate]?
    /// How churn readers are dealt over NUMA nodes.
    public var threadPlacement: ThreadPlacement?
    /// One world for every churn reader, and/or a copy on each node.
    public var worldCopies: [WorldCopies]?
    public var seed: UInt64?
    /// Fraction, e.g. 0.01 for a 1% CI half-width target.
    public var targetCI: Double?
    /// Seconds per point.
    public var maxTime: Double?
    /// Seconds of untimed checks per repeat before sampling.
    public var warmup: Double?
    public var repeats: Int?
    public var events: EventSelection?
    public var requireCounters: Bool?
    public var numa: NUMARequest?
    public var cpuNode: Int?
    public var memNode: Int?
    public var pageSize: PageSize?
    /// Largest latency-ladder size in bytes; 0 for none.
    public var calibrationBytes: Int?

    public init() {}

    /// What `hookbench run` does with nothing else said: the quick suite's
    /// values stand on top of these.
    public static let defaults: RunRequest = {
        var r = RunRequest()
        r.strategies = ["hlist", "static-slots", "ancestry", "flattened", "ns-table", "hlist-c"]
        r.depths = [0, 8, 32]
        r.lsms = [4]
        r.namespacedLSMs = [2]
        r.hooks = [HookCatalogue.id(named: "file_open")!]
        r.tasks = [64]
        r.modes = [.throughput]
        r.caches = [.hot, .warm, .cold]
        r.labels = [LabelSkew.realisticLabels]
        r.skews = [LabelSkew.realistic]
        r.avc = .selinux
        r.ops = [.check]
        r.descendants = [0]
        r.seed = 1
        r.targetCI = 0.01
        r.maxTime = 3
        r.repeats = 3
        r.events = .events("auto", CounterEvent.defaultSet)
        r.requireCounters = false
        r.calibrationBytes = 64 << 20
        return r
    }()

    /// `other`'s values where it has them, this request's elsewhere. A
    /// group (the placement: numa, cpu_node, mem_node) given at a later
    /// level replaces the earlier one whole.
    public func overriding(with other: RunRequest) -> RunRequest {
        var r = self
        r.suite = other.suite ?? suite
        for parameter in RunParameters.all {
            let group = RunParameters.all.filter { $0.group != nil && $0.group == parameter.group }
            let given = group.isEmpty ? parameter.isSet(in: other) : group.contains { $0.isSet(in: other) }
            if given { parameter.copy(from: other, to: &r) }
        }
        return r
    }

    /// Impossible values, each with the parameter it is about and a
    /// sentence naming the value and what is valid; with `topology`, NUMA
    /// nodes are checked against the machine too.
    public func problems(topology: Topology? = nil) -> [ParameterProblem] {
        var problems = RunParameters.all.flatMap { $0.problems(in: self, topology: topology) }
        if let lsms, let namespacedLSMs, let most = lsms.max(), let fewest = namespacedLSMs.min(), fewest > most {
            problems.append(ParameterProblem(
                key: "namespaced_lsms",
                message: "every namespaced-LSM count exceeds every stack size in lsms; no point can be measured"))
        }
        if let world = largestWorld, world.tasks * world.depth * world.namespacedLSMs > RunParameters.maxNamespacesPerWorld {
            problems.append(ParameterProblem(
                key: "tasks",
                message: "\(world.tasks) tasks at depth \(world.depth) in \(world.namespacedLSMs) namespaced LSMs is \(world.tasks * world.depth * world.namespacedLSMs) namespaces in one world; at most \(RunParameters.maxNamespacesPerWorld) are allowed; lower tasks, depths or namespaced_lsms"))
        }
        if numa != nil && (cpuNode != nil || memNode != nil) {
            problems.append(ParameterProblem(key: "numa", message: "numa sweeps placements; do not combine it with cpu_node or mem_node"))
        }
        return problems
    }

    /// The world of the most namespaces the request asks for, when its
    /// axes are all given.
    var largestWorld: WorldSpec? {
        guard let tasks = tasks?.max(), let depth = depths?.max(), let lsms = lsms?.max(),
              let namespaced = namespacedLSMs?.filter({ $0 <= lsms }).max() else { return nil }
        return WorldSpec(lsms: lsms, namespacedLSMs: namespaced, depth: depth, hook: 0, tasks: tasks, seed: seed ?? 1,
                         labels: labels?.max() ?? 1, caches: avc ?? .selinux)
    }

    /// Refuses the request when its largest world is estimated to need
    /// more memory than `availableBytes` (MemAvailable, read by default): a world is built
    /// whole before it is measured, and one that does not fit would have
    /// the run killed part-way. Nil when it fits or nothing is known.
    public func memoryProblem(availableBytes: Int? = SystemMemory.availableBytes()) -> ParameterProblem? {
        guard let availableBytes else { return nil }
        var largest: (bytes: Int, world: WorldSpec)?
        for lsms in lsms ?? [] {
            for namespaced in namespacedLSMs ?? [] where namespaced <= lsms {
                for tasks in tasks ?? [] {
                    for depth in depths ?? [] {
                        let world = WorldSpec(lsms: lsms, namespacedLSMs: namespaced, depth: depth, hook: 0, tasks: tasks, seed: 1,
                                              labels: labels?.max() ?? 1, caches: avc ?? .selinux,
                                              descendants: descendants?.max() ?? 0)
                        let bytes = WorldFootprint.estimatedBytes(world, strategies: strategies ?? [])
                        if bytes > largest?.bytes ?? 0 { largest = (bytes, world) }
                    }
                }
            }
        }
        guard let largest, largest.bytes > availableBytes else { return nil }
        let w = largest.world
        return ParameterProblem(
            key: "tasks",
            message: "the world of \(w.tasks) tasks at depth \(w.depth) with \(w.lsms) LSMs (\(w.namespacedLSMs) namespaced) needs about \(ByteSize.text(largest.bytes)) of memory, and this machine has \(ByteSize.text(availableBytes)) available (MemAvailable in /proc/meminfo); lower tasks or depths")
    }

    /// The placements to measure, with notes on those impossible here. A
    /// page size without a memory node puts memory on the CPU node, or on the
    /// node this process runs on, and says which.
    public func placements(topology: Topology) throws -> (requests: [PlacementRequest], notes: [String]) {
        if let numa {
            let plan = try numa.expand(for: topology)
            return (plan.placements.map { PlacementRequest(cpuNode: $0.cpuNode, memNode: $0.memNode, pageSize: pageSize?.rawValue) },
                    plan.notes)
        }
        var memory = memNode
        if memory == nil && pageSize != nil {
            let cpu = (try? ThreadPinning.currentThreadCPUs())?.first
            memory = cpuNode ?? cpu.flatMap { topology.node(containingCPU: $0)?.id } ?? topology.nodeIDs.first
        }
        return ([PlacementRequest(cpuNode: cpuNode, memNode: memory, pageSize: pageSize?.rawValue)], [])
    }

    /// The run these values describe. Call after `problems()` came back empty.
    public func options(topology: Topology, command: [String]) throws -> (options: RunOptions, notes: [String]) {
        var axes = RunAxes(
            strategies: strategies ?? [], depths: depths ?? [], lsms: lsms ?? [], namespacedLSMs: namespacedLSMs ?? [],
            hooks: hooks ?? [], tasks: tasks ?? [], modes: modes ?? [], caches: caches ?? [], seed: seed ?? 1)
        axes.labels = labels ?? [1]
        axes.skews = skews ?? [.uniform]
        axes.cacheGeometry = avc ?? .selinux
        axes.ops = ops ?? [.check]
        axes.descendants = descendants ?? [0]
        // Asked for readers or a writer: every check point is a churn point.
        if threads != nil || writeRates != nil || worldCopies != nil {
            axes.churn = (worldCopies ?? [.shared]).flatMap { copies in
                (threads ?? [1]).flatMap { readers in
                    (writeRates ?? [.perSecond(0)]).map {
                        ChurnSpec(readers: readers, writeRate: $0, placement: threadPlacement ?? .spread, copies: copies)
                    }
                }
            }
        }
        let (placements, notes) = try placements(topology: topology)
        axes.placements = placements
        var sampling = SamplingPlan()
        sampling.targetRelativeHalfWidth = targetCI ?? sampling.targetRelativeHalfWidth
        sampling.maxSecondsPerPoint = maxTime ?? sampling.maxSecondsPerPoint
        sampling.repeats = repeats ?? sampling.repeats
        sampling.warmupSeconds = warmup ?? sampling.warmupSeconds
        var options = RunOptions(axes: axes, sampling: sampling, command: command)
        options.events = events?.events ?? []
        options.requireCounters = requireCounters ?? false
        return (options, notes)
    }
}

/// meta.json keeps the request as a suite file would: each set parameter
/// under its suite key, as the text that reads it back.
extension RunRequest: Codable {
    struct Key: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: Key.self)
        suite = try container.decodeIfPresent(String.self, forKey: Key("suite"))
        for parameter in RunParameters.all where container.contains(Key(parameter.key)) {
            let key = Key(parameter.key)
            let items: [String]
            switch parameter.shape {
            case .list: items = try container.decode([String].self, forKey: key)
            case .single: items = [try container.decode(String.self, forKey: key)]
            case .toggle: items = [try container.decode(Bool.self, forKey: key) ? "true" : "false"]
            }
            do { try parameter.read(items, into: &self) } catch {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: error.message)
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeIfPresent(suite, forKey: Key("suite"))
        for parameter in RunParameters.all {
            guard let items = parameter.text(in: self) else { continue }
            let key = Key(parameter.key)
            switch parameter.shape {
            case .list: try container.encode(items, forKey: key)
            case .single: try container.encode(items[0], forKey: key)
            case .toggle: try container.encode(items[0] == "true", forKey: key)
            }
        }
    }
}
