// The raw objects every strategy's checks walk, modelled on the kernel's:
//
//   credential (192 bytes, like struct cred)   +136: security blob pointer
//   security blob (cred->security)             the framework's own prefix
//                                              (ns-table's), then one part
//                                              per LSM at a fixed offset
//                                              (lsm_blob_sizes.lbs_cred)
//   part of a namespaced LSM                   +0 namespace, +8 SID,
//                                              +16 parent credential (the
//                                              SELinux-namespace parent_cred),
//                                              +24 label vector (label-vector)
//   object (64 bytes, an inode's blob)         +0 label (SID), +4 class
//   namespace object (64 bytes,                +0 id, +8 parent, +16 rule
//   like struct selinux_state)                 store, +24 depth, +28 LSM,
//                                              +32 ancestry array (ancestry),
//                                              +40 decision cache, +48 SID
//                                              of the parent level, +52
//                                              policy sequence number
//   ancestry entry (16 bytes)                  +0 ancestor, +8 SID there
//   label vector                               +0 count; 16-byte entries
//                                              from +16, as ancestry's
//
// and the framework's tables: rule stores (PolicyTable.swift), decision
// caches (DecisionCache.swift), hlist heads and nodes (HList.swift),
// static-slot blocks (StaticSlots.swift) and ns-table's sets
// (NamespaceTable.swift).
//
// This file is the only Swift that knows offsets, strides and sizes: the
// other files name them through `Layout`. Every object a C twin walks is
// defined once, in CStrategies.h, and read from there; ns-table's objects,
// which only Swift reads, are defined here.
//
// The Raw* handles check their pointers and indices with `assert`, which a
// release (-O) build compiles away: the release hot path is the bare loads.

import Atomics
import CStrategies
import LSMModel

enum Layout {
    /// What every arena block is aligned to: credentials, blobs, namespaces,
    /// ancestry arrays and tables all start on a cache line.
    static let blockAlignment = Arena.lineBytes
    /// What every field holding a pointer or an offset is aligned to.
    static let fieldAlignment = MemoryLayout<UnsafeRawPointer>.alignment

    /// struct cred's stand-in.
    enum Credential {
        static let bytes = Int(HB_CREDENTIAL_BYTES)
        static let securityOffset = Int(HB_CRED_SECURITY_OFFSET)
    }

    /// One LSM's part of a blob: namespace, SID, parent credential, label vector.
    enum Part {
        static let bytes = Int(HB_PART_BYTES)
        static let namespaceOffset = Int(HB_PART_NAMESPACE_OFFSET)
        static let sidOffset = Int(HB_PART_SID_OFFSET)
        static let parentOffset = Int(HB_PART_PARENT_CRED_OFFSET)
        static let labelOffset = Int(HB_PART_LABEL_OFFSET)
    }

    /// The object a hook is called on.
    enum Object {
        static let bytes = Int(HB_OBJECT_BYTES)
        static let sidOffset = Int(HB_OBJECT_SID_OFFSET)
        static let classOffset = Int(HB_OBJECT_CLASS_OFFSET)
    }

    /// A label vector (label-vector's compound label): a count, then
    /// entries shaped as ancestry entries.
    enum Label {
        static let headerBytes = Int(HB_LABEL_HEADER_BYTES)
        static let countOffset = Int(HB_LABEL_COUNT_OFFSET)

        static func bytes(entries: Int) -> Int { headerBytes + entries * AncestryEntry.bytes }
    }

