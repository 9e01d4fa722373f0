#if canImport(Glibc)
import Glibc
#endif

/// Anonymous memory whose pages have never been touched, so the first write
/// to each takes exactly one page fault.
struct FreshPages: ~Copyable {
    let count: Int
    private let base: UnsafeMutableRawPointer
    private let pageSize: Int

    init(count: Int) {
        self.count = count
        pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapping = mmap(nil, count * pageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        precondition(mapping != MAP_FAILED && mapping != nil, "mmap of \(count) pages failed")
        base = mapping!
        // A transparent huge page would satisfy 512 first touches with one fault.
        _ = madvise(base, count * pageSize, MADV_NOHUGEPAGE)
    }

    /// Writes one byte to each page.
    func touchEveryPage() {
        for page in 0..<count {
            base.storeBytes(of: UInt8(truncatingIfNeeded: page), toByteOffset: page * pageSize, as: UInt8.self)
        }
    }

    deinit {
        munmap(base, count * pageSize)
    }
}

/// CPU time of the calling thread, in nanoseconds.
func threadCPUTimeNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// Burns at least `nanoseconds` of this thread's CPU time.
func spin(forCPUNanoseconds nanoseconds: UInt64) {
    let end = threadCPUTimeNanoseconds() + nanoseconds
    var sink: UInt64 = 0
    while threadCPUTimeNanoseconds() < end {
        for step in 0..<1_000 as Range<UInt64> {
            sink = sink &* 6_364_136_223_846_793_005 &+ step
        }
    }
    withExtendedLifetime(sink) {}
}

/// Thread CPU nanoseconds spent in `body`.
func measuringThreadCPU(_ body: () -> Void) -> UInt64 {
    let before = threadCPUTimeNanoseconds()
    body()
    return threadCPUTimeNanoseconds() - before
}
