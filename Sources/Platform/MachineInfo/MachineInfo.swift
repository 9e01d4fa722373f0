// MachineInfo: what machine a hookbench run measured, and what about it
// makes the numbers noisy.
//
// `MachineFingerprint.capture` records the hardware, kernel settings and
// toolchain once per run so results can be compared across machines and
// reports; `shortHash` names that configuration in 12 hex digits, `summary`
// describes it in one mailing-list line, and `RunWarnings.check` lists the
// settings to fix before measuring. All procfs/sysfs reads go through a
// `SystemFileReader`, so tests point the whole module at a fake tree.

import NUMA
import Support

/// The configuration of the machine a benchmark ran on.
///
/// Encoded as JSON with sorted keys it is stable, so equal machines give
/// equal bytes and equal `shortHash`. Values that change from one moment to
/// the next (free memory, load) are deliberately left out.
public struct MachineFingerprint: Sendable, Equatable, Codable {
    public var hostName: Probed<String>
    /// "model name" from /proc/cpuinfo, verbatim.
    public var cpuModel: Probed<String>
    public var microcode: Probed<String>
    public var cpuTopology: Probed<CPUTopologySummary>
    public var caches: Probed<[CacheDescription]>
    public var numa: NUMASummary
    public var kernelRelease: Probed<String>
    public var clocksource: Probed<String>
    /// cpufreq scaling governor; "a (CPUs x), b (CPUs y)" when CPUs differ.
    public var frequencyGovernor: Probed<String>
    public var turboBoost: TurboBoost
    /// Selected value of /sys/kernel/mm/transparent_hugepage/enabled.
    public var transparentHugePages: Probed<String>
    /// Selected value of /sys/kernel/mm/transparent_hugepage/defrag.
    public var transparentHugePageDefrag: Probed<String>
    public var numaBalancing: Probed<String>
    public var perfEventParanoid: Probed<String>
    /// /sys/devices/system/cpu/vulnerabilities: file name -> kernel's text.
    public var mitigations: Probed<[String: String]>
    public var hypervisor: HypervisorInfo
    /// Version of the Swift compiler that built hookbench, e.g. "6.3".
    public var swiftCompiler: String
    /// Whatever revision text the caller passed, typically a git describe.
    public var hookbenchRevision: String

    public init(
        hostName: Probed<String>, cpuModel: Probed<String>, microcode: Probed<String>,
        cpuTopology: Probed<CPUTopologySummary>, caches: Probed<[CacheDescription]>, numa: NUMASummary,
        kernelRelease: Probed<String>, clocksource: Probed<String>, frequencyGovernor: Probed<String>,
        turboBoost: TurboBoost, transparentHugePages: Probed<String>, transparentHugePageDefrag: Probed<String>,
        numaBalancing: Probed<String>, perfEventParanoid: Probed<String>, mitigations: Probed<[String: String]>,
        hypervisor: HypervisorInfo, swiftCompiler: String, hookbenchRevision: String
    ) {
        self.hostName = hostName
        self.cpuModel = cpuModel
        self.microcode = microcode
        self.cpuTopology = cpuTopology
        self.caches = caches
        self.numa = numa
        self.kernelRelease = kernelRelease
        self.clocksource = clocksource
        self.frequencyGovernor = frequencyGovernor
        self.turboBoost = turboBoost
        self.transparentHugePages = transparentHugePages
        self.transparentHugePageDefrag = transparentHugePageDefrag
        self.numaBalancing = numaBalancing
        self.perfEventParanoid = perfEventParanoid
        self.mitigations = mitigations
        self.hypervisor = hypervisor
        self.swiftCompiler = swiftCompiler
        self.hookbenchRevision = hookbenchRevision
    }
}