    /// A decision cache (DecisionCache.swift): header, slot heads, nodes.
    enum Cache {
        static let headerBytes = Int(HB_CACHE_HEADER_BYTES)
        static let maskOffset = Int(HB_CACHE_MASK_OFFSET)
        static let thresholdOffset = Int(HB_CACHE_THRESHOLD_OFFSET)
        static let reclaimOffset = Int(HB_CACHE_RECLAIM_OFFSET)
        static let activeOffset = Int(HB_CACHE_ACTIVE_OFFSET)
        static let lookupsOffset = Int(HB_CACHE_LOOKUPS_OFFSET)
        static let missesOffset = Int(HB_CACHE_MISSES_OFFSET)
        static let reclaimedOffset = Int(HB_CACHE_RECLAIMED_OFFSET)
        static let hintOffset = Int(HB_CACHE_HINT_OFFSET)
        static let poolOffset = Int(HB_CACHE_POOL_OFFSET)
        static let lockOffset = Int(HB_CACHE_LOCK_OFFSET)
        static let retiredOffset = Int(HB_CACHE_RETIRED_OFFSET)
        static let slotBytes = Int(HB_CACHE_SLOT_BYTES)
        static let nodeBytes = Int(HB_CACHE_NODE_BYTES)
        static let nodeNextOffset = Int(HB_CNODE_NEXT_OFFSET)
        static let nodeSidsOffset = Int(HB_CNODE_SIDS_OFFSET)
        static let nodeClassOffset = Int(HB_CNODE_CLASS_OFFSET)
        static let nodeVectorOffset = Int(HB_CNODE_VECTOR_OFFSET)
        static let nodeSeqOffset = Int(HB_CNODE_SEQ_OFFSET)
        static let nodeNamespaceOffset = Int(HB_CNODE_NAMESPACE_OFFSET)
        static let nodeDecisionsOffset = Int(HB_CNODE_DECISIONS_OFFSET)

        static func bytes(slots: Int) -> Int { headerBytes + slots * slotBytes }

        @inline(__always) static func slotOffset(_ slot: Int) -> Int { headerBytes &+ slot &* slotBytes }
    }

    /// The security blob: `prefixBytes` of the framework's own, then one
    /// part per LSM in stack order.
    enum Blob {
        /// The largest prefix a framework keeps (ns-table's).
        static let maxPrefixBytes = SetTable.blobPrefixBytes

        @inline(__always) static func partOffset(lsm: Int, prefixBytes: Int) -> Int {
            prefixBytes + lsm * Part.bytes
        }

        static func bytes(lsms: Int, prefixBytes: Int) -> Int { prefixBytes + lsms * Part.bytes }

        /// Whether a part can start `offset` bytes into a blob: aligned, and
        /// no further than the last LSM of the largest stack after the
        /// largest prefix.
        @inline(__always) static func isPartOffset(_ offset: Int) -> Bool {
            offset >= 0 && offset & (fieldAlignment - 1) == 0
                && offset <= partOffset(lsm: Limits.maxLSMs - 1, prefixBytes: maxPrefixBytes)
        }
    }

    /// A namespace object (struct selinux_state's stand-in).
    enum Namespace {
        static let bytes = Int(HB_NAMESPACE_BYTES)
        static let idOffset = Int(HB_NS_ID_OFFSET)
        static let parentOffset = Int(HB_NS_PARENT_OFFSET)
        static let policyOffset = Int(HB_NS_POLICY_OFFSET)
        static let depthOffset = Int(HB_NS_DEPTH_OFFSET)
        static let lsmOffset = Int(HB_NS_LSM_OFFSET)
        static let ancestryOffset = Int(HB_NS_ANCESTRY_OFFSET)
        static let cacheOffset = Int(HB_NS_CACHE_OFFSET)
        static let parentSidOffset = Int(HB_NS_PARENT_SID_OFFSET)
        static let seqOffset = Int(HB_NS_SEQ_OFFSET)
    }

    /// One entry of a namespace's ancestry array: the ancestor namespace and
    /// the SID checked there.
    enum AncestryEntry {
        static let bytes = Int(HB_ANCESTRY_ENTRY_BYTES)
        static let namespaceOffset = Int(HB_ANCESTRY_NAMESPACE_OFFSET)
        static let sidOffset = Int(HB_ANCESTRY_SID_OFFSET)
    }

    /// A rule store (PolicyTable.swift): header, then the entries.
    enum Policy {
        static let headerBytes = Int(HB_POLICY_HEADER_BYTES)
        static let maskOffset = Int(HB_POLICY_MASK_OFFSET)
        static let countOffset = Int(HB_POLICY_COUNT_OFFSET)
        static let defaultOffset = Int(HB_POLICY_DEFAULT_OFFSET)
        static let entryBytes = Int(HB_POLICY_ENTRY_BYTES)
        static let entrySidsOffset = Int(HB_POLICY_ENTRY_SIDS_OFFSET)
        static let entryClassOffset = Int(HB_POLICY_ENTRY_CLASS_OFFSET)
        static let entryVectorOffset = Int(HB_POLICY_ENTRY_VECTOR_OFFSET)
        static let entryUsed = UInt32(HB_POLICY_ENTRY_USED)
    }

