// The stack of LSMs a world runs, and the limits the kernel imposes on it.

/// Limits shared by the model, every strategy and the command line.
public enum Limits {
    /// `MAX_LSM_COUNT`: the kernel counts the LSMs that can be built in at
    /// compile time; with every one of them enabled it is 14.
    public static let maxLSMs = 14
    /// SELinux's `maxnsdepth`, AppArmor's policy-namespace limit and the
    /// user-namespace nesting limit are all 32.
    public static let defaultDepthLimit = 32
    /// The largest depth limit hookbench accepts.
    public static let maxDepthLimit = 64
}

public typealias SID = UInt32

/// One LSM in the stack.
public struct LSMSpec: Sendable, Equatable {
    public var name: String
    /// Namespaced LSMs keep a tree of policy namespaces (SELinux-namespace
    /// style); global ones have one policy for the whole machine.
    public var namespaced: Bool
    /// The hooks this LSM implements, as a bit set over `HookID`.
    public var hooks: UInt32
    /// What this LSM returns when its policy refuses (13 = EACCES, 1 = EPERM).
    public var denyErrno: Int32

    public init(name: String, namespaced: Bool, hooks: UInt32, denyErrno: Int32 = 13) {
        self.name = name
        self.namespaced = namespaced
        self.hooks = hooks
        self.denyErrno = denyErrno
    }

    public func implements(_ hook: HookID) -> Bool { hooks & (1 << UInt32(hook)) != 0 }

    public static let allHooks: UInt32 = HookCatalogue.count >= 32 ? .max : (1 << UInt32(HookCatalogue.count)) - 1
}

public enum StackError: Error, Equatable, CustomStringConvertible {
    case lsmCount(Int)
    case depthLimit(Int)
    case namespacedCount(Int, of: Int)

    public var description: String {
        switch self {
        case .lsmCount(let n):
            return "\(n) LSMs requested; a stack holds 1 to \(Limits.maxLSMs) LSMs (MAX_LSM_COUNT)"
        case .depthLimit(let d):
            return "namespace depth limit \(d) is out of range; valid limits are 1 to \(Limits.maxDepthLimit) (default \(Limits.defaultDepthLimit))"
        case .namespacedCount(let n, let total):
            return "\(n) namespaced LSMs requested in a stack of \(total); valid values are 0 to \(total)"
        }
    }
}

/// The LSMs in stack order plus the namespace depth limit.
public struct StackSpec: Sendable, Equatable {
    public let lsms: [LSMSpec]
    public let depthLimit: Int

    public init(lsms: [LSMSpec], depthLimit: Int = Limits.defaultDepthLimit) throws(StackError) {
        guard (1...Limits.maxLSMs).contains(lsms.count) else { throw .lsmCount(lsms.count) }
        guard (1...Limits.maxDepthLimit).contains(depthLimit) else { throw .depthLimit(depthLimit) }
        self.lsms = lsms
        self.depthLimit = depthLimit
    }

    /// A uniform stack: `count` LSMs implementing every hook, the first
    /// `namespaced` of them namespaced. Used by measurement sweeps.
    public static func uniform(count: Int, namespaced: Int, depthLimit: Int = Limits.defaultDepthLimit) throws(StackError) -> StackSpec {
        guard (1...Limits.maxLSMs).contains(count) else { throw .lsmCount(count) }
        guard (0...count).contains(namespaced) else { throw .namespacedCount(namespaced, of: count) }
        let lsms = (0..<count).map { i in
            LSMSpec(name: i < namespaced ? "nslsm\(i)" : "globallsm\(i)", namespaced: i < namespaced, hooks: LSMSpec.allHooks)
        }
        return try StackSpec(lsms: lsms, depthLimit: depthLimit)
    }
}
