// The write side every strategy shares the shape of: which namespaces and
// credentials are live, the id counter, and the order of a creation's
// permission and transition steps. What differs between strategies, the
// objects the checks read, is built here per `Shape` and extended by the
// strategy through `StoreObserver`.

import LSMModel

final class NamespaceRecord {
    let id: NamespaceID
    let lsm: Int
    let parent: NamespaceRecord?
    let depth: Int
    /// The credential that created this namespace: its `parent_cred`.
    let creator: CredentialRecord?
    var policy: PolicyRules
    var children: [NamespaceRecord] = []
    /// Live credentials whose part for this LSM is here.
    var users = 0
    let object: RawNamespace
    /// Per object class, a bit per hook, whether every ancestor allows it for
    /// the SIDs this namespace's chain is checked with (kept only when the
    /// store tracks ancestor verdicts).
    var ancestorsAllow: [UInt32] = []

    init(id: NamespaceID, lsm: Int, parent: NamespaceRecord?, creator: CredentialRecord?,
         policy: PolicyRules, object: RawNamespace) {
        self.id = id
        self.lsm = lsm
        self.parent = parent
        self.depth = parent.map { $0.depth + 1 } ?? 0
        self.creator = creator
        self.policy = policy
        self.object = object
    }

    /// The SID this namespace's parent level is checked with.
    var creatorSid: SID? { creator.map { $0.parts[lsm].sid } }

    func isDescendant(of ancestor: NamespaceRecord) -> Bool {
        var ns: NamespaceRecord? = self
        while let current = ns {
            if current === ancestor { return true }
            ns = current.parent
        }
        return false
    }
}

final class CredentialRecord {
    let parts: [(namespace: NamespaceRecord, sid: SID)]
    let object: RawCredential
    var released = false
    /// Namespaces whose parent credential this is; they keep it alive.
    var holders = 0
    /// Free for the strategy's own per-credential data (ns-table's set).
    var strategyData: AnyObject?

    init(parts: [(namespace: NamespaceRecord, sid: SID)], object: RawCredential) {
        self.parts = parts
        self.object = object
    }
}

/// Write-side events a strategy with its own read structures follows.
protocol StoreObserver: AnyObject {
    func credentialCreated(_ cred: CredentialRecord)
    func credentialFreed(_ cred: CredentialRecord)
    func policyChanged(_ ns: NamespaceRecord)
}

final class NamespaceStore {
    /// The namespace objects a strategy's checks read.
    enum Shape {
        /// Each level reached through the parent credential (hlist, static-slots).
        case parentWalk
        /// Each namespace also holds its ancestors, root first (ancestry).
        case ancestry
        /// Each namespace's table already holds its ancestors' verdicts (flattened).
        case flattened
    }

    let setup: WorldSetup
    let arena: Arena
    let shape: Shape
    /// Bytes at the start of every blob that belong to the framework itself.
    let blobPrefixBytes: Int
    /// Whether each namespace keeps `ancestorsAllow` up to date (flattened
    /// folds it into its tables; ns-table builds composite decisions from it).
    let tracksAncestorVerdicts: Bool
    weak var observer: StoreObserver?

    private(set) var namespaces: [NamespaceID: NamespaceRecord] = [:]
    private(set) var credentials: [CredentialID: CredentialRecord] = [:]
    private var nextNamespaceID: NamespaceID = 1
    private var nextCredentialID: CredentialID = 0
    private var roots: [NamespaceRecord] = []

    init(setup: WorldSetup, arena: Arena, shape: Shape, blobPrefixBytes: Int = 0, tracksAncestorVerdicts: Bool = false) {
        assert(blobPrefixBytes >= 0 && blobPrefixBytes <= Layout.Blob.maxPrefixBytes
               && blobPrefixBytes % Layout.fieldAlignment == 0, "a blob prefix the layout does not allow")
        self.setup = setup
        self.arena = arena
        self.shape = shape
        self.blobPrefixBytes = blobPrefixBytes
        self.tracksAncestorVerdicts = tracksAncestorVerdicts || shape == .flattened
    }