    /// hlist (HList.swift): a head per hook, a node per implementing LSM.
    enum HookList {
        static let headBytes = Int(HB_HEAD_BYTES)
        static let headFirstOffset = Int(HB_HEAD_FIRST_OFFSET)
        /// 0 for an int hook, 1 for a void hook.
        static let headKindOffset = Int(HB_HEAD_KIND_OFFSET)
        static let nodeBytes = Int(HB_NODE_BYTES)
        static let nodeNextOffset = Int(HB_NODE_NEXT_OFFSET)
        static let nodeCallbackOffset = Int(HB_NODE_CALLBACK_OFFSET)
        static let nodePartOffsetOffset = Int(HB_NODE_OFFSET_OFFSET)
        static let nodeErrnoOffset = Int(HB_NODE_ERRNO_OFFSET)
    }

    /// static slots (StaticSlots.swift): a block per hook, a header and
    /// then the slots.
    enum StaticSlots {
        static let hookBytes = Int(HB_SLOT_HOOK_BYTES)
        static let hookActiveOffset = Int(HB_SLOT_HOOK_ACTIVE_OFFSET)
        /// 0 for an int hook, 1 for a void hook.
        static let hookKindOffset = Int(HB_SLOT_HOOK_KIND_OFFSET)
        static let headerBytes = Int(HB_SLOT_HEADER_BYTES)
        static let slotBytes = Int(HB_SLOT_BYTES)
        static let activeOffset = Int(HB_SLOT_ACTIVE_OFFSET)
        /// 0 for the namespaced resolver, 1 for the global one.
        static let resolverOffset = Int(HB_SLOT_RESOLVER_OFFSET)
        static let trampolineOffset = Int(HB_SLOT_TRAMPOLINE_OFFSET)
        static let partOffsetOffset = Int(HB_SLOT_OFFSET_OFFSET)
        static let errnoOffset = Int(HB_SLOT_ERRNO_OFFSET)

        /// The `index`th slot of a hook's block; index `Limits.maxLSMs` is
        /// the inactive slot that ends the longest stack's slots.
        @inline(__always) static func slot(_ block: UnsafeMutableRawPointer, _ index: Int) -> UnsafeMutableRawPointer {
            assert(index >= 0 && index <= Limits.maxLSMs, "slot index beyond MAX_LSM_COUNT")
            return block + headerBytes + index * slotBytes
        }
    }

    /// ns-table (NamespaceTable.swift), which has no C twin.
    enum SetTable {
        /// The framework's part of every blob: +0 the set, +8 the context index.
        static let blobPrefixBytes = 16
        static let blobSetOffset = 0
        static let blobContextOffset = 8
        /// A set object: +0 the published table pointer.
        static let setBytes = 64
        static let setTableOffset = 0
        /// The stack's description: +0 LSMs, +4 a bit per void hook; then
        /// per LSM +0 the hooks it implements, +4 its errno.
        static let stackHeaderBytes = 16
        static let stackCountOffset = 0
        static let stackVoidOffset = 4
        static let stackEntryBytes = 8
        static let stackHooksOffset = 0
        static let stackErrnoOffset = 4
    }
}

@inline(__always)
func isAligned(_ pointer: UnsafeRawPointer, to alignment: Int) -> Bool {
    Int(bitPattern: pointer) & (alignment &- 1) == 0
}

/// A credential: a struct-cred-sized object pointing at its security blob.
struct RawCredential {
    let base: UnsafeMutableRawPointer

    init(base: UnsafeMutableRawPointer) {
        assert(isAligned(base, to: Layout.blockAlignment), "a credential is an arena block")
        self.base = base
    }

    @inline(__always) static func blob(of cred: UnsafeRawPointer) -> UnsafeRawPointer {
        assert(isAligned(cred, to: Layout.blockAlignment), "not a credential: misaligned")
        return cred.load(fromByteOffset: Layout.Credential.securityOffset, as: UnsafeRawPointer.self)
    }

    /// The part `partOffset` bytes into `cred`'s blob.
    @inline(__always) static func part(of cred: UnsafeRawPointer, at partOffset: Int) -> UnsafeRawPointer {
        assert(Layout.Blob.isPartOffset(partOffset), "part offset outside any blob")
        return blob(of: cred) + partOffset
    }

