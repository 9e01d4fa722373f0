// Readers under churn: every design's readers decide as some policy
// version current during each check did, while a writer reloads and
// creates next to them; a design that publishes out of order is caught.
// Never their timings.

import LSMModel
import Measurement
import Strategies
import Testing
import Timing

private func churnRunner(seconds: Double = 0.15, strategies: @escaping (String) -> StrategyDescriptor? = StrategyRegistry.named)
    -> PointRunner {
    var sampling = SamplingPlan()
    sampling.maxSecondsPerPoint = seconds
    sampling.repeats = 1
    sampling.warmupSeconds = 0.005
    sampling.minimumSampleNanoseconds = 20_000
    return PointRunner(timer: CycleTimer(forcingClockGettime: "tests do not calibrate", overheadPairs: 100), sampling: sampling,
                       strategies: strategies)
}

struct ChurnTests {
    /// Small AVCs and many labels: readers miss and insert all the time,
    /// so their inserts race the writer's flushes and renewals.
    static let world = WorldSpec(lsms: 2, namespacedLSMs: 1, depth: 3, hook: 1, tasks: 2, seed: 11, labels: 64,
                                 skew: .uniform, caches: try! CacheGeometry(slots: 16, threshold: 16, reclaim: 4), descendants: 3)

    static let designs = StrategyRegistry.all.filter { $0.info.implementation == "swift" }.map(\.info.name)

    @Test(arguments: designs)
    func readersUnderAWriterAtFullSpeedDecideAsSomeCurrentVersion(strategy: String) throws {
        let point = PointSpec(strategy: strategy, world: Self.world, mode: .throughput, cache: .hot,
                              churn: ChurnSpec(readers: 2, writeRate: .max))
        // A violation, or a wrong final decision, throws.
        let result = try churnRunner().measure(point)
        let churn = try #require(result.churn)
        #expect(churn.violations == 0)
        #expect(churn.readers == 2)
        #expect(churn.achievedWritesPerSecond > 0, "the writer wrote")
        #expect(churn.checks > 0)
        #expect(result.checkSamples.count == 2, "one group of batches per reader")
        #expect(result.checkSamples.allSatisfy { !$0.isEmpty })
    }

    @Test(arguments: ["hlist", "ns-table", "flattened"])
    func perNodeCopiesEachGetTheirReadersAndEveryWrite(strategy: String) throws {
        let runner = churnRunner()
        // Two nodes as the pinning would deal them: reader i on node i % 2.
        runner.churnReaderNode = { reader, _ in reader % 2 }
        let asked = NodesAsked()
        runner.nodeMemory = { node in
            asked.nodes.append(node)
            return HeapWorldMemory()
        }
        let point = PointSpec(strategy: strategy, world: Self.world, mode: .throughput, cache: .hot,
                              churn: ChurnSpec(readers: 2, writeRate: .max, copies: .perNode))
        // Each copy's readers are checked against the versions, and each
        // copy must give the last version's decisions at the end.
        let result = try runner.measure(point)
        #expect(asked.nodes == [0, 1], "one copy on each node with readers")
        #expect(result.churn?.violations == 0)
        #expect((result.churn?.achievedWritesPerSecond ?? 0) > 0)
        #expect(result.notes.contains { $0.contains("2 copies of the world, one on each of nodes 0, 1") })
    }

    @Test func perNodeCopiesOnOneNodeAreOneSharedWorld() throws {
        let runner = churnRunner(seconds: 0.05)
        runner.churnReaderNode = { _, _ in 0 }
        let asked = NodesAsked()
        runner.nodeMemory = { node in
            asked.nodes.append(node)
            return HeapWorldMemory()
        }
        let point = PointSpec(strategy: "hlist", world: Self.world, mode: .throughput, cache: .hot,
                              churn: ChurnSpec(readers: 2, writeRate: .perSecond(0), copies: .perNode))
        let result = try runner.measure(point)
        #expect(asked.nodes.isEmpty, "one node: the point's own memory")
        #expect(result.notes.contains { $0.contains("every reader is on node 0, so there is one copy") })
    }

    @Test func everyDesignsChurnRowCarriesTheSameDigest() throws {
        // However many reloads each writer got through, the row's digest is
        // the world as built, so a summary can tell the rows measured the
        // same decisions.
        let digests = try ["hlist", "flattened", "ns-table"].map { strategy in
            try churnRunner(seconds: 0.05).measure(PointSpec(strategy: strategy, world: Self.world, mode: .throughput, cache: .hot,
                                                            churn: ChurnSpec(readers: 1, writeRate: .max))).decisionsDigest
        }
        #expect(Set(digests).count == 1, "\(digests)")
    }

    @Test func readersAloneHaveNoWriter() throws {
        let point = PointSpec(strategy: "hlist", world: Self.world, mode: .throughput, cache: .hot,
                              churn: ChurnSpec(readers: 1, writeRate: .perSecond(0)))
        let result = try churnRunner(seconds: 0.05).measure(point)
        #expect(result.churn?.achievedWritesPerSecond == 0)
    }

    @Test func aSetRateIsKeptRoughly() throws {
        let point = PointSpec(strategy: "flattened", world: Self.world, mode: .throughput, cache: .hot,
                              churn: ChurnSpec(readers: 1, writeRate: .perSecond(1_000)))
        let result = try churnRunner(seconds: 0.2).measure(point)
        let rate = try #require(result.churn?.achievedWritesPerSecond)
        // Not a timing assertion: the writer sleeps between writes, so it
        // can only fall behind, never run ahead.
        #expect(rate > 0 && rate <= 1_100, "\(rate) writes/s")
    }

    @Test func anUnsynchronisedPublishIsCaught() throws {
        let mutant = StrategyDescriptor.hlistUnsynchronisedMutant
        // On one thread the mutant is right: every operation agrees.
        let single = churnRunner(strategies: { $0 == mutant.info.name ? mutant : StrategyRegistry.named($0) })
        _ = try single.measure(PointSpec(strategy: mutant.info.name, world: Self.world, mode: .latency, cache: .hot, op: .reload))
        // Under churn a reader that misses between its flush and its
        // publish caches the old policy's decision for good.
        let point = PointSpec(strategy: mutant.info.name, world: Self.world, mode: .throughput, cache: .hot,
                              churn: ChurnSpec(readers: 1, writeRate: .max))
        var caught = false
        for _ in 0..<5 where !caught {
            do {
                _ = try churnRunner(seconds: 0.3, strategies: { $0 == mutant.info.name ? mutant : StrategyRegistry.named($0) })
                    .measure(point)
            } catch let error as MeasurementError {
                guard case .churnViolations = error else {
                    if case .digestMismatch = error { caught = true; continue }
                    throw error
                }
                caught = true
            }
        }
        #expect(caught, "a stale decision under churn must reject the point")
    }
}

/// The nodes a runner asked for copy memory on.
private final class NodesAsked {
    var nodes: [Int] = []
}
