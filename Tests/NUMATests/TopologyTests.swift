import Foundation
@testable import NUMA
import Support
import Testing

@Suite("Topology")
struct TopologyTests {
    @Test("this machine has node 0 with CPUs and memory")
    func currentMachineHasNodeZero() throws {
        let topology = Topology.current()
        let nodeZero = try #require(topology.node(0))
        #expect(nodeZero.cpus.count >= 1)
        #expect(nodeZero.memoryTotalBytes > 0)
        #expect(nodeZero.memoryFreeBytes <= nodeZero.memoryTotalBytes)
        #expect(topology.distances.count == topology.nodes.count)
    }

    @Test("every online CPU belongs to exactly one node")
    func cpusPartitionedAcrossNodes() throws {
        let topology = Topology.current()
        let online = try #require(CPUList.parse(SystemFileReader.live.readValue("/sys/devices/system/cpu/online")))
        let assigned = topology.nodes.flatMap(\.cpus)
        #expect(Set(assigned).count == assigned.count)
        #expect(Set(online).isSubset(of: Set(assigned)))
    }

    @Test("distance matrix diagonal is 10", .enabled(if: NUMASupport.isAvailable, "libnuma reports NUMA unavailable"))
    func diagonalIsLocalDistance() {
        let topology = Topology.current()
        for node in topology.nodes {
            #expect(topology.distance(from: node.id, to: node.id) == 10)
        }
    }

    @Test("hand-built topology answers lookups by node id")
    func fakeTopologyLookups() throws {
        let topology = FakeTopologies.fourNode
        #expect(topology.nodeIDs == [0, 1, 2, 3])
        #expect(topology.distance(from: 0, to: 3) == 22)
        #expect(topology.distance(from: 2, to: 1) == 22)
        #expect(topology.distance(from: 0, to: 9) == nil)
        #expect(topology.node(containingCPU: 5)?.id == 2)
        #expect(throws: NUMAError.nodeDoesNotExist(node: 7, existingNodes: [0, 1, 2, 3])) {
            try topology.requireNode(7)
        }
    }

    @Test("nodes given out of order are sorted by id")
    func nodesSortedById() {
        let topology = Topology(
            nodes: [
                NUMANode(id: 2, cpus: [1], memoryTotalBytes: 1, memoryFreeBytes: 1),
                NUMANode(id: 0, cpus: [0], memoryTotalBytes: 1, memoryFreeBytes: 1),
            ],
            distances: [[10, 20], [20, 10]]
        )
        #expect(topology.nodeIDs == [0, 2])
    }

    @Test("without libnuma the machine is one node 0 built from sysfs, with a note")
    func fallbackWithoutLibnuma() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hb-numa-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let cpuDirectory = root.appendingPathComponent("sys/devices/system/cpu")
        try FileManager.default.createDirectory(at: cpuDirectory, withIntermediateDirectories: true)
        try "0-5\n".write(to: cpuDirectory.appendingPathComponent("online"), atomically: true, encoding: .utf8)

        let topology = Topology.singleNodeWithoutLibnuma(reader: SystemFileReader(root: root.path))
        #expect(topology.nodeIDs == [0])
        #expect(topology.nodes[0].cpus == [0, 1, 2, 3, 4, 5])
        #expect(topology.nodes[0].memoryTotalBytes > 0)
        #expect(topology.distances == [[10]])
        #expect(topology.notes.contains { $0.contains("libnuma reports NUMA unavailable") })
    }
}
