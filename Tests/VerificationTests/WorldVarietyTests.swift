// Agreement on trivial worlds proves nothing. These tests keep the random
// worlds honest: they must produce denials from both errnos, refusals from
// ancestor levels, void-hook tallies, and every kind of write outcome.

import LSMModel
import Testing

struct WorldVarietyTests {
    @Test func randomWorldsExerciseEveryOutcome() {
        var decisions: [Int32: Int] = [:]
        var failures: Set<String> = []
        var created = 0
        for seed in UInt64(0)..<40 {
            let world = RandomWorld(seed: seed)
            let reference = ReferenceWorld(world.setup)
            for op in world.operations {
                switch reference.apply(op) {
                case .decision(let d): decisions[d, default: 0] += 1
                case .failed(let e): failures.insert(String(describing: e).split(separator: " ").prefix(2).joined(separator: " "))
                case .credential: created += 1
                case .done: break
                }
            }
        }
        let total = decisions.values.reduce(0, +)
        #expect(decisions[-13, default: 0] > total / 50, "EACCES denials: \(decisions[-13, default: 0]) of \(total)")
        #expect(decisions[-1, default: 0] > total / 50, "EPERM denials: \(decisions[-1, default: 0]) of \(total)")
        #expect(decisions[0, default: 0] > total / 5, "allowed: \(decisions[0, default: 0]) of \(total)")
        #expect(decisions.keys.contains { $0 >= 2 }, "void hooks with several refusals")
        #expect(created > 200)
        #expect(failures.contains { $0.hasPrefix("namespace creation") }, "permission refusals: \(failures)")
        #expect(failures.contains { $0.contains("depth") || $0.hasPrefix("LSM") }, "transition failures: \(failures)")
        #expect(failures.contains { $0.hasPrefix("no live") })
    }

    @Test func deniedChecksOftenComeFromAncestorLevels() {
        // Replace the root policies of the namespaced LSMs with permissive
        // ones: a check by a credential below the root that is refused only
        // in the original world was refused at the root, an ancestor level.
        var refusedAbove = 0
        for seed in UInt64(0)..<20 {
            let world = RandomWorld(seed: seed)
            let reference = ReferenceWorld(world.setup)
            var rootOnlySetup = world.setup
            for (lsm, spec) in world.setup.stack.lsms.enumerated() where spec.namespaced {
                rootOnlySetup.rootPolicies[lsm] = .permissive
            }
            let withoutRoots = ReferenceWorld(rootOnlySetup)
            for op in world.operations {
                let a = reference.apply(op), b = withoutRoots.apply(op)
                guard case .check(let cred, _, _) = op, case .decision(let x) = a, case .decision(let y) = b else { continue }
                let nested = world.setup.stack.lsms.indices.contains { (reference.depth(of: cred, lsm: $0) ?? 0) > 0 }
                if nested && x != 0 && y == 0 { refusedAbove += 1 }
            }
        }
        #expect(refusedAbove > 100, "nested checks refused only at the root: \(refusedAbove)")
    }
}
