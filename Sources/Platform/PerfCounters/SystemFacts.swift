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

    /// Reads the facts of the running machine (or of the tree `reader` is
    /// rooted at; whether the process is root is always this process's).
    public static func current(reader: SystemFileReader = .live) -> PerfSystemFacts {
        PerfSystemFacts(
            paranoidLevel: (try? reader.readValue("/proc/sys/kernel/perf_event_paranoid")).flatMap { Int($0) },
            hasHardwarePMU: eventSourceTypes(reader: reader).contains(Int(PERF_TYPE_RAW.rawValue)),
            runsUnderHypervisor: cpuFlags(reader: reader).contains("hypervisor"),
            isRoot: geteuid() == 0
        )
    }

    private static let eventSourceDirectory = "/sys/bus/event_source/devices"

    /// The `type` of every PMU the kernel registered.
    private static func eventSourceTypes(reader: SystemFileReader) -> [Int] {
        guard let names = try? reader.entries(of: eventSourceDirectory) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.compactMap { name in
            (try? reader.readValue("\(eventSourceDirectory)/\(name)/type")).flatMap { Int($0) }
        }
    }

    /// The first `flags` line of /proc/cpuinfo, split into words.
    private static func cpuFlags(reader: SystemFileReader) -> [Substring] {
        guard let cpuinfo = try? reader.read("/proc/cpuinfo") else { return [] }
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].split(separator: " ")
        }
        return []
    }
}
