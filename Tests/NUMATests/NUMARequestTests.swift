import NUMA
import Testing

@Suite("--numa parsing and expansion")
struct NUMARequestTests {
    private func pairs(_ argument: String, on topology: Topology) throws -> [String] {
        try NUMARequest.parse(argument).expand(for: topology).placements.map(\.description)
    }

    @Test("local on two nodes is every node with itself")
    func localOnTwoNodes() throws {
        #expect(try pairs("local", on: FakeTopologies.twoNode) == ["0:0", "1:1"])
    }

    @Test("remote on two nodes is every ordered pair of distinct nodes")
    func remoteOnTwoNodes() throws {
        #expect(try pairs("remote", on: FakeTopologies.twoNode) == ["0:1", "1:0"])
    }

    @Test("local,remote on two nodes")
    func localAndRemoteOnTwoNodes() throws {
        let plan = try NUMARequest.parse("local,remote").expand(for: FakeTopologies.twoNode)
        #expect(plan.placements.map(\.description) == ["0:0", "1:1", "0:1", "1:0"])
        #expect(plan.placements.map(\.isLocal) == [true, true, false, false])
        #expect(plan.notes.isEmpty)
    }

    @Test("pairs is every ordered pair, local first")
    func pairsOnTwoNodes() throws {
        #expect(try pairs("pairs", on: FakeTopologies.twoNode) == ["0:0", "1:1", "0:1", "1:0"])
        #expect(try NUMARequest.parse("pairs") == NUMARequest.parse("local,remote"))
    }

    @Test("explicit pair 0:1")
    func explicitPair() throws {
        let plan = try NUMARequest.parse("0:1").expand(for: FakeTopologies.twoNode)
        #expect(plan.placements == [NodePlacement(cpuNode: 0, memNode: 1)])
    }

    @Test("remote on four nodes gives all twelve ordered pairs")
    func remoteOnFourNodes() throws {
        let placements = try NUMARequest.parse("remote").expand(for: FakeTopologies.fourNode).placements
        #expect(placements.count == 12)
        #expect(placements.allSatisfy { !$0.isLocal })
        #expect(Set(placements).count == 12)
    }

    @Test("repeats collapse, order is kept, case and blanks do not matter")
    func duplicatesAndSpelling() throws {
        #expect(try pairs(" 1:0 , LOCAL,0:0", on: FakeTopologies.twoNode) == ["1:0", "0:0", "1:1"])
    }

    @Test("a node that does not exist is named with the nodes that do")
    func missingNodeOnFakeMachine() {
        #expect(throws: NUMAError.nodeDoesNotExist(node: 5, existingNodes: [0, 1])) {
            try NUMARequest.parse("0:5").expand(for: FakeTopologies.twoNode)
        }
        let error = NUMAError.nodeDoesNotExist(node: 5, existingNodes: [0, 1, 2, 3])
        #expect(error.description == "NUMA node 5 does not exist on this machine; nodes: 0, 1, 2, 3")
    }

    @Test("node 5 on this machine lists the real nodes")
    func missingNodeOnThisMachine() throws {
        let topology = Topology.current()
        let error = try #require(throws: NUMAError.self) {
            try NodePlacement(cpuNode: 5, memNode: 0).validated(against: topology)
        }
        let listed = topology.nodeIDs.map(String.init).joined(separator: ", ")
        #expect(error.description == "NUMA node 5 does not exist on this machine; nodes: \(listed)")
    }

    @Test("remote on one node yields nothing and says why")
    func remoteOnOneNode() throws {
        let oneNode = Topology(
            nodes: [NUMANode(id: 0, cpus: [0, 1], memoryTotalBytes: 1 << 30, memoryFreeBytes: 1 << 29)],
            distances: [[10]]
        )
        let plan = try NUMARequest.parse("remote").expand(for: oneNode)
        #expect(plan.placements.isEmpty)
        #expect(plan.notes == ["this machine has one NUMA node (0); remote placement cannot be measured here; skipping it"])

        let mixed = try NUMARequest.parse("local,remote").expand(for: oneNode)
        #expect(mixed.placements == [NodePlacement(cpuNode: 0, memNode: 0)])
        #expect(mixed.notes.count == 1)

        let other = try NUMARequest.parse("remote").expand(for: FakeTopologies.singleNodeThree)
        #expect(other.notes == ["this machine has one NUMA node (3); remote placement cannot be measured here; skipping it"])
    }

    @Test("memory-only nodes serve only as the mem side")
    func memoryOnlyNode() throws {
        let topology = FakeTopologies.withMemoryOnlyNode
        let plan = try NUMARequest.parse("local,remote").expand(for: topology)
        #expect(plan.placements.map(\.description) == ["0:0", "1:1", "0:1", "0:2", "1:0", "1:2"])
        #expect(plan.notes.count == 2)
        #expect(throws: NUMAError.nodeHasNoCPUs(node: 2)) {
            try NUMARequest.parse("2:0").expand(for: topology)
        }
    }

    @Test("malformed arguments are rejected with the reason", arguments: ["", "near", "0:", "a:1", "0:1:2", "-1:0", "local,,remote"])
    func malformed(argument: String) throws {
        let error = try #require(throws: NUMAError.self) { try NUMARequest.parse(argument) }
        guard case .invalidNUMAArgument(let echoed, _) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(echoed == argument)
        #expect(error.description.hasPrefix("invalid --numa value '\(argument)': "))
    }
}
