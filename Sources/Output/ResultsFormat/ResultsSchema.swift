// The results.csv schema: one row per measured point. docs/csv-schema.md
// explains every column; a change here is a schema version change there.

import Support

public enum ResultsSchema {
    public static let version = "2"

    /// Every column, in file order; every row has all of them.
    public static let columns = [
        "schema_version", "run_id", "host", "strategy", "impl", "lsms", "namespaced_lsms", "depth", "hook",
        "tasks", "working_set_bytes", "lines_per_check", "dependent_loads", "mode", "cache", "threads", "cpu_node", "mem_node",
        "mem_on_node_fraction", "page_size", "samples", "checks_per_sample", "ns_per_check",
        "ns_ci_low", "ns_ci_high", "resolved", "ns_mean", "ns_stddev", "baseline_ns", "cycles_per_check",
        "instructions_per_check", "l1d_misses_per_check", "llc_misses_per_check",
        "dtlb_misses_per_check", "branch_misses_per_check", "counter_coverage", "decisions_digest",
        "note", "fingerprint",
    ]

    /// The columns that say which point a row measured (not what it found):
    /// two rows with equal values here are the same point, in one run or
    /// across runs and machines.
    public static let pointColumns = [
        "strategy", "lsms", "namespaced_lsms", "depth", "hook", "tasks", "mode", "cache", "threads",
        "cpu_node", "mem_node", "page_size",
    ]

    /// Per-check counter columns, filled when counters are available.
    public static let counterColumns = [
        "cycles_per_check", "instructions_per_check", "l1d_misses_per_check", "llc_misses_per_check",
        "dtlb_misses_per_check", "branch_misses_per_check",
    ]
}

/// One row, by column name. Missing columns read as empty.
public struct ResultRow: Sendable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public subscript(_ column: String) -> String {
        get { values[column] ?? "" }
        set { values[column] = newValue }
    }

    public func double(_ column: String) -> Double? { Double(self[column]) }
    public func int(_ column: String) -> Int? { Int(self[column]) }

    /// Identifies the point across runs: see `ResultsSchema.pointColumns`.
    public var pointKey: String {
        ResultsSchema.pointColumns.map { self[$0] }.joined(separator: "|")
    }

    public var fields: [String] { ResultsSchema.columns.map { self[$0] } }

    /// A number as a CSV cell: fixed-point with enough digits for
    /// sub-nanosecond costs, empty when there is none.
    public static func number(_ value: Double, digits: Int = 3) -> String {
        FixedPoint.csvCell(value, decimals: digits)
    }
}