    /// Creates the root namespaces and the init credential. Separate from
    /// `init` so the observer can be attached first.
    func start() {
        for (lsm, policy) in setup.rootPolicies.enumerated() {
            roots.append(makeNamespace(lsm: lsm, parent: nil, creator: nil, policy: policy))
        }
        _ = addCredential(zip(roots, setup.initSids).map { ($0, $1) })
    }

    /// Frees everything, as destroying the world would.
    func tearDown() {
        for cred in credentials.values where !cred.released { release(cred) }
        credentials.removeAll()
        var all = namespaces.values.sorted { $0.depth > $1.depth }
        for ns in all where ns.parent != nil { destroy(ns) }
        all = roots
        for ns in all { freeNamespaceObject(ns) }
        namespaces.removeAll()
        roots.removeAll()
    }

    var stack: StackSpec { setup.stack }

    @inline(__always) func partOffset(_ lsm: Int) -> Int {
        assert(lsm >= 0 && lsm < stack.lsms.count, "LSM index outside the stack")
        return Layout.Blob.partOffset(lsm: lsm, prefixBytes: blobPrefixBytes)
    }

    func credential(_ id: CredentialID) -> CredentialRecord? { credentials[id] }

    func credentialObject(_ id: CredentialID) -> UnsafeRawPointer? {
        credentials[id].map { UnsafeRawPointer($0.object.base) }
    }

    // MARK: Operations

    typealias Check = (CredentialRecord, HookID, ObjectClass) -> Int32

    /// Applies `op`, dispatching checks (and the creation permission step)
    /// through the strategy's own entry, as a measured loop would.
    func apply(_ op: Operation, check entry: CheckEntry) -> Outcome {
        apply(op) { cred, hook, cls in entry(cred.object.base, hook: Int32(hook), objectClass: Int32(cls.rawValue)) }
    }

    func apply(_ op: Operation, check: Check) -> Outcome {
        switch op {
        case .check(let id, let hook, let cls):
            guard let cred = credentials[id] else { return .failed(.noSuchCredential(id)) }
            guard HookCatalogue.all.indices.contains(hook) else { return .failed(.noSuchHook(hook)) }
            return .decision(check(cred, hook, cls))
        case .create(let creator, let lsms, let policies, let sids, let failAt):
            return create(creator: creator, lsms: lsms, policies: policies, sids: sids, failAt: failAt, check: check)
        case .enter(let id, let target, let lsms):
            guard let cred = credentials[id] else { return .failed(.noSuchCredential(id)) }
            guard let targetCred = credentials[target] else { return .failed(.noSuchCredential(target)) }
            if let error = stack.problem(withParticipants: lsms) { return .failed(error) }
            var parts = cred.parts
            for lsm in lsms { parts[lsm] = targetCred.parts[lsm] }
            return .credential(addCredential(parts), created: [])
        case .exec(let id, let lsm, let sid):
            guard let cred = credentials[id] else { return .failed(.noSuchCredential(id)) }
            guard stack.lsms.indices.contains(lsm) else { return .failed(.malformed("LSM index \(lsm) out of range")) }
            var parts = cred.parts
            parts[lsm].sid = sid
            return .credential(addCredential(parts), created: [])
        case .reload(let id, let policy):
            guard let ns = namespaces[id] else { return .failed(.noSuchNamespace(id)) }
            reload(ns, policy: policy)
            return .done
        case .destroy(let id):
            guard let ns = namespaces[id] else { return .failed(.noSuchNamespace(id)) }
            guard ns.parent != nil else { return .failed(.rootNamespace(id)) }
            guard ns.children.isEmpty, ns.users == 0 else { return .failed(.busy(id)) }
            destroy(ns)
            return .done
        case .release(let id):
            guard let cred = credentials.removeValue(forKey: id) else { return .failed(.noSuchCredential(id)) }
            release(cred)
            return .done
        }
    }


