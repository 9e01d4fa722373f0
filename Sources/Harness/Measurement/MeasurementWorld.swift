// The world a point is measured in, as operations any strategy (and the
// reference) can replay: `tasks` credentials, each at the bottom of its own
// chain of `depth` namespaces in every namespaced LSM, each with its own
// SID; `labels` object labels; and a call plan of (task, label) checks.
//
// Every namespace's rule store holds explicit vectors for an eighth of the
// (task, label) keys its level is asked about, and filler rules for other
// SIDs; the default vector allows the rest, so a miss costs a real lookup
// in a realistically filled table. The key (task t, label i) with
// (i + t) % 8 == 7 is refused by the last LSM at the task's own level, so
// that the decisions digest is not all zeros; with one label, one task in
// eight is refused, as before labels.
//
// `descendants` adds that many children below task 0's own namespace
// (each made by task 0 in every namespaced LSM, with a credential of its
// own that stays live), for the write side: what a reload must reach.

import LSMModel
import SeededRandom

public struct MeasurementWorld: Sendable {
    public let spec: WorldSpec
    public let setup: WorldSetup
    public let operations: [Operation]
    /// The credential of each task, in task order.
    public let taskCredentials: [CredentialID]

    static let initSid: SID = 1
    static func taskSid(_ task: Int) -> SID { SID(100 + task) }
    /// The SID of every descendant's credential.
    static let descendantSid: SID = 90
    /// Labels are SIDs too; theirs start here, above every subject's.
    static let firstLabel: SID = 1_000_000
    static let fillerRules = 16
    /// The longest call plan: with more labels than this, a plan still
    /// draws them by the skew, and repeats.
    static let maxPlanCalls = 16_384

    static func refused(task: Int, label: Int) -> Bool { (label + task) % 8 == 7 }
    static func explicit(task: Int, label: Int) -> Bool { refused(task: task, label: label) }

