// A namespace's own policy: explicit verdicts keyed the way an AVC entry is
// keyed, plus a default for everything the policy does not mention.

/// (subject SID, object class, hook): the key of one access-vector decision.
public struct RuleKey: Hashable, Sendable, Comparable {
    public var sid: SID
    public var objectClass: ObjectClass
    public var hook: HookID

    public init(sid: SID, objectClass: ObjectClass, hook: HookID) {
        self.sid = sid
        self.objectClass = objectClass
        self.hook = hook
    }

    public static func < (a: RuleKey, b: RuleKey) -> Bool {
        (a.sid, a.objectClass.rawValue, a.hook) < (b.sid, b.objectClass.rawValue, b.hook)
    }
}

public struct PolicyRules: Sendable, Equatable {
    /// true = allow, false = deny.
    public var rules: [RuleKey: Bool]
    public var defaultAllow: Bool

    public init(rules: [RuleKey: Bool] = [:], defaultAllow: Bool = true) {
        self.rules = rules
        self.defaultAllow = defaultAllow
    }

    public func allows(_ key: RuleKey) -> Bool { rules[key] ?? defaultAllow }

    /// Allows everything: the policy of a freshly measured world.
    public static let permissive = PolicyRules()
}
