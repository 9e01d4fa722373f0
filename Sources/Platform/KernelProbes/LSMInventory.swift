// Which LSMs the running kernel has, from lsm_list_modules(2) (Linux 6.8
// and later; securityfs need not be mounted), and whether BPF LSM programs
// could be loaded here: one BPF_PROG_LOAD of a trivial BPF_PROG_TYPE_LSM
// program without an attach target, which a kernel that allows LSM
// programs rejects with EINVAL and a sandbox that forbids them with EPERM
// (even to root). For `hookbench info`.

import CKernelProbes
import Glibc

public struct LSMInventory: Sendable, Equatable {
    /// LSM names in the kernel's order, or why they are unknown.
    public let modules: Result<[String], SystemCallFailure>
    /// The probe's refusal: EINVAL means LSM programs may be loaded
    /// (the probe names no hook), EPERM that they may not.
    public let bpfProgramLoad: SystemCallFailure?

    /// LSM ids of include/uapi/linux/lsm.h.
    static let names: [UInt64: String] = [
        100: "capability", 101: "selinux", 102: "smack", 103: "tomoyo", 104: "apparmor", 105: "yama",
        106: "loadpin", 107: "safesetid", 108: "lockdown", 109: "bpf", 110: "landlock", 111: "ima", 112: "evm",
        113: "ipe",
    ]

    public static func probe() -> LSMInventory {
        var ids = [UInt64](repeating: 0, count: 32)
        let count = ids.withUnsafeMutableBufferPointer { hbk_lsm_list_modules($0.baseAddress, Int32($0.count)) }
        let modules: Result<[String], SystemCallFailure> = count < 0
            ? .failure(SystemCallFailure(call: "lsm_list_modules", errno: -count))
            : .success(ids.prefix(Int(count)).map { names[$0] ?? "lsm \($0)" })
        let load = hbk_bpf_prog_load_probe()
        return LSMInventory(modules: modules,
                            bpfProgramLoad: load == 0 ? nil : SystemCallFailure(call: "bpf(BPF_PROG_LOAD)", errno: -load))
    }

    /// Lines for `hookbench info`.
    public var lines: [String] {
        var lines: [String] = []
        switch modules {
        case .success(let names): lines.append("LSMs: \(names.joined(separator: ", ")) (lsm_list_modules)")
        case .failure(let failure): lines.append("LSMs: unknown (\(failure))")
        }
        let hasBPF = (try? modules.get())?.contains("bpf") ?? false
        let listed = hasBPF ? "listed" : "not listed"
        switch bpfProgramLoad?.errno {
        case EPERM?, EACCES?:
            lines.append("BPF LSM: \(listed), but BPF_PROG_LOAD of an LSM program is refused here (\(bpfProgramLoad?.errnoName ?? "")): no BPF LSM program can be loaded")
        case EINVAL?, nil:
            lines.append("BPF LSM: \(listed); BPF_PROG_LOAD accepts LSM programs (the probe, naming no hook, stops at EINVAL)")
        case _?:
            lines.append("BPF LSM: \(listed); BPF_PROG_LOAD probe: \(bpfProgramLoad.map(\.description) ?? "")")
        }
        return lines
    }
}
