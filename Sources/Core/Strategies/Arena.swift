// All memory a strategy's checks touch comes from one arena, so that the
// harness decides where it lives (which NUMA node, which page size) and how
// it is scattered, and so that tests can prove the write side leaks nothing.

import Atomics
import LSMModel
import SeededRandom

/// Where an arena's chunks come from. The default is the process heap; the
/// harness supplies node-bound, page-size-controlled memory.
public protocol ChunkSource: AnyObject {
    func allocateChunk(bytes: Int) -> UnsafeMutableRawPointer
    func releaseChunk(_ chunk: UnsafeMutableRawPointer, bytes: Int)
}

public final class HeapChunkSource: ChunkSource {
    public init() {}
    public func allocateChunk(bytes: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
    }
    public func releaseChunk(_ chunk: UnsafeMutableRawPointer, bytes: Int) { chunk.deallocate() }
}

/// A bump allocator over large chunks, with per-size free lists for reuse.
/// Every block is cache-line aligned, a whole number of lines, and zeroed.
public final class Arena {
    public static let lineBytes = 64

    public let source: ChunkSource
    private let chunkBytes: Int
    private var chunks: [(base: UnsafeMutableRawPointer, bytes: Int)] = []
    private var cursor: UnsafeMutableRawPointer?
    private var remaining = 0
    private var freeBlocks: [Int: [UnsafeMutableRawPointer]] = [:]
    private var scatter: SeededGenerator?

    /// Bytes handed out and not yet freed; what leak tests compare.
    public private(set) var liveBytes = 0

    /// - Parameter placementSeed: when given, fresh blocks are separated by a
    ///   random gap of 0 to 7 lines, so each world gets its own relative
    ///   placement of objects (a new draw of cache-set and page luck).
    public init(source: ChunkSource = HeapChunkSource(), chunkBytes: Int = 1 << 20, placementSeed: UInt64? = nil) {
        self.source = source
        self.chunkBytes = chunkBytes
        self.scatter = placementSeed.map { SeededGenerator(seed: $0) }
    }

    deinit {
        for chunk in chunks { source.releaseChunk(chunk.base, bytes: chunk.bytes) }
    }

    @inline(__always) static func rounded(_ bytes: Int) -> Int {
        (max(bytes, 1) + lineBytes - 1) & ~(lineBytes - 1)
    }

    /// A world is written by one thread, but ns-table's readers grow the
    /// node pool from any thread on a miss: allocation and freeing are
    /// under a spin lock (uncontended but for that).
    private let lock = ManagedAtomic<Bool>(false)

    public func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        while lock.exchange(true, ordering: .acquiring) {}
        defer { lock.store(false, ordering: .releasing) }
        let size = Self.rounded(bytes)
        liveBytes += size
        if let block = freeBlocks[size]?.popLast() {
            block.initializeMemory(as: UInt8.self, repeating: 0, count: size)
            return block
        }
        let gap = scatter.map { _ in Int.random(in: 0...7, using: &scatter!) * Self.lineBytes } ?? 0
        if remaining < size + gap {
            let bytes = max(chunkBytes, size + gap)
            let base = source.allocateChunk(bytes: bytes)
            assert(isAligned(base, to: Self.lineBytes), "chunks must be cache-line aligned, or blocks are not")
            base.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
            chunks.append((base, bytes))
            cursor = base
            remaining = bytes
        }
        let block = cursor! + gap
        cursor = block + size
        remaining -= size + gap
        return block
    }

    public func free(_ block: UnsafeMutableRawPointer, bytes: Int) {
        while lock.exchange(true, ordering: .acquiring) {}
        defer { lock.store(false, ordering: .releasing) }
        let size = Self.rounded(bytes)
        liveBytes -= size
        freeBlocks[size, default: []].append(block)
    }

    /// Every chunk, for callers that must fault, place or inspect the pages.
    public var chunkRanges: [(base: UnsafeMutableRawPointer, bytes: Int)] { chunks }
}
