import NUMA
import Support
import Testing

@Suite("Node-bound memory")
struct NodeMemoryTests {
    static let mebibyte = 1 << 20

    @Test("a few MiB on node 0 are all on node 0")
    func placementOnNodeZero() throws {
        let memory = try NodeMemory.allocate(bytes: 4 * Self.mebibyte + 123, node: 0, pageSize: .base4K)
        defer { memory.release() }
        #expect(memory.byteCount == 4 * Self.mebibyte + 123)
        #expect(memory.mappedByteCount % 4096 == 0)
        #expect(memory.mappedByteCount >= memory.byteCount)

        let placement = try memory.placement(onNode: 0)
        #expect(placement.fractionOnExpectedNode == 1.0)
        #expect(placement.checkedPages == placement.totalPages)
        #expect(placement.totalPages == memory.mappedByteCount / placement.basePageBytes)
        #expect(placement.pagesPerNode == [PagePlacement.NodeCount(node: 0, pages: placement.totalPages)])
        #expect(placement.errors.isEmpty)
        #expect(!placement.isSampled)
    }

    @Test("large regions are sampled evenly")
    func sampledPlacement() throws {
        let memory = try NodeMemory.allocate(bytes: 2 * Self.mebibyte, node: 0)
        let placement = try memory.placement(maxSampledPages: 100)
        #expect(placement.checkedPages == 100)
        #expect(placement.isSampled)
        #expect(placement.fractionOnExpectedNode == 1.0)
        #expect(placement.description.contains("sampled from \(placement.totalPages)"))
    }

    @Test("memory is zeroed, writable end to end, and a page on another node would show")
    func contentsAndForeignNode() throws {
        let memory = try NodeMemory.allocate(bytes: 64 * 1024, node: 0)
        let bytes = memory.base.bindMemory(to: UInt8.self, capacity: memory.byteCount)
        #expect((0..<memory.byteCount).allSatisfy { bytes[$0] == 0 })
        bytes[memory.byteCount - 1] = 0xAB
        #expect(bytes[memory.byteCount - 1] == 0xAB)

        let elsewhere = try memory.placement(onNode: 1)
        #expect(elsewhere.fractionOnExpectedNode == 0)
        #expect(elsewhere.description.contains("node 0: \(elsewhere.checkedPages)"))
    }

    @Test("thp request reports granted bytes that agree with smaps")
    func transparentHugePages() throws {
        let hugePage = TransparentHugePageSettings.hugePageBytes()
        let memory = try NodeMemory.allocate(bytes: 3 * hugePage + 1, node: 0, pageSize: .transparentHuge)
        defer { memory.release() }
        #expect(Int(bitPattern: memory.base) % hugePage == 0)
        #expect(memory.mappedByteCount == 4 * hugePage)

        let report = try memory.hugePagesGranted()
        #expect(report.regionBytes == memory.mappedByteCount)
        #expect(report.grantedBytes >= 0 && report.grantedBytes <= report.regionBytes)
        #expect(report.grantedBytes % hugePage == 0)
        #expect(report.description.hasPrefix(
            "thp requested, granted \(report.grantedBytes) of \(report.regionBytes) bytes"))

        let settings = try? TransparentHugePageSettings.read()
        if settings == nil || settings?.isDisabledSystemWide == true {
            #expect(report.grantedBytes == 0)
        }
        if settings?.isDisabledSystemWide == true {
            #expect(report.description.contains("disabled system-wide"))
        }

        // Independent reading: the region is a mapping of its own, so its
        // smaps entry starts exactly at base.
        let smaps = try SystemFileReader.live.read("/proc/self/smaps")
        let header = String(UInt(bitPattern: memory.base), radix: 16) + "-"
        let lines = smaps.split(separator: "\n")
        let headerIndex = try #require(lines.firstIndex { $0.hasPrefix(header) })
        let anonHuge = try #require(lines[headerIndex...].first { $0.hasPrefix("AnonHugePages:") })
        let kilobytes = try #require(Int(anonHuge.split(separator: " ")[1]))
        // khugepaged can only add huge pages between the two readings.
        #expect(kilobytes * 1024 >= report.grantedBytes)
    }

    @Test("4k request asks for no huge pages and reports none")
    func basePagesReport() throws {
        let memory = try NodeMemory.allocate(bytes: 4 * Self.mebibyte, node: 0, pageSize: .base4K)
        let report = try memory.hugePagesGranted()
        #expect(report.grantedBytes == 0)
        #expect(report.description.hasPrefix("4k pages requested (MADV_NOHUGEPAGE), 0 of \(memory.mappedByteCount) bytes"))
    }

    @Test("release is idempotent")
    func releaseTwice() throws {
        let memory = try NodeMemory.allocate(bytes: 4096, node: 0)
        #expect(!memory.isReleased)
        memory.release()
        memory.release()
        #expect(memory.isReleased)
    }

    @Test("bad requests are refused with sentences")
    func refusals() {
        let topology = Topology.current()
        let nodes = topology.nodeIDs.map(String.init).joined(separator: ", ")
        #expect(throws: NUMAError.nodeDoesNotExist(node: 5, existingNodes: topology.nodeIDs)) {
            try NodeMemory.allocate(bytes: 4096, node: 5, topology: topology)
        }
        #expect(NUMAError.nodeDoesNotExist(node: 5, existingNodes: topology.nodeIDs).description
            == "NUMA node 5 does not exist on this machine; nodes: \(nodes)")
        #expect(throws: NUMAError.invalidByteCount(0)) {
            try NodeMemory.allocate(bytes: 0, node: 0, topology: topology)
        }
        #expect(throws: NUMAError.nodeHasNoMemory(node: 2)) {
            try NodeMemory.allocate(bytes: 4096, node: 2, topology: Topology(
                nodes: [
                    NUMANode(id: 0, cpus: [0], memoryTotalBytes: 1 << 30, memoryFreeBytes: 1 << 29),
                    NUMANode(id: 2, cpus: [1], memoryTotalBytes: 0, memoryFreeBytes: 0),
                ],
                distances: [[10, 20], [20, 10]]))
        }
        let total = topology.node(0)!.memoryTotalBytes
        let tooMuch = Int(total) + 4096
        #expect(throws: NUMAError.exceedsNodeMemory(node: 0, requestedBytes: tooMuch, nodeTotalBytes: total)) {
            try NodeMemory.allocate(bytes: tooMuch, node: 0, topology: topology)
        }
    }

    @Test("page size spellings", arguments: [("4k", PageSize.base4K), ("THP", .transparentHuge)])
    func pageSizeArgument(text: String, expected: PageSize) {
        #expect(PageSize(argument: text) == expected)
    }
}
