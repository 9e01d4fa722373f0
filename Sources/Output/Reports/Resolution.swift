// Whether a point's cost was resolved above its empty baseline. A point
// whose check loop could not be told from the loop calling an empty
// function has no cost to report: its net median is clamped at zero, and
// printing that as "0.000+-0.000" reads as "costs nothing". Every report
// (tables, the digest, slopes, verdicts, ASCII and gnuplot plots, counter
// tables, twin ratios) asks this one function and shows such a point as
// "n/r", never as a number.

import ResultsFormat

public enum Resolution {
    /// What a table shows instead of an unresolved point's numbers.
    public static let mark = "n/r"

    /// The one footnote that explains the mark.
    public static let footnote = "n/r: not resolved: the check's cost could not be told from the "
        + "empty baseline's; see docs/methodology.md."

    /// The note the runner writes on a point whose net interval includes
    /// zero (Measurement/PointRunner.swift).
    public static let runnerNote = "not distinguishable from the empty baseline"

    /// The results.csv column that, once the schema has it, says whether a
    /// point is resolved; read when present, the rule below otherwise.
    public static let column = "resolved"

    /// True when the point's cost is not resolved above its empty baseline:
    /// the row's `resolved` column says so when it has one ("false", "no",
    /// "0"); without it, when the runner's note says the point is not
    /// distinguishable from the empty baseline, or the net median or the
    /// low bound of its 95% interval is at or below zero (the runner clamps
    /// an interval that reaches below zero at zero). A row with no median
    /// at all is missing, not unresolved.
    public static func isUnresolved(_ row: ResultRow) -> Bool {
        if let explicit = row.values[column]?.lowercased(), !explicit.isEmpty {
            switch explicit {
            case "true", "yes", "1": return false
            case "false", "no", "0": return true
            default: break
            }
        }
        if row["note"].contains(runnerNote) { return true }
        guard let median = row.double("ns_per_check") else { return false }
        if median <= 0 { return true }
        if let low = row.double("ns_ci_low"), low <= 0 { return true }
        return false
    }
}

extension ResultRow {
    /// See `Resolution.isUnresolved(_:)`.
    public var isUnresolved: Bool { Resolution.isUnresolved(self) }
}
