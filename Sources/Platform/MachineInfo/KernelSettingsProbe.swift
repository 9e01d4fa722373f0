import NUMA
import Support

/// One-value procfs and sysfs files describing kernel configuration.
enum KernelSettingsProbe {
    /// Same text uname(2) reports as the release, read as a file so a fake
    /// tree can supply it.
    static let releasePath = "/proc/sys/kernel/osrelease"
    /// Same text uname(2) reports as the node name.
    static let hostNamePath = "/proc/sys/kernel/hostname"
    static let clocksourcePath = "/sys/devices/system/clocksource/clocksource0/current_clocksource"
    static let numaBalancingPath = "/proc/sys/kernel/numa_balancing"
    static let perfEventParanoidPath = "/proc/sys/kernel/perf_event_paranoid"

    /// The bracketed choice of a THP selector file ("always [madvise] never").
    static func transparentHugePageSelection(_ path: String, reader: SystemFileReader) -> Probed<String> {
        let raw = Probed<String>.file(path, reader: reader)
        guard let text = raw.value else { return raw }
        if let selected = TransparentHugePageSettings.selectedValue(in: text) { return .available(selected) }
        return .unavailable("\(path) holds '\(text)', with no bracketed selection")
    }
}
