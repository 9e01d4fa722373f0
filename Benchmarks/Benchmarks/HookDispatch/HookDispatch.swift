// One LSM hook check through each dispatch strategy, timed by the ordo-one
// benchmark package, in a world of 4 stacked LSMs (the first 2 namespaced)
// with the checked credential nested 8 and 32 namespaces deep.
//
// A check that allocates times malloc rather than the design, so every
// benchmark counts the allocations of its measured loop and fails the run
// if there is even one. The package's own absolute thresholds are judged
// only against stored threshold files (`benchmark thresholds check`), not in
// a plain run, hence the explicit gate.

import Benchmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LSMModel
import MallocInterposerSwift
import Strategies

/// Namespace depths of the checked credential: shallow, and the default
/// depth limit, where walking strategies pay the most.
let depths = [8, 32]

let benchmarks: @Sendable () -> Void = {
    // Short runs: the suite is a gate and a quick comparison, and the machine
    // it runs on is shared with builds.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .mallocBytesCount, .freeCountTotal],
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(1),
        maxIterations: 300
    )

    registerRetireBenchmarks()

    for descriptor in StrategyRegistry.all {
        for depth in depths {
            Benchmark("\(descriptor.info.name) depth \(depth)") { benchmark, fixture in
                measureChecks(benchmark, fixture)
            } setup: {
                // Built here, not at registration: each benchmark runs in a
                // process of its own and builds only its own world.
                do {
                    return try CheckFixture(descriptor, depth: depth)
                } catch {
                    // The plugin reports the thrown error; this makes it fail the run.
                    RunFailure.record()
                    throw error
                }
            }
        }
    }
}

/// One measured iteration: `scalingFactor` checks of the same credential,
/// with the allocation counters read right around the loop.
func measureChecks(_ benchmark: Benchmark, _ fixture: CheckFixture) {
    let entry = fixture.entry
    let credential = fixture.credential
    let hook = fixture.hook
    let object = fixture.object
    let checks = benchmark.scaledIterations.count

    benchmark.startMeasurement()
    let before = MallocInterposerSwift.getStatistics()
    // A counted while loop, not a Range: iterating a Range in a debug build
    // can allocate, and that would be charged to the check.
    var remaining = checks
    while remaining > 0 {
        blackHole(entry(credential, hook: hook, object: object))
        remaining -= 1
    }
    let after = MallocInterposerSwift.getStatistics()
    benchmark.stopMeasurement()

    verifyNoAllocations(benchmark, fixture.counting, before: before, after: after, operations: checks, what: "a check")
}

/// Whether a fixture's measured iterations have yet shown the malloc
/// counters moving at all.
final class AllocationCounting {
    var verified = false
}

/// Fails `benchmark` if the counters moved between `before` and `after`,
/// its measured loop of `operations` operations (each `what`); once per
/// fixture, also proves that the counters are live at all.
func verifyNoAllocations(_ benchmark: Benchmark, _ counting: AllocationCounting,
                         before: MallocInterposerSwift.Statistics, after: MallocInterposerSwift.Statistics,
                         operations: Int, what: String) {
    // Warm-up iterations run before the package turns counting on, so only
    // measured iterations can be judged.
    guard benchmark.currentIteration >= benchmark.configuration.warmupIterations else { return }

    let allocations = after.mallocCount - before.mallocCount
    if allocations > 0 {
        fail(benchmark, """
            \(benchmark.name): \(allocations) allocation(s), \(after.mallocBytesCount - before.mallocBytesCount) \
            bytes, in \(operations) operations (iteration \(benchmark.currentIteration)); \(what) must not allocate.
            """)
        return
    }
    if counting.verified == false {
        guard countingIsLive() else {
            fail(benchmark, """
                \(benchmark.name): the malloc interposer is not counting, so allocations cannot be checked; \
                run through `swift package benchmark` and keep the malloc metrics in the benchmark's metrics.
                """)
            return
        }
        counting.verified = true
    }
}

