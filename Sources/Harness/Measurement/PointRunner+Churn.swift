// Readers under churn: R reader threads, each pinned, check task 0's plan
// in timed batches (alternating with the empty baseline's) while one
// writer thread reloads task 0's namespace and creates (and undoes) a
// namespace at a set rate. Readers take no lock: they register with the
// world's reclaimer and pass a quiescent state after every pair of
// batches, so what a reload unpublishes is freed only once every reader
// has moved on.
//
// Correctness is proven per check (ChurnLoop): every decision must be the
// reference's under a policy version current at some moment of the check.
// One violation rejects the point. After the threads stop, the plan's
// decisions must be the reference's under the last version.
//
// The point's cost is the readers' ns per check net of the baseline, the
// median and its interval over every (repeat, reader) group of batches;
// rows also give the spread between readers' medians and the writer's
// achieved rate.

import Atomics
import Foundation
import LSMModel
import SeededRandom
import Statistics
import Strategies
import Support
import Timing

/// What one repeat of a churn point saw besides its samples.
public struct ChurnMeasurement: Sendable {
    /// Each reader's ns per check of its batches, and of its baseline's.
    public var readerSamples: [[Double]]
    public var readerBaselines: [[Double]]
    public var writes: Int
    public var seconds: Double
    public var violations: Int
    public var checks: Int
    /// What pinning said it could not do, once per distinct message.
    public var notes: [String]

    public var writesPerSecond: Double { seconds > 0 ? Double(writes) / seconds : 0 }

    /// The largest minus the smallest of the readers' net medians.
    var readerSpread: Double? {
        let medians = zip(readerSamples, readerBaselines).compactMap { samples, baseline -> Double? in
            guard let s = samples.median(), let b = baseline.median() else { return nil }
            return s - b
        }
        guard let low = medians.min(), let high = medians.max() else { return nil }
        return high - low
    }
}

/// A churn point over its repeats.
public struct ChurnSummary: Sendable, Equatable {
    public var readers: Int
    public var writeRate: WriteRate
    public var placement: ThreadPlacement
    /// Writes per second the writer reached (median over repeats).
    public var achievedWritesPerSecond: Double
    /// ns between the slowest and the fastest reader's net median (median
    /// over repeats).
    public var readerSpread: Double?
    /// Always 0 in a row: a point with a violation is rejected.
    public var violations: Int
    public var checks: Int
}

/// Everything the threads of one churn repeat share. Each reader writes
/// only its own slots; the coordinator reads them after every thread has
/// said it finished (an acquire of `finished`).
private final class ChurnRun: @unchecked Sendable {
    /// The world's copies (one, or one per node with readers), each reader's
    /// copy, and each copy's slot for the writer's retires.
    let copies: [any DispatchStrategy]
    let entries: [CheckEntry]
    let readerCopy: [Int]
    let writerSlots: [QuiescentStateReclaimer.ReaderSlot]
    let plans: [CallPlan]
    let decisions: VersionedDecisions
    let zeros: VersionedDecisions
    let versions = PolicyVersions()
    let timer: CycleTimer
    let checksPerBatch: Int
    let warmupTicks: UInt64
    let ready = ManagedAtomic<Int>(0)
    let go = ManagedAtomic<Bool>(false)
    let stop = ManagedAtomic<Bool>(false)
    let finished = ManagedAtomic<Int>(0)
    /// One per reader, then the writer's: each written by its own thread.
    let records: [ThreadRecord]
    let writerFailed = ManagedAtomic<Bool>(false)
    var writes = 0
    var writeSeconds = 0.0
    var writerFailure: String?

    init(copies: [any DispatchStrategy], readerCopy: [Int], plans: [CallPlan], decisions: VersionedDecisions,
         zeros: VersionedDecisions, timer: CycleTimer, checksPerBatch: Int, warmupTicks: UInt64) {
        self.copies = copies
        entries = copies.map(\.checkEntry)
        self.readerCopy = readerCopy
        writerSlots = copies.map { $0.reclaimer.register(reads: false) }
        self.plans = plans
        self.decisions = decisions
        self.zeros = zeros
        self.timer = timer
        self.checksPerBatch = checksPerBatch
        self.warmupTicks = warmupTicks
        records = (0...plans.count).map { _ in ThreadRecord() }
    }

    final class ThreadRecord: @unchecked Sendable {
        var samples: [Double] = []
        var baselines: [Double] = []
        var violations = 0
        var checks = 0
        var pinNote: String?
        /// Told of this reader's batches after its warm-up.
        var observer: SampleObserver?
    }

    var readerRecords: ArraySlice<ThreadRecord> { records.dropLast() }