    private func create(creator id: CredentialID, lsms: [Int], policies: [PolicyRules], sids: [SID],
                        failAt: Int?, check: Check) -> Outcome {
        guard let creator = credentials[id] else { return .failed(.noSuchCredential(id)) }
        if let error = stack.problem(withParticipants: lsms) { return .failed(error) }
        guard policies.count == lsms.count, sids.count == lsms.count else {
            return .failed(.malformed("one policy and one SID per LSM"))
        }
        if let f = failAt, !lsms.indices.contains(f) { return .failed(.malformed("failAt \(f) out of range")) }

        // Permission: the userns_create hook, dispatched the strategy's way.
        let verdict = check(creator, HookCatalogue.namespaceCreation, .userNamespace)
        if verdict != 0 { return .failed(.permissionDenied(errno: -verdict)) }

        // Transition: each LSM allocates; any failure unwinds them all.
        var parts = creator.parts
        var created: [NamespaceRecord] = []
        for (position, lsm) in lsms.enumerated() {
            let parent = creator.parts[lsm].namespace
            let failure: ModelError? =
                parent.depth + 1 > stack.depthLimit ? .depthLimit(lsm: lsm, limit: stack.depthLimit)
                : failAt == position ? .transitionFailed(lsm: lsm) : nil
            if let failure {
                for ns in created.reversed() { destroy(ns) }
                return .failed(failure)
            }
            let ns = makeNamespace(lsm: lsm, parent: parent, creator: creator, policy: policies[position])
            parts[lsm] = (ns, sids[position])
            created.append(ns)
        }
        return .credential(addCredential(parts), created: created.map(\.id))
    }

    // MARK: Footprint

    /// The loads of a check of `hook` by credential `id`: the framework's
    /// (`framework` records them, given the first refusing LSM of an int
    /// hook, and says when each visited LSM's part offset is known), then
    /// each visited LSM's resolution, walked in this store's shape.
    func footprint(_ id: CredentialID, hook: HookID, objectClass: ObjectClass,
                   framework: (Int?, inout Footprint) -> [Int: Int]) -> Footprint {
        var footprint = Footprint()
        guard let cred = credentials[id] else { return footprint }
        let classHook = PolicyTable.classHook(objectClass: objectClass.rawValue, hook: hook)
        let isInt = HookCatalogue.all[hook].kind == .int
        let visited = stack.lsms.enumerated().filter { $0.element.implements(hook) }
        // Which LSM refuses first is a matter of values, found before the
        // loads are recorded in order.
        var scratch = Footprint()
        let refusing = isInt ? visited.first { lsm, spec in
            !resolutionFootprint(cred.object.base, partOffset: partOffset(lsm), offsetAt: 0, namespaced: spec.namespaced,
                                 classHook: classHook, into: &scratch)
        }?.offset : nil
        let offsetsKnown = framework(refusing, &footprint)
        for (lsm, spec) in visited {
            _ = resolutionFootprint(cred.object.base, partOffset: partOffset(lsm), offsetAt: offsetsKnown[partOffset(lsm)] ?? 0,
                                    namespaced: spec.namespaced, classHook: classHook, into: &footprint)
            if lsm == refusing { break }
        }
        return footprint
    }

