// World memory on a chosen NUMA node and page size: every chunk of a
// repeat's arena is a node-bound mapping, and after the world is built the
// kernel is asked where its pages really are.

import Measurement
import NUMA
import Strategies

final class NodeChunkSource: ChunkSource {
    let node: Int
    let pageSize: PageSize
    let topology: Topology
    private(set) var regions: [NodeMemory] = []
    /// Chunks the node could not give, taken from the heap instead; the
    /// kernel is asked where their pages are too, so the point's fraction
    /// counts them as off the node unless they happen to be on it.
    private(set) var failures: [String] = []
    private(set) var heapChunks: [(base: UnsafeMutableRawPointer, bytes: Int)] = []

    init(node: Int, pageSize: PageSize, topology: Topology) {
        self.node = node
        self.pageSize = pageSize
        self.topology = topology
    }

    func allocateChunk(bytes: Int) -> UnsafeMutableRawPointer {
        do {
            let region = try NodeMemory.allocate(bytes: bytes, node: node, pageSize: pageSize, topology: topology)
            regions.append(region)
            return region.base
        } catch {
            failures.append("could not allocate \(bytes) bytes on node \(node) (\(error)); used the heap")
            let chunk = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
            heapChunks.append((chunk, bytes))
            return chunk
        }
    }

    func releaseChunk(_ chunk: UnsafeMutableRawPointer, bytes: Int) {
        if let index = heapChunks.firstIndex(where: { $0.base == chunk }) {
            heapChunks.remove(at: index).base.deallocate()
            return
        }
        regions.removeAll { region in
            guard region.base == chunk else { return false }
            region.release()
            return true
        }
    }
}

struct NodeWorldMemory: WorldMemory {
    let node: Int
    let pageSize: PageSize
    let topology: Topology

    /// Huge pages want whole 2 MiB chunks; small pages keep chunks small.
    private var chunkBytes: Int { pageSize == .transparentHuge ? 4 << 20 : 1 << 20 }

    func arena(placementSeed: UInt64) -> Arena {
        Arena(source: NodeChunkSource(node: node, pageSize: pageSize, topology: topology),
              chunkBytes: chunkBytes, placementSeed: placementSeed)
    }

    func placementRecord(for arena: Arena) -> PlacementRecord? {
        guard let source = arena.source as? NodeChunkSource else { return nil }
        var pages = 0
        var onNode = 0
        var granted = 0
        var total = 0
        var perNode: [Int: Int] = [:]
        var problems: [String] = []
        func count(_ placement: PagePlacement) {
            pages += placement.checkedPages
            onNode += placement.pagesOnExpectedNode
            for entry in placement.pagesPerNode { perNode[entry.node, default: 0] += entry.pages }
            for entry in placement.errors { perNode[-1, default: 0] += entry.pages }
        }
        for chunk in source.heapChunks {
            do {
                count(try PagePlacement.query(base: chunk.base, byteCount: chunk.bytes, expectedNode: node))
            } catch {
                problems.append(error.description)
            }
        }
        for region in source.regions {
            do {
                let placement = try region.placement(onNode: node)
                count(placement)
                if pageSize == .transparentHuge {
                    let report = try region.hugePagesGranted()
                    granted += report.grantedBytes
                    total += report.regionBytes
                }
            } catch {
                problems.append(error.description)
            }
        }
        let located = pages > 0 && problems.isEmpty
        var record = PlacementRecord(cpuNode: nil, memNode: node,
                                     fractionOnMemNode: located ? Double(onNode) / Double(pages) : nil,
                                     pageSize: pageSize.rawValue)
        if onNode < pages {
            let counts = perNode.sorted { $0.key < $1.key }.map { entry in
                (entry.key < 0 ? "not present" : "node \(entry.key)") + ": \(entry.value)"
            }
            record.notes.append("pages by node (move_pages) " + counts.joined(separator: ", "))
        }
        if pageSize == .transparentHuge { record.notes.append("thp requested, granted \(granted) of \(total) bytes") }
        record.notes += source.failures + problems
        return record
    }
}