    func waitForGo() {
        ready.wrappingIncrement(ordering: .releasing)
        while !go.load(ordering: .acquiring) { sched_yield() }
    }

    func read(_ reader: Int, slot: QuiescentStateReclaimer.ReaderSlot) {
        let plan = plans[reader]
        let entry = entries[readerCopy[reader]]
        var position = 0
        var baselinePosition = 0
        let warmEnd = timer.start() &+ warmupTicks
        var mine: [Double] = []
        var theirs: [Double] = []
        mine.reserveCapacity(1 << 16)
        theirs.reserveCapacity(1 << 16)
        var violated = 0
        var done = 0
        let record = records[reader]
        let observer = record.observer
        while !stop.load(ordering: .relaxed) {
            let sampled = timer.start() >= warmEnd
            if sampled { observer?.willTimeBatch(baseline: false) }
            let design = ChurnLoop.batch(entry, plan, position: position, checks: checksPerBatch, versions: versions,
                                         decisions: decisions, timer: timer)
            if sampled {
                observer?.didTimeBatch(baseline: false, checks: checksPerBatch)
                observer?.willTimeBatch(baseline: true)
            }
            let empty = ChurnLoop.batch(TimedLoop.emptyEntry, plan, position: baselinePosition, checks: checksPerBatch,
                                        versions: versions, decisions: zeros, timer: timer)
            if sampled { observer?.didTimeBatch(baseline: true, checks: checksPerBatch) }
            slot.quiescent()
            position = design.position
            baselinePosition = empty.position
            violated += design.violations
            done += checksPerBatch
            if sampled {
                mine.append(timer.nanoseconds(ticks: design.ticks) / Double(checksPerBatch))
                theirs.append(timer.nanoseconds(ticks: empty.ticks) / Double(checksPerBatch))
            }
        }
        record.samples = mine
        record.baselines = theirs
        record.violations = violated
        record.checks = done
    }

    /// `op` on every copy, each retiring into its own writer slot; each
    /// copy's outcome.
    func applyToCopies(_ op: LSMModel.Operation) -> [Outcome] {
        copies.indices.map { index in
            writerSlots[index].attach()
            defer { writerSlots[index].detach() }
            return copies[index].apply(op)
        }
    }

    /// Reloads (each a new policy version, published to every copy before
    /// it counts as finished) and creations (each undone at once),
    /// alternately, at `rate`.
    func write(rate: WriteRate, world: LifecycleWorld) {
        let start = timer.start()
        let ticksPerSecond = 1e9 * timer.ticksPerNanosecond
        let period: UInt64? = { if case .perSecond(let hz) = rate { return UInt64(ticksPerSecond / Double(hz)) } else { return nil } }()
        var next = start
        var count = 0
        let create = world.step(.create, index: 0)
        while !stop.load(ordering: .relaxed) {
            if let period {
                next &+= period
                var now = timer.start()
                // Behind by more than a second: the rate cannot be kept;
                // start counting periods again from now.
                if now > next &+ UInt64(ticksPerSecond) { next = now }
                while now < next && !stop.load(ordering: .relaxed) {
                    if timer.nanoseconds(ticks: next &- now) > 200_000 { usleep(100) }
                    now = timer.start()
                }
                if stop.load(ordering: .relaxed) { break }
            }
            if count % 2 == 0 {
                var outcomes: [Outcome] = []
                versions.publish { version in
                    outcomes = applyToCopies(.reload(namespace: world.target, policy: world.churnPolicies[Int(version % 2)]))
                }
                if let failed = outcomes.first(where: { $0 != .done }) { writerFailure = "reload gave \(failed)"; break }
            } else {
                // Every copy must give the reference's outcome.
                let outcomes = applyToCopies(create.timed([]).op)
                guard let outcome = outcomes.first, outcomes.allSatisfy({ $0 == outcome }), create.expect(outcome) else {
                    writerFailure = "create gave \(outcomes)"
                    break
                }
                for op in create.undo(outcome, []) {
                    if let undone = applyToCopies(op).first(where: { $0 != .done }) { writerFailure = "\(op) gave \(undone)"; break }
                }
                if writerFailure != nil { break }
            }
            count += 1
        }
        if writerFailure != nil { writerFailed.store(true, ordering: .releasing) }
        writes = count
        writeSeconds = timer.nanoseconds(from: start, to: timer.start()) / 1e9
    }
}

