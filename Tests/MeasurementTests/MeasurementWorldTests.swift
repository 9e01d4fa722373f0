import LSMModel
import Measurement
import Testing

enum MeasurementWorldLabels {
    /// MeasurementWorld's first object label.
    static let first: SID = 1_000_000
}

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

    @Test(arguments: [1, 64])
    func oneKeyInEightIsRefusedAndTheRestAllowed(labels: Int) throws {
        let spec = WorldSpec(lsms: 3, namespacedLSMs: 3, depth: 5, hook: HookCatalogue.id(named: "file_open")!, tasks: 32, seed: 9,
                             labels: labels)
        let world = try MeasurementWorld(spec)
        let reference = ReferenceWorld(world.setup)
        world.operations.forEach { _ = reference.apply($0) }
        var decisions: [Outcome] = []
        for cred in world.taskCredentials {
            for label in 0..<labels {
                decisions.append(reference.apply(.check(cred: cred, hook: spec.hook,
                                                        object: ObjectRef(.file, label: MeasurementWorldLabels.first + SID(label)))))
            }
        }
        #expect(decisions.filter { $0 == .decision(-13) }.count == 32 * labels / 8)
        #expect(decisions.filter { $0 == .decision(0) }.count == 32 * labels * 7 / 8)
    }

    @Test func withOneLabelHotPlansOneTaskAndWarmPlansEveryTaskOnce() throws {
        let world = try MeasurementWorld(WorldSpec(lsms: 2, namespacedLSMs: 1, depth: 2, hook: 0, tasks: 10, seed: 1))
        #expect(world.plan(for: .hot).count == 1)
        #expect(Set(world.plan(for: .warm).map(\.credential)) == Set(world.taskCredentials))
        #expect(world.plan(for: .warm).count == 10)
        #expect(world.plan(for: .warm) == world.plan(for: .cold))
    }

    @Test func withLabelsPlansDrawThemByTheSkew() throws {
        for skew in [LabelSkew.uniform, .zipf(1.0)] {
            let world = try MeasurementWorld(WorldSpec(lsms: 2, namespacedLSMs: 1, depth: 2, hook: 0, tasks: 10, seed: 1,
                                                       labels: 256, skew: skew))
            let hot = world.plan(for: .hot)
            #expect(hot.count == 1_024)
            #expect(Set(hot.map(\.credential)) == [world.taskCredentials[0]])
            var uses: [SID: Int] = [:]
            for call in hot { uses[call.object.label, default: 0] += 1 }
            let top = uses.values.max() ?? 0
            // Uniform: about 4 uses each; zipf 1.0: the first label takes
            // about 1/H(256) = 16% of the calls.
            if skew == .uniform { #expect(top < 16, "uniform draws crowded one label \(top) times") }
            else { #expect(top > 100, "zipf:1.0 gave its top label only \(top) of 1024 calls") }
            #expect(Set(world.plan(for: .warm).map(\.credential)).count == 10)
        }
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
