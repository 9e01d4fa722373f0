// What a point's world costs in memory, estimated before anything is built,
// so a run that cannot fit is refused with a number instead of being killed
// by the kernel part-way (a world is built whole before its first check).
//
// A point holds one world at a time (PointRunner keeps only the current
// one): the world's operations with their rule dictionaries, the reference
// replay, and one strategy's instance: its arena (credentials of 192 B, a
// blob of 32 B per LSM, namespaces of 64 B, rule stores, decision caches,
// ancestry arrays of 16 B per level, ns-table's sets and tables) and the
// store's records. The per-namespace and per-credential costs below
// include the Swift-side bookkeeping and the arena's rounding and scatter;
// they were measured as peak RSS of release runs before object labels and
// rounded up; the caches' and label rules' costs are added from their
// layout. CrashSafetyTests holds the estimate between the peak RSS and
// twice it for release runs with one label (tasks x depth: 20000 x 8,
// 2000 x 64, 100000 x 0).

import LSMModel

public enum WorldFootprint {
    /// A namespace: its object and policy table in the arena, its rule
    /// dictionary in the world, its records in the reference and store.
    static let bytesPerNamespace = 3_600
    /// A credential: 192 B and its blob in the arena, and its records.
    static let bytesPerCredential = 600
    /// ns-table's per-credential set and decision table.
    static let nsTableBytesPerCredential = 1_600
    /// An explicit rule for an object label (MeasurementWorld gives each
    /// level an eighth of its labels): its dictionary entry (shared by the
    /// world, the reference and the store) and its rule-store entry at
    /// half load. Estimated from the layout, not measured.
    static let bytesPerLabelRule = 140
    /// The process before any world: code, the timer, the sample buffers.
    static let processBytes = 64 << 20

    /// Namespaces in `world`, counting the roots.
    public static func namespaces(_ world: WorldSpec) -> Int {
        let levels = world.depth > 0 && world.namespacedLSMs > 0 ? world.depth : 0
        return world.tasks * levels * world.namespacedLSMs + world.lsms + world.descendants * world.namespacedLSMs
    }

    /// Estimated peak bytes of measuring `world` with each of `strategies`
    /// (one strategy's instance lives at a time: the largest counts).
    public static func estimatedBytes(_ world: WorldSpec, strategies: [String]) -> Int {
        let levels = world.depth > 0 && world.namespacedLSMs > 0 ? world.depth : 0
        let execs = world.depth == 0 ? world.lsms : world.lsms - world.namespacedLSMs
        let credentials = world.tasks * (levels + execs) + 1 + world.descendants
        let labelRules = (world.labels + 7) / 8
        // Each namespace's own AVC (header and slots) and label rules;
        // the roots hold every task's label rules.
        let perNamespace = bytesPerNamespace.addingSaturating(world.caches.slots * 8 + 64)
            .addingSaturating(labelRules.multipliedSaturating(bytesPerLabelRule))
        let rootLabelRules = (world.lsms * world.tasks).multipliedSaturating(labelRules).multipliedSaturating(bytesPerLabelRule)
        let shared = namespaces(world).multipliedSaturating(perNamespace)
            .addingSaturating(rootLabelRules)
            .addingSaturating(credentials.multipliedSaturating(bytesPerCredential))
            .addingSaturating(processBytes)
        // Ancestry arrays: a namespace at level d holds d entries of 16 B,
        // in whole 64-byte lines.
        var ancestryPerChain = 0
        for level in stride(from: 1, through: levels, by: 1) { ancestryPerChain += (level * 16 + 63) / 64 * 64 }
        let ancestry = (world.tasks * world.namespacedLSMs).multipliedSaturating(ancestryPerChain)
        let nsTable = credentials.multipliedSaturating(nsTableBytesPerCredential)
        let largest = strategies.map { name in
            name.hasPrefix("ancestry") ? ancestry : name.hasPrefix("ns-table") ? nsTable : 0
        }.max() ?? 0
        return shared.addingSaturating(largest)
    }
}

extension Int {
    func multipliedSaturating(_ other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }

    func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
