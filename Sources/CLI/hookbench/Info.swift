import ArgumentParser
import KernelProbes
import MachineInfo
import NUMA
import Runs

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the NUMA topology, the machine fingerprint and what makes numbers noisy here.")

    @Flag(help: "Machine-readable JSON.")
    var json = false

    func run() {
        let topology = Topology.current()
        let fingerprint = MachineFingerprint.capture(hookbenchRevision: Revision.current(), topology: topology)
        let report = MachineReport(topology: topology, fingerprint: fingerprint, warnings: RunWarnings.check(fingerprint))
        print(json ? report.json : report.text, terminator: "")
        if !json { for line in LSMInventory.probe().lines { print(line) } }
    }
}
