// A namespace's own policy, as SELinux's avtab holds it: for a (subject
// SID, object SID, object class) key, an access vector with one bit per
// permission, and a default vector for every key the policy does not name.
// Each hook asks for one permission (its bit, `HookInfo.permission`).

/// One bit per permission; a hook's permission is bit `hook`.
public typealias AccessVector = UInt32

extension AccessVector {
    /// Every permission of the catalogue.
    public static let everyPermission: AccessVector = LSMSpec.allHooks

    /// Every permission but `hook`'s: a vector that refuses that hook.
    public static func allBut(_ hook: HookID) -> AccessVector { everyPermission & ~HookCatalogue.all[hook].permission }
}

/// (subject SID, object SID, class): the key of one access-vector decision,
/// as `avc_has_perm(ssid, tsid, tclass, ...)` asks for it.
public struct RuleKey: Hashable, Sendable, Comparable {
    public var sid: SID
    public var target: SID
    public var objectClass: ObjectClass

    public init(sid: SID, target: SID, objectClass: ObjectClass) {
        self.sid = sid
        self.target = target
        self.objectClass = objectClass
    }

    public static func < (a: RuleKey, b: RuleKey) -> Bool {
        (a.sid, a.target, a.objectClass.rawValue) < (b.sid, b.target, b.objectClass.rawValue)
    }
}

public struct PolicyRules: Sendable, Equatable {
    public var rules: [RuleKey: AccessVector]
    /// What the policy grants for every key it does not name.
    public var defaultVector: AccessVector

    public init(rules: [RuleKey: AccessVector] = [:], defaultVector: AccessVector = .everyPermission) {
        self.rules = rules
        self.defaultVector = defaultVector
    }

    /// `security_compute_av`: the vector this policy grants for `key`.
    public func vector(_ key: RuleKey) -> AccessVector { rules[key] ?? defaultVector }

    public func allows(_ key: RuleKey, hook: HookID) -> Bool {
        vector(key) & HookCatalogue.all[hook].permission != 0
    }

    /// Allows everything: the policy of a freshly measured world.
    public static let permissive = PolicyRules()
}
