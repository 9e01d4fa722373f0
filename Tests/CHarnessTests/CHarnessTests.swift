import CHarness
import Testing

@Test func monotonicRawClockNeverGoesBack() {
    var previous = hb_monotonic_raw_ns()
    for _ in 0..<10_000 {
        let now = hb_monotonic_raw_ns()
        #expect(now >= previous)
        previous = now
    }
}

@Test(.enabled(if: hb_cpu_has_rdtscp() || !hb_arch_has_tsc(),
               "the CPU has a TSC but no RDTSCP, which hb_tsc_stop executes"))
func counterReadsAreOrderedOnOneThread() {
    var previous = hb_tsc_start()
    for _ in 0..<10_000 {
        let stop = hb_tsc_stop()
        let start = hb_tsc_start()
        #expect(stop >= previous)
        #expect(start >= stop)
        previous = start
    }
}

@Test func featureProbesAreConsistentWithArchitecture() {
    if !hb_arch_has_tsc() {
        #expect(!hb_cpu_has_invariant_tsc())
        #expect(!hb_cpu_has_rdtscp())
    }
    #if arch(x86_64)
    #expect(hb_arch_has_tsc())
    #expect(hb_can_flush_cache_line())
    #endif
}

@Test func flushFenceAndBarriersKeepDataIntact() {
    var values = [UInt64](repeating: 0, count: 64)
    for index in values.indices { values[index] = UInt64(index) * 3 }
    values.withUnsafeBufferPointer { buffer in
        var stride = 0
        while stride < buffer.count {
            hb_clflush(buffer.baseAddress! + stride)
            stride += 8
        }
    }
    hb_mfence()
    hb_compiler_barrier()
    var sum: UInt64 = 0
    for value in values { sum &+= value }
    hb_keep_alive_u64(sum)
    values.withUnsafeBufferPointer { hb_keep_alive_pointer($0.baseAddress) }
    #expect(sum == 3 * (63 * 64 / 2))
}