    var blob: UnsafeMutableRawPointer {
        get { base.load(fromByteOffset: Layout.Credential.securityOffset, as: UnsafeMutableRawPointer.self) }
        nonmutating set {
            assert(isAligned(newValue, to: Layout.blockAlignment), "a blob is an arena block")
            base.storeBytes(of: newValue, toByteOffset: Layout.Credential.securityOffset, as: UnsafeMutableRawPointer.self)
        }
    }
}

/// One LSM's part of a security blob.
struct RawPart {
    let base: UnsafeMutableRawPointer

    init(base: UnsafeMutableRawPointer) {
        assert(isAligned(base, to: Layout.fieldAlignment), "misaligned part")
        self.base = base
    }

    @inline(__always) static func namespace(_ part: UnsafeRawPointer) -> UnsafeRawPointer {
        assert(isAligned(part, to: Layout.fieldAlignment), "misaligned part")
        return part.load(fromByteOffset: Layout.Part.namespaceOffset, as: UnsafeRawPointer.self)
    }
    @inline(__always) static func sid(_ part: UnsafeRawPointer) -> UInt32 {
        part.load(fromByteOffset: Layout.Part.sidOffset, as: UInt32.self)
    }
    @inline(__always) static func parentCredential(_ part: UnsafeRawPointer) -> UnsafeRawPointer? {
        assert(isAligned(part, to: Layout.fieldAlignment), "misaligned part")
        return part.load(fromByteOffset: Layout.Part.parentOffset, as: UnsafeRawPointer?.self)
    }

    @inline(__always) static func label(_ part: UnsafeRawPointer) -> UnsafeRawPointer {
        assert(isAligned(part, to: Layout.fieldAlignment), "misaligned part")
        return part.load(fromByteOffset: Layout.Part.labelOffset, as: UnsafeRawPointer.self)
    }

    var label: UnsafeMutableRawPointer? {
        get { base.load(fromByteOffset: Layout.Part.labelOffset, as: UnsafeMutableRawPointer?.self) }
        nonmutating set { base.storeBytes(of: newValue, toByteOffset: Layout.Part.labelOffset, as: UnsafeMutableRawPointer?.self) }
    }

    func set(namespace: UnsafeRawPointer, sid: UInt32, parentCredential: UnsafeRawPointer?) {
        assert(isAligned(namespace, to: Layout.blockAlignment), "a namespace is an arena block")
        assert(parentCredential.map { isAligned($0, to: Layout.blockAlignment) } ?? true, "a credential is an arena block")
        base.storeBytes(of: namespace, toByteOffset: Layout.Part.namespaceOffset, as: UnsafeRawPointer.self)
        base.storeBytes(of: sid, toByteOffset: Layout.Part.sidOffset, as: UInt32.self)
        base.storeBytes(of: parentCredential, toByteOffset: Layout.Part.parentOffset, as: UnsafeRawPointer?.self)
    }
}

/// A namespace object.
struct RawNamespace {
    let base: UnsafeMutableRawPointer

    init(base: UnsafeMutableRawPointer) {
        assert(isAligned(base, to: Layout.blockAlignment), "a namespace is an arena block")
        self.base = base
    }

    /// The published rule store (rcu_dereference): an acquire load, a plain
    /// load on x86, so a reader that sees a new table sees it whole.
    @inline(__always) static func policy(_ ns: UnsafeRawPointer) -> UnsafeRawPointer {
        assert(isAligned(ns, to: Layout.blockAlignment), "not a namespace: misaligned")
        return policyField(ns).load(ordering: .acquiring).unsafelyUnwrapped
    }
    @inline(__always) private static func policyField(_ ns: UnsafeRawPointer) -> UnsafeAtomic<UnsafeRawPointer?> {
        UnsafeAtomic(at: UnsafeMutableRawPointer(mutating: ns + Layout.Namespace.policyOffset)
            .assumingMemoryBound(to: UnsafeRawPointer?.AtomicRepresentation.self))
    }
    @inline(__always) private static func seqField(_ ns: UnsafeRawPointer) -> UnsafeAtomic<UInt32> {
        UnsafeAtomic(at: UnsafeMutableRawPointer(mutating: ns + Layout.Namespace.seqOffset)
            .assumingMemoryBound(to: UInt32.AtomicRepresentation.self))
    }
    @inline(__always) static func depth(_ ns: UnsafeRawPointer) -> Int {
        assert(isAligned(ns, to: Layout.blockAlignment), "not a namespace: misaligned")
        let depth = Int(truncatingIfNeeded: ns.load(fromByteOffset: Layout.Namespace.depthOffset, as: UInt32.self))
        assert(depth <= Limits.maxDepthLimit, "namespace deeper than any depth limit")
        return depth
    }
    @inline(__always) static func ancestry(_ ns: UnsafeRawPointer) -> UnsafeRawPointer {
        assert(isAligned(ns, to: Layout.blockAlignment), "not a namespace: misaligned")
        return ns.load(fromByteOffset: Layout.Namespace.ancestryOffset, as: UnsafeRawPointer.self)
    }
    /// The `index`th entry of `ns`'s ancestry array, root first.
    static func ancestryEntry(_ ns: UnsafeRawPointer, _ index: Int) -> UnsafeRawPointer {
        assert(index >= 0 && index < depth(ns), "ancestry index beyond the namespace's depth")
        return ancestry(ns) + index * Layout.AncestryEntry.bytes
    }

