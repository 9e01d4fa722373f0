import NUMA
import Support

/// The online CPU ids, which every per-CPU sysfs probe iterates over.
enum OnlineCPUs {
    static let path = "/sys/devices/system/cpu/online"

    static func read(reader: SystemFileReader) -> Result<[Int], ProbeFailure> {
        let text: String
        do { text = try reader.readValue(path) } catch { return .failure(ProbeFailure(unavailabilityReason(error))) }
        guard let cpus = CPUList.parse(text), !cpus.isEmpty else {
            return .failure(ProbeFailure("\(path) holds '\(text)', which is not a CPU list"))
        }
        return .success(cpus)
    }

    static func directory(of cpu: Int) -> String { "/sys/devices/system/cpu/cpu\(cpu)" }
}

/// Why a probe built from several files could not produce its value.
struct ProbeFailure: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
