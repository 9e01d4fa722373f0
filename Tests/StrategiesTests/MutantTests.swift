// The verifier must catch a strategy that is subtly wrong. This one is
// static-slots with a parent walk that stops one level short of the root,
// the kind of off-by-one a faster walk could introduce.

import LSMModel
@testable import Strategies
import Testing
import Verification

enum StopsBelowRoot: LevelResolver {
    @inline(never)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        var current = cred
        while true {
            let part = RawCredential.part(of: current, at: partOffset)
            guard let parent = RawPart.parentCredential(part) else { return true }
            if !ownLevelAllows(part, request: request) { return false }
            current = parent
        }
    }

    static let callbacks = ResolverCallbacks(namespaced: { StopsBelowRoot.namespaced($0, $1, $2) }, global: swiftOwnLevel)
}

let stopsBelowRoot = StrategyDescriptor(
    info: StrategyInfo(name: "stops-below-root", summary: "deliberately broken", models: "nothing"),
    make: { FrameworkDispatchedStrategy<SlotTable>(info: $0, setup: $1, arena: $2, shape: .parentWalk,
                                   callbacks: StopsBelowRoot.callbacks,
                                   entry: { SlotTable.check($0!, $1!, Int($2), $3!, StopsBelowRoot.self) }) })

struct MutantTests {
    /// The mutants `verify` replays its worlds on must each be caught,
    /// and the designs they break must not be blamed.
    @Test(arguments: StrategyRegistry.mutants.map(\.info.name))
    func verifierCatchesAReloadThatForgetsDescendants(mutant name: String) throws {
        let mutant = try #require(StrategyRegistry.mutants.first { $0.info.name == name })
        var report = VerificationReport()
        var seed: UInt64 = 0
        while report.passed && seed < 100 {
            Verifier.verify(RandomWorld(seed: seed), strategies: [.flattened, .namespaceTable, mutant], into: &report)
            seed += 1
        }
        let found = try #require(report.disagreements.first, "\(name) survived 100 worlds")
        #expect(found.strategy == name)
        #expect(report.disagreements.count == 1, "the correct designs must not be blamed")
        #expect(found.operation.description.hasPrefix("check"), "a stale decision shows in a check")
    }

    @Test func verifierCatchesAWalkThatSkipsTheRoot() throws {
        var report = VerificationReport()
        var seed: UInt64 = 0
        while report.passed && seed < 50 {
            Verifier.verify(RandomWorld(seed: seed), strategies: [.staticSlots, stopsBelowRoot], into: &report)
            seed += 1
        }
        let found = try #require(report.disagreements.first)
        #expect(found.strategy == "stops-below-root")
        #expect(report.disagreements.count == 1, "the correct strategy must not be blamed")
        // The disagreement names a world that reproduces it on its own.
        var replay = VerificationReport()
        Verifier.verify(RandomWorld(seed: found.seed), strategies: [stopsBelowRoot], into: &replay)
        #expect(replay.disagreements.first?.operationIndex == found.operationIndex)
        #expect(found.description.contains("--seed \(found.seed)"))
    }
}