    @inline(__always) static func cache(_ ns: UnsafeRawPointer) -> UnsafeMutableRawPointer {
        assert(isAligned(ns, to: Layout.blockAlignment), "not a namespace: misaligned")
        return ns.load(fromByteOffset: Layout.Namespace.cacheOffset, as: UnsafeMutableRawPointer.self)
    }
    @inline(__always) static func parent(_ ns: UnsafeRawPointer) -> UnsafeRawPointer? {
        ns.load(fromByteOffset: Layout.Namespace.parentOffset, as: UnsafeRawPointer?.self)
    }
    @inline(__always) static func parentSid(_ ns: UnsafeRawPointer) -> UInt32 {
        ns.load(fromByteOffset: Layout.Namespace.parentSidOffset, as: UInt32.self)
    }
    /// The sequence number, an acquire load: a miss that reads it before
    /// the rule stores computes under a policy at least that new.
    @inline(__always) static func seq(_ ns: UnsafeRawPointer) -> UInt32 {
        seqField(ns).load(ordering: .acquiring)
    }

    var cache: UnsafeMutableRawPointer? {
        get { base.load(fromByteOffset: Layout.Namespace.cacheOffset, as: UnsafeMutableRawPointer?.self) }
        nonmutating set { base.storeBytes(of: newValue, toByteOffset: Layout.Namespace.cacheOffset, as: UnsafeMutableRawPointer?.self) }
    }
    var parentSid: UInt32 {
        get { base.load(fromByteOffset: Layout.Namespace.parentSidOffset, as: UInt32.self) }
        nonmutating set { base.storeBytes(of: newValue, toByteOffset: Layout.Namespace.parentSidOffset, as: UInt32.self) }
    }
    /// Bumped by every policy change this namespace's cached decisions
    /// depend on (flattened: any ancestor's too).
    /// A release store: published after the rule store it follows.
    var seq: UInt32 {
        get { Self.seq(base) }
        nonmutating set { Self.seqField(base).store(newValue, ordering: .releasing) }
    }

    func ancestryEntry(_ index: Int) -> RawAncestryEntry {
        RawAncestryEntry(base: UnsafeMutableRawPointer(mutating: Self.ancestryEntry(base, index)))
    }

    func initialize(id: NamespaceID, parent: UnsafeRawPointer?, depth: Int, lsm: Int) {
        assert((parent == nil) == (depth == 0), "only a root has no parent")
        assert(parent.map { isAligned($0, to: Layout.blockAlignment) } ?? true, "a namespace is an arena block")
        assert(depth >= 0 && depth <= Limits.maxDepthLimit, "depth beyond any depth limit")
        assert(lsm >= 0 && lsm < Limits.maxLSMs, "LSM index beyond MAX_LSM_COUNT")
        base.storeBytes(of: id, toByteOffset: Layout.Namespace.idOffset, as: UInt64.self)
        base.storeBytes(of: parent, toByteOffset: Layout.Namespace.parentOffset, as: UnsafeRawPointer?.self)
        base.storeBytes(of: UInt32(depth), toByteOffset: Layout.Namespace.depthOffset, as: UInt32.self)
        base.storeBytes(of: UInt32(lsm), toByteOffset: Layout.Namespace.lsmOffset, as: UInt32.self)
    }

