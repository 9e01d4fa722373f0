// kernel.csv, written by `hookbench kernel`: the running kernel's own
// figures (syscall floors, Landlock by stacked domains, nested user
// namespaces), one row per measured or refused point and one per derived
// figure (first-layer cost, per-layer and per-level slopes).
// docs/csv-schema.md explains every column; a change here is a version
// change there.

import Foundation

public enum KernelResultsSchema {
    public static let version = "1"
    public static let fileName = "kernel.csv"

    public static let columns = [
        "schema_version", "run_id", "host", "kind", "figure", "syscall", "hook", "path_depth", "landlock_layers",
        "userns_depth", "over", "status", "repeats", "samples", "calls_per_sample", "ns", "ns_ci_low", "ns_ci_high",
        "fit", "reason", "how_to_enable", "note", "fingerprint",
    ]

    /// What a row is.
    public enum Kind: String, Sendable, CaseIterable {
        /// One figure at one place on each axis: a median per call.
        case point
        /// Landlock's first domain: one layer minus none.
        case firstLayer = "first-layer"
        /// Slope over stacked Landlock domains.
        case perLayer = "per-layer"
        /// Slope over user-namespace depth.
        case perLevel = "per-level"
    }

    public enum Status: String, Sendable {
        case measured
        case refused
    }
}

/// One row of kernel.csv, by column name. Missing columns read as empty.
public struct KernelRow: Sendable, Equatable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public subscript(_ column: String) -> String {
        get { values[column] ?? "" }
        set { values[column] = newValue }
    }

    public func double(_ column: String) -> Double? { Double(self[column]) }
    public func int(_ column: String) -> Int? { Int(self[column]) }

    public var kind: KernelResultsSchema.Kind? { KernelResultsSchema.Kind(rawValue: self["kind"]) }
    public var isMeasured: Bool { self["status"] == KernelResultsSchema.Status.measured.rawValue }

    public var fields: [String] { KernelResultsSchema.columns.map { self[$0] } }

    /// The rows of a kernel.csv file.
    public static func read(_ path: String) throws -> [KernelRow] {
        try CSVFile.read(path, requiring: ["kind", "figure", "status", "ns"]).rows.map(KernelRow.init)
    }

    /// The whole file: header and rows.
    public static func csv(_ rows: [KernelRow]) throws -> String {
        var text = try CSVFile.line(KernelResultsSchema.columns)
        for row in rows { text += try CSVFile.line(row.fields) }
        return text
    }
}