    /// Walks one LSM's resolution the way this shape's checks do, recording
    /// every load with the depth its address is known at (`offsetAt`: when
    /// the framework has loaded this LSM's part offset); returns whether the
    /// LSM allows.
    private func resolutionFootprint(_ cred: UnsafeRawPointer, partOffset: Int, offsetAt: Int, namespaced: Bool,
                                     classHook: UInt64, into footprint: inout Footprint) -> Bool {
        /// One level: credential -> blob -> part -> namespace -> policy.
        func level(_ cred: UnsafeRawPointer, credAt: Int) -> (part: UnsafeRawPointer, partAt: Int, allowed: Bool) {
            let blobAt = footprint.load(cred + Layout.Credential.securityOffset, after: credAt)
            let part = RawCredential.part(of: cred, at: partOffset)
            let partAt = footprint.load(part, bytes: Layout.Part.bytes, after: max(blobAt, offsetAt))
            let ns = RawPart.namespace(part)
            let policyAt = footprint.load(ns + Layout.Namespace.policyOffset, after: partAt)
            let answer = PolicyTable.footprint(RawNamespace.policy(ns), tableAt: policyAt, sid: RawPart.sid(part), sidAt: partAt,
                                               classHook: classHook, into: &footprint)
            return (part, partAt, answer.allowed)
        }
        var (part, partAt, allowed) = level(cred, credAt: 0)
        guard namespaced, allowed else { return allowed }
        switch shape {
        case .flattened:
            return true
        case .parentWalk:
            // The parent credential comes out of the part: each level's
            // loads wait for the level below's part.
            while let parent = RawPart.parentCredential(part) {
                (part, partAt, allowed) = level(parent, credAt: partAt)
                if !allowed { return false }
            }
            return true
        case .ancestry:
            let ns = RawPart.namespace(part)
            footprint.load(ns + Layout.Namespace.depthOffset, bytes: 4, after: partAt)
            let arrayAt = footprint.load(ns + Layout.Namespace.ancestryOffset, after: partAt)
            let depth = RawNamespace.depth(ns)
            guard depth > 0 else { return true }
            // Every ancestor's entry is at a known place in the array: the
            // levels' probes are independent of each other.
            for index in 0..<depth {
                let entry = RawNamespace.ancestryEntry(ns, index)
                let entryAt = footprint.load(entry, bytes: Layout.AncestryEntry.bytes, after: arrayAt)
                let ancestor = RawAncestryEntry.namespace(entry)
                let policyAt = footprint.load(ancestor + Layout.Namespace.policyOffset, after: entryAt)
                if !PolicyTable.footprint(RawNamespace.policy(ancestor), tableAt: policyAt, sid: RawAncestryEntry.sid(entry),
                                          sidAt: entryAt, classHook: classHook, into: &footprint).allowed {
                    return false
                }
            }
            return true
        }
    }

    // MARK: Objects

    private func makeNamespace(lsm: Int, parent: NamespaceRecord?, creator: CredentialRecord?,
                               policy: PolicyRules) -> NamespaceRecord {
        let object = RawNamespace(base: arena.allocate(Layout.Namespace.bytes))
        let ns = NamespaceRecord(id: nextNamespaceID, lsm: lsm, parent: parent, creator: creator,
                                 policy: policy, object: object)
        nextNamespaceID += 1
        object.initialize(id: ns.id, parent: parent.map { UnsafeRawPointer($0.object.base) }, depth: ns.depth, lsm: lsm)
        creator?.holders += 1
        parent?.children.append(ns)
        namespaces[ns.id] = ns

        if shape == .ancestry, let parent {
            // Copy the parent's ancestors and add the parent itself, checked
            // with the creator's SID: struct pid's numbers[level], for policy.
            let array = arena.allocate(ns.depth * Layout.AncestryEntry.bytes)
            if let inherited = parent.object.ancestry {
                array.copyMemory(from: inherited, byteCount: parent.depth * Layout.AncestryEntry.bytes)
            }
            object.ancestry = array
            object.ancestryEntry(parent.depth).set(namespace: parent.object.base, sid: ns.creatorSid!)
        }
        buildPolicy(ns)
        return ns
    }

    /// What every level above `ns` allows, per class and hook, for the SIDs
    /// its chain is checked with: the parent's bits and the parent's own
    /// verdict for the creator's SID.
    private func computeAncestorVerdicts(_ ns: NamespaceRecord) {
        ns.ancestorsAllow = [UInt32](repeating: .max, count: ObjectClass.count)
        guard let parent = ns.parent, let sid = ns.creatorSid else { return }
        for cls in ObjectClass.allCases {
            var bits = parent.ancestorsAllow[cls.rawValue]
            for hook in 0..<HookCatalogue.count
            where !parent.policy.allows(RuleKey(sid: sid, objectClass: cls, hook: hook)) {
                bits &= ~(1 << UInt32(hook))
            }
            ns.ancestorsAllow[cls.rawValue] = bits
        }
    }