    /// Set with a release store (rcu_assign_pointer): the table is built
    /// before it is reachable.
    var policy: UnsafeMutableRawPointer? {
        get { Self.policyField(base).load(ordering: .acquiring).map { UnsafeMutableRawPointer(mutating: $0) } }
        nonmutating set {
            assert(newValue.map { isAligned($0, to: Layout.blockAlignment) } ?? true, "a policy table is an arena block")
            Self.policyField(base).store(newValue.map { UnsafeRawPointer($0) }, ordering: .releasing)
        }
    }
    var ancestry: UnsafeMutableRawPointer? {
        get { base.load(fromByteOffset: Layout.Namespace.ancestryOffset, as: UnsafeMutableRawPointer?.self) }
        nonmutating set {
            assert(newValue.map { isAligned($0, to: Layout.blockAlignment) } ?? true, "an ancestry array is an arena block")
            base.storeBytes(of: newValue, toByteOffset: Layout.Namespace.ancestryOffset, as: UnsafeMutableRawPointer?.self)
        }
    }
}

/// One entry of an ancestry array: an ancestor namespace and the SID this
/// chain is checked with there.
struct RawAncestryEntry {
    let base: UnsafeMutableRawPointer

    init(base: UnsafeMutableRawPointer) {
        assert(isAligned(base, to: Layout.fieldAlignment), "misaligned ancestry entry")
        self.base = base
    }

    @inline(__always) static func namespace(_ entry: UnsafeRawPointer) -> UnsafeRawPointer {
        assert(isAligned(entry, to: Layout.fieldAlignment), "misaligned ancestry entry")
        return entry.load(fromByteOffset: Layout.AncestryEntry.namespaceOffset, as: UnsafeRawPointer.self)
    }
    @inline(__always) static func sid(_ entry: UnsafeRawPointer) -> UInt32 {
        entry.load(fromByteOffset: Layout.AncestryEntry.sidOffset, as: UInt32.self)
    }

    func set(namespace: UnsafeRawPointer, sid: UInt32) {
        assert(isAligned(namespace, to: Layout.blockAlignment), "a namespace is an arena block")
        base.storeBytes(of: namespace, toByteOffset: Layout.AncestryEntry.namespaceOffset, as: UnsafeRawPointer.self)
        base.storeBytes(of: sid, toByteOffset: Layout.AncestryEntry.sidOffset, as: UInt32.self)
    }
}

/// An object a hook is called on: its label and class.
struct RawObject {
    @inline(__always) static func request(hook: Int, _ object: UnsafeRawPointer) -> UInt64 {
        Request.make(hook: hook, objectClass: Int(truncatingIfNeeded: object.load(fromByteOffset: Layout.Object.classOffset, as: UInt32.self)),
                     label: object.load(fromByteOffset: Layout.Object.sidOffset, as: UInt32.self))
    }

    static func initialize(_ base: UnsafeMutableRawPointer, _ object: ObjectRef) {
        assert(isAligned(base, to: Layout.blockAlignment), "an object is an arena block")
        base.storeBytes(of: object.label, toByteOffset: Layout.Object.sidOffset, as: UInt32.self)
        base.storeBytes(of: UInt32(object.objectClass.rawValue), toByteOffset: Layout.Object.classOffset, as: UInt32.self)
    }
}

/// What the framework passes each LSM: the hook (its permission's bit),
/// the object's class and label, in one word (HB_REQUEST in C).
enum Request {
    @inline(__always) static func make(hook: Int, objectClass: Int, label: UInt32) -> UInt64 {
        UInt64(label) << 32 | UInt64(truncatingIfNeeded: objectClass) << 8 | UInt64(truncatingIfNeeded: hook)
    }
    @inline(__always) static func hook(_ request: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: request) & 0xFF }
    @inline(__always) static func objectClass(_ request: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: request >> 8) & 0xFF }
    @inline(__always) static func label(_ request: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: request >> 32) }
    /// The decision-cache key's SIDs, as nodes store them.
    @inline(__always) static func sids(ssid: UInt32, _ request: UInt64) -> UInt64 { request & 0xFFFF_FFFF_0000_0000 | UInt64(ssid) }

    /// Whether `vector` grants the request's permission. A masking shift,
    /// as C's: hooks are below 32, and Swift's checked `>>` would add a
    /// compare and a select per check.
    @inline(__always) static func granted(_ vector: UInt32, _ request: UInt64) -> Bool { (vector &>> hook(request)) & 1 != 0 }
}
