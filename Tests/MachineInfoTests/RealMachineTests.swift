import MachineInfo
import NUMA
import Testing

@Suite("Fingerprint of this machine")
struct RealMachineTests {
    @Test("has the basic structure")
    func structure() throws {
        let fingerprint = MachineFingerprint.capture(hookbenchRevision: "test")
        let model = try #require(fingerprint.cpuModel.value)
        #expect(!model.isEmpty)
        let release = try #require(fingerprint.kernelRelease.value)
        #expect(!release.isEmpty)
        #expect(fingerprint.shortHash.count == 12)
        #expect(fingerprint.numa.nodeCount >= 1)
        #expect(fingerprint.summary.count <= MachineFingerprint.summaryWidth)
        #expect(fingerprint.cpuTopology.value.map { $0.logicalCPUs >= 1 } ?? true)
    }

    @Test("warnings are sentences and a VM is reported as one")
    func warningsStructure() throws {
        let fingerprint = MachineFingerprint.capture(hookbenchRevision: "test")
        let warnings = RunWarnings.check(fingerprint, measuringCPU: 0)
        #expect(warnings.allSatisfy { !$0.message.isEmpty && $0.message.hasSuffix(".") })
        #expect(warnings.contains { $0.kind == .virtualMachine } == fingerprint.hypervisor.isVirtualMachine)
    }
}
