import Support

/// How busy CPUs are over a short interval, from two readings of /proc/stat.
struct SiblingLoadSampler {
    static let statPath = "/proc/stat"

    let reader: SystemFileReader

    /// Busy fraction (0...1) of each CPU in `cpus` over `interval`; CPUs
    /// missing from /proc/stat or with no elapsed ticks are left out.
    /// `pause` waits between the two readings; it is injectable so tests need
    /// not sleep and can change a fake /proc/stat in between.
    func busyFractions(of cpus: [Int], over interval: Duration, pause: (Duration) -> Void) -> [Int: Double] {
        guard let before = try? Self.cpuTimes(reader.read(Self.statPath)) else { return [:] }
        pause(interval)
        guard let after = try? Self.cpuTimes(reader.read(Self.statPath)) else { return [:] }
        var fractions: [Int: Double] = [:]
        for cpu in cpus {
            guard let start = before[cpu], let end = after[cpu], end.total > start.total else { continue }
            fractions[cpu] = Double(end.busy - start.busy) / Double(end.total - start.total)
        }
        return fractions
    }

    struct Times {
        let busy: UInt64
        let total: UInt64
    }

    /// Per-CPU times from "cpuN user nice system idle iowait irq softirq steal ..."
    /// lines. guest and guest_nice are already inside user and nice, so only
    /// the first eight fields count; idle and iowait are the non-busy ones.
    static func cpuTimes(_ stat: String) -> [Int: Times] {
        var times: [Int: Times] = [:]
        for line in stat.split(separator: "\n") where line.hasPrefix("cpu") {
            let fields = line.split(separator: " ")
            guard let cpu = Int(fields[0].dropFirst(3)) else { continue }
            let ticks = fields.dropFirst().prefix(8).compactMap { UInt64($0) }
            guard ticks.count >= 4 else { continue }
            let total = ticks.reduce(0, +)
            let idle = ticks[3] + (ticks.count > 4 ? ticks[4] : 0)
            times[cpu] = Times(busy: total - idle, total: total)
        }
        return times
    }
}