extension PointRunner {
    /// Which nodes get a copy of the world (nil: the runner's memory) and
    /// each reader's copy, and what differs from the copies asked for.
    func churnCopies(_ churn: ChurnSpec) -> (nodes: [Int?], readerCopy: [Int], note: String?) {
        let shared = (nodes: [Int?.none], readerCopy: Array(repeating: 0, count: churn.readers))
        guard churn.copies == .perNode else { return (shared.nodes, shared.readerCopy, nil) }
        let readerNodes = (0..<churn.readers).map { churnReaderNode($0, churn) }
        guard readerNodes.allSatisfy({ $0 != nil }) else {
            return (shared.nodes, shared.readerCopy, "per-node copies: the readers' NUMA nodes are not known, so they share one copy")
        }
        let nodes = Set(readerNodes.compactMap { $0 }).sorted()
        guard nodes.count > 1 else {
            return (shared.nodes, shared.readerCopy,
                    "per-node copies: every reader is on node \(nodes[0]), so there is one copy, in the point's memory (the same as shared)")
        }
        return (nodes, readerNodes.map { nodes.firstIndex(of: $0!)! }, nil)
    }

    func measureChurnRepeat(_ point: PointSpec, churn: ChurnSpec, index repeatIndex: Int) throws -> RepeatMeasurement {
        let placed = churnCopies(churn)
        var builtCopies: [BuiltLifecycleWorld] = []
        defer { builtCopies.forEach { $0.strategy.tearDown() } }
        for node in placed.nodes {
            builtCopies.append(try buildLifecycleWorld(point, index: repeatIndex, memory: node.map(nodeMemory)))
        }
        let built = builtCopies[0]
        let (world, replay, arena) = (built.world, built.replay, built.arena)
        let copies = builtCopies.map(\.strategy)
        let hook = point.world.hook
        let calls = world.base.plan(for: point.cache)
        func referenceDecisions() -> [Int32] {
            calls.map { call in
                guard case .decision(let d) = replay.apply(.check(cred: call.credential, hook: hook, object: call.object)) else {
                    return Int32.min
                }
                return d
            }
        }
        // The reference under each version's policy, left at version 0's.
        _ = replay.apply(.reload(namespace: world.target, policy: world.churnPolicies[1]))
        let odd = referenceDecisions()
        _ = replay.apply(.reload(namespace: world.target, policy: world.churnPolicies[0]))
        let even = referenceDecisions()
        for copy in copies {
            guard copy.apply(.reload(namespace: world.target, policy: world.churnPolicies[0])) == .done else {
                throw MeasurementError.operationDisagrees(strategy: point.strategy, operation: "reload", expected: "done", actual: "not done")
            }
        }
        let decisions = VersionedDecisions(even: even, odd: odd)
        let zeros = VersionedDecisions(zerosFor: calls.count)
        defer {
            decisions.deallocate()
            zeros.deallocate()
        }
        let plans = placed.readerCopy.map { CallPlan(strategy: copies[$0], calls: calls, hook: hook) }
        func requireDecisions(_ expected: [Int32], after reloads: UInt64?) throws {
            for (reader, plan) in plans.enumerated() {
                let actual = plan.decisions(copies[placed.readerCopy[reader]].checkEntry)
                guard actual == expected else {
                    let when = reloads.map { " after \($0) reloads" } ?? ""
                    throw MeasurementError.digestMismatch(strategy: point.strategy, point: "\(point)\(when), reader \(reader)'s copy",
                                                          expected: DecisionDigest.of(expected), actual: DecisionDigest.of(actual))
                }
            }
        }
        try requireDecisions(even, after: nil)
        let run = ChurnRun(copies: copies, readerCopy: placed.readerCopy, plans: plans, decisions: decisions, zeros: zeros,
                           timer: timer, checksPerBatch: churnBatchSize(copies[0], plan: plans[0], decisions: decisions),
                           warmupTicks: UInt64(sampling.warmupSeconds * 1e9 * timer.ticksPerNanosecond))
        let countersBefore = copies.map { $0.cacheCounters() }
        // Every thread retires into a slot of its own (call_rcu's per-CPU
        // lists); only the readers' slots hold grace periods back.
        let slots = placed.readerCopy.map { copies[$0].reclaimer.register() }
        let pin = pinChurnThread
        let observe = makeReaderObserver
        var threads: [Thread] = []
        for reader in 0..<churn.readers {
            let slot = slots[reader]
            threads.append(Thread {
                run.records[reader].pinNote = pin(.reader(reader), churn)
                run.records[reader].observer = observe()
                run.waitForGo()
                slot.attach()
                run.read(reader, slot: slot)
                slot.detach()
                run.finished.wrappingIncrement(ordering: .releasing)
            })
        }
        if churn.writeRate.hasWriter {
            let rate = churn.writeRate
            threads.append(Thread {
                run.records[churn.readers].pinNote = pin(.writer, churn)
                run.waitForGo()
                run.write(rate: rate, world: world)
                run.finished.wrappingIncrement(ordering: .releasing)
            })
        }
        for thread in threads {
            thread.stackSize = 1 << 22
            thread.start()
        }
        while run.ready.load(ordering: .acquiring) < threads.count { usleep(100) }
        run.go.store(true, ordering: .releasing)
        let seconds = sampling.warmupSeconds + sampling.maxSecondsPerPoint / Double(sampling.repeats)
        let end = Date().addingTimeInterval(seconds)
        var interrupted = false
        while Date() < end && !run.writerFailed.load(ordering: .acquiring) {
            usleep(2_000)
            if shouldStop() { interrupted = true; break }
        }
        run.stop.store(true, ordering: .relaxed)
        while run.finished.load(ordering: .acquiring) < threads.count { usleep(200) }
        slots.forEach { $0.unregister() }
        run.writerSlots.forEach { $0.unregister() }
        copies.forEach { $0.reclaimer.reclaim() }
        if interrupted { throw MeasurementError.interrupted }
        if let failure = run.writerFailure {
            throw MeasurementError.operationDisagrees(strategy: point.strategy, operation: "the churn writer", expected: "its outcome",
                                                      actual: failure)
        }
        let readers = Array(run.readerRecords)
        let violations = readers.reduce(0) { $0 + $1.violations }
        let checks = readers.reduce(0) { $0 + $1.checks }
        if violations > 0 {
            throw MeasurementError.churnViolations(strategy: point.strategy, violations: violations, checks: checks,
                                                   writes: run.writes)
        }
        // Once the writer has stopped, the decisions are the last version's.
        let last = run.versions.finished.load(ordering: .acquiring)
        let expected = last % 2 == 0 ? even : odd
        try requireDecisions(expected, after: last)
        var notes = Set(run.records.compactMap(\.pinNote))
        if let note = placed.note { notes.insert(note) }
        if copies.count > 1 {
            notes.insert("\(copies.count) copies of the world, one on each of nodes \(placed.nodes.map { "\($0!)" }.joined(separator: ", ")), each node's readers on their own; the writer writes to every copy; memory columns are one copy's")
        }
        let churnMeasurement = ChurnMeasurement(
            readerSamples: readers.map(\.samples), readerBaselines: readers.map(\.baselines), writes: run.writes,
            seconds: run.writeSeconds, violations: violations, checks: checks, notes: notes.sorted())
        guard readers.allSatisfy({ !$0.samples.isEmpty }) else {
            throw MeasurementError.invalidWorld("a reader of \(point.strategy) timed no batch after its warm-up; give a longer --max-time")
        }
        var measurement = RepeatMeasurement(
            checks: readers.flatMap(\.samples), baseline: readers.flatMap(\.baselines), checksPerSample: run.checksPerBatch,
            caches: CacheUse.combined(zip(copies, countersBefore).map { copy, before in
                CacheUse(counters: copy.cacheCounters() - before, checks: 0, memory: copy.memoryUse())
            }).with(checks: checks),
            // The digest of the world as built (version 0), the same for
            // every design; where the writer left it is checked above.
            workingSetBytes: 0, linesPerCheck: 0, dependentLoads: 0, digest: DecisionDigest.of(even),
            placement: memory.placementRecord(for: arena), reachedTarget: true,
            implementation: built.descriptor.info.implementation)
        measurement.churn = churnMeasurement
        return measurement
    }

