// What one measured point found, before any formatting.

import Statistics
import Strategies
import Support

public struct PointResult: Sendable {
    public let spec: PointSpec
    public let implementation: String
    public let workingSetBytes: Int
    public let checksPerSample: Int
    /// ns/check per sample, per repeat, strategy and empty baseline.
    public let checkSamples: [[Double]]
    public let baselineSamples: [[Double]]
    /// The strategy's cost with the baseline subtracted, with its interval.
    public let netEstimate: Estimate
    /// Whether the cost was resolved above the empty baseline: the lower
    /// bound of the difference's interval is above zero. When not, the
    /// clamped estimate above is no measurement of a cost.
    public let resolved: Bool
    /// Distinct cache lines one check reads (its footprint), averaged over
    /// the planned checks: what a cold check must bring from memory.
    public let linesPerCheck: Double
    /// The check's critical path: loads from memory that must complete one
    /// after another (median over the planned checks).
    public let dependentLoads: Double
    public let baselineEstimate: Estimate
    /// Mean and standard deviation of the net per-sample cost (samples minus
    /// the baseline's median): the shape of the distribution, not the point
    /// estimate, which is the median.
    public let netMean: Double
    public let netStandardDeviation: Double
    /// The decision caches over the timed checks, and the design's memory.
    public let caches: CacheUse
    public let repeatMedianSpread: Double
    public let decisionsDigest: String
    public var notes: [String]
    /// Hardware or software counter readings, per check, net of the baseline.
    public var countersPerCheck: [String: Double] = [:]
    public var counterCoverage: Double?
    /// Where the memory was, when a NUMA placement was requested.
    public var placement: PlacementRecord?
    /// The tail of the net per-sample costs (per operation for a write-side
    /// point, per check of a batch for a check point).
    public var percentiles: LatencyPercentiles?
    /// After a reload: what the caches' refill cost (median over repeats).
    public var storm: MissStorm?
    /// Readers under churn: the writer's rate, the readers' spread.
    public var churn: ChurnSummary?

    public var sampleCount: Int { checkSamples.reduce(0) { $0 + $1.count } }
}

/// One repeat of a point: its own world, its samples.
public struct RepeatMeasurement: Sendable {
    /// ns per check of each timed batch of the strategy, and of the baseline.
    public let checks: [Double]
    public let baseline: [Double]
    public let checksPerSample: Int
    public let caches: CacheUse
    public let workingSetBytes: Int
    public let linesPerCheck: Double
    public let dependentLoads: Double
    public let digest: String
    public let placement: PlacementRecord?
    /// Whether sampling stopped because the median was precise enough.
    public let reachedTarget: Bool
    public let implementation: String
    /// A reload point's miss storm in this repeat's world.
    public var storm: MissStorm? = nil
    /// A churn point's readers and writer.
    public var churn: ChurnMeasurement? = nil
}

/// The read-side price of a reload: the extra cache misses it causes and
/// how long checks take to be as fast as before it.
public struct MissStorm: Sendable, Equatable {
    /// Checks (task 0's hot plan, in chunks) from the reload until 90% of
    /// its excess misses had happened.
    public var checks: Int
    /// Extra time over those checks against the same checks before the
    /// reload, in ns (may be noise-negative when the storm is tiny).
    public var nanoseconds: Double
    /// Extra cache misses after the reload, over two passes of the plan.
    public var misses: Int

    public init(checks: Int, nanoseconds: Double, misses: Int) {
        self.checks = checks
        self.nanoseconds = nanoseconds
        self.misses = misses
    }

    /// The median of each field over the repeats.
    static func median(_ storms: [MissStorm]) -> MissStorm? {
        guard !storms.isEmpty else { return nil }
        return MissStorm(checks: Int(storms.map { Double($0.checks) }.median()!),
                         nanoseconds: storms.map(\.nanoseconds).median()!,
                         misses: Int(storms.map { Double($0.misses) }.median()!))
    }
}

