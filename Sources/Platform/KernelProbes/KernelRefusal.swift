// What the kernel refused, in words a reader can act on: for each
// capability a figure needs (Landlock, user namespaces, the capability
// path of kill()), why it is unavailable here and how to enable it.

import Glibc

public struct KernelRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why the figure is not measured ("Landlock is built in but not enabled").
    public let reason: String
    /// What would make it measurable ("add landlock to the lsm= boot parameter").
    public let howToEnable: String

    public init(reason: String, howToEnable: String) {
        self.reason = reason
        self.howToEnable = howToEnable
    }

    public var description: String { "\(reason); to enable: \(howToEnable)" }

    /// The refusal of a Landlock call.
    public static func landlock(_ failure: SystemCallFailure) -> KernelRefusal {
        switch failure.errno {
        case ENOSYS:
            return KernelRefusal(reason: "Landlock is not in this kernel (\(failure))",
                                 howToEnable: "a kernel built with CONFIG_SECURITY_LANDLOCK=y (Linux 5.13 or later)")
        case EOPNOTSUPP:
            return KernelRefusal(reason: "Landlock is built in but not enabled (\(failure))",
                                 howToEnable: "add landlock to the lsm= boot parameter (or to CONFIG_LSM) and reboot")
        case E2BIG:
            return KernelRefusal(reason: "the kernel stacks at most 16 Landlock domains (\(failure))",
                                 howToEnable: "ask for 16 layers or fewer (--max-layers)")
        case EPERM:
            return KernelRefusal(reason: "the kernel did not let this process restrict itself (\(failure))",
                                 howToEnable: "run where prctl(PR_SET_NO_NEW_PRIVS) and Landlock are allowed (no seccomp filter forbidding them)")
        default:
            return KernelRefusal(reason: "a Landlock call failed (\(failure))", howToEnable: "see landlock(7) for the errno")
        }
    }

    /// The refusal of a user-namespace call.
    public static func userNamespace(_ failure: SystemCallFailure) -> KernelRefusal {
        switch failure.errno {
        case ENOSPC, EUSERS:
            return KernelRefusal(reason: "the kernel's limit on user namespaces was reached (\(failure)): 32 levels below the initial namespace, or user.max_user_namespaces",
                                 howToEnable: "ask for fewer levels (--max-depth), run from the initial user namespace, or raise user.max_user_namespaces")
        case EPERM, EACCES:
            return KernelRefusal(reason: "creating user namespaces is not permitted here (\(failure))",
                                 howToEnable: "sysctl -w user.max_user_namespaces=10000, sysctl -w kernel.unprivileged_userns_clone=1 where it exists, or run as root outside a seccomp filter that forbids unshare")
        case EINVAL:
            return KernelRefusal(reason: "unshare(CLONE_NEWUSER) was refused with EINVAL (\(failure)): the kernel lacks CONFIG_USER_NS or the caller is threaded",
                                 howToEnable: "a kernel built with CONFIG_USER_NS=y")
        default:
            return KernelRefusal(reason: "a user-namespace call failed (\(failure))", howToEnable: "see user_namespaces(7) for the errno")
        }
    }

    /// The capability walk needs a task under another uid.
    public static let capabilityWalkNeedsRoot = KernelRefusal(
        reason: "the capability walk needs root: the signalled task must run under another uid, so that kill() takes the ns_capable(CAP_KILL) path instead of the same-uid shortcut",
        howToEnable: "run hookbench kernel as root")

    /// The refusal of a timed call itself (an open() that Landlock denied, say).
    public static func timedCall(_ failure: SystemCallFailure) -> KernelRefusal {
        KernelRefusal(reason: "the timed call failed (\(failure))", howToEnable: "see the call's manual page for the errno")
    }

    /// A refusal for what a worker reported about `point`.
    public static func explaining(_ failure: SystemCallFailure, at point: KernelPoint) -> KernelRefusal {
        if failure.call.hasPrefix("landlock") || failure.call.hasPrefix("prctl(PR_SET_NO_NEW_PRIVS") {
            return landlock(failure)
        }
        if failure.call.hasPrefix("setresuid") { return capabilityWalkNeedsRoot }
        if failure.call.contains("CLONE_NEWUSER") || failure.call.contains("uid_map") { return userNamespace(failure) }
        if failure.call.hasPrefix("worker") {
            return KernelRefusal(reason: failure.call, howToEnable: "rerun; a worker that dies is a bug worth reporting")
        }
        return timedCall(failure)
    }
}
