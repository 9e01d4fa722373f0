// The kernel as hookbench kernel uses it, behind one protocol: the live
// implementation calls the C shim (CKernelProbes); tests inject one that
// refuses (EPERM, ENOSYS, ...) to check that a refused figure is reported
// with its reason while the others still run.

import CKernelProbes
import Glibc

/// A timed operation: a C function of one context, called through a
/// pointer by the timed batch.
public typealias KernelOperation = @convention(c) (UnsafePointer<hbk_context>?) -> Int32

public protocol KernelSystem: Sendable {
    /// The Landlock ABI version (landlock_create_ruleset with
    /// LANDLOCK_CREATE_RULESET_VERSION), or why there is none.
    func landlockABIVersion() -> Result<Int, SystemCallFailure>
    /// prctl(PR_SET_NO_NEW_PRIVS), which an unprivileged landlock_restrict_self needs.
    func setNoNewPrivileges() -> SystemCallFailure?
    /// Stacks one more Landlock domain: handling and allowing `access` beneath `root`.
    func addLandlockLayer(root: String, access: UInt64) -> SystemCallFailure?
    /// chdir, so paths are relative to the tree root.
    func changeDirectory(_ path: String) -> SystemCallFailure?
    /// The C function a figure's timed batch calls (nil: not a batched figure).
    func operation(_ figure: KernelFigure) -> KernelOperation?
    /// In a fresh forked child at user-namespace depth `depth`: one timed
    /// unshare(CLONE_NEWUSER) in each of `count` forked children (ticks).
    func userNamespaceCreations(depth: Int, count: Int, useTSC: Bool) -> Result<[UInt64], SystemCallFailure>
    /// A waiting child task under uid `uid` (-1: unchanged) at user-namespace depth `depth`.
    func spawnNestedTask(depth: Int, uid: Int32) -> Result<Int32, SystemCallFailure>
    func endTask(_ pid: Int32)
    /// Whether the process runs as root (euid 0).
    var isRoot: Bool { get }
    /// This process's pid.
    var processID: Int32 { get }
}

/// The running kernel.
public struct LiveKernelSystem: KernelSystem {
    public init() {}

    public func landlockABIVersion() -> Result<Int, SystemCallFailure> {
        let version = hbk_landlock_abi_version()
        return version > 0 ? .success(Int(version))
            : .failure(SystemCallFailure(call: "landlock_create_ruleset(LANDLOCK_CREATE_RULESET_VERSION)", errno: -version))
    }

    public func setNoNewPrivileges() -> SystemCallFailure? {
        let result = hbk_set_no_new_privs()
        return result == 0 ? nil : SystemCallFailure(call: "prctl(PR_SET_NO_NEW_PRIVS)", errno: -result)
    }

    public func addLandlockLayer(root: String, access: UInt64) -> SystemCallFailure? {
        var step: Int32 = 0
        let result = hbk_landlock_add_layer(root, access, access, &step)
        guard result != 0 else { return nil }
        let calls = [1: "landlock_create_ruleset", 2: "open(\(root), O_PATH)", 3: "landlock_add_rule", 4: "landlock_restrict_self"]
        return SystemCallFailure(call: calls[Int(step)] ?? "Landlock set-up", errno: -result)
    }

    public func changeDirectory(_ path: String) -> SystemCallFailure? {
        chdir(path) == 0 ? nil : SystemCallFailure(call: "chdir(\(path))", errno: Glibc.errno)
    }

    public func operation(_ figure: KernelFigure) -> KernelOperation? {
        switch figure {
        case .loop: return hbk_empty
        case .nullSyscall: return hbk_null_syscall
        case .openClose: return hbk_open_close
        case .stat: return hbk_stat
        case .read: return hbk_read
        case .kill, .capabilityWalk: return hbk_kill
        case .userNamespaceCreation: return nil
        }
    }

    public func userNamespaceCreations(depth: Int, count: Int, useTSC: Bool) -> Result<[UInt64], SystemCallFailure> {
        var ticks = [UInt64](repeating: 0, count: count)
        var step: Int32 = 0
        let result = ticks.withUnsafeMutableBufferPointer { buffer in
            hbk_userns_creation(Int32(depth), Int32(count), useTSC ? 1 : 0, buffer.baseAddress, &step)
        }
        guard result >= 0 else { return .failure(Self.failure(step: step, depth: depth, errno: -result)) }
        return .success(ticks)
    }

    public func spawnNestedTask(depth: Int, uid: Int32) -> Result<Int32, SystemCallFailure> {
        var step: Int32 = 0
        let result = hbk_spawn_nested_task(Int32(depth), uid, &step)
        guard result > 0 else { return .failure(Self.failure(step: step, depth: depth, errno: -result)) }
        return .success(result)
    }

    public func endTask(_ pid: Int32) { hbk_end_child(pid) }

    public var isRoot: Bool { geteuid() == 0 }
    public var processID: Int32 { getpid() }

    static func failure(step: Int32, depth: Int, errno: Int32) -> SystemCallFailure {
        let call: String
        switch Int(step) {
        case Int(HBK_STEP_FORK): call = "fork"
        case Int(HBK_STEP_SETUID): call = "setresuid/setresgid to another uid"
        case Int(HBK_STEP_NEST_UNSHARE): call = "unshare(CLONE_NEWUSER) while nesting to depth \(depth)"
        case Int(HBK_STEP_NEST_MAP): call = "writing uid_map/gid_map while nesting to depth \(depth)"
        case Int(HBK_STEP_TIMED_UNSHARE): call = "unshare(CLONE_NEWUSER) at depth \(depth)"
        case Int(HBK_STEP_PIPE): call = "pipe2"
        default: call = "the nested child at depth \(depth) (it died)"
        }
        return SystemCallFailure(call: call, errno: errno)
    }
}
