import NUMA
import Support

/// Whether the CPU may clock above its base frequency, and which sysfs file says so.
public struct TurboBoost: Sendable, Equatable, Codable {
    /// "on" or "off".
    public let state: Probed<String>
    /// The file that controls it, for the fix in a warning.
    public let controlFile: String?

    public init(state: Probed<String>, controlFile: String?) {
        self.state = state
        self.controlFile = controlFile
    }

    public var isOn: Bool { state.value == "on" }
}

/// cpufreq governor and turbo state.
enum FrequencyProbe {
    static let intelNoTurboPath = "/sys/devices/system/cpu/intel_pstate/no_turbo"
    static let cpufreqBoostPath = "/sys/devices/system/cpu/cpufreq/boost"

    /// The governor of every online CPU; one word when they agree, else each
    /// governor with its CPUs.
    static func governor(reader: SystemFileReader) -> Probed<String> {
        let cpus: [Int]
        switch OnlineCPUs.read(reader: reader) {
        case .failure(let failure): return .unavailable(failure.reason)
        case .success(let online): cpus = online
        }
        var cpusByGovernor: [String: [Int]] = [:]
        for cpu in cpus {
            let cpufreq = OnlineCPUs.directory(of: cpu) + "/cpufreq"
            do {
                cpusByGovernor[try reader.readValue(cpufreq + "/scaling_governor"), default: []].append(cpu)
            } catch where error.isMissing && !reader.exists(cpufreq) {
                if cpu == cpus.first {
                    return .unavailable("no cpufreq driver is active (\(cpufreq) is absent), "
                        + "as is usual in virtual machines; frequency is not under the kernel's control")
                }
                cpusByGovernor["none", default: []].append(cpu)
            } catch {
                return .unavailable(unavailabilityReason(error))
            }
        }
        if cpusByGovernor.count == 1, let only = cpusByGovernor.keys.first { return .available(only) }
        return .available(cpusByGovernor
            .sorted { $0.value[0] < $1.value[0] }
            .map { "\($0.key) (CPUs \(CPUList.format($0.value)))" }
            .joined(separator: ", "))
    }

    /// intel_pstate's no_turbo when that driver is active, else the generic
    /// cpufreq boost switch (acpi-cpufreq, amd-pstate).
    static func turbo(reader: SystemFileReader) -> TurboBoost {
        if let noTurbo = try? reader.readValue(intelNoTurboPath) {
            switch noTurbo {
            case "0": return TurboBoost(state: .available("on"), controlFile: intelNoTurboPath)
            case "1": return TurboBoost(state: .available("off"), controlFile: intelNoTurboPath)
            default:
                return TurboBoost(state: .unavailable("\(intelNoTurboPath) holds '\(noTurbo)', expected 0 or 1"),
                                  controlFile: intelNoTurboPath)
            }
        }
        if let boost = try? reader.readValue(cpufreqBoostPath) {
            switch boost {
            case "1": return TurboBoost(state: .available("on"), controlFile: cpufreqBoostPath)
            case "0": return TurboBoost(state: .available("off"), controlFile: cpufreqBoostPath)
            default:
                return TurboBoost(state: .unavailable("\(cpufreqBoostPath) holds '\(boost)', expected 0 or 1"),
                                  controlFile: cpufreqBoostPath)
            }
        }
        return TurboBoost(
            state: .unavailable("neither \(intelNoTurboPath) nor \(cpufreqBoostPath) exists; "
                + "the frequency driver exposes no turbo control (usual in virtual machines)"),
            controlFile: nil)
    }
}
