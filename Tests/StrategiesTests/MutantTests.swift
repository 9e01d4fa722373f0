// The verifier must catch a strategy that is subtly wrong. This one is
// static-slots with a parent walk that stops one level short of the root,
// the kind of off-by-one a faster walk could introduce.

import LSMModel
@testable import Strategies
import Testing
import Verification

enum StopsBelowRoot: LevelResolver {
    @inline(never)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ classHook: UInt64) -> Bool {
        var current = cred
        while true {
            let part = RawCredential.blob(of: current) + partOffset
            guard let parent = RawPart.parentCredential(part) else { return true }
            if !ownLevelAllows(part, classHook: classHook) { return false }
            current = parent
        }
    }

    static func global(_ cred: UnsafeRawPointer, _ partOffset: Int, _ classHook: UInt64) -> Bool {
        ParentWalk.global(cred, partOffset, classHook)
    }
}

final class StopsBelowRootStrategy: DispatchStrategy {
    static let info = StrategyInfo(name: "stops-below-root", summary: "deliberately broken", models: "nothing")
    let arena: Arena
    let store: NamespaceStore
    let slots: SlotTable

    init(setup: WorldSetup, arena: Arena) {
        self.arena = arena
        store = NamespaceStore(setup: setup, arena: arena, shape: .parentWalk)
        slots = SlotTable(arena: arena, stack: setup.stack, partOffset: store.partOffset,
                          callbacks: ({ StopsBelowRoot.namespaced($0, $1, $2) }, { StopsBelowRoot.global($0, $1, $2) }))
        store.start()
    }

    var checkEntry: CheckEntry {
        CheckEntry(function: { ctx, cred, hook, cls in SlotTable.check(ctx!, cred!, Int(hook), Int(cls), StopsBelowRoot.self) },
                   context: slots.base)
    }

    func apply(_ op: Operation) -> Outcome {
        store.apply(op) { cred, hook, cls in SlotTable.check(self.slots.base, cred.object.base, hook, cls.rawValue, StopsBelowRoot.self) }
    }

    func credentialObject(_ id: CredentialID) -> UnsafeRawPointer? { store.credential(id).map { UnsafeRawPointer($0.object.base) } }
    func tearDown() { store.tearDown(); slots.free(in: arena) }
}

struct MutantTests {
    @Test func verifierCatchesAWalkThatSkipsTheRoot() throws {
        var report = VerificationReport()
        var seed: UInt64 = 0
        while report.passed && seed < 50 {
            Verifier.verify(RandomWorld(seed: seed), strategies: [StaticSlotsStrategy.self, StopsBelowRootStrategy.self], into: &report)
            seed += 1
        }
        let found = try #require(report.disagreements.first)
        #expect(found.strategy == "stops-below-root")
        #expect(report.disagreements.count == 1, "the correct strategy must not be blamed")
        // The disagreement names a world that reproduces it on its own.
        var replay = VerificationReport()
        Verifier.verify(RandomWorld(seed: found.seed), strategies: [StopsBelowRootStrategy.self], into: &replay)
        #expect(replay.disagreements.first?.operationIndex == found.operationIndex)
        #expect(found.description.contains("--seed \(found.seed)"))
    }
}
