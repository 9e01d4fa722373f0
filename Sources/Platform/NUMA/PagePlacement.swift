import CNUMA
import Foundation
import Support

#if canImport(Glibc)
import Glibc
#endif

/// Where the kernel says a region's pages are, compared with where they
/// were meant to be.
public struct PagePlacement: Sendable, Equatable, Codable, CustomStringConvertible {
    public struct NodeCount: Sendable, Equatable, Codable {
        public let node: Int
        public let pages: Int

        public init(node: Int, pages: Int) {
            self.node = node
            self.pages = pages
        }
    }

    /// Pages the kernel could not place, grouped by the errno it gave
    /// (ENOENT: not faulted in; EFAULT: not mapped).
    public struct ErrorCount: Sendable, Equatable, Codable {
        public let errno: Int32
        public let pages: Int

        public init(errno: Int32, pages: Int) {
            self.errno = errno
            self.pages = pages
        }
    }

    public let expectedNode: Int
    /// Base pages in the region.
    public let totalPages: Int
    /// Base pages asked about: all of them, or an even sample of huge regions.
    public let checkedPages: Int
    public let pagesOnExpectedNode: Int
    /// Checked pages per node, ascending node id.
    public let pagesPerNode: [NodeCount]
    public let errors: [ErrorCount]
    public let basePageBytes: Int

    public init(
        expectedNode: Int, totalPages: Int, checkedPages: Int, pagesOnExpectedNode: Int,
        pagesPerNode: [NodeCount], errors: [ErrorCount], basePageBytes: Int
    ) {
        self.expectedNode = expectedNode
        self.totalPages = totalPages
        self.checkedPages = checkedPages
        self.pagesOnExpectedNode = pagesOnExpectedNode
        self.pagesPerNode = pagesPerNode
        self.errors = errors
        self.basePageBytes = basePageBytes
    }

    public var isSampled: Bool { checkedPages < totalPages }

    /// Share of checked pages found on the expected node, 0...1.
    public var fractionOnExpectedNode: Double {
        checkedPages == 0 ? 0 : Double(pagesOnExpectedNode) / Double(checkedPages)
    }

    public var description: String {
        var text = "\(pagesOnExpectedNode) of \(checkedPages) \(ByteSize.text(basePageBytes)) pages "
            + (isSampled ? "(sampled from \(totalPages)) " : "")
            + "on NUMA node \(expectedNode) ("
            + FixedPoint.percent(ofFraction: fractionOnExpectedNode) + ")"
        let elsewhere = pagesPerNode.filter { $0.node != expectedNode }.map { "node \($0.node): \($0.pages)" }
        let failed = errors.map { "\(String(cString: strerror($0.errno))): \($0.pages)" }
        if !(elsewhere + failed).isEmpty { text += "; " + (elsewhere + failed).joined(separator: ", ") }
        return text
    }
}

extension NodeMemory {
    /// Asks the kernel (move_pages without moving) which node holds each base
    /// page, checking every page, or `maxSampledPages` pages spread evenly
    /// over larger regions.
    public func placement(onNode expectedNode: Int, maxSampledPages: Int = 65_536) throws(NUMAError) -> PagePlacement {
        precondition(!isReleased, "placement queried after release()")
        return try PagePlacement.query(base: base, byteCount: mappedByteCount, expectedNode: expectedNode,
                                       maxSampledPages: maxSampledPages)
    }

    /// `placement(onNode:)` for the node the region was allocated on.
    public func placement(maxSampledPages: Int = 65_536) throws(NUMAError) -> PagePlacement {
        try placement(onNode: node, maxSampledPages: maxSampledPages)
    }
}

extension PagePlacement {
    /// Where the kernel says the pages of any mapped range are (`base`
    /// page-aligned), e.g. memory that was meant for a node but came from
    /// the heap: every page, or `maxSampledPages` spread evenly.
    public static func query(base: UnsafeMutableRawPointer, byteCount: Int, expectedNode: Int,
                             maxSampledPages: Int = 65_536) throws(NUMAError) -> PagePlacement {
        let pageBytes = Int(hb_system_page_size())
        let totalPages = (byteCount + pageBytes - 1) / pageBytes
        let checked = max(1, min(totalPages, maxSampledPages))
        // Evenly spread indexes; with checked == totalPages this is every page.
        let pageIndexes = (0..<checked).map { $0 * totalPages / checked }

        var perNode: [Int: Int] = [:]
        var perError: [Int32: Int] = [:]
        let batch = 65_536
        var start = 0
        while start < pageIndexes.count {
            let slice = pageIndexes[start..<min(start + batch, pageIndexes.count)]
            var pages: [UnsafeMutableRawPointer?] = slice.map { base + $0 * pageBytes }
            var status = [Int32](repeating: 0, count: slice.count)
            let result = hb_query_page_nodes(&pages, UInt(slice.count), &status)
            guard result == 0 else {
                throw .systemCallFailed(operation: "asking the kernel where pages are (move_pages)", errno: Int32(-result))
            }
            for value in status {
                if value >= 0 { perNode[Int(value), default: 0] += 1 } else { perError[-value, default: 0] += 1 }
            }
            start += batch
        }

        return PagePlacement(
            expectedNode: expectedNode,
            totalPages: totalPages,
            checkedPages: checked,
            pagesOnExpectedNode: perNode[expectedNode] ?? 0,
            pagesPerNode: perNode.sorted { $0.key < $1.key }.map { PagePlacement.NodeCount(node: $0.key, pages: $0.value) },
            errors: perError.sorted { $0.key < $1.key }.map { PagePlacement.ErrorCount(errno: $0.key, pages: $0.value) },
            basePageBytes: pageBytes
        )
    }
}
