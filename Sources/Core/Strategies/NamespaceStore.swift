// The write side every strategy shares the shape of: which namespaces and
// credentials are live, the id counter, and the order of a creation's
// permission and transition steps. What differs between strategies, the
// objects the checks read and the decision caches they keep, is built here
// per `Shape` and extended by the strategy through `StoreObserver`.
//
// Every namespace carries a sequence number from one store-wide counter,
// renewed whenever a policy its cached decisions depend on changes, so an
// entry computed under an older policy (or for a destroyed namespace whose
// memory was reused) never matches again.

import LSMModel

final class NamespaceRecord {
    let id: NamespaceID
    let lsm: Int
    let parent: NamespaceRecord?
    let depth: Int
    /// The credential that created this namespace: its `parent_cred`.
    let creator: CredentialRecord?
    var policy: PolicyRules
    /// By id, looked up in the store: records pointing at their children
    /// and their creators would hold each other in a cycle.
    var children: [NamespaceID] = []
    /// Live credentials whose part for this LSM is here.
    var users = 0
    let object: RawNamespace

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
    /// label-vector's compound labels, one per LSM.
    var labels: [UnsafeMutableRawPointer] = []

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
    /// The namespace objects a strategy's checks read, and its caches.
    enum Shape {
        /// Each level reached through the parent credential, each namespace
        /// with its own AVC (hlist, static-slots).
        case parentWalk
        /// Each namespace also holds its ancestors, root first, and its own
        /// AVC (ancestry).
        case ancestry
        /// Each namespace holds a composite cache of decisions over its
        /// whole chain (flattened).
        case flattened
        /// Each credential holds a compound label: its namespaces of every
        /// level, asked without a cache (label-vector).
        case labelVector
        /// Levels reached through the parent credential, one AVC for all
        /// namespaces (global-avc).
        case sharedCache
        /// Namespaces hold no cache: the framework keeps per-set tables (ns-table).
        case setTables
    }

    /// Wrong on purpose, so that tests and `verify` prove they catch it.
    enum Mutation: Sendable {
        /// flattened renews only the reloaded namespace's sequence number,
        /// not its descendants': their composite entries go stale.
        case flattenedKeepsDescendants
        /// A reload invalidates cached decisions before it publishes the
        /// new rule store, not after: a reader missing in between caches
        /// the old policy's decision under the new sequence number, and it
        /// stays. An unsynchronised publish readers under churn must catch;
        /// one thread alone never sees it.
        case invalidatesBeforePublishing
    }

    let setup: WorldSetup
    let arena: Arena
    let shape: Shape
    let mutation: Mutation?
    /// Bytes at the start of every blob that belong to the framework itself.
    let blobPrefixBytes: Int
    weak var observer: StoreObserver?
    /// Where every cache's nodes come from.
    let pool: NodePool
    /// Readers take no lock: whatever a reload or destruction unpublishes
    /// (rule stores, cache nodes, namespace objects) waits here for every
    /// registered reader to pass a quiescent state; with none registered
    /// it is freed at once.
    let reclaimer: QuiescentStateReclaimer
    /// global-avc's one cache.
    private(set) var sharedCache: UnsafeMutableRawPointer?
    private var nextSeq: UInt32 = 1
    /// The objects checks have been called on, made once each.
    private var objects: [ObjectRef: UnsafeMutableRawPointer] = [:]

    private(set) var namespaces: [NamespaceID: NamespaceRecord] = [:]
    private(set) var credentials: [CredentialID: CredentialRecord] = [:]
    private var nextNamespaceID: NamespaceID = 1
    private var nextCredentialID: CredentialID = 0
    private var roots: [NamespaceRecord] = []

    init(setup: WorldSetup, arena: Arena, shape: Shape, blobPrefixBytes: Int = 0, mutation: Mutation? = nil) {
        assert(blobPrefixBytes >= 0 && blobPrefixBytes <= Layout.Blob.maxPrefixBytes
               && blobPrefixBytes % Layout.fieldAlignment == 0, "a blob prefix the layout does not allow")
        self.setup = setup
        self.arena = arena
        self.shape = shape
        self.mutation = mutation
        self.blobPrefixBytes = blobPrefixBytes
        let pool = NodePool(arena: arena)
        self.pool = pool
        // unowned(unsafe): the store owns arena, pool and reclaimer alike,
        // and a checked reference would count references on every free.
        reclaimer = QuiescentStateReclaimer(free: { [unowned(unsafe) arena, unowned(unsafe) pool] block, bytes in
            if bytes == NodePool.retiredNodeMark { pool.put(block) } else { arena.free(block, bytes: bytes) }
        })
        pool.reclaimer = reclaimer
        if shape == .sharedCache { sharedCache = DecisionCache.create(in: arena, geometry: setup.caches, pool: self.pool) }
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
        for object in objects.values { arena.free(object, bytes: Layout.Object.bytes) }
        objects.removeAll()
        if let sharedCache { DecisionCache.destroy(sharedCache, in: arena) }
        sharedCache = nil
        reclaimer.reclaim()
        pool.tearDown()
    }

