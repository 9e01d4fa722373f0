import NUMA

/// The NUMA part of the fingerprint: nodes with their CPUs and memory.
/// Free memory and distances are left out: the first changes every second,
/// the second follows from the hardware already recorded.
public struct NUMASummary: Sendable, Equatable, Codable {
    public struct Node: Sendable, Equatable, Codable {
        public let id: Int
        /// CPU list notation, e.g. "0-27,56-83".
        public let cpus: String
        public let memoryTotalBytes: UInt64

        public init(id: Int, cpus: String, memoryTotalBytes: UInt64) {
            self.id = id
            self.cpus = cpus
            self.memoryTotalBytes = memoryTotalBytes
        }
    }

    public let nodeCount: Int
    public let nodes: [Node]

    public init(nodes: [Node]) {
        self.nodeCount = nodes.count
        self.nodes = nodes
    }

    public init(topology: Topology) {
        self.init(nodes: topology.nodes.map {
            Node(id: $0.id, cpus: CPUList.format($0.cpus), memoryTotalBytes: $0.memoryTotalBytes)
        })
    }
}
