import NUMA
import Support

/// How the logical CPUs are packaged: sockets, physical cores, SMT threads.
public struct CPUTopologySummary: Sendable, Equatable, Codable {
    public let sockets: Int
    /// Physical cores over all sockets.
    public let cores: Int
    /// Largest number of hardware threads on one core (hybrid CPUs mix 1 and 2).
    public let threadsPerCore: Int
    public let logicalCPUs: Int

    public init(sockets: Int, cores: Int, threadsPerCore: Int, logicalCPUs: Int) {
        self.sockets = sockets
        self.cores = cores
        self.threadsPerCore = threadsPerCore
        self.logicalCPUs = logicalCPUs
    }
}

/// Counts sockets from physical_package_id and cores from
/// thread_siblings_list: every core has exactly one sibling list, whereas
/// core_id repeats across packages and dies.
enum CPUTopologyProbe {
    static func read(reader: SystemFileReader) -> Probed<CPUTopologySummary> {
        switch OnlineCPUs.read(reader: reader) {
        case .failure(let failure):
            return .unavailable(failure.reason)
        case .success(let cpus):
            var packages = Set<String>()
            var siblingLists = Set<[Int]>()
            for cpu in cpus {
                let topology = OnlineCPUs.directory(of: cpu) + "/topology"
                do {
                    packages.insert(try reader.readValue(topology + "/physical_package_id"))
                    let siblingsText = try reader.readValue(topology + "/thread_siblings_list")
                    guard let siblings = CPUList.parse(siblingsText), !siblings.isEmpty else {
                        return .unavailable("\(topology)/thread_siblings_list holds '\(siblingsText)', which is not a CPU list")
                    }
                    siblingLists.insert(siblings)
                } catch {
                    return .unavailable(unavailabilityReason(error))
                }
            }
            return .available(CPUTopologySummary(
                sockets: packages.count,
                cores: siblingLists.count,
                threadsPerCore: siblingLists.map(\.count).max() ?? 1,
                logicalCPUs: cpus.count
            ))
        }
    }

    /// The other hardware threads on `cpu`'s core, or nil when sysfs does not say.
    static func smtSiblings(of cpu: Int, reader: SystemFileReader) -> [Int]? {
        let path = OnlineCPUs.directory(of: cpu) + "/topology/thread_siblings_list"
        guard let text = try? reader.readValue(path), let siblings = CPUList.parse(text) else { return nil }
        return siblings.filter { $0 != cpu }
    }
}
