// One measured point: which design, in which world, called how.

import LSMModel

/// Whether consecutive checks may overlap in the CPU.
public enum CallMode: String, Sendable, CaseIterable, Codable {
    /// Independent checks: the CPU may run several at once (throughput).
    case throughput
    /// Each check's credential depends on the previous check's result, so
    /// checks form one dependent chain: the cost one system call sees.
    case latency
}

/// What a point times: checks (the read side), or one write-side
/// operation at a time (each into a histogram).
public enum PointOperation: String, Sendable, CaseIterable, Codable {
    /// Checks, in batches, against the empty baseline.
    case check
    /// unshare(): the permission step, then one new namespace per
    /// namespaced LSM and the new credential.
    case create
    /// An LSM refuses at the permission step: nothing is allocated.
    case createRefused = "create-refused"
    /// The last LSM's transition fails: everything allocated is unwound.
    case createUnwound = "create-unwound"
    /// setns(): a credential joins the task's namespaces.
    case setns
    /// A new policy for the task's own namespace, which has the world's
    /// descendants below it; reload rows also carry the miss storm after it.
    case reload
    /// One namespace that no credential or child uses.
    case destroy

    /// A write-side point is one operation timed alone in a world as the
    /// operation finds it: a latency, on a warm cache.
    public var isLifecycle: Bool { self != .check }
}

/// Where the memory a check reads is when the check starts.
public enum CacheState: String, Sendable, CaseIterable, Codable {
    /// One task, checked over and over (on labels drawn by the skew):
    /// with one label, everything in L1.
    case hot
    /// Every task in a fixed random order (each on a label drawn by the
    /// skew): the working set decides the level.
    case warm
    /// Every line the next check reads is flushed (clflush) first.
    case cold
}

/// The world a point is measured in; points sharing it share one
/// reference digest.
public struct WorldSpec: Hashable, Sendable {
    public var lsms: Int
    public var namespacedLSMs: Int
    public var depth: Int
    public var hook: HookID
    public var tasks: Int
    public var seed: UInt64
    /// Distinct object labels the checks are called on.
    public var labels: Int
    /// How the checks' labels are drawn.
    public var skew: LabelSkew
    /// The bounds of every decision cache.
    public var caches: CacheGeometry
    /// Namespaces below task 0's own namespace (children made by task 0 in
    /// every namespaced LSM): what a reload of that namespace must reach.
    public var descendants: Int

    public init(lsms: Int, namespacedLSMs: Int, depth: Int, hook: HookID, tasks: Int, seed: UInt64,
                labels: Int = 1, skew: LabelSkew = .uniform, caches: CacheGeometry = .selinux, descendants: Int = 0) {
        self.lsms = lsms
        self.namespacedLSMs = namespacedLSMs
        self.depth = depth
        self.hook = hook
        self.tasks = tasks
        self.seed = seed
        self.labels = labels
        self.skew = skew
        self.caches = caches
        self.descendants = descendants
    }
}

/// Where a point runs and where its memory lives: the measuring thread
/// pinned to a CPU of `cpuNode`, everything a check touches on `memNode`,
/// in pages of `pageSize` ("4k" or "thp"). Nil: not controlled.
extension CallMode {
    /// The mode a point of `cache` is really measured in: a cold point is
    /// one check timed alone, so a latency however it was asked for.
    public func measured(for cache: CacheState) -> CallMode { cache == .cold ? .latency : self }
}

public struct PlacementRequest: Hashable, Sendable {
    public var cpuNode: Int?
    public var memNode: Int?
    public var pageSize: String?

    public init(cpuNode: Int? = nil, memNode: Int? = nil, pageSize: String? = nil) {
        self.cpuNode = cpuNode
        self.memNode = memNode
        self.pageSize = pageSize
    }

    public static let unplaced = PlacementRequest()
    public var isUnplaced: Bool { self == .unplaced }
}

/// How fast the writer of a churn point writes.
public enum WriteRate: Hashable, Sendable, CustomStringConvertible {
    /// Writes per second; 0: no writer (readers alone).
    case perSecond(Int)
    /// As fast as the writer can.
    case max

    public var description: String {
        switch self {
        case .perSecond(let hz): return String(hz)
        case .max: return "max"
        }
    }

    public init?(_ text: String) {
        if text == "max" { self = .max; return }
        guard let hz = Int(text), hz >= 0 else { return nil }
        self = .perSecond(hz)
    }

    public var hasWriter: Bool { self != .perSecond(0) }
}

/// Where a churn point's threads run on a machine with several NUMA nodes.
public enum ThreadPlacement: String, Hashable, Sendable, CaseIterable {
    /// Readers dealt over the nodes in turn.
    case spread
    /// Readers fill one node's CPUs before the next.
    case packed
}

/// Which world a churn point's readers check.
public enum WorldCopies: String, Hashable, Sendable, CaseIterable {
    /// One world, in the point's memory, for every reader.
    case shared
    /// A copy of the world on each node that has readers, in that node's
    /// memory; each reader checks its own node's, and the writer writes
    /// to every copy.
    case perNode = "per-node"
}

/// Readers checking on threads of their own while one writer reloads and
/// creates namespaces next to them.
public struct ChurnSpec: Hashable, Sendable {
    public var readers: Int
    public var writeRate: WriteRate
    public var placement: ThreadPlacement
    public var copies: WorldCopies

    public init(readers: Int, writeRate: WriteRate, placement: ThreadPlacement = .spread, copies: WorldCopies = .shared) {
        self.readers = readers
        self.writeRate = writeRate
        self.placement = placement
        self.copies = copies
    }
}

/// A thread of a churn point, as it is pinned.
public enum ChurnThread: Sendable, Equatable {
    case reader(Int)
    case writer
}

public struct PointSpec: Hashable, Sendable {
    public var strategy: String
    public var world: WorldSpec
    public var mode: CallMode
    public var cache: CacheState
    public var placement: PlacementRequest
    public var op: PointOperation
    /// Nil: one thread checks alone (or times one operation).
    public var churn: ChurnSpec?

    public init(strategy: String, world: WorldSpec, mode: CallMode, cache: CacheState, placement: PlacementRequest = .unplaced,
                op: PointOperation = .check, churn: ChurnSpec? = nil) {
        self.strategy = strategy
        self.world = world
        self.mode = mode
        self.cache = cache
        self.placement = placement
        self.op = op
        self.churn = churn
    }

    /// Reader threads: 1 for a point on one thread.
    public var threads: Int { churn?.readers ?? 1 }
}

/// How long and how precisely each point is sampled.
public struct SamplingPlan: Sendable {
    /// Stop once the 95% interval of the median is within this fraction of it.
    public var targetRelativeHalfWidth: Double = 0.01
    /// Time budget per point, over all repeats.
    public var maxSecondsPerPoint: Double = 4
    /// Independent worlds (fresh allocation, new placement) per point.
    public var repeats: Int = 3
    /// A sample lasts at least this long, so the timer's cost is negligible.
    public var minimumSampleNanoseconds: Double = 40_000
    public var minimumSamples: Int = 15
    public var warmupSeconds: Double = 0.01

    public init() {}
}
