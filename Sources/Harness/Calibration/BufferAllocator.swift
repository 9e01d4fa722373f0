#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Supplies the memory a latency ladder walks. A NUMA-aware caller can
/// implement this to place the buffer on a chosen node (e.g. with mbind or
/// numa_alloc_onnode) and so measure remote-memory latency.
public protocol BufferAllocator {
    /// At least `byteCount` bytes, aligned to at least a page, readable and
    /// writable. The ladder faults every page in itself, so the memory need
    /// not be populated.
    func allocate(byteCount: Int) throws -> UnsafeMutableRawPointer
    /// Releases memory obtained from `allocate(byteCount:)` with the same count.
    func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int)
}

/// Anonymous private mmap, the default allocator.
public struct MmapBufferAllocator: BufferAllocator, Sendable {
    /// What to tell the kernel about transparent huge pages. Huge pages
    /// shrink the TLB cost of large working sets, which moves the DRAM
    /// plateau; record which policy a run used.
    public enum HugePagePolicy: String, Sendable {
        /// No advice: the system setting decides.
        case systemDefault
        /// madvise(MADV_HUGEPAGE).
        case request
        /// madvise(MADV_NOHUGEPAGE): 4 KiB pages only.
        case avoid
    }

    public var hugePages: HugePagePolicy

    public init(hugePages: HugePagePolicy = .systemDefault) {
        self.hugePages = hugePages
    }

    public func allocate(byteCount: Int) throws -> UnsafeMutableRawPointer {
        precondition(byteCount > 0)
        guard let mapping = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapping != MAP_FAILED else {
            throw LadderError.allocationFailed(byteCount: byteCount, reason: String(cString: strerror(errno)))
        }
        #if os(Linux)
        let advice: Int32? = switch hugePages {
        case .systemDefault: nil
        case .request: MADV_HUGEPAGE
        case .avoid: MADV_NOHUGEPAGE
        }
        if let advice, madvise(mapping, byteCount, advice) != 0 {
            let reason = String(cString: strerror(errno))
            munmap(mapping, byteCount)
            throw LadderError.allocationFailed(byteCount: byteCount, reason: "madvise for huge-page policy \(hugePages.rawValue) failed: \(reason)")
        }
        #endif
        return mapping
    }

    public func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        munmap(pointer, byteCount)
    }
}