/// Whether an allocation made now shows in the interposer's counters. The
/// package enables counting only for benchmarks that ask for a malloc metric
/// and only when its interposer is loaded; without this, a run without
/// either would pass every benchmark having counted nothing.
func countingIsLive() -> Bool {
    let before = MallocInterposerSwift.getStatistics().mallocCount
    let block = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
    blackHole(block)
    block.deallocate()
    return MallocInterposerSwift.getStatistics().mallocCount > before
}

/// Everything a measured loop touches, built before measuring starts.
final class CheckFixture {
    /// Owns the world that `credential` points into.
    let strategy: any DispatchStrategy
    let credential: UnsafeRawPointer
    let entry: CheckEntry
    let hook: Int32
    /// One labelled file: after the first check, every check hits the caches.
    let object: UnsafeRawPointer
    let counting = AllocationCounting()

    init(_ descriptor: StrategyDescriptor, depth: Int) throws {
        let setup = try WorldSetup(stack: .uniform(count: 4, namespaced: 2),
                                   rootPolicies: Array(repeating: .permissive, count: 4),
                                   initSids: [1, 2, 3, 4])
        strategy = descriptor.instantiate(setup: setup, arena: Arena())
        // Each credential creates the next one's namespaces in both
        // namespaced LSMs, one level deeper than its own.
        var credentialID: CredentialID = 0
        for level in 1...depth {
            let outcome = strategy.apply(.create(creator: credentialID, lsms: [0, 1],
                                                 policies: [.permissive, .permissive], sids: [5, 6], failAt: nil))
            guard case .credential(let id, _) = outcome else {
                throw FixtureError.nestingFailed(strategy: descriptor.info.name, level: level, outcome: outcome)
            }
            credentialID = id
        }
        guard let credentialObject = strategy.credentialObject(credentialID) else {
            throw FixtureError.noCredentialObject(strategy: descriptor.info.name, credential: credentialID)
        }
        credential = credentialObject
        entry = strategy.checkEntry
        hook = Int32(HookCatalogue.id(named: "file_open")!)
        object = strategy.object(ObjectRef(.file, label: 1_000))

        // Every policy is permissive, so anything but "allowed" means the
        // loop would time a broken or short-circuited check.
        let decision = entry(credential, hook: hook, object: object)
        guard decision == 0 else {
            throw FixtureError.unexpectedDecision(strategy: descriptor.info.name, decision: decision)
        }
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case nestingFailed(strategy: String, level: Int, outcome: Outcome)
    case noCredentialObject(strategy: String, credential: CredentialID)
    case unexpectedDecision(strategy: String, decision: Int32)

    var description: String {
        switch self {
        case .nestingFailed(let strategy, let level, let outcome):
            return "\(strategy): creating namespace level \(level) gave \(outcome)"
        case .noCredentialObject(let strategy, let credential):
            return "\(strategy): no object for live credential \(credential)"
        case .unexpectedDecision(let strategy, let decision):
            return "\(strategy): a permissive world answered \(decision), not 0"
        }
    }
}

/// Reports `reason` as this benchmark's failure and fails the run.
func fail(_ benchmark: Benchmark, _ reason: String) {
    benchmark.error(reason)
    RunFailure.record()
}

/// A benchmark failure (`Benchmark.error(_:)` or a throwing setup) is printed
/// by the plugin, but `swift package benchmark` still exits 0 unless a
/// benchmark process exits non-zero. Each benchmark runs in a process of its
/// own that exits as soon as it has reported the failure, so a failure
/// installs an exit handler that turns that exit into a failing one.
enum RunFailure {
    private static let failingExit: Void = {
        _ = atexit {
            // The normal exit is already under way; `_exit` ends it with a
            // failing status without re-entering `exit`.
            fflush(nil)
            _exit(EXIT_FAILURE)
        }
    }()

    static func record() {
        _ = failingExit
    }
}
