// The world a write-side point times its operations in: a point's
// measurement world (task 0 at the bottom of its chain, with the world's
// descendants below its own namespace), plus what the operations need: a
// credential that LSM 0 refuses to let create namespaces (a rule on its
// SID in task 0's own namespace), and the two policies a reload
// alternates between. Every operation is given as a step: what to do
// untimed first, the one operation timed, and what undoes it untimed, so
// the world is the same before every sample.

import LSMModel

struct LifecycleWorld {
    let base: MeasurementWorld
    /// The base world's operations and the ones this world adds, with the
    /// reference's outcome of each.
    let operations: [Operation]
    let outcomes: [Outcome]
    /// Task 0's own namespace in LSM 0 (a root namespace at depth 0): the
    /// creator's namespace of every create, the reload target.
    let target: NamespaceID
    /// Task 0's credential, and one like it that LSM 0 refuses.
    let creator: CredentialID
    let refuser: CredentialID
    /// The reload target's policy (with the refusal rule) and a variant
    /// with one more rule, which decides nothing any check asks.
    let policies: [PolicyRules]
    /// What a writer under churn alternates between: the target's policy
    /// with one eighth of task 0's labels refused, and with another, so
    /// that readers' decisions change with every reload and a decision
    /// from the wrong version shows.
    let churnPolicies: [PolicyRules]
    let namespaced: [Int]

    static let refuserSid: SID = 91
    static let childSid: SID = 92

    /// Builds the world on `reference`, which then holds it.
    init(_ base: MeasurementWorld, on reference: ReferenceWorld) throws {
        self.base = base
        namespaced = Array(0..<base.spec.namespacedLSMs)
        guard !namespaced.isEmpty else {
            throw MeasurementError.invalidWorld("write-side operations need a namespaced LSM; give --namespaced-lsms 1 or more")
        }
        var ops = base.operations
        var outcomes: [Outcome] = []
        var creates = 0
        var target: NamespaceID = 1
        var policy = base.setup.rootPolicies[0]
        for op in base.operations {
            let outcome = reference.apply(op)
            outcomes.append(outcome)
            guard case .create(_, _, let policies, _, _) = op else { continue }
            creates += 1
            if creates == base.spec.depth, case .credential(_, let created) = outcome {
                target = created[0]
                policy = policies[0]
            }
        }
        creator = base.taskCredentials[0]
        policy.rules[RuleKey(sid: Self.refuserSid, target: ObjectRef.newUserNamespace.label, objectClass: .userNamespace)] =
            AccessVector.allBut(HookCatalogue.namespaceCreation)
        var variant = policy
        variant.rules[RuleKey(sid: Self.childSid, target: 7, objectClass: .socket)] = 0
        policies = [policy, variant]
        // Each version refuses task 0 a different eighth of the labels in
        // its own namespace (LSM 0), so readers do about the same work under
        // either; with fewer than 8 labels, version 1 refuses label 0.
        let refusal = AccessVector.allBut(base.spec.hook)
        let cls = base.objectClass
        churnPolicies = [3, 4].map { eighth in
            var refusing = policy
            for label in 0..<max(1, base.spec.labels) where base.spec.labels >= 8 ? label % 8 == eighth : (eighth == 4 && label == 0) {
                refusing.rules[RuleKey(sid: MeasurementWorld.taskSid(0), target: MeasurementWorld.firstLabel + SID(label),
                                       objectClass: cls)] = refusal
            }
            return refusing
        }
        let extra: [Operation] = [.reload(namespace: target, policy: policy),
                                  .exec(cred: creator, lsm: 0, sid: Self.refuserSid)]
        var refuser: CredentialID = -1
        for op in extra {
            ops.append(op)
            let outcome = reference.apply(op)
            outcomes.append(outcome)
            if case .credential(let id, _) = outcome { refuser = id }
        }
        self.outcomes = outcomes
        self.target = target
        self.refuser = refuser
        operations = ops
    }

    /// One sample's operations.
    struct Step {
        /// Untimed, before.
        var prepare: [Operation] = []
        /// Given the prepared operations' outcomes: more untimed operations,
        /// then the one timed.
        var timed: ([Outcome]) -> (before: [Operation], op: Operation)
        /// Untimed, after: given the timed operation's outcome and the
        /// prepared ones'.
        var undo: (Outcome, [Outcome]) -> [Operation] = { _, _ in [] }
        /// What the timed operation must come to.
        var expect: (Outcome) -> Bool

        init(prepare: [Operation] = [], timed: @escaping ([Outcome]) -> (before: [Operation], op: Operation),
             undo: @escaping (Outcome, [Outcome]) -> [Operation] = { _, _ in [] }, expect: @escaping (Outcome) -> Bool) {
            self.prepare = prepare
            self.timed = timed
            self.undo = undo
            self.expect = expect
        }

        init(timed op: Operation, undo: @escaping (Outcome, [Outcome]) -> [Operation] = { _, _ in [] },
             expect: @escaping (Outcome) -> Bool) {
            self.init(timed: { _ in ([], op) }, undo: undo, expect: expect)
        }
    }

    func create(by creator: CredentialID, failAt: Int? = nil) -> Operation {
        .create(creator: creator, lsms: namespaced, policies: namespaced.map { _ in PolicyRules(rules: [:]) },
                sids: namespaced.map { _ in Self.childSid }, failAt: failAt)
    }

    /// Sample `index` of `op`.
    func step(_ op: PointOperation, index: Int) -> Step {
        switch op {
        case .check:
            preconditionFailure("checks are not write-side steps")
        case .create:
            return Step(timed: create(by: creator), undo: { outcome, _ in Self.undoCreation(outcome) },
                        expect: { if case .credential = $0 { return true } else { return false } })
        case .createRefused:
            return Step(timed: create(by: refuser),
                        expect: { if case .failed(.permissionDenied) = $0 { return true } else { return false } })
        case .createUnwound:
            return Step(timed: create(by: creator, failAt: namespaced.count - 1),
                        expect: { if case .failed(.transitionFailed) = $0 { return true } else { return false } })
        case .setns:
            return Step(timed: .enter(cred: 0, target: creator, lsms: namespaced),
                        undo: { outcome, _ in Self.undoCreation(outcome) },
                        expect: { if case .credential = $0 { return true } else { return false } })
        case .reload:
            return Step(timed: .reload(namespace: target, policy: policies[(index + 1) % 2]),
                        expect: { $0 == .done })
        case .destroy:
            // A child made and left by its credential: the timed destroy
            // takes LSM 0's, the undo the others'.
            return Step(prepare: [create(by: creator)],
                        timed: { prepared in
                            guard case .credential(let id, let created)? = prepared.first else { return ([], .destroy(namespace: 0)) }
                            return ([.release(cred: id)], .destroy(namespace: created[0]))
                        },
                        undo: { _, prepared in
                            guard case .credential(_, let created)? = prepared.first else { return [] }
                            return created.dropFirst().reversed().map { .destroy(namespace: $0) }
                        },
                        expect: { $0 == .done })
        }
    }

    /// A new credential released and the namespaces made for it destroyed.
    static func undoCreation(_ outcome: Outcome) -> [Operation] {
        guard case .credential(let id, let created) = outcome else { return [] }
        return [.release(cred: id)] + created.reversed().map { .destroy(namespace: $0) }
    }
}