    /// The object a check on `ref` is called with.
    func object(_ ref: ObjectRef) -> UnsafeRawPointer {
        if let known = objects[ref] { return UnsafeRawPointer(known) }
        let object = arena.allocate(Layout.Object.bytes)
        RawObject.initialize(object, ref)
        objects[ref] = object
        return UnsafeRawPointer(object)
    }

    var objectBytes: Int { objects.count * Layout.Object.bytes }

    // MARK: What the caches hold and cost

    /// Lookups and misses by namespace depth, over every cache a namespace
    /// holds (a shared cache has no depth: it is `total` alone).
    func cacheCounters() -> CacheReport {
        if let sharedCache { return CacheReport(total: DecisionCache.counters(sharedCache), byDepth: [:]) }
        var byDepth: [Int: CacheCounters] = [:]
        for ns in namespaces.values {
            guard let cache = ns.object.cache else { continue }
            byDepth[ns.depth, default: CacheCounters()] = byDepth[ns.depth, default: CacheCounters()] + DecisionCache.counters(cache)
        }
        return CacheReport(total: byDepth.values.reduce(CacheCounters(), +), byDepth: byDepth)
    }

    /// Bytes of every cache: headers, slots, and the pool's node slabs.
    var cacheBytes: Int {
        let perNamespace = namespaces.values.reduce(0) { sum, ns in
            sum + (ns.object.cache.map { DecisionCache.bytes($0) - DecisionCache.liveEntries($0) * Layout.Cache.nodeBytes } ?? 0)
        }
        let shared = sharedCache.map { DecisionCache.bytes($0) - DecisionCache.liveEntries($0) * Layout.Cache.nodeBytes } ?? 0
        return perNamespace + shared + pool.slabBytes
    }

    var namespaceCount: Int { namespaces.count }

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

    typealias Check = (CredentialRecord, HookID, ObjectRef) -> Int32

    /// Applies `op`, dispatching checks (and the creation permission step)
    /// through the strategy's own entry, as a measured loop would.
    func apply(_ op: Operation, check entry: CheckEntry) -> Outcome {
        apply(op) { cred, hook, ref in entry(cred.object.base, hook: Int32(hook), object: object(ref)) }
    }

