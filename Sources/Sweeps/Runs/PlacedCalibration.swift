// The latency ladder per (cpu node, memory node) pair: the measuring thread
// pinned to the CPU node, the chain's buffer bound to the memory node.

import Calibration
import Foundation
import NUMA
import Timing

/// A ladder buffer on one NUMA node.
struct NodeBufferAllocator: BufferAllocator {
    let node: Int
    let pageSize: PageSize
    let topology: Topology
    private let regions = NodeRegions()

    init(node: Int, pageSize: PageSize, topology: Topology) {
        self.node = node
        self.pageSize = pageSize
        self.topology = topology
    }

    func allocate(byteCount: Int) throws -> UnsafeMutableRawPointer {
        let region = try NodeMemory.allocate(bytes: byteCount, node: node, pageSize: pageSize, topology: topology)
        regions.list.append(region)
        return region.base
    }

    func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        regions.list.removeAll { region in
            guard region.base == pointer else { return false }
            region.release()
            return true
        }
    }

    private final class NodeRegions { var list: [NodeMemory] = [] }
}

public enum PlacedCalibration {
    /// The page size the ladder asks for when the run names none:
    /// transparent huge pages, so that the ladder's own loads hit the TLB
    /// as a cold check's do (a flush evicts data lines, not TLB entries)
    /// and its DRAM plateau is a memory latency, not a page walk on top.
    public static let defaultPageSize = PageSize.transparentHuge

    /// What a run's notes say about the ladder's pages.
    public static func pageNote(_ pageSize: PageSize?) -> String {
        let used = pageSize ?? defaultPageSize
        return used == .transparentHuge
            ? "calibration: the ladder's buffers are madvised for transparent huge pages, so its DRAM latency excludes TLB misses, as a cold check's loads do (the kernel may decline; THP mode 'never' leaves 4k pages)"
            : "calibration: the ladder ran on 4k pages as asked; its DRAM plateau includes TLB misses that a cold check (TLB warm) does not pay"
    }

    /// One ladder per placement, in order; unplaced when `placements` is empty.
    public static func measure(maximumBytes: Int, placements: [NodePlacement], pageSize: PageSize?,
                               topology: Topology, timer: CycleTimer,
                               progress: (NodePlacement?, LadderPoint) -> Void) throws -> [LatencyLadder] {
        guard !placements.isEmpty else {
            let allocator = MmapBufferAllocator(hugePages: (pageSize ?? defaultPageSize) == .transparentHuge ? .request : .avoid)
            return [try LatencyLadder.measure(configuration: LadderConfiguration(maximumBytes: maximumBytes), timer: timer,
                                              allocator: allocator) { progress(nil, $0) }]
        }
        return try placements.map { placement in
            try ThreadPinning.pinCurrentThread(toNode: placement.cpuNode, in: topology)
            let configuration = LadderConfiguration(maximumBytes: maximumBytes, cpuNode: placement.cpuNode,
                                                    memoryNode: placement.memNode)
            let allocator = NodeBufferAllocator(node: placement.memNode, pageSize: pageSize ?? defaultPageSize, topology: topology)
            return try LatencyLadder.measure(configuration: configuration, timer: timer, allocator: allocator) { progress(placement, $0) }
        }
    }

    /// All ladders in one calibration.csv: one header, then every ladder's rows.
    public static func csv(_ ladders: [LatencyLadder]) -> String {
        var text = LatencyLadder.csvHeader + "\n"
        for ladder in ladders { text += ladder.csvText().split(separator: "\n").dropFirst().joined(separator: "\n") + "\n" }
        return text
    }
}
