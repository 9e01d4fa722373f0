// Every strategy against the reference on random worlds. Seeds are the
// test arguments, so a failure names the world that reproduces it.

import LSMModel
import Strategies
import Testing
import Verification

struct DifferentialTests {
    @Test(arguments: StrategyRegistry.names)
    func agreesWithTheReference(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        var report = VerificationReport()
        for seed in UInt64(0)..<60 {
            Verifier.verify(RandomWorld(seed: 5_000 + seed), strategies: [descriptor], into: &report)
        }
        #expect(report.disagreements.isEmpty, "\(report.disagreements.first.map(String.init(describing:)) ?? "")")
        #expect(report.leakedBytes.isEmpty, "leaked: \(report.leakedBytes)")
        #expect(report.maxDepthReached >= 16, "worlds should nest deeply; deepest was \(report.maxDepthReached)")
    }

    @Test(arguments: StrategyRegistry.names)
    func agreesAtTheHardDepthLimit(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        var report = VerificationReport()
        for seed in UInt64(0)..<8 {
            Verifier.verify(RandomWorld(seed: 9_000 + seed, maxDepth: Limits.maxDepthLimit), strategies: [descriptor], into: &report)
        }
        #expect(report.passed, "\(report.disagreements.first.map(String.init(describing:)) ?? "") \(report.leakedBytes)")
    }
}
