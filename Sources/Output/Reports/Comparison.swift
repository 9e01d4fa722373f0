// Comparisons of points: two runs point by point (the same point measured
// again, on another machine, kernel or revision), or every strategy of one
// run against a baseline strategy at the same point. Either way each pair
// is a PointComparison; this file only decides which rows pair up.

import ResultsFormat

public struct Comparison: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Run B against run A, points matched by their point key.
        case betweenRuns(baseline: String, candidate: String)
        /// Each strategy against `strategy` within one run, points matched
        /// by every point column but the strategy.
        case withinRun(directory: String, strategy: String)
    }

    public let kind: Kind
    /// In results.csv order of the candidate rows.
    public let entries: [PointComparison]
    /// Points only the baseline has (between runs: only in A).
    public let onlyInBaseline: [ResultRow]
    /// Points only the candidate has (between runs: only in B; within a
    /// run: strategies' points with no baseline-strategy row).
    public let onlyInCandidate: [ResultRow]
    public let baselineSources: [RunSource]
    public let candidateSources: [RunSource]
    /// Names runs in labels (host, or host and run id).
    public let sourceLabels: [String: String]

    /// B against A. Throws when either directory holds a point twice.
    public static func betweenRuns(_ a: RunData, _ b: RunData) throws -> Comparison {
        let aRows = try uniqueByPointKey(a)
        let bRows = try uniqueByPointKey(b)
        var entries: [PointComparison] = []
        var onlyInB: [ResultRow] = []
        for row in b.rows {
            if let base = aRows[row.pointKey] {
                entries.append(PointComparison(baseline: base, candidate: row,
                                               baselineSeries: a.series(for: base), candidateSeries: b.series(for: row)))
            } else {
                onlyInB.append(row)
            }
        }
        let onlyInA = a.rows.filter { bRows[$0.pointKey] == nil }
        return Comparison(kind: .betweenRuns(baseline: a.directory.path, candidate: b.directory.path),
                          entries: entries, onlyInBaseline: onlyInA, onlyInCandidate: onlyInB,
                          baselineSources: a.sources, candidateSources: b.sources,
                          sourceLabels: labels(a).merging(labels(b)) { first, _ in first })
    }

    /// Every other strategy of `run` against `strategy`.
    public static func withinRun(_ run: RunData, baseline strategy: String) throws -> Comparison {
        guard run.rows.contains(where: { $0["strategy"] == strategy }) else {
            throw ReportError.unknownBaseline(strategy: strategy, available: run.strategies)
        }
        func key(_ row: ResultRow) -> String {
            var row = row
            row["strategy"] = ""
            return row["run_id"] + "/" + row.pointKey
        }
        var baselines: [String: ResultRow] = [:]
        for row in run.rows where row["strategy"] == strategy { baselines[key(row)] = row }
        var entries: [PointComparison] = []
        var unmatched: [ResultRow] = []
        for row in run.rows where row["strategy"] != strategy {
            if let base = baselines[key(row)] {
                entries.append(PointComparison(baseline: base, candidate: row,
                                               baselineSeries: run.series(for: base), candidateSeries: run.series(for: row)))
            } else {
                unmatched.append(row)
            }
        }
        return Comparison(kind: .withinRun(directory: run.directory.path, strategy: strategy),
                          entries: entries, onlyInBaseline: [], onlyInCandidate: unmatched,
                          baselineSources: run.sources, candidateSources: run.sources, sourceLabels: labels(run))
    }

    /// Entries slower than their baseline by more than `percent` with
    /// confidence (see `PointComparison.isSlower(byMoreThan:)`): what
    /// `compare --fail-above` fails on.
    public func regressions(abovePercent percent: Double) -> [PointComparison] {
        entries.filter { $0.isSlower(byMoreThan: percent) }
    }

    public func sourceLabel(_ runID: String) -> String { sourceLabels[runID] ?? runID }

    private static func uniqueByPointKey(_ run: RunData) throws -> [String: ResultRow] {
        var byKey: [String: ResultRow] = [:]
        for row in run.rows {
            guard byKey[row.pointKey] == nil else {
                throw ReportError.ambiguousPoint(directory: run.directory.path, point: row.pointKey)
            }
            byKey[row.pointKey] = row
        }
        return byKey
    }

    private static func labels(_ run: RunData) -> [String: String] {
        Dictionary(uniqueKeysWithValues: run.sources.map { ($0.runID, run.sourceLabel(runID: $0.runID)) })
    }
}