    public init(_ spec: WorldSpec) throws(StackError) {
        self.spec = spec
        let stack = try StackSpec.uniform(count: spec.lsms, namespaced: spec.namespacedLSMs,
                                          depthLimit: min(Limits.maxDepthLimit, max(Limits.defaultDepthLimit, spec.depth + 1)))
        var rng = SeededGenerator(seed: spec.seed)
        let hook = HookCatalogue.all[spec.hook]
        let cls = hook.typicalClass
        let tasks = 0..<spec.tasks
        let labels = 0..<max(1, spec.labels)
        let namespaced = Array(0..<spec.namespacedLSMs)
        let lastLSM = spec.lsms - 1
        let refusedVector = AccessVector.allBut(hook.id)

        func filler(_ rules: inout [RuleKey: AccessVector]) {
            for _ in 0..<Self.fillerRules {
                let key = RuleKey(sid: SID.random(in: 10_000...60_000, using: &rng),
                                  target: Self.firstLabel + SID.random(in: 0...60_000, using: &rng),
                                  objectClass: ObjectClass.allCases.randomElement(using: &rng)!)
                rules[key] = AccessVector.random(in: 0...AccessVector.everyPermission, using: &rng)
            }
        }
        /// The task's explicit keys at one level, refused there or not.
        func explicitRules(for task: Int, sid: SID, refusing: Bool, _ rules: inout [RuleKey: AccessVector]) {
            for label in labels where Self.explicit(task: task, label: label) {
                rules[RuleKey(sid: sid, target: Self.firstLabel + SID(label), objectClass: cls)] =
                    refusing && Self.refused(task: task, label: label) ? refusedVector : .everyPermission
            }
        }

        // Roots: init's SID (it creates every level-1 namespace) and every
        // task's SID (global LSMs check tasks at the root).
        let refusedAtRoot = !stack.lsms[lastLSM].namespaced || spec.depth == 0
        var rootPolicies: [PolicyRules] = (0..<spec.lsms).map { lsm in
            var rules: [RuleKey: AccessVector] = [:]
            for task in tasks { explicitRules(for: task, sid: Self.taskSid(task), refusing: lsm == lastLSM && refusedAtRoot, &rules) }
            filler(&rules)
            return PolicyRules(rules: rules)
        }
        // init's own checks (creating level 1) on the namespace being made.
        for lsm in rootPolicies.indices {
            rootPolicies[lsm].rules[RuleKey(sid: Self.initSid, target: ObjectRef.newUserNamespace.label, objectClass: .userNamespace)] =
                .everyPermission
        }
        setup = WorldSetup(stack: stack, rootPolicies: rootPolicies,
                           initSids: Array(repeating: Self.initSid, count: spec.lsms), caches: spec.caches)

        var ops: [Operation] = []
        var credentials: [CredentialID] = []
        var nextCredential = 1
        for task in tasks {
            let sid = Self.taskSid(task)
            var cred = 0
            var intermediates: [CredentialID] = []
            for level in 1...max(1, spec.depth) where spec.depth > 0 && !namespaced.isEmpty {
                let policies = namespaced.map { lsm -> PolicyRules in
                    var rules: [RuleKey: AccessVector] = [:]
                    explicitRules(for: task, sid: sid, refusing: level == spec.depth && lsm == lastLSM, &rules)
                    filler(&rules)
                    return PolicyRules(rules: rules)
                }
                ops.append(.create(creator: cred, lsms: namespaced, policies: policies,
                                   sids: namespaced.map { _ in sid }, failAt: nil))
                if cred != 0 { intermediates.append(cred) }
                cred = nextCredential
                nextCredential += 1
            }
            // Give the task its SID in the LSMs no creation gave it one in.
            for lsm in 0..<spec.lsms where spec.depth == 0 || lsm >= spec.namespacedLSMs {
                ops.append(.exec(cred: cred, lsm: lsm, sid: sid))
                if cred != 0 { intermediates.append(cred) }
                cred = nextCredential
                nextCredential += 1
            }
            // Intermediate credentials live on only as parent credentials.
            for old in intermediates { ops.append(.release(cred: old)) }
            credentials.append(cred)
        }
        if spec.descendants > 0, let task0 = credentials.first, !namespaced.isEmpty {
            for _ in 0..<spec.descendants {
                let policies = namespaced.map { _ -> PolicyRules in
                    var rules: [RuleKey: AccessVector] = [:]
                    filler(&rules)
                    return PolicyRules(rules: rules)
                }
                ops.append(.create(creator: task0, lsms: namespaced, policies: policies,
                                   sids: namespaced.map { _ in Self.descendantSid }, failAt: nil))
                nextCredential += 1
            }
        }
        operations = ops
        taskCredentials = credentials
    }

    /// One planned check: a task's credential on an object.
    public struct Call: Sendable, Hashable {
        public let credential: CredentialID
        public let object: ObjectRef
    }

    /// The calls of a point, in order. With one label: task 0 alone for a
    /// hot cache, every task in a seeded random order otherwise. With more:
    /// as many calls as it takes to draw the labels by the skew several
    /// times over (up to `maxPlanCalls`), task 0's for a hot cache, random
    /// tasks' otherwise.
    public func plan(for cache: CacheState) -> [Call] {
        var rng = SeededGenerator(seed: spec.seed ^ 0x5EED)
        let cls = objectClass
        func object(_ label: Int) -> ObjectRef { ObjectRef(cls, label: Self.firstLabel + SID(label)) }
        guard spec.labels > 1 else {
            let tasks = cache == .hot ? [taskCredentials[0]] : taskCredentials.shuffled(using: &rng)
            return tasks.map { Call(credential: $0, object: object(0)) }
        }
        let count = min(Self.maxPlanCalls, max(4 * spec.labels, 1_024, cache == .hot ? 0 : spec.tasks))
        let labels = spec.skew.draws(count, labels: spec.labels, using: &rng)
        return labels.map { label in
            let task = cache == .hot ? 0 : Int.random(in: 0..<spec.tasks, using: &rng)
            return Call(credential: taskCredentials[task], object: object(label))
        }
    }

    public var objectClass: ObjectClass { HookCatalogue.all[spec.hook].typicalClass }
}
