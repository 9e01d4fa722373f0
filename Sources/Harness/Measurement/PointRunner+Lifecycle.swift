// Write-side points: one operation at a time (create, a refused or unwound
// create, setns, reload, destroy), each timed alone between two timer
// reads and set against empty pairs of reads, in a world that the
// operation's untimed undo returns to the same state before every sample.
// Every operation's outcome, timed or not, must equal the reference's;
// an unwound creation must leave the arena exactly as it found it; and
// after the last sample the world's checks must still decide as the
// reference does. A reload point also measures its miss storm: the extra
// misses and time of the checks after a reload, until the caches are as
// warm as before it.
//
// What an operation costs includes the model's own bookkeeping, the same
// for every design (records, dictionaries, the outcome value): differences
// between designs are the designs'; absolute values bound the kernel's
// from neither side.

import CHarness
import LSMModel
import SeededRandom
import Statistics
import Strategies
import Support

extension PointRunner {
    /// Samples below which a write-side repeat does not stop early, so its
    /// tail percentiles have samples behind them.
    static let lifecycleMinimumSamples = 2_000
    /// The most samples one write-side repeat takes.
    static let lifecycleMaximumSamples = 50_000
    /// Checks per chunk of a miss-storm measurement.
    static let stormChunk = 256

    /// A repeat's lifecycle world, built on the reference (which holds it
    /// from then on) and on a fresh instance of the point's strategy, every
    /// outcome the reference's. The caller tears the strategy down.
    struct BuiltLifecycleWorld {
        let world: LifecycleWorld
        let replay: ReferenceWorld
        let strategy: any DispatchStrategy
        let arena: Arena
        let descriptor: StrategyDescriptor
    }

    /// `memory`: where the world goes (nil: the runner's `memory`).
    func buildLifecycleWorld(_ point: PointSpec, index repeatIndex: Int, memory: WorldMemory? = nil) throws -> BuiltLifecycleWorld {
        guard let descriptor = strategies(point.strategy) else { throw MeasurementError.unknownStrategy(point.strategy) }
        let base: MeasurementWorld
        do { base = try MeasurementWorld(point.world) } catch { throw MeasurementError.invalidWorld(error.description) }
        let replay = ReferenceWorld(base.setup)
        let world = try LifecycleWorld(base, on: replay)
        let arena = (memory ?? self.memory).arena(placementSeed: SeededGenerator.derive(point.world.seed, UInt64(repeatIndex)))
        let strategy = descriptor.instantiate(setup: base.setup, arena: arena)
        for (index, op) in world.operations.enumerated() {
            let expected = world.outcomes[index]
            let actual = strategy.apply(op)
            guard actual == expected else {
                strategy.tearDown()
                throw MeasurementError.worldDisagrees(strategy: point.strategy, operationIndex: index,
                                                      expected: "\(expected)", actual: "\(actual)")
            }
        }
        return BuiltLifecycleWorld(world: world, replay: replay, strategy: strategy, arena: arena, descriptor: descriptor)
    }

