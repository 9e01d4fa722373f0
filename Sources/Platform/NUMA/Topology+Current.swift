import CNUMA
import Support

#if canImport(Glibc)
import Glibc
#endif

extension Topology {
    /// The topology of the machine this process runs on, from libnuma; when
    /// libnuma reports NUMA unavailable, a single node 0 built from sysfs and
    /// sysconf, with a note saying so.
    public static func current() -> Topology {
        guard hb_numa_available() >= 0 else { return singleNodeWithoutLibnuma(reader: .live) }

        var notes: [String] = []
        let cpuCapacity = max(Int(hb_numa_possible_cpu_count()), 1)
        var nodes: [NUMANode] = []
        for id in 0...Int(max(hb_numa_max_node(), 0)) where hb_numa_node_exists(Int32(id)) == 1 {
            var cpuBuffer = [Int32](repeating: 0, count: cpuCapacity)
            let cpuCount = Int(hb_numa_node_cpus(Int32(id), &cpuBuffer, Int32(cpuCapacity)))
            if cpuCount < 0 {
                let code = Int32(-cpuCount)
                notes.append("libnuma could not list the CPUs of node \(id) (\(String(cString: strerror(code)))); "
                    + "it is treated as having none")
            }
            let cpus = cpuBuffer.prefix(max(min(cpuCount, cpuCapacity), 0)).map(Int.init)

            var total: Int64 = 0
            var free: Int64 = 0
            if hb_numa_node_memory(Int32(id), &total, &free) != 0 {
                notes.append("libnuma could not read the memory size of node \(id); it is recorded as 0 bytes")
                total = 0
                free = 0
            }
            nodes.append(NUMANode(
                id: id, cpus: cpus,
                memoryTotalBytes: UInt64(max(total, 0)), memoryFreeBytes: UInt64(max(free, 0))
            ))
        }

        let distances = nodes.map { source in
            nodes.map { destination in Int(hb_numa_distance(Int32(source.id), Int32(destination.id))) }
        }
        if distances.joined().contains(0) {
            notes.append("the kernel reports no distance for some node pairs; those distances are recorded as 0")
        }
        return Topology(nodes: nodes, distances: distances, notes: notes)
    }

    /// Fallback for kernels without NUMA support: every online CPU and all of
    /// physical memory form node 0. The self-distance is the SLIT local value 10.
    static func singleNodeWithoutLibnuma(reader: SystemFileReader) -> Topology {
        var notes = ["libnuma reports NUMA unavailable (numa_available() < 0); "
            + "the machine is modelled as a single node 0 from sysfs and sysconf"]

        let cpus: [Int]
        if let online = try? reader.readValue("/sys/devices/system/cpu/online"),
           let parsed = CPUList.parse(online), !parsed.isEmpty {
            cpus = parsed
        } else {
            let count = max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 1)
            cpus = Array(0..<count)
            notes.append("/sys/devices/system/cpu/online is unreadable; CPUs 0-\(count - 1) are assumed online "
                + "from sysconf(_SC_NPROCESSORS_ONLN)")
        }

        let pageSize = UInt64(max(sysconf(Int32(_SC_PAGESIZE)), 0))
        let total = UInt64(max(sysconf(Int32(_SC_PHYS_PAGES)), 0)) * pageSize
        let free = UInt64(max(sysconf(Int32(_SC_AVPHYS_PAGES)), 0)) * pageSize
        let node = NUMANode(id: 0, cpus: cpus, memoryTotalBytes: total, memoryFreeBytes: free)
        return Topology(nodes: [node], distances: [[10]], notes: notes)
    }
}
