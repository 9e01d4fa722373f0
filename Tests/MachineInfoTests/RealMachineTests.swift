import MachineInfo
import NUMA
import Support
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
        // Where sysfs describes the CPUs, the topology is read and counts
        // exactly the online ones; where it does not, the fingerprint says why.
        let sysfs = SystemFileReader.live
        if let online = try? sysfs.readValue("/sys/devices/system/cpu/online"), let cpus = CPUList.parse(online),
           let first = cpus.first, (try? sysfs.readValue("/sys/devices/system/cpu/cpu\(first)/topology/thread_siblings_list")) != nil {
            let topology = try #require(fingerprint.cpuTopology.value, "\(fingerprint.cpuTopology.unavailableReason ?? "")")
            #expect(topology.logicalCPUs == cpus.count)
            #expect(topology.cores >= 1 && topology.cores <= topology.logicalCPUs)
            #expect(topology.sockets >= 1 && topology.sockets <= topology.cores)
            #expect(topology.threadsPerCore >= 1 && topology.cores * topology.threadsPerCore >= topology.logicalCPUs)
        } else {
            #expect(fingerprint.cpuTopology.unavailableReason?.isEmpty == false)
        }
    }

    @Test("warnings are sentences and a VM is reported as one")
    func warningsStructure() throws {
        let fingerprint = MachineFingerprint.capture(hookbenchRevision: "test")
        let warnings = RunWarnings.check(fingerprint, measuringCPU: 0)
        #expect(warnings.allSatisfy { !$0.message.isEmpty && $0.message.hasSuffix(".") })
        #expect(warnings.contains { $0.kind == .virtualMachine } == fingerprint.hypervisor.isVirtualMachine)
    }
}
