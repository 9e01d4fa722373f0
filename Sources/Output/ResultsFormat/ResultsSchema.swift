// The results.csv schema: one row per measured point. docs/csv-schema.md
// explains every column; a change here is a schema version change there.
//
// A row proves itself: it carries the decisions digest its strategy was
// checked against and the machine's fingerprint, and (from version 3) ends
// with a checksum of its other cells. A row without them, or that the file
// stops inside, is incomplete (a crash mid-write): readers leave it out and
// say so, and a resumed run measures it again.

import Support

public enum ResultsSchema {
    public static let version = "7"

    /// Every column, in file order; every row has all of them.
    public static let columns = [
        "schema_version", "run_id", "host", "strategy", "impl", "op", "lsms", "namespaced_lsms", "depth", "descendants", "hook",
        "tasks", "labels", "skew", "avc", "working_set_bytes", "lines_per_check", "dependent_loads",
        "hit_rate", "hit_rate_by_depth", "cache_lookups_per_check", "memory_bytes", "cache_bytes", "bytes_per_namespace",
        "namespace_sets", "bytes_per_set", "mode", "cache", "threads", "write_rate", "thread_placement", "world_copies", "cpu_node",
        "mem_node", "mem_on_node_fraction", "page_size", "samples", "checks_per_sample", "ns_per_check",
        "ns_ci_low", "ns_ci_high", "resolved", "ns_mean", "ns_stddev", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns",
        "storm_checks", "storm_ns", "storm_misses", "writes_per_s", "reader_spread_ns", "violations", "baseline_ns", "cycles_per_check",
        "instructions_per_check", "l1d_misses_per_check", "llc_misses_per_check",
        "dtlb_misses_per_check", "branch_misses_per_check", "counter_coverage", "decisions_digest",
        "note", "fingerprint", "row_checksum",
    ]

    /// The last column: FNV-1a (64-bit) of the row's other cells, so a row
    /// cut short anywhere, or altered, no longer matches it.
    public static let checksumColumn = "row_checksum"

    /// The cells without which a row proves nothing.
    public static let provingColumns = ["decisions_digest", "fingerprint"]

    /// Why `record` of a results.csv with `header` is not a whole row, or
    /// nil when it is. Rows of versions before 3 have no checksum to check.
    public static func incompleteness(of record: CSVRecord, header: [String]) -> String? {
        guard record.terminated else { return "the file ends inside it (no newline after it): its write was cut short" }
        guard record.fields.count == header.count else {
            return "it has \(record.fields.count) of the header's \(header.count) columns"
        }
        let row = ResultRow(Dictionary(zip(header, record.fields), uniquingKeysWith: { first, _ in first }))
        let missing = provingColumns.filter { row[$0].isEmpty }
        if !missing.isEmpty { return "it has no \(missing.joined(separator: " and "))" }
        if header.contains(checksumColumn) {
            let cells = header.indices.filter { header[$0] != checksumColumn }.map { record.fields[$0] }
            guard row[checksumColumn] == checksum(of: cells) else {
                return row[checksumColumn].isEmpty ? "it has no \(checksumColumn)" : "its \(checksumColumn) does not match its cells"
            }
        }
        return nil
    }

    /// FNV-1a (64-bit) over the cells, each followed by the byte 0x1F, as
    /// 16 hex digits.
    public static func checksum<S: Sequence<String>>(of cells: S) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for cell in cells {
            for byte in cell.utf8 + [0x1F] {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The columns that say which point a row measured (not what it found):
    /// two rows with equal values here are the same point, in one run or
    /// across runs and machines.
    public static let pointColumns = [
        "strategy", "op", "lsms", "namespaced_lsms", "depth", "descendants", "hook", "tasks", "labels", "skew", "avc", "mode", "cache", "threads",
        "write_rate", "thread_placement", "world_copies", "cpu_node", "mem_node", "page_size",
    ]

    /// Point columns each version added, with what every older row
    /// measured. Version 4: one label for every object, and SELinux's AVC
    /// bounds (older designs had no caches; with one label theirs always
    /// hit). Version 5: checks, in a world without descendants. Version 6:
    /// one thread, no writer (both empty, as a current single-thread row).
    /// Version 7: one world for every thread (empty). A row of an
    /// older version is the same point as a current row with these.
    public static let addedPointColumns: [(version: Int, defaults: [String: String])] = [
        (4, ["labels": "1", "skew": "uniform", "avc": "512:512:16"]),
        (5, ["op": "check", "descendants": "0"]),
        (6, ["write_rate": "", "thread_placement": ""]),
        (7, ["world_copies": ""]),
    ]

    /// Every added point column's older-row default.
    public static let olderRowDefaults: [String: String] =
        addedPointColumns.reduce(into: [:]) { all, added in all.merge(added.defaults) { first, _ in first } }

    /// A point key as samples.csv or counters.csv of any version wrote it,
    /// as this version writes it: an older key (without the columns its
    /// version lacked) gets their defaults in place. A merged key's
    /// "RUN_ID/" prefix is kept.
    public static func currentPointKey(_ key: String) -> String {
        let slash = key.firstIndex(of: "/")
        let prefix = slash.map { String(key[...$0]) } ?? ""
        let fields = (slash.map { String(key[key.index(after: $0)...]) } ?? key).split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count != pointColumns.count else { return key }
        // The key of a version before `added[generation]`'s lacks the
        // columns of that generation and every later one.
        for generation in addedPointColumns.indices {
            let missing = addedPointColumns[generation...].reduce(into: [String: String]()) { $0.merge($1.defaults) { a, _ in a } }
            let older = pointColumns.filter { missing[$0] == nil }
            guard fields.count == older.count else { continue }
            var values = Dictionary(uniqueKeysWithValues: zip(older, fields.map(String.init)))
            values.merge(missing) { current, _ in current }
            return prefix + pointColumns.map { values[$0] ?? "" }.joined(separator: "|")
        }
        return key
    }

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
        ResultsSchema.pointColumns.map { pointValue($0) }.joined(separator: "|")
    }

    /// A point column's value, an older row's default where it has none.
    public func pointValue(_ column: String) -> String {
        let value = self[column]
        return value.isEmpty ? ResultsSchema.olderRowDefaults[column] ?? "" : value
    }

    /// The row as written, in column order, its checksum computed over
    /// the other cells.
    public var fields: [String] {
        let cells = ResultsSchema.columns.dropLast().map { self[$0] }
        return cells + [ResultsSchema.checksum(of: cells)]
    }

    /// A number as a CSV cell: fixed-point with enough digits for
    /// sub-nanosecond costs, empty when there is none.
    public static func number(_ value: Double, digits: Int = 3) -> String {
        FixedPoint.csvCell(value, decimals: digits)
    }
}
