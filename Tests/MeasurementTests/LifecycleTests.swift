// Write-side points: every design's operations against the reference,
// operation by operation, in a small world with descendants; never their
// timings.

import LSMModel
import Measurement
import Strategies
import Testing
import Timing

private func lifecycleRunner() -> PointRunner {
    var sampling = SamplingPlan()
    sampling.maxSecondsPerPoint = 0.02
    sampling.repeats = 1
    sampling.minimumSamples = 20
    return PointRunner(timer: CycleTimer(forcingClockGettime: "tests do not calibrate", overheadPairs: 100), sampling: sampling)
}

struct LifecycleTests {
    let world = WorldSpec(lsms: 4, namespacedLSMs: 2, depth: 3, hook: 1, tasks: 2, seed: 9, labels: 64,
                          skew: .zipf(1.0), caches: try! CacheGeometry(slots: 16, threshold: 16, reclaim: 4), descendants: 5)

    static let writeOps = PointOperation.allCases.filter(\.isLifecycle)

    @Test(arguments: StrategyRegistry.all.map(\.info.name))
    func everyOperationOfEveryDesignAgreesWithTheReference(strategy: String) throws {
        let runner = lifecycleRunner()
        for op in Self.writeOps {
            let result = try runner.measure(PointSpec(strategy: strategy, world: world, mode: .latency, cache: .warm, op: op))
            #expect(result.sampleCount >= 20, "\(strategy) \(op)")
            #expect(result.checksPerSample == 1)
            let tail = try #require(result.percentiles)
            #expect(tail.p50 <= tail.p90 && tail.p90 <= tail.max, "\(strategy) \(op): \(tail)")
            // Only a reload has a storm to measure.
            #expect((result.storm != nil) == (op == .reload), "\(strategy) \(op)")
        }
    }

    @Test func aReloadFlushesTheCachesItsChecksUse() throws {
        // With a cache bigger than the plan's keys, the steady state has no
        // misses: every miss after the reload is the storm's.
        var big = world
        big.caches = .selinux
        let runner = lifecycleRunner()
        for strategy in ["hlist", "ancestry", "flattened", "ns-table"] {
            let result = try runner.measure(PointSpec(strategy: strategy, world: big, mode: .latency, cache: .warm, op: .reload))
            let storm = try #require(result.storm)
            #expect(storm.misses > 0 && storm.checks > 0, "\(strategy): \(storm)")
        }
        let none = try runner.measure(PointSpec(strategy: "label-vector", world: big, mode: .latency, cache: .warm, op: .reload))
        #expect(none.storm == MissStorm(checks: 0, nanoseconds: 0, misses: 0))
    }

    @Test func writeSideOperationsNeedANamespacedLSM() throws {
        var flat = world
        flat.namespacedLSMs = 0
        flat.descendants = 0
        #expect {
            try lifecycleRunner().measure(PointSpec(strategy: "hlist", world: flat, mode: .latency, cache: .warm, op: .create))
        } throws: { "\($0)".contains("--namespaced-lsms 1 or more") }
    }

    @Test func descendantsAreChildrenOfTaskZerosNamespace() throws {
        let built = try MeasurementWorld(world)
        let reference = ReferenceWorld(built.setup)
        let outcomes = built.operations.map(reference.apply)
        #expect(!outcomes.contains { if case .failed = $0 { return true } else { return false } })
        let task0 = built.taskCredentials[0]
        let own = try #require(reference.namespace(of: task0, lsm: 0))
        let children = reference.liveCredentials.filter { cred in
            reference.depth(of: cred, lsm: 0) == world.depth + 1
        }
        #expect(children.count == world.descendants)
        #expect(own != 0)
    }
}