    /// Doubles the batch (on this thread, before the readers start) until
    /// one lasts `minimumSampleNanoseconds`.
    private func churnBatchSize(_ strategy: any DispatchStrategy, plan: CallPlan, decisions: VersionedDecisions) -> Int {
        let versions = PolicyVersions()
        var checks = 16
        while checks < 1 << 22 {
            let (ticks, _, _) = ChurnLoop.batch(strategy.checkEntry, plan, position: 0, checks: checks, versions: versions,
                                                decisions: decisions, timer: timer)
            if timer.nanoseconds(ticks: ticks) >= sampling.minimumSampleNanoseconds { break }
            checks *= 2
        }
        return checks
    }
}

extension ChurnSummary {
    init?(_ point: PointSpec, repeats: [RepeatMeasurement]) {
        guard let churn = point.churn else { return nil }
        let measured = repeats.compactMap(\.churn)
        self.init(readers: churn.readers, writeRate: churn.writeRate, placement: churn.placement,
                  achievedWritesPerSecond: measured.map(\.writesPerSecond).median() ?? 0,
                  readerSpread: measured.compactMap(\.readerSpread).median(),
                  violations: measured.reduce(0) { $0 + $1.violations }, checks: measured.reduce(0) { $0 + $1.checks })
    }
}
