import LSMModel
import Measurement
import Testing

struct MeasurementWorldTests {
    @Test(arguments: [0, 1, 8, 32])
    func everyTaskSitsAtTheRequestedDepth(depth: Int) throws {
        let spec = WorldSpec(lsms: 4, namespacedLSMs: 2, depth: depth, hook: 1, tasks: 16, seed: 3)
        let world = try MeasurementWorld(spec)
        let reference = ReferenceWorld(world.setup)
        for op in world.operations {
            if case .failed(let error) = reference.apply(op) { Issue.record("\(op) failed: \(error)") }
        }
        #expect(world.taskCredentials.count == 16)
        for cred in world.taskCredentials {
            #expect(reference.depth(of: cred, lsm: 0) == depth)
            #expect(reference.depth(of: cred, lsm: 3) == 0, "global LSMs stay at the root")
        }
    }

    @Test func oneTaskInEightIsRefusedAndTheRestAllowed() throws {
        let spec = WorldSpec(lsms: 3, namespacedLSMs: 3, depth: 5, hook: HookCatalogue.id(named: "file_open")!, tasks: 32, seed: 9)
        let world = try MeasurementWorld(spec)
        let reference = ReferenceWorld(world.setup)
        world.operations.forEach { _ = reference.apply($0) }
        let decisions = world.taskCredentials.map { reference.apply(.check(cred: $0, hook: spec.hook, objectClass: .file)) }
        #expect(decisions.filter { $0 == .decision(-13) }.count == 4)
        #expect(decisions.filter { $0 == .decision(0) }.count == 28)
    }

    @Test func hotPlansOneTaskAndWarmPlansEveryTaskOnce() throws {
        let world = try MeasurementWorld(WorldSpec(lsms: 2, namespacedLSMs: 1, depth: 2, hook: 0, tasks: 10, seed: 1))
        #expect(world.plan(for: .hot).count == 1)
        #expect(Set(world.plan(for: .warm)) == Set(world.taskCredentials))
        #expect(world.plan(for: .warm) == world.plan(for: .cold))
    }

    @Test func impossibleStacksAreErrorsNotCrashes() {
        #expect(throws: StackError.self) { try MeasurementWorld(WorldSpec(lsms: 15, namespacedLSMs: 1, depth: 1, hook: 0, tasks: 1, seed: 1)) }
    }

    @Test func digestsDifferWhenDecisionsDo() {
        #expect(DecisionDigest.of([0, 0, -13]) == DecisionDigest.of([0, 0, -13]))
        #expect(DecisionDigest.of([0, 0, -13]) != DecisionDigest.of([0, -13, 0]))
        #expect(DecisionDigest.of([0]).count == 16)
    }
}