    private func buildPolicy(_ ns: NamespaceRecord) {
        if let old = ns.object.policy { arena.free(old, bytes: PolicyTable.byteCount(of: old)) }
        if tracksAncestorVerdicts { computeAncestorVerdicts(ns) }
        guard shape == .flattened else {
            ns.object.policy = PolicyTable.build(in: arena, policy: ns.policy)
            return
        }
        // Landlock-style: the ancestors' verdicts are folded in at build time.
        let inherited = { (cls: ObjectClass, hook: HookID) in ns.ancestorsAllow[cls.rawValue] & (1 << UInt32(hook)) != 0 }
        ns.object.policy = PolicyTable.build(
            in: arena,
            entries: ns.policy.rules.sorted { $0.key < $1.key }.map { ($0.key, $0.value && inherited($0.key.objectClass, $0.key.hook)) },
            missAllows: { cls, hook in ns.policy.defaultAllow && inherited(cls, hook) })
    }

    private func reload(_ ns: NamespaceRecord, policy: PolicyRules) {
        ns.policy = policy
        buildPolicy(ns)
        if tracksAncestorVerdicts {
            // Every descendant's ancestor verdicts include this policy
            // (flattened: its whole table): update them, parents first.
            var pending = ns.children
            while let next = pending.popLast() {
                if shape == .flattened { buildPolicy(next) } else { computeAncestorVerdicts(next) }
                pending.append(contentsOf: next.children)
            }
        }
        observer?.policyChanged(ns)
    }

    private func destroy(_ ns: NamespaceRecord) {
        namespaces[ns.id] = nil
        if let parent = ns.parent { parent.children.removeAll { $0 === ns } }
        freeNamespaceObject(ns)
        if let creator = ns.creator {
            creator.holders -= 1
            freeIfUnused(creator)
        }
    }

    private func freeNamespaceObject(_ ns: NamespaceRecord) {
        if let policy = ns.object.policy { arena.free(policy, bytes: PolicyTable.byteCount(of: policy)) }
        if let ancestry = ns.object.ancestry { arena.free(ancestry, bytes: ns.depth * Layout.AncestryEntry.bytes) }
        arena.free(ns.object.base, bytes: Layout.Namespace.bytes)
    }

    private var blobBytes: Int { Layout.Blob.bytes(lsms: stack.lsms.count, prefixBytes: blobPrefixBytes) }

    private func addCredential(_ parts: [(namespace: NamespaceRecord, sid: SID)]) -> CredentialID {
        let object = RawCredential(base: arena.allocate(Layout.Credential.bytes))
        object.blob = arena.allocate(blobBytes)
        let cred = CredentialRecord(parts: parts, object: object)
        for (lsm, part) in parts.enumerated() {
            part.namespace.users += 1
            RawPart(base: object.blob + partOffset(lsm)).set(
                namespace: part.namespace.object.base, sid: part.sid,
                parentCredential: part.namespace.creator.map { UnsafeRawPointer($0.object.base) })
        }
        let id = nextCredentialID
        nextCredentialID += 1
        credentials[id] = cred
        observer?.credentialCreated(cred)
        return id
    }

    private func release(_ cred: CredentialRecord) {
        cred.released = true
        for part in cred.parts { part.namespace.users -= 1 }
        freeIfUnused(cred)
    }

    private func freeIfUnused(_ cred: CredentialRecord) {
        guard cred.released, cred.holders == 0 else { return }
        observer?.credentialFreed(cred)
        arena.free(cred.object.blob, bytes: blobBytes)
        arena.free(cred.object.base, bytes: Layout.Credential.bytes)
    }
}
