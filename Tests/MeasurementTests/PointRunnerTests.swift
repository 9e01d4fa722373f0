// The runner's structure and its refusals; never its timings.

import LSMModel
import Measurement
@testable import Strategies
import Testing
import Timing

/// A strategy whose checks allow everything: it agrees with the reference
/// while building the world (no check happens then... except the creation
/// permission step, which allows) but not on the refused tasks.
private let allowsEverything = StrategyDescriptor(
    info: StrategyInfo(name: "allows-everything", summary: "deliberately wrong", models: "nothing"),
    make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .flattened,
                                   callbacks: FlattenedResolver.callbacks, entry: { _, _, _, _ in 0 }) })

private func quickRunner() -> PointRunner {
    var sampling = SamplingPlan()
    sampling.maxSecondsPerPoint = 0.05
    sampling.repeats = 2
    sampling.minimumSampleNanoseconds = 2_000
    sampling.warmupSeconds = 0.001
    return PointRunner(timer: CycleTimer(forcingClockGettime: "tests do not calibrate", overheadPairs: 100), sampling: sampling,
                       strategies: { $0 == "allows-everything" ? allowsEverything : StrategyRegistry.named($0) })
}

struct PointRunnerTests {
    let world = WorldSpec(lsms: 3, namespacedLSMs: 2, depth: 3, hook: 1, tasks: 16, seed: 5)

    @Test(arguments: [CacheState.hot, .warm, .cold], [CallMode.throughput, .latency])
    func everyStrategyReportsTheReferenceDigest(cache: CacheState, mode: CallMode) throws {
        let runner = quickRunner()
        var digests = Set<String>()
        for name in ["hlist", "static-slots-c", "ancestry", "flattened", "ns-table"] {
            let result = try runner.measure(PointSpec(strategy: name, world: world, mode: mode, cache: cache))
            digests.insert(result.decisionsDigest)
            #expect(result.checkSamples.count == 2 && result.baselineSamples.count == 2)
            #expect(result.sampleCount > 0 && result.checksPerSample > 0)
            #expect(result.workingSetBytes > 0 && result.workingSetBytes % 64 == 0)
            #expect(result.netEstimate.ciLow <= result.netEstimate.value && result.netEstimate.value <= result.netEstimate.ciHigh)
        }
        #expect(digests.count == 1)
    }

    @Test func aStrategyWithOtherDecisionsIsRejected() throws {
        let runner = quickRunner()
        #expect {
            try runner.measure(PointSpec(strategy: "allows-everything", world: world, mode: .throughput, cache: .warm))
        } throws: { error in
            "\(error)".contains("different decisions than the reference")
        }
    }

    @Test func unknownStrategiesAreErrors() {
        #expect(throws: MeasurementError.self) {
            try quickRunner().measure(PointSpec(strategy: "nope", world: world, mode: .throughput, cache: .hot))
        }
    }

    @Test func coldWorkingSetsCoverEveryTask() throws {
        let runner = quickRunner()
        let hot = try runner.measure(PointSpec(strategy: "hlist", world: world, mode: .throughput, cache: .hot))
        let cold = try runner.measure(PointSpec(strategy: "hlist", world: world, mode: .throughput, cache: .cold))
        #expect(cold.workingSetBytes > 4 * hot.workingSetBytes)
    }
}