    func measureLifecycleRepeat(_ point: PointSpec, index repeatIndex: Int) throws -> RepeatMeasurement {
        let built = try buildLifecycleWorld(point, index: repeatIndex)
        let (world, replay, strategy, arena, descriptor) = (built.world, built.replay, built.strategy, built.arena, built.descriptor)
        let base = world.base
        defer { strategy.tearDown() }
        let plan = CallPlan(strategy: strategy, calls: base.plan(for: .hot), hook: point.world.hook)
        _ = plan.decisions(strategy.checkEntry)

        func apply(_ op: Operation) throws -> Outcome {
            let expected = replay.apply(op)
            let actual = strategy.apply(op)
            guard actual == expected else {
                throw MeasurementError.operationDisagrees(strategy: point.strategy, operation: "\(op)",
                                                          expected: "\(expected)", actual: "\(actual)")
            }
            return actual
        }

        var samples: [Double] = []
        var baseline: [Double] = []
        let rule = MedianPrecisionRule(targetRelativeHalfWidth: sampling.targetRelativeHalfWidth)
        let deadline = timer.start() &+ UInt64(sampling.maxSecondsPerPoint / Double(sampling.repeats) * 1e9 * timer.ticksPerNanosecond)
        var precise = false
        var index = 0
        while samples.count < Self.lifecycleMaximumSamples && (samples.count < sampling.minimumSamples || timer.start() < deadline) {
            let step = world.step(point.op, index: index)
            index += 1
            var prepared: [Outcome] = []
            for op in step.prepare { prepared.append(try apply(op)) }
            let (before, op) = step.timed(prepared)
            for op in before { _ = try apply(op) }
            let expected = replay.apply(op)
            let liveBefore = arena.liveBytes
            let start = timer.start()
            let outcome = strategy.apply(op)
            let stop = timer.stop()
            let pairStart = timer.start()
            let pairStop = timer.stop()
            guard outcome == expected, step.expect(outcome) else {
                throw MeasurementError.operationDisagrees(strategy: point.strategy, operation: "\(point.op.rawValue): \(op)",
                                                          expected: "\(expected)", actual: "\(outcome)")
            }
            if point.op == .createUnwound, arena.liveBytes != liveBefore {
                throw MeasurementError.leaked(strategy: point.strategy, operation: "\(op)", bytes: arena.liveBytes - liveBefore)
            }
            samples.append(timer.nanoseconds(from: start, to: stop))
            baseline.append(timer.nanoseconds(from: pairStart, to: pairStop))
            for op in step.undo(outcome, prepared) { _ = try apply(op) }
            if shouldStop() { throw MeasurementError.interrupted }
            if samples.count >= Self.lifecycleMinimumSamples, samples.count % 500 == 0 {
                if let width = rule.relativeHalfWidth(of: samples) { onPrecision(width) }
                if rule.isSatisfied(by: samples) {
                    precise = true
                    break
                }
            }
        }

        var storm: MissStorm?
        if point.op == .reload {
            storm = try missStorm(strategy: strategy, plan: plan) {
                _ = try apply(world.step(.reload, index: index).timed([]).op)
                index += 1
            }
        }
        // After every sample, the checks still decide as the reference does.
        let decisions = plan.decisions(strategy.checkEntry)
        let expectedDecisions = base.plan(for: .hot).map { call -> Int32 in
            guard case .decision(let d) = replay.apply(.check(cred: call.credential, hook: point.world.hook, object: call.object)) else {
                return Int32.min
            }
            return d
        }
        let digest = DecisionDigest.of(decisions)
        let expectedDigest = DecisionDigest.of(expectedDecisions)
        guard digest == expectedDigest else {
            throw MeasurementError.digestMismatch(strategy: point.strategy, point: "\(point) after its operations",
                                                  expected: expectedDigest, actual: digest)
        }
        var measurement = RepeatMeasurement(
            checks: samples, baseline: baseline, checksPerSample: 1,
            caches: CacheUse(counters: CacheReport(total: CacheCounters(), byDepth: [:]), checks: 0, memory: strategy.memoryUse()),
            workingSetBytes: 0, linesPerCheck: 0, dependentLoads: 0, digest: digest,
            placement: memory.placementRecord(for: arena), reachedTarget: precise,
            implementation: descriptor.info.implementation)
        measurement.storm = storm
        return measurement
    }

    /// The steady state of task 0's hot plan, in chunks (time and misses
    /// of each), then `reload`, then the same chunks again. The plan is
    /// fixed and the caches deterministic, so the chunk at one position
    /// after the reload is set against the same chunk before it: the
    /// storm is the sum of the excess misses, and its length the checks
    /// until 90% of that excess had happened.
    private func missStorm(strategy: any DispatchStrategy, plan: CallPlan, reload: () throws -> Void) throws -> MissStorm {
        let loop = TimedLoop.loop(mode: .throughput, cache: .hot)
        let length = plan.calls.count
        // Chunks that tile the plan exactly, over whole passes (at least
        // two, enough for every key to be inserted again, and 16 chunks).
        var chunk = Swift.min(Self.stormChunk, length)
        while length % chunk != 0 { chunk -= 1 }
        let perPass = length / chunk
        let window = perPass * Swift.max(2, (16 + perPass - 1) / perPass)
        func timedChunk() -> (ns: Double, misses: Int) {
            let before = strategy.cacheCounters().total
            let (ticks, sum) = loop(strategy.checkEntry, plan, chunk, timer, zero)
            hb_keep_alive_u64(UInt64(UInt32(bitPattern: sum)))
            let after = strategy.cacheCounters().total
            return (timer.nanoseconds(ticks: ticks), Int(after.misses) - Int(before.misses))
        }
        plan.position = 0
        _ = loop(strategy.checkEntry, plan, 2 * length, timer, zero)
        var steady: [(ns: Double, misses: Int)] = []
        for _ in 0..<window { steady.append(timedChunk()) }
        try reload()
        var after: [(ns: Double, misses: Int)] = []
        for _ in 0..<window { after.append(timedChunk()) }

        var cumulative: [Int] = []
        var sum = 0
        for (before, now) in zip(steady, after) {
            sum += now.misses - before.misses
            cumulative.append(sum)
        }
        guard sum > 0 else { return MissStorm(checks: 0, nanoseconds: 0, misses: 0) }
        let over = (cumulative.firstIndex { Double($0) >= 0.9 * Double(sum) } ?? window - 1) + 1
        let extra = zip(steady.prefix(over), after.prefix(over)).reduce(0.0) { $0 + $1.1.ns - $1.0.ns }
        return MissStorm(checks: over * chunk, nanoseconds: extra, misses: sum)
    }
}
