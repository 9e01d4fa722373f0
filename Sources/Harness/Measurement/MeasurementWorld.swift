// The world a point is measured in, as operations any strategy (and the
// reference) can replay: `tasks` credentials, each at the bottom of its own
// chain of `depth` namespaces in every namespaced LSM, each with its own
// SID, and a call plan over them.
//
// Policies hold explicit rules for every key a check probes, so each level
// costs a hit in a realistically filled table, and filler rules for other
// SIDs. One task in eight is refused by the last LSM at its own level, so
// that the decisions digest is not all zeros.

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
    static let fillerRules = 16

    public init(_ spec: WorldSpec) throws(StackError) {
        self.spec = spec
        let stack = try StackSpec.uniform(count: spec.lsms, namespaced: spec.namespacedLSMs,
                                          depthLimit: max(Limits.defaultDepthLimit, spec.depth))
        var rng = SeededGenerator(seed: spec.seed)
        let hook = HookCatalogue.all[spec.hook]
        let tasks = 0..<spec.tasks
        let namespaced = Array(0..<spec.namespacedLSMs)
        let lastLSM = spec.lsms - 1

        func filler(_ rules: inout [RuleKey: Bool]) {
            for _ in 0..<Self.fillerRules {
                let key = RuleKey(sid: SID.random(in: 10_000...60_000, using: &rng),
                                  objectClass: ObjectClass.allCases.randomElement(using: &rng)!,
                                  hook: Int.random(in: 0..<HookCatalogue.count, using: &rng))
                rules[key] = Bool.random(using: &rng)
            }
        }
        func allowEverything(for sid: SID, _ rules: inout [RuleKey: Bool]) {
            for h in HookCatalogue.all { rules[RuleKey(sid: sid, objectClass: h.typicalClass, hook: h.id)] = true }
        }
        func refused(_ task: Int) -> Bool { task % 8 == 7 }

        // Roots: init's SID (it creates every level-1 namespace) and every
        // task's SID (global LSMs check tasks at the root).
        var rootRules: [RuleKey: Bool] = [:]
        allowEverything(for: Self.initSid, &rootRules)
        for task in tasks { allowEverything(for: Self.taskSid(task), &rootRules) }
        filler(&rootRules)
        var rootPolicies = Array(repeating: PolicyRules(rules: rootRules), count: spec.lsms)
        if !stack.lsms[lastLSM].namespaced || spec.depth == 0 {
            for task in tasks where refused(task) {
                rootPolicies[lastLSM].rules[RuleKey(sid: Self.taskSid(task), objectClass: hook.typicalClass, hook: hook.id)] = false
            }
        }
        setup = WorldSetup(stack: stack, rootPolicies: rootPolicies,
                           initSids: Array(repeating: Self.initSid, count: spec.lsms))

        var ops: [Operation] = []
        var credentials: [CredentialID] = []
        var nextCredential = 1
        for task in tasks {
            let sid = Self.taskSid(task)
            var cred = 0
            var intermediates: [CredentialID] = []
            for level in 1...max(1, spec.depth) where spec.depth > 0 && !namespaced.isEmpty {
                let policies = namespaced.map { lsm -> PolicyRules in
                    var rules: [RuleKey: Bool] = [:]
                    allowEverything(for: sid, &rules)
                    filler(&rules)
                    if level == spec.depth && lsm == lastLSM && refused(task) {
                        rules[RuleKey(sid: sid, objectClass: hook.typicalClass, hook: hook.id)] = false
                    }
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
        operations = ops
        taskCredentials = credentials
    }

    /// The (task, hook, class) calls of a point, in order: task 0 alone for
    /// a hot cache, every task in a seeded random order otherwise.
    public func plan(for cache: CacheState) -> [CredentialID] {
        guard cache != .hot else { return [taskCredentials[0]] }
        var rng = SeededGenerator(seed: spec.seed ^ 0x5EED)
        return taskCredentials.shuffled(using: &rng)
    }

    public var objectClass: ObjectClass { HookCatalogue.all[spec.hook].typicalClass }
}
