// The reference evaluator: the meaning of every operation, written to be
// obviously right rather than fast. Dictionaries, value types, no sharing.
// Every strategy is judged against it; nothing in it is shared with them.

public final class ReferenceWorld {
    struct Namespace {
        let lsm: Int
        let parent: NamespaceID?
        let depth: Int
        /// The creating credential's SID in the parent namespace: the SID the
        /// ancestor level is checked with (SELinux-namespace `parent_cred`).
        let creatorSid: SID?
        var policy: PolicyRules
        var children = 0
    }

    struct Part: Equatable {
        var namespace: NamespaceID
        var sid: SID
    }

    public let setup: WorldSetup
    private var namespaces: [NamespaceID: Namespace] = [:]
    private var credentials: [CredentialID: [Part]] = [:]
    private var nextNamespaceID: NamespaceID = 1
    private var nextCredentialID: CredentialID = 0

    public init(_ setup: WorldSetup) {
        self.setup = setup
        var initParts: [Part] = []
        for (lsm, policy) in setup.rootPolicies.enumerated() {
            let id = nextNamespaceID
            nextNamespaceID += 1
            namespaces[id] = Namespace(lsm: lsm, parent: nil, depth: 0, creatorSid: nil, policy: policy)
            initParts.append(Part(namespace: id, sid: setup.initSids[lsm]))
        }
        credentials[nextCredentialID] = initParts
        nextCredentialID += 1
    }

    private var stack: StackSpec { setup.stack }

    // MARK: Queries the world generator uses to pick sensible operations.

    public var liveCredentials: [CredentialID] { credentials.keys.sorted() }
    public var liveNamespaces: [NamespaceID] { namespaces.keys.sorted() }
    public func depth(of cred: CredentialID, lsm: Int) -> Int? {
        credentials[cred].flatMap { namespaces[$0[lsm].namespace]?.depth }
    }
    public func namespace(of cred: CredentialID, lsm: Int) -> NamespaceID? { credentials[cred]?[lsm].namespace }

    // MARK: Operations

    public func apply(_ op: Operation) -> Outcome {
        switch op {
        case .check(let cred, let hook, let object):
            guard let parts = credentials[cred] else { return .failed(.noSuchCredential(cred)) }
            guard HookCatalogue.all.indices.contains(hook) else { return .failed(.noSuchHook(hook)) }
            return .decision(decide(parts, hook: hook, object: object))
        case .create(let creator, let lsms, let policies, let sids, let failAt):
            return create(creator: creator, lsms: lsms, policies: policies, sids: sids, failAt: failAt)
        case .enter(let cred, let target, let lsms):
            guard let parts = credentials[cred] else { return .failed(.noSuchCredential(cred)) }
            guard let targetParts = credentials[target] else { return .failed(.noSuchCredential(target)) }
            if let error = stack.problem(withParticipants: lsms) { return .failed(error) }
            var newParts = parts
            for lsm in lsms { newParts[lsm] = targetParts[lsm] }
            return .credential(addCredential(newParts), created: [])
        case .exec(let cred, let lsm, let sid):
            guard var parts = credentials[cred] else { return .failed(.noSuchCredential(cred)) }
            guard stack.lsms.indices.contains(lsm) else { return .failed(.malformed("LSM index \(lsm) out of range")) }
            parts[lsm].sid = sid
            return .credential(addCredential(parts), created: [])
        case .reload(let id, let policy):
            guard namespaces[id] != nil else { return .failed(.noSuchNamespace(id)) }
            namespaces[id]!.policy = policy
            return .done
        case .destroy(let id):
            guard let ns = namespaces[id] else { return .failed(.noSuchNamespace(id)) }
            guard let parent = ns.parent else { return .failed(.rootNamespace(id)) }
            let usedByCredential = credentials.values.contains { $0[ns.lsm].namespace == id }
            if ns.children > 0 || usedByCredential { return .failed(.busy(id)) }
            namespaces[id] = nil
            namespaces[parent]!.children -= 1
            return .done
        case .release(let cred):
            guard credentials.removeValue(forKey: cred) != nil else { return .failed(.noSuchCredential(cred)) }
            return .done
        }
    }

    /// Every implementing LSM in stack order; a namespaced LSM allows only
    /// if its namespace and every ancestor allow.
    func decide(_ parts: [Part], hook: HookID, object: ObjectRef) -> Int32 {
        let info = HookCatalogue.all[hook]
        var refusals: Int32 = 0
        for (lsm, spec) in stack.lsms.enumerated() where spec.implements(hook) {
            if !chainAllows(parts[lsm], hook: hook, object: object) {
                if info.kind == .int { return -spec.denyErrno }
                refusals += 1
            }
        }
        return info.kind == .int ? 0 : refusals
    }

    /// `cred_has_perm` in the SELinux-namespace series: the permission at
    /// the credential's own namespace, then at each ancestor with the SID of
    /// the credential that created the level below.
    private func chainAllows(_ part: Part, hook: HookID, object: ObjectRef) -> Bool {
        var id = part.namespace
        var sid = part.sid
        while true {
            let ns = namespaces[id]!
            if !ns.policy.allows(RuleKey(sid: sid, target: object.label, objectClass: object.objectClass), hook: hook) { return false }
            guard let parent = ns.parent else { return true }
            sid = ns.creatorSid!
            id = parent
        }
    }


    private func create(creator: CredentialID, lsms: [Int], policies: [PolicyRules], sids: [SID], failAt: Int?) -> Outcome {
        guard let parts = credentials[creator] else { return .failed(.noSuchCredential(creator)) }
        if let error = stack.problem(withParticipants: lsms) { return .failed(error) }
        guard policies.count == lsms.count, sids.count == lsms.count else {
            return .failed(.malformed("one policy and one SID per LSM"))
        }
        if let f = failAt, !lsms.indices.contains(f) { return .failed(.malformed("failAt \(f) out of range")) }

        let verdict = decide(parts, hook: HookCatalogue.namespaceCreation, object: .newUserNamespace)
        if verdict != 0 { return .failed(.permissionDenied(errno: -verdict)) }

        var newParts = parts
        var created: [NamespaceID] = []
        for (position, lsm) in lsms.enumerated() {
            let parentID = parts[lsm].namespace
            let parent = namespaces[parentID]!
            let failure: ModelError? =
                parent.depth + 1 > stack.depthLimit ? .depthLimit(lsm: lsm, limit: stack.depthLimit)
                : failAt == position ? .transitionFailed(lsm: lsm) : nil
            if let failure {
                for id in created {
                    namespaces[namespaces[id]!.parent!]!.children -= 1
                    namespaces[id] = nil
                }
                return .failed(failure)
            }
            let id = nextNamespaceID
            nextNamespaceID += 1
            namespaces[id] = Namespace(lsm: lsm, parent: parentID, depth: parent.depth + 1,
                                       creatorSid: parts[lsm].sid, policy: policies[position])
            namespaces[parentID]!.children += 1
            newParts[lsm] = Part(namespace: id, sid: sids[position])
            created.append(id)
        }
        return .credential(addCredential(newParts), created: created)
    }

    private func addCredential(_ parts: [Part]) -> CredentialID {
        let id = nextCredentialID
        nextCredentialID += 1
        credentials[id] = parts
        return id
    }
}
