import CHarness

/// What the CPU says about its time-stamp counter.
public enum TimestampCounterSupport {
    /// True on x86-64 builds; elsewhere there is no TSC to read.
    public static var architectureHasTSC: Bool { hb_arch_has_tsc() }
    /// CPUID 0x80000007 EDX bit 8.
    public static var hasInvariantTSC: Bool { hb_cpu_has_invariant_tsc() }
    /// CPUID 0x80000001 EDX bit 27.
    public static var hasRDTSCP: Bool { hb_cpu_has_rdtscp() }

    /// A sentence explaining why the TSC cannot serve as the timer, or nil
    /// when it can.
    public static func reasonTSCIsUnusable() -> String? {
        reasonTSCIsUnusable(
            architectureHasTSC: architectureHasTSC,
            hasInvariantTSC: hasInvariantTSC,
            hasRDTSCP: hasRDTSCP)
    }

    /// The decision itself, separated from the CPUID probes so that every
    /// branch can be tested on any machine.
    public static func reasonTSCIsUnusable(
        architectureHasTSC: Bool, hasInvariantTSC: Bool, hasRDTSCP: Bool
    ) -> String? {
        let fallback = "so clock_gettime(CLOCK_MONOTONIC_RAW) is used instead."
        if !architectureHasTSC {
            return "This is not an x86-64 build, so there is no time-stamp counter to read; \(fallback)"
        }
        switch (hasInvariantTSC, hasRDTSCP) {
        case (true, true):
            return nil
        case (false, true):
            return "The CPU does not report an invariant TSC (CPUID 0x80000007 EDX bit 8), so TSC ticks may not track time across frequency or sleep-state changes; \(fallback)"
        case (true, false):
            return "The CPU does not report RDTSCP (CPUID 0x80000001 EDX bit 27), which the timer needs for an ordered stop read; \(fallback)"
        case (false, false):
            return "The CPU reports neither an invariant TSC (CPUID 0x80000007 EDX bit 8) nor RDTSCP (CPUID 0x80000001 EDX bit 27); \(fallback)"
        }
    }
}
