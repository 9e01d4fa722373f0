import Foundation
import NUMA
import Support

/// A throwaway procfs/sysfs tree describing a made-up machine, for pointing a
/// `SystemFileReader` at.
final class FakeSystemTree {
    let root: URL
    var reader: SystemFileReader { SystemFileReader(root: root.path) }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hb-machineinfo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ contents: String) throws {
        let file = root.appendingPathComponent(String(path.dropFirst()))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(String(path.dropFirst())))
    }

    /// /proc/stat with the given (busy, idle) ticks per CPU.
    func writeStat(_ ticks: [(busy: UInt64, idle: UInt64)]) throws {
        var lines = ["cpu  0 0 0 0 0 0 0 0 0 0"]
        for (cpu, tick) in ticks.enumerated() {
            // user nice system idle iowait irq softirq steal guest guest_nice
            lines.append("cpu\(cpu) \(tick.busy) 0 0 \(tick.idle) 0 0 0 0 0 0")
        }
        lines.append("intr 0")
        try write("/proc/stat", lines.joined(separator: "\n") + "\n")
    }

    /// Two sockets of two cores with two threads each (CPUs 0-7, siblings
    /// 0+1, 2+3, ...), intel_pstate with turbo on, governor powersave,
    /// numa_balancing 1, bare metal.
    static func twoSocketServer() throws -> FakeSystemTree {
        let tree = try FakeSystemTree()
        let model = "Intel(R) Xeon(R) Gold 6348 CPU @ 2.60GHz"
        var cpuinfo: [String] = []
        for cpu in 0..<8 {
            cpuinfo.append("""
                processor\t: \(cpu)
                vendor_id\t: GenuineIntel
                model name\t: \(model)
                microcode\t: 0xd0003a5
                flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep
                """)
        }
        try tree.write("/proc/cpuinfo", cpuinfo.joined(separator: "\n\n") + "\n\n")
        try tree.write("/sys/devices/system/cpu/online", "0-7\n")
        for cpu in 0..<8 {
            let directory = "/sys/devices/system/cpu/cpu\(cpu)"
            let package = cpu / 4
            let firstSibling = cpu - cpu % 2
            try tree.write(directory + "/topology/physical_package_id", "\(package)\n")
            try tree.write(directory + "/topology/core_id", "\((cpu % 4) / 2)\n")
            try tree.write(directory + "/topology/thread_siblings_list", "\(firstSibling)-\(firstSibling + 1)\n")
            let caches: [(level: Int, type: String, size: String, shared: String)] = [
                (1, "Data", "48K", "\(firstSibling)-\(firstSibling + 1)"),
                (1, "Instruction", "32K", "\(firstSibling)-\(firstSibling + 1)"),
                (2, "Unified", "1280K", "\(firstSibling)-\(firstSibling + 1)"),
                (3, "Unified", "43008K", "\(package * 4)-\(package * 4 + 3)"),
            ]
            for (index, cache) in caches.enumerated() {
                let cacheDirectory = directory + "/cache/index\(index)"
                try tree.write(cacheDirectory + "/level", "\(cache.level)\n")
                try tree.write(cacheDirectory + "/type", "\(cache.type)\n")
                try tree.write(cacheDirectory + "/size", "\(cache.size)\n")
                try tree.write(cacheDirectory + "/shared_cpu_list", "\(cache.shared)\n")
            }
            try tree.write(directory + "/cpufreq/scaling_governor", "powersave\n")
        }
        try tree.write("/sys/devices/system/cpu/intel_pstate/no_turbo", "0\n")
        try tree.write("/sys/devices/system/cpu/vulnerabilities/meltdown", "Not affected\n")
        try tree.write("/sys/devices/system/cpu/vulnerabilities/spectre_v2",
                       "Mitigation: Enhanced / Automatic IBRS; IBPB: conditional; RSB filling\n")
        try tree.write("/sys/devices/system/clocksource/clocksource0/current_clocksource", "tsc\n")
        try tree.write("/sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n")
        try tree.write("/sys/kernel/mm/transparent_hugepage/defrag", "always defer defer+madvise [madvise] never\n")
        try tree.write("/proc/sys/kernel/numa_balancing", "1\n")
        try tree.write("/proc/sys/kernel/perf_event_paranoid", "2\n")
        try tree.write("/proc/sys/kernel/osrelease", "6.8.0-45-generic\n")
        try tree.write("/proc/sys/kernel/hostname", "lab-xeon-01\n")
        try tree.write("/sys/class/dmi/id/sys_vendor", "Dell Inc.\n")
        try tree.write("/sys/class/dmi/id/product_name", "PowerEdge R750\n")
        try tree.writeStat(Array(repeating: (busy: 100, idle: 1000), count: 8))
        return tree
    }

    /// The NUMA topology matching `twoSocketServer`: one node per socket.
    static let twoSocketTopology = Topology(
        nodes: [
            NUMANode(id: 0, cpus: [0, 1, 2, 3], memoryTotalBytes: 64 << 30, memoryFreeBytes: 60 << 30),
            NUMANode(id: 1, cpus: [4, 5, 6, 7], memoryTotalBytes: 64 << 30, memoryFreeBytes: 62 << 30),
        ],
        distances: [[10, 20], [20, 10]]
    )
}
