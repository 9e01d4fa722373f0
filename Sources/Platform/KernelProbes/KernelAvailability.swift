// What this kernel lets hookbench kernel measure, checked before any worker
// starts: the Landlock ABI (landlock_create_ruleset with
// LANDLOCK_CREATE_RULESET_VERSION), the user-namespace sysctls and one real
// unshare(CLONE_NEWUSER), and whether the capability walk can be set up
// (root). A refused capability leaves its figures refused, with the reason;
// the rest still runs.

import Support

public struct KernelAvailability: Sendable, Equatable {
    /// The Landlock ABI version, or why Landlock cannot be used.
    public let landlock: Result<Int, KernelRefusal>
    /// Why user namespaces cannot be created, or nil when they can.
    public let userNamespaces: KernelRefusal?
    /// Why the capability walk cannot be measured, or nil when it can.
    public let capabilityWalk: KernelRefusal?

    public init(landlock: Result<Int, KernelRefusal>, userNamespaces: KernelRefusal?, capabilityWalk: KernelRefusal?) {
        self.landlock = landlock
        self.userNamespaces = userNamespaces
        self.capabilityWalk = capabilityWalk
    }

    public static func probe(_ system: some KernelSystem, files: SystemFileReader = .live) -> KernelAvailability {
        let landlock = system.landlockABIVersion().mapError(KernelRefusal.landlock)
        var userNamespaces: KernelRefusal?
        if let maximum = try? files.readValue("/proc/sys/user/max_user_namespaces"), maximum == "0" {
            userNamespaces = KernelRefusal(reason: "user.max_user_namespaces is 0: user namespaces are disabled",
                                           howToEnable: "sysctl -w user.max_user_namespaces=10000")
        } else if !system.isRoot, let clone = try? files.readValue("/proc/sys/kernel/unprivileged_userns_clone"), clone == "0" {
            userNamespaces = KernelRefusal(reason: "kernel.unprivileged_userns_clone is 0 and hookbench is not root",
                                           howToEnable: "sysctl -w kernel.unprivileged_userns_clone=1, or run as root")
        } else if !system.isRoot,
                  let apparmor = try? files.readValue("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"), apparmor == "1" {
            userNamespaces = KernelRefusal(reason: "AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns is 1)",
                                           howToEnable: "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or run as root")
        } else if case .failure(let failure) = system.userNamespaceCreations(depth: 0, count: 1, useTSC: false) {
            userNamespaces = KernelRefusal.userNamespace(failure)
        }
        let capabilityWalk = userNamespaces ?? (system.isRoot ? nil : KernelRefusal.capabilityWalkNeedsRoot)
        return KernelAvailability(landlock: landlock, userNamespaces: userNamespaces, capabilityWalk: capabilityWalk)
    }

    /// Why `figure` at `point` cannot be measured here, or nil when it can.
    public func refusal(for point: KernelPoint) -> KernelRefusal? {
        switch point.figure {
        case .userNamespaceCreation: return userNamespaces
        case .capabilityWalk: return capabilityWalk
        default:
            guard point.landlockLayers > 0, case .failure(let refusal) = landlock else { return nil }
            return refusal
        }
    }

    /// "Landlock ABI 7" or "Landlock unavailable".
    public var landlockText: String {
        switch landlock {
        case .success(let version): return "Landlock ABI \(version)"
        case .failure: return "Landlock unavailable"
        }
    }
}
