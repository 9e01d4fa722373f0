import CPerfEvents
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Support

/// What the machine says about perf counters, gathered once so that failure
/// reasons can say what is missing. A plain value so tests can describe
/// machines other than the one they run on.
public struct PerfSystemFacts: Sendable, Hashable {
    /// /proc/sys/kernel/perf_event_paranoid, nil if unreadable.
    public var paranoidLevel: Int?
    /// Whether the kernel registered a CPU PMU, i.e. some PMU under
    /// /sys/bus/event_source/devices has type PERF_TYPE_RAW (x86 `cpu` or
    /// `cpu_core`, arm64 `armv8_pmuv3*`). Without one, every hardware event
    /// fails no matter what the CPU could do.
    public var hasHardwarePMU: Bool
    /// Whether the CPU reports the `hypervisor` flag: a guest whose missing
    /// PMU is the hypervisor's choice, not the hardware's.
    public var runsUnderHypervisor: Bool
    /// Whether the process runs as root (effective uid 0), which lifts the
    /// perf_event_paranoid limits.
    public var isRoot: Bool

    public init(paranoidLevel: Int?, hasHardwarePMU: Bool, runsUnderHypervisor: Bool, isRoot: Bool) {
        self.paranoidLevel = paranoidLevel
        self.hasHardwarePMU = hasHardwarePMU
        self.runsUnderHypervisor = runsUnderHypervisor
        self.isRoot = isRoot
    }

    /// Reads the facts of the running machine.
    public static func current() -> PerfSystemFacts {
        PerfSystemFacts(
            paranoidLevel: readTextFile("/proc/sys/kernel/perf_event_paranoid").flatMap { Int($0.trimmingWhitespace()) },
            hasHardwarePMU: eventSourceTypes().contains(Int(PERF_TYPE_RAW.rawValue)),
            runsUnderHypervisor: cpuFlags().contains("hypervisor"),
            isRoot: geteuid() == 0
        )
    }

    private static let eventSourceDirectory = "/sys/bus/event_source/devices"

    /// The `type` of every PMU the kernel registered.
    private static func eventSourceTypes() -> [Int] {
        guard let directory = opendir(eventSourceDirectory) else { return [] }
        defer { closedir(directory) }
        var types: [Int] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            if let text = readTextFile("\(eventSourceDirectory)/\(name)/type"), let type = Int(text.trimmingWhitespace()) {
                types.append(type)
            }
        }
        return types
    }

    /// The first `flags` line of /proc/cpuinfo, split into words.
    private static func cpuFlags() -> [Substring] {
        guard let cpuinfo = readTextFile("/proc/cpuinfo") else { return [] }
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].split(separator: " ")
        }
        return []
    }

    /// Reads a whole file; /proc and /sys files report size 0, so it reads
    /// until end of file rather than trusting stat.
    private static func readTextFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            contents.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: contents, as: UTF8.self)
    }
}
