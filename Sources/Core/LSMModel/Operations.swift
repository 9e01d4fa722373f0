// What can happen in a world: checks (the read side) and the namespace
// life-cycle (the write side). Every strategy and the reference evaluator
// consume the same operations and must produce the same outcomes.

public typealias NamespaceID = UInt64
public typealias CredentialID = Int

/// The starting state: root namespaces (one per LSM, ids 1...n in stack
/// order) with their policies, and credential 0 (init) in every root.
public struct WorldSetup: Sendable, Equatable {
    public var stack: StackSpec
    public var rootPolicies: [PolicyRules]
    public var initSids: [SID]
    /// How big the designs' decision caches are (the reference has none).
    public var caches: CacheGeometry

    public init(stack: StackSpec, rootPolicies: [PolicyRules], initSids: [SID], caches: CacheGeometry = .selinux) {
        precondition(rootPolicies.count == stack.lsms.count && initSids.count == stack.lsms.count)
        self.stack = stack
        self.rootPolicies = rootPolicies
        self.initSids = initSids
        self.caches = caches
    }
}

/// What a hook is called on: an object of a class, with a label (its SID;
/// SIDs are global, and each namespace's policy decides on them).
public struct ObjectRef: Sendable, Hashable, CustomStringConvertible {
    public var objectClass: ObjectClass
    public var label: SID

    public init(_ objectClass: ObjectClass, label: SID) {
        self.objectClass = objectClass
        self.label = label
    }

    public var description: String { "\(objectClass) labelled \(label)" }

    /// What `userns_create` is asked about: the namespace to be made, which
    /// has no label of its own yet (label 0 stands for it).
    public static let newUserNamespace = ObjectRef(.userNamespace, label: 0)
}

public enum Operation: Sendable, Equatable {
    /// Dispatch `hook` for `cred` on `object`.
    case check(cred: CredentialID, hook: HookID, object: ObjectRef)
    /// unshare(): a permission step (`userns_create` dispatched for the
    /// creator; any LSM may refuse), then a transition step in which each
    /// participating LSM allocates a child of the creator's namespace. A
    /// failure in the transition (the depth limit, or `failAt`, an injected
    /// allocation failure at that position of `lsms`) unwinds every
    /// namespace this operation allocated. `lsms` are stack indices of
    /// namespaced LSMs in ascending order; `policies` and `sids` give each new
    /// namespace its policy and the new credential its SID there.
    case create(creator: CredentialID, lsms: [Int], policies: [PolicyRules], sids: [SID], failAt: Int?)
    /// setns(): `cred` joins `target`'s namespaces (and SIDs there) for the
    /// participating namespaced LSMs, each of which is called back.
    case enter(cred: CredentialID, target: CredentialID, lsms: [Int])
    /// execve() with a domain transition: a new credential whose SID for
    /// `lsm` is `sid`, in the same namespaces.
    case exec(cred: CredentialID, lsm: Int, sid: SID)
    /// Replace one namespace's policy; every descendant must see it.
    case reload(namespace: NamespaceID, policy: PolicyRules)
    /// Destroy a namespace that no live credential and no child uses.
    case destroy(namespace: NamespaceID)
    /// Drop a credential. Namespaces it created keep it alive internally
    /// (it is their parent credential), but its id is gone.
    case release(cred: CredentialID)
}

public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchCredential(CredentialID)
    case noSuchNamespace(NamespaceID)
    case noSuchHook(HookID)
    case notNamespaced(lsm: Int)
    case malformed(String)
    case permissionDenied(errno: Int32)
    case depthLimit(lsm: Int, limit: Int)
    case transitionFailed(lsm: Int)
    case busy(NamespaceID)
    case rootNamespace(NamespaceID)

    public var description: String {
        switch self {
        case .noSuchCredential(let c): return "no live credential \(c)"
        case .noSuchNamespace(let n): return "no namespace \(n)"
        case .noSuchHook(let h): return "no hook \(h)"
        case .notNamespaced(let l): return "LSM \(l) is not namespaced"
        case .malformed(let why): return "malformed operation: \(why)"
        case .permissionDenied(let e): return "namespace creation refused (-\(e))"
        case .depthLimit(let l, let limit): return "LSM \(l): namespace depth limit \(limit) reached"
        case .transitionFailed(let l): return "LSM \(l): transition failed (-ENOMEM), unwound"
        case .busy(let n): return "namespace \(n) is in use"
        case .rootNamespace(let n): return "namespace \(n) is a root namespace"
        }
    }
}

public enum Outcome: Sendable, Equatable, CustomStringConvertible {
    /// A check's return: 0 or -errno for int hooks, the refusal tally for void hooks.
    case decision(Int32)
    /// A new credential (create, enter), with the namespaces created for it.
    case credential(CredentialID, created: [NamespaceID])
    case done
    case failed(ModelError)

    public var description: String {
        switch self {
        case .decision(let d): return "decision \(d)"
        case .credential(let c, let created): return "credential \(c) created namespaces \(created)"
        case .done: return "done"
        case .failed(let e): return "failed: \(e)"
        }
    }
}

extension Operation: CustomStringConvertible {
    public var description: String {
        switch self {
        case .check(let c, let h, let object):
            return "check(cred \(c), \(HookCatalogue.all.indices.contains(h) ? HookCatalogue.all[h].name : "hook \(h)"), \(object))"
        case .create(let c, let l, _, let s, let f):
            return "create(creator \(c), lsms \(l), sids \(s)\(f.map { ", failAt \($0)" } ?? ""))"
        case .enter(let c, let t, let l): return "enter(cred \(c), target \(t), lsms \(l))"
        case .exec(let c, let l, let sid): return "exec(cred \(c), lsm \(l), sid \(sid))"
        case .reload(let n, let p): return "reload(namespace \(n), \(p.rules.count) rules, default vector \(String(p.defaultVector, radix: 16)))"
        case .destroy(let n): return "destroy(namespace \(n))"
        case .release(let c): return "release(cred \(c))"
        }
    }
}

extension StackSpec {
    /// Why `lsms` cannot name the participants of a create or enter: empty,
    /// out of range, not ascending, or naming a global LSM. Nil when valid.
    /// Argument checking, the same for the reference and every strategy.
    public func problem(withParticipants lsms: [Int]) -> ModelError? {
        if lsms.isEmpty { return .malformed("no LSMs named") }
        for (i, lsm) in lsms.enumerated() {
            guard self.lsms.indices.contains(lsm) else { return .malformed("LSM index \(lsm) out of range") }
            if i > 0 && lsms[i - 1] >= lsm { return .malformed("LSM indices must ascend") }
            if !self.lsms[lsm].namespaced { return .notNamespaced(lsm: lsm) }
        }
        return nil
    }
}
