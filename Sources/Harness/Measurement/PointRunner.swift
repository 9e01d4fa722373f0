// Measures points: builds each repeat's world afresh, proves its decisions
// match the reference, chooses a batch size, then alternates timed batches
// of the strategy and of the empty baseline until the median's interval is
// tight enough or the time budget is spent.

import CHarness
import LSMModel
import Statistics
import Strategies
import Support
import Timing
import SeededRandom

/// Called around every timed batch, outside the timer reads: how perf
/// counters see exactly the measured batches.
public protocol SampleObserver: AnyObject {
    func willTimeBatch(baseline: Bool)
    func didTimeBatch(baseline: Bool, checks: Int)
}

/// Memory for one repeat's world: how a point is placed on a NUMA node.
public protocol WorldMemory {
    func arena(placementSeed: UInt64) -> Arena
    /// What became of the placement request once the world was built.
    func placementRecord(for arena: Arena) -> PlacementRecord?
}

public struct HeapWorldMemory: WorldMemory {
    public init() {}
    public func arena(placementSeed: UInt64) -> Arena { Arena(placementSeed: placementSeed) }
    public func placementRecord(for arena: Arena) -> PlacementRecord? { nil }
}

/// How cold points are measured on this machine, for the run's records.
public enum ColdMethod {
    /// The flush instruction cold points use, as CPUID decided.
    public static var flushInstruction: String { TimedLoop.flushInstruction.rawValue }

    /// Checks in one timed window of a cold sample.
    public static let checksPerWindow = 1

    /// What a flush of the check's lines does not empty: a cold check here
    /// is colder than a hot one only in its data lines.
    public static let staysWarm = [
        "TLB entries and the page-walk caches (the pages were touched before; only data lines are flushed)",
        "branch predictors and the indirect-call target buffer (the same calls ran before)",
        "the instruction cache and decoded-op cache (code is not flushed)",
        "the harness's own call plan entry for the check",
        "lines the hardware prefetchers bring back (e.g. the adjacent line of a 128-byte pair)",
    ]
}

public final class PointRunner {
    public let timer: CycleTimer
    public let sampling: SamplingPlan
    public weak var observer: SampleObserver?
    public var memory: WorldMemory = HeapWorldMemory()
    /// Asked between samples: true abandons the point (an interrupted run).
    public var shouldStop: () -> Bool = { false }
    /// Told the current relative CI half-width of the point's repeat as
    /// sampling goes, for progress displays.
    public var onPrecision: (Double) -> Void = { _ in }
    /// Pins the calling thread, a churn point's reader or writer; returns
    /// what it could not do (nil: pinned as asked). Called on that thread.
    public var pinChurnThread: @Sendable (ChurnThread, ChurnSpec) -> String? = { _, _ in nil }
    /// Makes the observer of one churn reader's batches, called on that
    /// reader's thread before it starts (perf groups count the thread that
    /// opens them); nil: the reader's batches are not observed.
    public var makeReaderObserver: @Sendable () -> SampleObserver? = { nil }
    /// The NUMA node churn reader i is pinned to (nil: not known).
    public var churnReaderNode: @Sendable (Int, ChurnSpec) -> Int? = { _, _ in nil }
    /// Memory on a node, for a per-node copy of a churn point's world.
    public var nodeMemory: (Int) -> WorldMemory = { _ in HeapWorldMemory() }

    private var worlds: [WorldSpec: MeasurementWorld] = [:]
    private var referenceOutcomes: [WorldSpec: [Outcome]] = [:]
    private var referenceDigests: [WorldSpec: [CacheState: String]] = [:]
    private var batchSizes: [PointSpec: Int] = [:]
    let zero = Int32(truncatingIfNeeded: hb_opaque_zero())

    /// Where strategy names are looked up: the registry, or a test's own.
    let strategies: (String) -> StrategyDescriptor?

    public init(timer: CycleTimer, sampling: SamplingPlan,
                strategies: @escaping (String) -> StrategyDescriptor? = StrategyRegistry.named) {
        self.timer = timer
        self.sampling = sampling
        self.strategies = strategies
    }

    // MARK: The reference

