/// One NUMA node: the CPUs that belong to it and the memory attached to it.
public struct NUMANode: Sendable, Equatable, Codable, Identifiable {
    public let id: Int
    /// CPU ids in ascending order; empty for memory-only nodes (e.g. CXL).
    public let cpus: [Int]
    public let memoryTotalBytes: UInt64
    /// Free memory when the topology was read; it changes constantly.
    public let memoryFreeBytes: UInt64

    public init(id: Int, cpus: [Int], memoryTotalBytes: UInt64, memoryFreeBytes: UInt64) {
        self.id = id
        self.cpus = cpus.sorted()
        self.memoryTotalBytes = memoryTotalBytes
        self.memoryFreeBytes = memoryFreeBytes
    }

    public var hasCPUs: Bool { !cpus.isEmpty }
    public var hasMemory: Bool { memoryTotalBytes > 0 }
}

/// The NUMA layout of a machine: its nodes and the distances between them.
///
/// Read the real one with `Topology.current()`; build one by hand to model a
/// machine with more nodes than the one at hand.
public struct Topology: Sendable, Equatable, Codable {
    /// Nodes in ascending id order. Ids need not be contiguous.
    public let nodes: [NUMANode]
    /// `distances[i][j]` is the relative access cost from `nodes[i]` to
    /// `nodes[j]` (ACPI SLIT scale: 10 = local); 0 where the kernel reports none.
    public let distances: [[Int]]
    /// Caveats about how the topology was obtained, as sentences.
    public let notes: [String]

    /// - Precondition: node ids are unique and `distances` is a square matrix
    ///   with one row and column per node, in the order of `nodes` sorted by id.
    public init(nodes: [NUMANode], distances: [[Int]], notes: [String] = []) {
        let sorted = nodes.sorted { $0.id < $1.id }
        precondition(Set(sorted.map(\.id)).count == sorted.count, "NUMA node ids must be unique")
        precondition(
            distances.count == sorted.count && distances.allSatisfy { $0.count == sorted.count },
            "the distance matrix must have one row and one column per node"
        )
        self.nodes = sorted
        self.distances = distances
        self.notes = notes
    }

    public var nodeIDs: [Int] { nodes.map(\.id) }

    public func node(_ id: Int) -> NUMANode? {
        nodes.first { $0.id == id }
    }

    /// The node, or the error naming the nodes that do exist.
    public func requireNode(_ id: Int) throws(NUMAError) -> NUMANode {
        guard let node = node(id) else {
            throw .nodeDoesNotExist(node: id, existingNodes: nodeIDs)
        }
        return node
    }

    public func node(containingCPU cpu: Int) -> NUMANode? {
        nodes.first { $0.cpus.contains(cpu) }
    }

    /// SLIT distance between two nodes, nil if either does not exist.
    public func distance(from source: Int, to destination: Int) -> Int? {
        guard let row = nodes.firstIndex(where: { $0.id == source }),
              let column = nodes.firstIndex(where: { $0.id == destination }) else { return nil }
        return distances[row][column]
    }
}
