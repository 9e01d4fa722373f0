import Foundation
import Support

/// Something about the machine that makes numbers noisy or unrepresentative.
public struct RunWarning: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case governorNotPerformance
        case turboEnabled
        case numaBalancingEnabled
        case smtSiblingBusy
        case virtualMachine
    }

    public let kind: Kind
    /// What is wrong, why it matters and how to fix it, as one sentence.
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Checks to run once before measuring.
public enum RunWarnings {
    /// Warnings for `fingerprint`, plus, when `measuringCPU` is given, one if
    /// any SMT sibling of that CPU is at least `busyThreshold` busy over
    /// `sampleDuration` (this waits that long). `pause` defaults to sleeping.
    public static func check(
        _ fingerprint: MachineFingerprint,
        measuringCPU: Int? = nil,
        reader: SystemFileReader = .live,
        sampleDuration: Duration = .milliseconds(100),
        busyThreshold: Double = 0.10,
        pause: (Duration) -> Void = RunWarnings.sleep
    ) -> [RunWarning] {
        var warnings: [RunWarning] = []

        if let governor = fingerprint.frequencyGovernor.value, governor != "performance" {
            warnings.append(RunWarning(
                kind: .governorNotPerformance,
                message: "The CPU frequency governor is \(governor), not performance, so clock speed follows load "
                    + "and timings drift; set it with `cpupower frequency-set -g performance`."))
        }

        if fingerprint.turboBoost.isOn {
            let fix = switch fingerprint.turboBoost.controlFile {
            case FrequencyProbe.intelNoTurboPath?: "`echo 1 > \(FrequencyProbe.intelNoTurboPath)`"
            case let file?: "`echo 0 > \(file)`"
            case nil: "the firmware setup"
            }
            warnings.append(RunWarning(
                kind: .turboEnabled,
                message: "Turbo boost is on, so the clock rises and falls with temperature and the number of busy "
                    + "cores and repeated runs disagree; turn it off with \(fix)."))
        }

        if let balancing = fingerprint.numaBalancing.value, balancing != "0" {
            warnings.append(RunWarning(
                kind: .numaBalancingEnabled,
                message: "Automatic NUMA balancing is on (kernel.numa_balancing = \(balancing)), so the kernel "
                    + "migrates pages and threads between nodes during the run and undoes the chosen placement; "
                    + "turn it off with `sysctl kernel.numa_balancing=0`."))
        }

        if let cpu = measuringCPU,
           let siblings = CPUTopologyProbe.smtSiblings(of: cpu, reader: reader), !siblings.isEmpty {
            let fractions = SiblingLoadSampler(reader: reader)
                .busyFractions(of: siblings, over: sampleDuration, pause: pause)
            let milliseconds: Int64 = sampleDuration.components.seconds * 1000
                + sampleDuration.components.attoseconds / 1_000_000_000_000_000
            for sibling in siblings {
                guard let busy = fractions[sibling], busy >= busyThreshold else { continue }
                let percent = FixedPoint.percent(ofFraction: busy, decimals: 0)
                let observation = "CPU \(sibling), the SMT sibling of measuring CPU \(cpu), was \(percent) busy over "
                    + "\(milliseconds) ms and shares the core's execution units and caches with the measurement"
                let fix = "stop the work running there, measure on a core whose siblings are idle, "
                    + "or disable SMT with `echo off > /sys/devices/system/cpu/smt/control`"
                warnings.append(RunWarning(kind: .smtSiblingBusy, message: observation + "; " + fix + "."))
            }
        }

        if fingerprint.hypervisor.isVirtualMachine {
            let platform = fingerprint.hypervisor.platformName.map { " (\($0))" } ?? ""
            warnings.append(RunWarning(
                kind: .virtualMachine,
                message: "This is a virtual machine\(platform): vCPUs are scheduled by the host, timers are "
                    + "virtualised and NUMA layout and PMU access are whatever the host exposes, so numbers do not "
                    + "represent bare metal; publish results measured on a bare-metal machine."))
        }
        return warnings
    }

    /// Blocks the calling thread for `duration`.
    public static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }
}