    private func world(_ spec: WorldSpec) throws -> MeasurementWorld {
        if let known = worlds[spec] { return known }
        // A run measures its points world by world (RunAxes.points), so one
        // world is kept at a time: a run needs the memory of its largest
        // world (WorldFootprint), not of all of them.
        worlds = [:]
        referenceOutcomes = [:]
        referenceDigests = [:]
        let world: MeasurementWorld
        do { world = try MeasurementWorld(spec) } catch { throw MeasurementError.invalidWorld(error.description) }
        let reference = ReferenceWorld(world.setup)
        referenceOutcomes[spec] = world.operations.map(reference.apply)
        var digests: [CacheState: String] = [:]
        for cache in CacheState.allCases {
            let decisions = world.plan(for: cache).map { call -> Int32 in
                guard case .decision(let d) = reference.apply(.check(cred: call.credential, hook: spec.hook, object: call.object)) else {
                    preconditionFailure("a planned credential is not live in the reference world")
                }
                return d
            }
            digests[cache] = DecisionDigest.of(decisions)
        }
        referenceDigests[spec] = digests
        worlds[spec] = world
        return world
    }

    // MARK: One point

    /// Every repeat of `point`, one after the other. A run interleaves the
    /// repeats of points that differ only by strategy instead (RunSession),
    /// so slow drifts of the machine hit every strategy alike.
    public func measure(_ point: PointSpec) throws -> PointResult {
        var repeats: [RepeatMeasurement] = []
        for index in 0..<sampling.repeats { repeats.append(try measureRepeat(point, index: index)) }
        return try summarize(point, repeats: repeats)
    }

    /// One repeat: a fresh world (new allocation and placement), its
    /// decisions proven against the reference, then sampled until its
    /// median is precise enough or its share of max-time is spent.
    public func measureRepeat(_ point: PointSpec, index repeatIndex: Int) throws -> RepeatMeasurement {
        if let churn = point.churn { return try measureChurnRepeat(point, churn: churn, index: repeatIndex) }
        if point.op.isLifecycle { return try measureLifecycleRepeat(point, index: repeatIndex) }
        guard let descriptor = strategies(point.strategy) else { throw MeasurementError.unknownStrategy(point.strategy) }
        let arena = memory.arena(placementSeed: SeededGenerator.derive(point.world.seed, UInt64(repeatIndex)))
        return try withPreparedRepeat(point, index: repeatIndex, arena: arena) { strategy, plan, digest in
            try sample(point, descriptor: descriptor, strategy: strategy, plan: plan, digest: digest, arena: arena)
        }
    }

    /// A fresh world for one repeat of `point` on its strategy, replayed
    /// and proven against the reference (every outcome, then the decisions
    /// digest of the call plan), handed to `body`, then torn down.
    func withPreparedRepeat<T>(_ point: PointSpec, index repeatIndex: Int, arena given: Arena? = nil,
                               _ body: (any DispatchStrategy, CallPlan, String) throws -> T) throws -> T {
        guard let descriptor = strategies(point.strategy) else { throw MeasurementError.unknownStrategy(point.strategy) }
        let world = try world(point.world)
        let arena = given ?? memory.arena(placementSeed: SeededGenerator.derive(point.world.seed, UInt64(repeatIndex)))
        let strategy = descriptor.instantiate(setup: world.setup, arena: arena)
        defer { strategy.tearDown() }
        try replay(world, on: strategy)
        let plan = CallPlan(strategy: strategy, calls: world.plan(for: point.cache), hook: point.world.hook)
        // The digest pass is also the plan's first pass: it fills the
        // caches, so the footprints are those of the plan's steady state.
        let digest = DecisionDigest.of(plan.decisions(strategy.checkEntry))
        let expected = referenceDigests[point.world]![point.cache]!
        guard digest == expected else {
            throw MeasurementError.digestMismatch(strategy: point.strategy, point: "\(point)", expected: expected, actual: digest)
        }
        plan.recordFootprints(strategy)
        return try body(strategy, plan, digest)
    }

