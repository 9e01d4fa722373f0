import Foundation
@testable import MachineInfo
import NUMA
import Support
import Testing

@Suite("Fingerprint of a fake two-socket server")
struct FakeMachineTests {
    private func capture(_ tree: FakeSystemTree) -> MachineFingerprint {
        MachineFingerprint.capture(hookbenchRevision: "v0.3-12-gabc1234", reader: tree.reader,
                                   topology: FakeSystemTree.twoSocketTopology)
    }

    @Test("every field comes from the fake tree")
    func capturedFields() throws {
        let tree = try FakeSystemTree.twoSocketServer()
        let fingerprint = capture(tree)
        #expect(fingerprint.hostName.value == "lab-xeon-01")
        #expect(fingerprint.cpuModel.value == "Intel(R) Xeon(R) Gold 6348 CPU @ 2.60GHz")
        #expect(fingerprint.microcode.value == "0xd0003a5")
        #expect(fingerprint.cpuTopology.value == CPUTopologySummary(sockets: 2, cores: 4, threadsPerCore: 2, logicalCPUs: 8))
        #expect(fingerprint.caches.value == [
            CacheDescription(level: 1, type: "Data", sizeBytes: 48 << 10, instances: 4),
            CacheDescription(level: 1, type: "Instruction", sizeBytes: 32 << 10, instances: 4),
            CacheDescription(level: 2, type: "Unified", sizeBytes: 1280 << 10, instances: 4),
            CacheDescription(level: 3, type: "Unified", sizeBytes: 42 << 20, instances: 2),
        ])
        #expect(fingerprint.caches.value?.map(\.shortText) == ["L1d 48K x4", "L1i 32K x4", "L2 1280K x4", "L3 42M x2"])
        #expect(fingerprint.numa == NUMASummary(nodes: [
            .init(id: 0, cpus: "0-3", memoryTotalBytes: 64 << 30),
            .init(id: 1, cpus: "4-7", memoryTotalBytes: 64 << 30),
        ]))
        #expect(fingerprint.numa.nodeCount == 2)
        #expect(fingerprint.kernelRelease.value == "6.8.0-45-generic")
        #expect(fingerprint.clocksource.value == "tsc")
        #expect(fingerprint.frequencyGovernor.value == "powersave")
        #expect(fingerprint.turboBoost == TurboBoost(state: .available("on"), controlFile: FrequencyProbe.intelNoTurboPath))
        #expect(fingerprint.transparentHugePages.value == "madvise")
        #expect(fingerprint.transparentHugePageDefrag.value == "madvise")
        #expect(fingerprint.numaBalancing.value == "1")
        #expect(fingerprint.perfEventParanoid.value == "2")
        #expect(fingerprint.mitigations.value == [
            "meltdown": "Not affected",
            "spectre_v2": "Mitigation: Enhanced / Automatic IBRS; IBPB: conditional; RSB filling",
        ])
        #expect(fingerprint.hypervisor == HypervisorInfo(
            cpuFlag: false, systemVendor: .available("Dell Inc."), productName: .available("PowerEdge R750")))
        #expect(fingerprint.hookbenchRevision == "v0.3-12-gabc1234")
        #expect(fingerprint.swiftCompiler.firstMatch(of: /^[0-9]+\.[0-9]+/) != nil)
    }

    @Test("powersave, turbo, numa_balancing and a busy sibling give their warnings")
    func expectedWarnings() throws {
        let tree = try FakeSystemTree.twoSocketServer()
        let fingerprint = capture(tree)
        var pauses: [Duration] = []
        let warnings = RunWarnings.check(fingerprint, measuringCPU: 0, reader: tree.reader) { duration in
            pauses.append(duration)
            // 1000 more ticks for every CPU; CPU 1, the sibling of CPU 0, spent 900 of them busy.
            try? tree.writeStat((0..<8).map { cpu in cpu == 1 ? (busy: 1000, idle: 1100) : (busy: 110, idle: 1990) })
        }
        #expect(pauses == [.milliseconds(100)])
        #expect(warnings.map(\.kind) == [.governorNotPerformance, .turboEnabled, .numaBalancingEnabled, .smtSiblingBusy])
        #expect(warnings[0].message.contains("powersave"))
        #expect(warnings[0].message.contains("`cpupower frequency-set -g performance`"))
        #expect(warnings[1].message.contains("`echo 1 > /sys/devices/system/cpu/intel_pstate/no_turbo`"))
        #expect(warnings[2].message.contains("`sysctl kernel.numa_balancing=0`"))
        #expect(warnings[3].message.hasPrefix("CPU 1, the SMT sibling of measuring CPU 0, was 90% busy over 100 ms"))
        #expect(warnings.allSatisfy { $0.message.hasSuffix(".") })
    }

    @Test("an idle sibling and a tuned machine give no warnings")
    func tunedMachine() throws {
        let tree = try FakeSystemTree.twoSocketServer()
        for cpu in 0..<8 {
            try tree.write("/sys/devices/system/cpu/cpu\(cpu)/cpufreq/scaling_governor", "performance\n")
        }
        try tree.write("/sys/devices/system/cpu/intel_pstate/no_turbo", "1\n")
        try tree.write("/proc/sys/kernel/numa_balancing", "0\n")
        let fingerprint = capture(tree)
        #expect(fingerprint.turboBoost.state.value == "off")
        let warnings = RunWarnings.check(fingerprint, measuringCPU: 2, reader: tree.reader) { _ in
            try? tree.writeStat(Array(repeating: (busy: 101, idle: 1999), count: 8))
        }
        #expect(warnings.isEmpty)
    }

    @Test("a virtual machine without cpufreq records why and warns once")
    func virtualMachine() throws {
        let tree = try FakeSystemTree.twoSocketServer()
        let cpuinfo = try tree.reader.read("/proc/cpuinfo").replacingOccurrences(of: " sep\n", with: " sep hypervisor\n")
        try tree.write("/proc/cpuinfo", cpuinfo)
        try tree.write("/sys/class/dmi/id/sys_vendor", "QEMU\n")
        try tree.write("/sys/class/dmi/id/product_name", "Standard PC (Q35 + ICH9, 2009)\n")
        for cpu in 0..<8 { try tree.remove("/sys/devices/system/cpu/cpu\(cpu)/cpufreq") }
        try tree.remove("/sys/devices/system/cpu/intel_pstate")
        try tree.write("/proc/sys/kernel/numa_balancing", "0\n")

        let fingerprint = capture(tree)
        #expect(fingerprint.hypervisor.isVirtualMachine)
        #expect(fingerprint.frequencyGovernor.value == nil)
        #expect(fingerprint.frequencyGovernor.unavailableReason?.contains("/sys/devices/system/cpu/cpu0/cpufreq is absent") == true)
        #expect(fingerprint.turboBoost.state.value == nil)
        #expect(fingerprint.turboBoost.controlFile == nil)
        let warnings = RunWarnings.check(fingerprint, reader: tree.reader) { _ in }
        #expect(warnings.map(\.kind) == [.virtualMachine])
        #expect(warnings[0].message.contains("(QEMU Standard PC (Q35 + ICH9, 2009))"))
    }

    @Test("CPUs with different governors are listed with their CPUs")
    func mixedGovernors() throws {
        let tree = try FakeSystemTree.twoSocketServer()
        for cpu in 4..<8 {
            try tree.write("/sys/devices/system/cpu/cpu\(cpu)/cpufreq/scaling_governor", "performance\n")
        }
        let fingerprint = capture(tree)
        #expect(fingerprint.frequencyGovernor.value == "powersave (CPUs 0-3), performance (CPUs 4-7)")
        #expect(fingerprint.summary.contains("gov mixed"))
        #expect(RunWarnings.check(fingerprint, reader: tree.reader).contains { $0.kind == .governorNotPerformance })
    }

    @Test("cpufreq boost is used when intel_pstate is absent")
    func cpufreqBoost() throws {
        let tree = try FakeSystemTree.twoSocketServer()
        try tree.remove("/sys/devices/system/cpu/intel_pstate")
        try tree.write("/sys/devices/system/cpu/cpufreq/boost", "1\n")
        let fingerprint = capture(tree)
        #expect(fingerprint.turboBoost == TurboBoost(state: .available("on"), controlFile: FrequencyProbe.cpufreqBoostPath))
        let turbo = try #require(RunWarnings.check(fingerprint, reader: tree.reader).first { $0.kind == .turboEnabled })
        #expect(turbo.message.contains("`echo 0 > /sys/devices/system/cpu/cpufreq/boost`"))
    }

    @Test("summary line")
    func summaryLine() throws {
        let tree = try FakeSystemTree.twoSocketServer()
        let summary = capture(tree).summary
        #expect(summary == "Xeon Gold 6348 x2, 4c/8t, 2 nodes, 6.8.0, tsc, powersave, THP madvise")
        #expect(summary.count <= MachineFingerprint.summaryWidth)
    }

    @Test("summary uses the most spelled-out wording that fits")
    func summaryWordings() throws {
        let tree = try FakeSystemTree.twoSocketServer()
        var fingerprint = capture(tree)
        fingerprint.cpuTopology = .available(CPUTopologySummary(sockets: 2, cores: 56, threadsPerCore: 2, logicalCPUs: 112))
        fingerprint.frequencyGovernor = .available("performance")
        #expect(fingerprint.summary == "Xeon Gold 6348 x2, 56c/112t, 2 nodes, 6.8.0, tsc, gov perf, THP madvise")

        fingerprint.cpuModel = .available("Intel(R) Xeon(R) Platinum 8480+")
        fingerprint.cpuTopology = .available(CPUTopologySummary(sockets: 2, cores: 112, threadsPerCore: 2, logicalCPUs: 224))
        #expect(fingerprint.summary == "Xeon 8480+ x2, 112c/224t, 2 nodes, 6.8.0, tsc, perf, THP madvise")

        fingerprint.cpuModel = .available("AMD EPYC 7763 64-Core Processor")
        fingerprint.cpuTopology = .available(CPUTopologySummary(sockets: 1, cores: 4, threadsPerCore: 2, logicalCPUs: 8))
        fingerprint.numa = NUMASummary(nodes: [.init(id: 0, cpus: "0-7", memoryTotalBytes: 1 << 30)])
        fingerprint.frequencyGovernor = .unavailable("no cpufreq")
        fingerprint.transparentHugePages = .available("never")
        #expect(fingerprint.summary == "EPYC 7763 x1 socket, 4c/8t, 1 node, 6.8.0, tsc, governor n/a, THP never")
    }

    @Test("long CPU models are shortened to keep the summary within 72 columns")
    func longSummary() throws {
        let tree = try FakeSystemTree.twoSocketServer()
        let cpuinfo = try tree.reader.read("/proc/cpuinfo").replacingOccurrences(
            of: "Intel(R) Xeon(R) Gold 6348 CPU @ 2.60GHz",
            with: "Some Very Long Vendor Name Experimental Many Core Server Processor Family Edition")
        try tree.write("/proc/cpuinfo", cpuinfo)
        let summary = capture(tree).summary
        #expect(summary.count <= MachineFingerprint.summaryWidth)
        #expect(summary == "Some Very Edition x2, 4c/8t, 2 nodes, 6.8.0, tsc, powersave, THP madvise")
    }

    @Test("CPU model shortening", arguments: [
        ("Intel(R) Xeon(R) Gold 6348 CPU @ 2.60GHz", "Xeon Gold 6348"),
        ("AMD EPYC 7763 64-Core Processor", "EPYC 7763"),
        ("Intel(R) Core(TM) i7-8700K CPU @ 3.70GHz", "Core i7-8700K"),
        ("AMD EPYC", "EPYC"),
        ("Neoverse-N1", "Neoverse-N1"),
    ])
    func modelShortening(model: String, expected: String) {
        #expect(MachineFingerprint.shortCPUModel(model) == expected)
    }
}