/// What the decision caches did over a point's timed checks, and what the
/// design's world held once they had run.
public struct CacheUse: Sendable {
    /// Lookups and misses counted during the timed checks.
    public var counters: CacheReport
    /// Timed checks of the strategy (baseline batches touch no cache).
    public var checks: Int
    public var memory: MemoryUse

    public init(counters: CacheReport, checks: Int, memory: MemoryUse) {
        self.counters = counters
        self.checks = checks
        self.memory = memory
    }

    /// Cache lookups per check: how many levels asked a cache.
    public var lookupsPerCheck: Double? {
        checks == 0 || counters.total.lookups == 0 ? nil : Double(counters.total.lookups) / Double(checks)
    }

    func with(checks: Int) -> CacheUse { CacheUse(counters: counters, checks: checks, memory: memory) }

    /// The repeats' (or copies') counts summed; the memory of the one that
    /// held most.
    static func combined(_ uses: [CacheUse]) -> CacheUse {
        var total = CacheCounters()
        var byDepth: [Int: CacheCounters] = [:]
        for use in uses {
            total = total + use.counters.total
            for (depth, counters) in use.counters.byDepth { byDepth[depth] = (byDepth[depth] ?? CacheCounters()) + counters }
        }
        let memory = uses.map(\.memory).max { $0.totalBytes < $1.totalBytes } ?? MemoryUse(totalBytes: 0, cacheBytes: 0, namespaces: 0)
        return CacheUse(counters: CacheReport(total: total, byDepth: byDepth), checks: uses.reduce(0) { $0 + $1.checks }, memory: memory)
    }
}

/// Where a point ran and where its memory really was.
public struct PlacementRecord: Sendable {
    public var cpuNode: Int?
    public var memNode: Int?
    public var fractionOnMemNode: Double?
    public var pageSize: String
    /// What the row's note should say about the placement (huge pages
    /// granted, pages that could not be located).
    public var notes: [String] = []

    public init(cpuNode: Int?, memNode: Int?, fractionOnMemNode: Double?, pageSize: String) {
        self.cpuNode = cpuNode
        self.memNode = memNode
        self.fractionOnMemNode = fractionOnMemNode
        self.pageSize = pageSize
    }
}

public enum MeasurementError: Error, CustomStringConvertible {
    case unknownStrategy(String)
    case worldDisagrees(strategy: String, operationIndex: Int, expected: String, actual: String)
    case digestMismatch(strategy: String, point: String, expected: String, actual: String)
    case invalidWorld(String)
    case operationDisagrees(strategy: String, operation: String, expected: String, actual: String)
    case leaked(strategy: String, operation: String, bytes: Int)
    case churnViolations(strategy: String, violations: Int, checks: Int, writes: Int)
    case interrupted

    public var description: String {
        switch self {
        case .unknownStrategy(let name):
            return "unknown strategy '\(name)'"
        case .worldDisagrees(let strategy, let index, let expected, let actual):
            return "strategy \(strategy) built a different world than the reference at operation #\(index): expected \(expected), got \(actual); the point is rejected"
        case .digestMismatch(let strategy, let point, let expected, let actual):
            return "strategy \(strategy) made different decisions than the reference at \(point) (digest \(actual), reference \(expected)); the point is rejected"
        case .invalidWorld(let why):
            return why
        case .operationDisagrees(let strategy, let operation, let expected, let actual):
            return "strategy \(strategy): \(operation) gave \(actual), the reference \(expected); the point is rejected"
        case .leaked(let strategy, let operation, let bytes):
            return "strategy \(strategy): \(operation) left \(bytes) bytes of its world allocated after unwinding; the point is rejected"
        case .churnViolations(let strategy, let violations, let checks, let writes):
            return "strategy \(strategy): \(violations) of \(checks) checks under churn (\(writes) writes) decided as no policy version current during the check did; the point is rejected"
        case .interrupted:
            return "interrupted"
        }
    }
}