    /// Warm-up, then alternating timed samples of the strategy and the
    /// baseline until the median is precise or the repeat's time is spent.
    private func sample(_ point: PointSpec, descriptor: StrategyDescriptor, strategy: any DispatchStrategy,
                        plan: CallPlan, digest: String, arena: Arena) throws -> RepeatMeasurement {
        let loop = TimedLoop.loop(mode: point.mode, cache: point.cache)
        // One batch size per point, chosen on its first repeat; a cold
        // window holds exactly the checks flushed before it.
        let checksPerSample = point.cache == .cold ? 1 : batchSizes[point] ?? batchSize(loop, strategy.checkEntry, plan)
        batchSizes[point] = checksPerSample

        // Warm up both loops, then sample them alternately.
        let warmupEnd = timer.start() &+ ticks(seconds: sampling.warmupSeconds)
        while timer.start() < warmupEnd {
            _ = timeBatch(loop, strategy.checkEntry, plan, checks: checksPerSample, baseline: false)
            _ = timeBatch(loop, TimedLoop.emptyEntry, plan, checks: checksPerSample, baseline: true)
        }
        var checks: [Double] = []
        var baseline: [Double] = []
        // The caches' counts over the timed checks alone.
        let countersBefore = strategy.cacheCounters()
        let rule = MedianPrecisionRule(targetRelativeHalfWidth: sampling.targetRelativeHalfWidth)
        let deadline = timer.start() &+ ticks(seconds: sampling.maxSecondsPerPoint / Double(sampling.repeats))
        var precise = false
        // The rule is checked every few samples, at least every 5 and at
        // most about 16 times per doubling, so it costs little even when a
        // sample is one cold check and there are hundreds of thousands.
        var nextRuleCheck = sampling.minimumSamples
        while timer.start() < deadline {
            checks.append(timeBatch(loop, strategy.checkEntry, plan, checks: checksPerSample, baseline: false))
            baseline.append(timeBatch(loop, TimedLoop.emptyEntry, plan, checks: checksPerSample, baseline: true))
            if shouldStop() { throw MeasurementError.interrupted }
            if checks.count >= nextRuleCheck {
                nextRuleCheck = checks.count + max(5, checks.count / 16)
                if let width = rule.relativeHalfWidth(of: checks) { onPrecision(width) }
                if rule.isSatisfied(by: checks) {
                    precise = true
                    break
                }
            }
        }
        let caches = CacheUse(counters: strategy.cacheCounters() - countersBefore, checks: checks.count * checksPerSample,
                              memory: strategy.memoryUse())
        return RepeatMeasurement(checks: checks, baseline: baseline, checksPerSample: checksPerSample, caches: caches,
                                 workingSetBytes: plan.workingSetLines * Arena.lineBytes,
                                 linesPerCheck: plan.linesPerCheck, dependentLoads: plan.dependentLoads, digest: digest,
                                 placement: memory.placementRecord(for: arena), reachedTarget: precise,
                                 implementation: descriptor.info.implementation)
    }

    /// Builds the strategy's world and insists every outcome is the reference's.
    private func replay(_ world: MeasurementWorld, on strategy: any DispatchStrategy) throws {
        let expected = referenceOutcomes[world.spec]!
        for (index, op) in world.operations.enumerated() {
            let actual = strategy.apply(op)
            if actual != expected[index] {
                throw MeasurementError.worldDisagrees(strategy: strategy.info.name, operationIndex: index,
                                                      expected: "\(expected[index])", actual: "\(actual)")
            }
        }
    }

    private func ticks(seconds: Double) -> UInt64 { UInt64(seconds * 1e9 * timer.ticksPerNanosecond) }

    private func timeBatch(_ loop: TimedLoop.Loop, _ entry: CheckEntry, _ plan: CallPlan, checks: Int, baseline: Bool) -> Double {
        observer?.willTimeBatch(baseline: baseline)
        let (elapsed, sum) = loop(entry, plan, checks, timer, zero)
        observer?.didTimeBatch(baseline: baseline, checks: checks)
        hb_keep_alive_u64(UInt64(UInt32(bitPattern: sum)))
        return timer.nanoseconds(ticks: elapsed) / Double(checks)
    }

