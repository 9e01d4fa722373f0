/// Where one measurement runs: the node whose CPU executes the measuring
/// thread and the node that holds its memory.
public struct NodePlacement: Sendable, Hashable, Codable, CustomStringConvertible {
    public let cpuNode: Int
    public let memNode: Int

    public init(cpuNode: Int, memNode: Int) {
        self.cpuNode = cpuNode
        self.memNode = memNode
    }

    /// Memory on the same node as the CPU.
    public var isLocal: Bool { cpuNode == memNode }

    /// The `--numa` spelling, "cpu:mem".
    public var description: String { "\(cpuNode):\(memNode)" }

    /// Self, if both nodes exist, the cpu node has CPUs and the mem node has
    /// memory; otherwise the error saying which does not hold.
    public func validated(against topology: Topology) throws(NUMAError) -> NodePlacement {
        let cpuSide = try topology.requireNode(cpuNode)
        let memSide = try topology.requireNode(memNode)
        guard cpuSide.hasCPUs else { throw .nodeHasNoCPUs(node: cpuNode) }
        guard memSide.hasMemory else { throw .nodeHasNoMemory(node: memNode) }
        return self
    }
}
