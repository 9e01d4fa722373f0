import Support

/// CPU vulnerability mitigations in effect: each file in
/// /sys/devices/system/cpu/vulnerabilities and the kernel's one-line verdict.
/// Mitigations change syscall and context-switch costs, which LSM hook
/// timings include.
enum MitigationsProbe {
    static let directory = "/sys/devices/system/cpu/vulnerabilities"

    static func read(reader: SystemFileReader) -> Probed<[String: String]> {
        do {
            var verdicts: [String: String] = [:]
            for name in try reader.entries(of: directory) {
                verdicts[name] = try reader.readValue(directory + "/" + name)
            }
            return .available(verdicts)
        } catch {
            return .unavailable(unavailabilityReason(error))
        }
    }
}
