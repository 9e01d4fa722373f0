import NUMA

/// Hand-built machines for testing multi-node logic on a one-node VM.
enum FakeTopologies {
    static let gibibyte: UInt64 = 1 << 30

    /// Two sockets, four CPUs each, 64 GiB per node.
    static let twoNode = Topology(
        nodes: [
            NUMANode(id: 0, cpus: [0, 1, 2, 3], memoryTotalBytes: 64 * gibibyte, memoryFreeBytes: 60 * gibibyte),
            NUMANode(id: 1, cpus: [4, 5, 6, 7], memoryTotalBytes: 64 * gibibyte, memoryFreeBytes: 61 * gibibyte),
        ],
        distances: [[10, 21], [21, 10]]
    )

    /// Four nodes with two CPUs each.
    static let fourNode = Topology(
        nodes: (0..<4).map { id in
            NUMANode(id: id, cpus: [2 * id, 2 * id + 1], memoryTotalBytes: 32 * gibibyte, memoryFreeBytes: 30 * gibibyte)
        },
        distances: [
            [10, 16, 16, 22],
            [16, 10, 22, 16],
            [16, 22, 10, 16],
            [22, 16, 16, 10],
        ]
    )

    /// Two CPU nodes plus a memory-only node 2 (CXL-style expander).
    static let withMemoryOnlyNode = Topology(
        nodes: [
            NUMANode(id: 0, cpus: [0, 1], memoryTotalBytes: 16 * gibibyte, memoryFreeBytes: 15 * gibibyte),
            NUMANode(id: 1, cpus: [2, 3], memoryTotalBytes: 16 * gibibyte, memoryFreeBytes: 15 * gibibyte),
            NUMANode(id: 2, cpus: [], memoryTotalBytes: 128 * gibibyte, memoryFreeBytes: 128 * gibibyte),
        ],
        distances: [[10, 21, 30], [21, 10, 30], [30, 30, 10]]
    )

    /// One node whose id is not 0, as inside some cpuset-restricted containers.
    static let singleNodeThree = Topology(
        nodes: [NUMANode(id: 3, cpus: [0, 1], memoryTotalBytes: 8 * gibibyte, memoryFreeBytes: 7 * gibibyte)],
        distances: [[10]]
    )
}
