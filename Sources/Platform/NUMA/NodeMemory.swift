import CNUMA
import Synchronization

/// Anonymous memory bound to one NUMA node, already faulted in and zeroed.
///
/// Allocation maps the region, applies the page-size advice, binds it to the
/// node with mbind(MPOL_BIND), then writes one byte per base page so every
/// page is physically present on that node before anything is measured.
/// The mapping is released by `release()` or when the object is destroyed.
public final class NodeMemory: @unchecked Sendable {
    // @unchecked: the raw pointer is shared by design (benchmark threads use
    // the memory); the only mutable state, `released`, sits behind a Mutex.

    /// Start of the usable bytes; aligned to the page size, or to the huge
    /// page size for `.transparentHuge`.
    public let base: UnsafeMutableRawPointer
    /// Bytes asked for; all of them are usable.
    public let byteCount: Int
    /// Bytes actually mapped: `byteCount` rounded up to whole pages, or to
    /// whole huge pages for `.transparentHuge` so the kernel can use them.
    public let mappedByteCount: Int
    public let node: Int
    public let pageSize: PageSize
    /// False only when the kernel has no NUMA support and binding was skipped
    /// (the single node 0 then holds everything anyway).
    public let isNodeBound: Bool

    private let released = Mutex(false)

    private init(
        base: UnsafeMutableRawPointer, byteCount: Int, mappedByteCount: Int,
        node: Int, pageSize: PageSize, isNodeBound: Bool
    ) {
        self.base = base
        self.byteCount = byteCount
        self.mappedByteCount = mappedByteCount
        self.node = node
        self.pageSize = pageSize
        self.isNodeBound = isNodeBound
    }

    deinit {
        release()
    }

    /// Allocates `bytes` on `node`. `topology` is only consulted to validate
    /// the node and produce a useful error; pass a cached one to avoid
    /// re-reading the machine.
    public static func allocate(
        bytes: Int, node: Int, pageSize: PageSize = .base4K, topology: Topology = .current()
    ) throws(NUMAError) -> NodeMemory {
        guard bytes > 0 else { throw .invalidByteCount(bytes) }
        let target = try topology.requireNode(node)
        guard target.hasMemory else { throw .nodeHasNoMemory(node: node) }

        let systemPage = Int(hb_system_page_size())
        let alignment = pageSize == .transparentHuge ? TransparentHugePageSettings.hugePageBytes() : systemPage
        let (rounded, overflow) = bytes.addingReportingOverflow(alignment - 1)
        guard !overflow else { throw .exceedsNodeMemory(node: node, requestedBytes: bytes, nodeTotalBytes: target.memoryTotalBytes) }
        let mapped = rounded / alignment * alignment
        guard UInt64(mapped) <= target.memoryTotalBytes else {
            // MPOL_BIND cannot spill to other nodes; faulting in more than the
            // node holds would end in the OOM killer, so refuse up front.
            throw .exceedsNodeMemory(node: node, requestedBytes: bytes, nodeTotalBytes: target.memoryTotalBytes)
        }

        var mapError: Int32 = 0
        guard let start = hb_map_region(mapped, alignment, &mapError) else {
            throw .systemCallFailed(operation: "mapping \(mapped) bytes (mmap)", errno: mapError)
        }
        func fail(_ error: NUMAError) -> NUMAError {
            hb_unmap_region(start, mapped)
            return error
        }

        // Advice and binding must precede the first touch: both only affect
        // pages faulted in afterwards.
        let adviseResult = hb_advise_huge_pages(start, mapped, pageSize == .transparentHuge ? 1 : 0)
        if adviseResult != 0 {
            let advice = pageSize == .transparentHuge ? "MADV_HUGEPAGE" : "MADV_NOHUGEPAGE"
            throw fail(.systemCallFailed(operation: "madvise(\(advice))", errno: adviseResult))
        }
        let bound = NUMASupport.isAvailable
        if bound {
            let bindResult = hb_bind_region_to_node(start, mapped, Int32(node))
            if bindResult != 0 {
                throw fail(.systemCallFailed(operation: "binding memory to NUMA node \(node) (mbind MPOL_BIND)", errno: bindResult))
            }
        }

        // Writing zero keeps the promised zero contents and still forces a
        // private page to be allocated for each base page.
        var offset = 0
        while offset < mapped {
            start.storeBytes(of: 0 as UInt8, toByteOffset: offset, as: UInt8.self)
            offset += systemPage
        }

        return NodeMemory(
            base: start, byteCount: bytes, mappedByteCount: mapped,
            node: node, pageSize: pageSize, isNodeBound: bound
        )
    }

    /// Unmaps the region. Safe to call more than once; `base` must not be
    /// used afterwards.
    public func release() {
        let alreadyReleased = released.withLock { flag in
            defer { flag = true }
            return flag
        }
        if !alreadyReleased { hb_unmap_region(base, mappedByteCount) }
    }

    public var isReleased: Bool { released.withLock { $0 } }
}
