import NUMA
import Support

extension MachineFingerprint {
    /// Reads the fingerprint of the machine behind `reader` (the real one by
    /// default). `topology` is passed in rather than read so that a fake
    /// tree can be paired with a matching fake topology.
    public static func capture(
        hookbenchRevision: String,
        reader: SystemFileReader = .live,
        topology: Topology = .current()
    ) -> MachineFingerprint {
        let cpuInfo = CPUInfoProbe(reader: reader)
        return MachineFingerprint(
            hostName: .file(KernelSettingsProbe.hostNamePath, reader: reader),
            cpuModel: cpuInfo.modelName,
            microcode: cpuInfo.microcode,
            cpuTopology: CPUTopologyProbe.read(reader: reader),
            caches: CacheProbe.read(reader: reader),
            numa: NUMASummary(topology: topology),
            kernelRelease: .file(KernelSettingsProbe.releasePath, reader: reader),
            clocksource: .file(KernelSettingsProbe.clocksourcePath, reader: reader),
            frequencyGovernor: FrequencyProbe.governor(reader: reader),
            turboBoost: FrequencyProbe.turbo(reader: reader),
            transparentHugePages: KernelSettingsProbe.transparentHugePageSelection(
                TransparentHugePageSettings.enabledPath, reader: reader),
            transparentHugePageDefrag: KernelSettingsProbe.transparentHugePageSelection(
                TransparentHugePageSettings.defragPath, reader: reader),
            numaBalancing: .file(KernelSettingsProbe.numaBalancingPath, reader: reader),
            perfEventParanoid: .file(KernelSettingsProbe.perfEventParanoidPath, reader: reader),
            mitigations: MitigationsProbe.read(reader: reader),
            hypervisor: HypervisorProbe.read(cpuFlag: cpuInfo.hasHypervisorFlag, reader: reader),
            swiftCompiler: SwiftCompilerVersion.text,
            hookbenchRevision: hookbenchRevision
        )
    }
}