    /// Doubles the batch until one lasts long enough that two timer reads
    /// are a negligible part of it.
    private func batchSize(_ loop: TimedLoop.Loop, _ entry: CheckEntry, _ plan: CallPlan) -> Int {
        var checks = 1
        while checks < 1 << 24 {
            let (elapsed, _) = loop(entry, plan, checks, timer, zero)
            if timer.nanoseconds(ticks: elapsed) >= sampling.minimumSampleNanoseconds { break }
            checks *= 2
        }
        return checks
    }

    /// A point from its repeats: the hierarchical estimate of the
    /// strategy's median minus the baseline's, with everything a row needs.
    public func summarize(_ point: PointSpec, repeats: [RepeatMeasurement]) throws -> PointResult {
        guard let first = repeats.first else { throw MeasurementError.invalidWorld("no repeat of \(point) was measured") }
        var rng = SeededGenerator(seed: point.world.seed ^ 0xB007)
        // Under churn each reader of each repeat is a group of its own:
        // the interval is across readers as well as repeats.
        let checkSamples = point.churn == nil ? repeats.map(\.checks) : repeats.flatMap { $0.churn?.readerSamples ?? [$0.checks] }
        let baselineSamples = point.churn == nil ? repeats.map(\.baseline) : repeats.flatMap { $0.churn?.readerBaselines ?? [$0.baseline] }
        let checks = RepeatedMeasurementEstimate(repeats: checkSamples, using: &rng)!
        let baseline = RepeatedMeasurementEstimate(repeats: baselineSamples, using: &rng)!
        let difference = checks.estimate - baseline.estimate
        let baselineMedian = baseline.estimate.value
        let net = checkSamples.joined().map { $0 - baselineMedian }
        var notes: [String] = []
        let unfinished = repeats.filter { !$0.reachedTarget }.count
        if unfinished > 0 {
            notes.append("CI target \(FixedPoint.percent(ofFraction: sampling.targetRelativeHalfWidth)) not reached in \(unfinished)/\(repeats.count) repeats within max-time")
        }
        if repeats.count > 1 {
            let range = FixedPoint.text(checks.minimumRepeatMedian, decimals: 2) + "-" + FixedPoint.text(checks.maximumRepeatMedian, decimals: 2)
            notes.append("repeat medians \(range) ns (spread \(FixedPoint.percent(ofFraction: checks.relativeSpread)))")
        }
        if !difference.isDistinguishableFromZero { notes.append("not distinguishable from the empty baseline") }
        var result = PointResult(
            spec: point, implementation: first.implementation, workingSetBytes: first.workingSetBytes,
            checksPerSample: first.checksPerSample, checkSamples: checkSamples, baselineSamples: baselineSamples,
            netEstimate: difference.nonNegative, resolved: difference.unclamped.ciLow > 0,
            linesPerCheck: first.linesPerCheck, dependentLoads: first.dependentLoads, baselineEstimate: baseline.estimate,
            netMean: net.mean() ?? .nan, netStandardDeviation: net.standardDeviation() ?? .nan,
            caches: CacheUse.combined(repeats.map(\.caches)),
            repeatMedianSpread: checks.relativeSpread, decisionsDigest: first.digest, notes: notes,
            placement: Self.worstPlacement(repeats.compactMap(\.placement)))
        // An operation timed alone is whole nanoseconds; a batch's
        // per-check average is finer.
        result.percentiles = LatencyPercentiles(net, resolution: point.op.isLifecycle ? 1 : 0.001)
        result.storm = MissStorm.median(repeats.compactMap(\.storm))
        result.churn = ChurnSummary(point, repeats: repeats)
        result.notes += Array(Set(repeats.flatMap { $0.churn?.notes ?? [] })).sorted()
        return result
    }

    /// The repeat whose memory was least on its node speaks for the point:
    /// one misplaced repeat must not hide behind a well-placed last one.
    public static func worstPlacement(_ records: [PlacementRecord]) -> PlacementRecord? {
        records.min { ($0.fractionOnMemNode ?? -1) < ($1.fractionOnMemNode ?? -1) }
    }
}
