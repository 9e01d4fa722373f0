// NUMA: where hookbench runs and where its memory lives.
//
// Reads the machine's NUMA topology, turns a `--numa` request into the
// (cpu node, mem node) pairs to measure, pins the measuring thread to a CPU of
// a node, and allocates memory bound to a node while checking with the kernel
// that the pages really landed there. Everything that can go wrong is reported
// as a `NUMAError` whose description is a sentence meant for the user.

import CNUMA

/// Whether the kernel and libnuma support NUMA at all.
public enum NUMASupport {
    /// `numa_available()` is non-negative. When false, the machine is treated
    /// as a single node 0, memory binding is skipped, and page locations cannot
    /// be queried.
    public static var isAvailable: Bool { hb_numa_available() >= 0 }
}