    func apply(_ op: Operation, check: Check) -> Outcome {
        switch op {
        case .check(let id, let hook, let ref):
            guard let cred = credentials[id] else { return .failed(.noSuchCredential(id)) }
            guard HookCatalogue.all.indices.contains(hook) else { return .failed(.noSuchHook(hook)) }
            return .decision(check(cred, hook, ref))
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
        let verdict = check(creator, HookCatalogue.namespaceCreation, .newUserNamespace)
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

    /// The loads of a check of `hook` by credential `id` on `ref`: the
    /// object's label and class, the framework's loads (`framework` records
    /// them, given the first refusing LSM of an int hook, and says when each
    /// visited LSM's part offset is known), then each visited LSM's
    /// resolution, walked in this store's shape against its caches as they
    /// are now (a miss adds the rule-store lookups it makes; the node it
    /// would insert is not known beforehand and is not recorded).
    func footprint(_ id: CredentialID, hook: HookID, object ref: ObjectRef,
                   framework: (Int?, inout Footprint) -> [Int: Int]) -> Footprint {
        var footprint = Footprint()
        guard let cred = credentials[id] else { return footprint }
        let object = self.object(ref)
        let requestAt = footprint.load(object, after: 0)
        let request = RawObject.request(hook: hook, object)
        let isInt = HookCatalogue.all[hook].kind == .int
        let visited = stack.lsms.enumerated().filter { $0.element.implements(hook) }
        // Which LSM refuses first is a matter of values, found before the
        // loads are recorded in order.
        var scratch = Footprint()
        let refusing = isInt ? visited.first { lsm, spec in
            !resolutionFootprint(cred.object.base, partOffset: partOffset(lsm), offsetAt: 0, requestAt: 0,
                                 namespaced: spec.namespaced, request: request, into: &scratch)
        }?.offset : nil
        let offsetsKnown = framework(refusing, &footprint)
        for (lsm, spec) in visited {
            _ = resolutionFootprint(cred.object.base, partOffset: partOffset(lsm), offsetAt: offsetsKnown[partOffset(lsm)] ?? 0,
                                    requestAt: requestAt, namespaced: spec.namespaced, request: request, into: &footprint)
            if lsm == refusing { break }
        }
        return footprint
    }

    /// One cache lookup at `ns` (its pointer known at `nsAt`, the SID at
    /// `sidAt`), and the rule-store lookups a miss makes; returns the
    /// vector and the depth at which it is known.
    private func cachedVectorFootprint(_ ns: UnsafeRawPointer, nsAt: Int, ssid: UInt32, sidAt: Int, request: UInt64,
                                       requestAt: Int, into footprint: inout Footprint) -> (vector: UInt32, known: Int) {
        let cacheAt = footprint.load(ns + Layout.Namespace.cacheOffset, after: nsAt)
        let cache = RawNamespace.cache(ns)
        let sids = Request.sids(ssid: ssid, request)
        let tclass = Request.objectClass(request)
        let keyAt = max(sidAt, requestAt)
        var hash = DecisionCache.hash(ssid: ssid, request)
        let accept: (UnsafeRawPointer) -> Bool
        switch shape {
        case .sharedCache:
            hash ^= UInt32(truncatingIfNeeded: Int(bitPattern: ns) >> 6)
            footprint.load(ns + Layout.Namespace.seqOffset, bytes: 4, after: nsAt)
            accept = { DecisionCache.matches($0, sids: sids, tclass: tclass) && DecisionCache.namespace($0) == ns }
        case .flattened:
            footprint.load(ns + Layout.Namespace.seqOffset, bytes: 4, after: nsAt)
            accept = { DecisionCache.matches($0, sids: sids, tclass: tclass) }
        default:
            accept = { DecisionCache.matches($0, sids: sids, tclass: tclass) }
        }
        let (node, nodeAt) = DecisionCache.footprint(cache, cacheAt: cacheAt, keyAt: keyAt, hash: hash, accept: accept, into: &footprint)
        if let node, shape == .parentWalk || shape == .ancestry || DecisionCache.seq(node) == RawNamespace.seq(ns) {
            return (DecisionCache.vector(node), nodeAt)
        }
        // The miss: this level's rule store, or (flattened) every level's.
        var level = ns
        var levelAt = nsAt
        var sid = ssid
        var vector = UInt32.max
        var known = nodeAt
        while true {
            let policyAt = footprint.load(level + Layout.Namespace.policyOffset, after: levelAt)
            let answer = PolicyTable.footprint(RawNamespace.policy(level), tableAt: max(policyAt, nodeAt), ssid: sid, sidAt: sidAt,
                                               request: request, into: &footprint)
            vector &= answer.vector
            known = max(known, answer.known)
            guard shape == .flattened, let parent = RawNamespace.parent(level) else { break }
            let parentAt = footprint.load(level + Layout.Namespace.parentOffset, after: levelAt)
            sid = RawNamespace.parentSid(level)
            levelAt = parentAt
            level = parent
        }
        return (vector, known)
    }

    /// Walks one LSM's resolution the way this shape's checks do, recording
    /// every load with the depth its address is known at (`offsetAt`: when
    /// the framework has loaded this LSM's part offset); returns whether the
    /// LSM allows.
    private func resolutionFootprint(_ cred: UnsafeRawPointer, partOffset: Int, offsetAt: Int, requestAt: Int, namespaced: Bool,
                                     request: UInt64, into footprint: inout Footprint) -> Bool {
        /// One level: credential -> blob -> part -> namespace -> cache.
        func level(_ cred: UnsafeRawPointer, credAt: Int) -> (part: UnsafeRawPointer, partAt: Int, allowed: Bool) {
            let blobAt = footprint.load(cred + Layout.Credential.securityOffset, after: credAt)
            let part = RawCredential.part(of: cred, at: partOffset)
            let partAt = footprint.load(part, bytes: Layout.Part.bytes, after: max(blobAt, offsetAt))
            let answer = cachedVectorFootprint(RawPart.namespace(part), nsAt: partAt, ssid: RawPart.sid(part), sidAt: partAt,
                                               request: request, requestAt: requestAt, into: &footprint)
            return (part, partAt, Request.granted(answer.vector, request))
        }
        if shape == .labelVector {
            let blobAt = footprint.load(cred + Layout.Credential.securityOffset, after: 0)
            let part = RawCredential.part(of: cred, at: partOffset)
            let labelAt = footprint.load(part + Layout.Part.labelOffset, after: max(blobAt, offsetAt))
            let label = RawPart.label(part)
            footprint.load(label + Layout.Label.countOffset, bytes: 4, after: labelAt)
            let count = Int(label.load(fromByteOffset: Layout.Label.countOffset, as: UInt32.self))
            // Every profile's entry is at a known place in the label.
            for index in 0..<count {
                let entry = label + Layout.Label.headerBytes + index * Layout.AncestryEntry.bytes
                let entryAt = footprint.load(entry, bytes: Layout.AncestryEntry.bytes, after: labelAt)
                let ns = RawAncestryEntry.namespace(entry)
                let policyAt = footprint.load(ns + Layout.Namespace.policyOffset, after: entryAt)
                let answer = PolicyTable.footprint(RawNamespace.policy(ns), tableAt: policyAt, ssid: RawAncestryEntry.sid(entry),
                                                   sidAt: entryAt, request: request, into: &footprint)
                if !Request.granted(answer.vector, request) { return false }
            }
            return true
        }
        var (part, partAt, allowed) = level(cred, credAt: 0)
        guard namespaced, allowed else { return allowed }
        switch shape {
        case .flattened, .labelVector, .setTables:
            return true
        case .parentWalk, .sharedCache:
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
            // levels' lookups are independent of each other.
            for index in 0..<depth {
                let entry = RawNamespace.ancestryEntry(ns, index)
                let entryAt = footprint.load(entry, bytes: Layout.AncestryEntry.bytes, after: arrayAt)
                let answer = cachedVectorFootprint(RawAncestryEntry.namespace(entry), nsAt: entryAt, ssid: RawAncestryEntry.sid(entry),
                                                   sidAt: entryAt, request: request, requestAt: requestAt, into: &footprint)
                if !Request.granted(answer.vector, request) { return false }
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
        object.parentSid = ns.creatorSid ?? 0
        object.seq = takeSeq()
        creator?.holders += 1
        parent?.children.append(ns.id)
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
        switch shape {
        case .parentWalk, .ancestry, .flattened: object.cache = DecisionCache.create(in: arena, geometry: setup.caches, pool: pool)
        case .sharedCache: object.cache = sharedCache
        case .labelVector, .setTables: break
        }
        object.policy = PolicyTable.build(in: arena, policy: policy)
        return ns
    }

    private func takeSeq() -> UInt32 {
        defer { nextSeq &+= 1 }
        return nextSeq
    }

    /// The new rule store is built, then published (a release store), then
    /// cached decisions invalidated (the sequence number renewed, the AVC
    /// flushed); the old store is retired, not freed, since a reader may be
    /// inside it.
    private func reload(_ ns: NamespaceRecord, policy: PolicyRules) {
        ns.policy = policy
        if mutation == .invalidatesBeforePublishing {
            invalidate(ns)
            publish(policy, in: ns)
        } else {
            publish(policy, in: ns)
            invalidate(ns)
        }
        observer?.policyChanged(ns)
    }

    private func publish(_ policy: PolicyRules, in ns: NamespaceRecord) {
        let old = ns.object.policy
        ns.object.policy = PolicyTable.build(in: arena, policy: policy)
        if let old { retire(old, bytes: PolicyTable.byteCount(of: old)) }
    }

    private func invalidate(_ ns: NamespaceRecord) {
        ns.object.seq = takeSeq()
        switch shape {
        case .parentWalk, .ancestry:
            // avc_ss_reset: the namespace's AVC starts empty.
            DecisionCache.flush(ns.object.cache!)
        case .flattened where mutation != .flattenedKeepsDescendants:
            // Every descendant's composite entries include this policy:
            // renew their sequence numbers (one store each); their entries
            // then miss and are recomputed over the whole chain.
            var pending = ns.children
            while let id = pending.popLast(), let next = namespaces[id] {
                next.object.seq = takeSeq()
                pending.append(contentsOf: next.children)
            }
        case .flattened, .sharedCache, .labelVector, .setTables:
            // global-avc: the renewed sequence number makes the namespace's
            // entries misses. label-vector asks the namespace's new store.
            break
        }
    }

    private func destroy(_ ns: NamespaceRecord) {
        namespaces[ns.id] = nil
        if let parent = ns.parent { parent.children.removeAll { $0 == ns.id } }
        freeNamespaceObject(ns)
        if let creator = ns.creator {
            creator.holders -= 1
            freeIfUnused(creator)
        }
    }

    private func freeNamespaceObject(_ ns: NamespaceRecord) {
        if let policy = ns.object.policy { retire(policy, bytes: PolicyTable.byteCount(of: policy)) }
        if let ancestry = ns.object.ancestry { retire(ancestry, bytes: ns.depth * Layout.AncestryEntry.bytes) }
        if let cache = ns.object.cache, shape != .sharedCache {
            DecisionCache.flush(cache, retiring: true)
            retire(cache, bytes: Layout.Cache.bytes(slots: DecisionCache.slots(cache)))
        }
        retire(ns.object.base, bytes: Layout.Namespace.bytes)
    }

    /// Frees `block` once no reader can hold it.
    private func retire(_ block: UnsafeMutableRawPointer, bytes: Int) {
        reclaimer.retire(block, bytes: bytes)
    }

    private var blobBytes: Int { Layout.Blob.bytes(lsms: stack.lsms.count, prefixBytes: blobPrefixBytes) }

    private func addCredential(_ parts: [(namespace: NamespaceRecord, sid: SID)]) -> CredentialID {
        let object = RawCredential(base: arena.allocate(Layout.Credential.bytes))
        object.blob = arena.allocate(blobBytes)
        let cred = CredentialRecord(parts: parts, object: object)
        for (lsm, part) in parts.enumerated() {
            part.namespace.users += 1
            let raw = RawPart(base: object.blob + partOffset(lsm))
            raw.set(namespace: part.namespace.object.base, sid: part.sid,
                    parentCredential: part.namespace.creator.map { UnsafeRawPointer($0.object.base) })
            if shape == .labelVector {
                let label = makeLabel(part.namespace, sid: part.sid)
                raw.label = label
                cred.labels.append(label)
            }
        }
        let id = nextCredentialID
        nextCredentialID += 1
        credentials[id] = cred
        observer?.credentialCreated(cred)
        return id
    }

    /// AppArmor's compound label for one LSM: the credential's own
    /// namespace with its SID, then every ancestor with the SID its level
    /// is checked with, in one flat vector.
    private func makeLabel(_ ns: NamespaceRecord, sid: SID) -> UnsafeMutableRawPointer {
        let label = arena.allocate(Layout.Label.bytes(entries: ns.depth + 1))
        label.storeBytes(of: UInt32(ns.depth + 1), toByteOffset: Layout.Label.countOffset, as: UInt32.self)
        var level: NamespaceRecord? = ns
        var levelSid = sid
        var index = 0
        while let current = level {
            RawAncestryEntry(base: label + Layout.Label.headerBytes + index * Layout.AncestryEntry.bytes)
                .set(namespace: current.object.base, sid: levelSid)
            levelSid = current.creatorSid ?? 0
            level = current.parent
            index += 1
        }
        return label
    }

    private func release(_ cred: CredentialRecord) {
        cred.released = true
        for part in cred.parts { part.namespace.users -= 1 }
        freeIfUnused(cred)
    }

    private func freeIfUnused(_ cred: CredentialRecord) {
        guard cred.released, cred.holders == 0 else { return }
        observer?.credentialFreed(cred)
        for (lsm, label) in cred.labels.enumerated() {
            arena.free(label, bytes: Layout.Label.bytes(entries: cred.parts[lsm].namespace.depth + 1))
        }
        arena.free(cred.object.blob, bytes: blobBytes)
        arena.free(cred.object.base, bytes: Layout.Credential.bytes)
    }
}

/// Cache lookups and misses of a world: in all, and by namespace depth
/// where each namespace has its own cache.
public struct CacheReport: Sendable, Equatable {
    public var total: CacheCounters
    public var byDepth: [Int: CacheCounters]

    public init(total: CacheCounters, byDepth: [Int: CacheCounters]) {
        self.total = total
        self.byDepth = byDepth
    }

    public static func - (a: CacheReport, b: CacheReport) -> CacheReport {
        CacheReport(total: a.total - b.total,
                    byDepth: a.byDepth.mapValues { $0 } .reduce(into: [:]) { result, entry in
                        result[entry.key] = entry.value - (b.byDepth[entry.key] ?? CacheCounters())
                    })
    }
}
