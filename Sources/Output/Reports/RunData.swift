// A results directory loaded for reporting: its rows, its samples, and
// what its meta.json says about the run (or runs, once merged). Reports,
// plots, comparisons and merges all start from one of these, so they all
// agree on how a directory is read and what is missing from it. Only
// whole rows are loaded: a row a crash cut short, or one without its
// decisions digest and fingerprint, is left out and listed in
// `incompleteRows`, for the commands to say so (and merge to refuse).

import Foundation
import ResultsFormat
import Support

/// One run in a results directory: the directory's own run, or one of the
/// runs a merged directory joins.
public struct RunSource: Sendable {
    public let runID: String
    public let host: String
    /// Where the run was read from (for a merged run, where it was merged from).
    public let directory: String
    public let metadata: RunMetadata?
}

public struct RunData: Sendable {
    public let directory: ResultsDirectory
    /// The whole rows of results.csv.
    public let rows: [ResultRow]
    /// The rows left out because they are not whole (ResultsSchema.incompleteness).
    public var incompleteRows: [IncompleteRow] = []
    /// samples.csv by its point key; empty when the file is absent.
    public let samples: [String: [String: [[Double]]]]
    public let hasSamples: Bool
    /// Runs in the order their rows appear.
    public let sources: [RunSource]
    /// True for a directory written by merge (samples keyed by run id too).
    public let isMerged: Bool
    /// Why meta.json could not be used, when it could not.
    public let metadataProblem: String?
    /// The memory-latency ladder of the run, when calibration.csv is there.
    public let calibration: CalibrationLevels?
    /// counters.csv: per point key, each counted event per check, net of
    /// the baseline (every event, including those without a column).
    public var eventCounts: [String: [String: Double]] = [:]
    /// What a report should say about calibration: where the levels come
    /// from, or why there are none.
    public let calibrationNote: String

    /// Reads `path`. Throws when it is not a results directory or its
    /// results.csv is unreadable; a missing samples.csv, meta.json or
    /// calibration.csv only leaves the parts that need them out.
    public static func load(_ path: String) throws -> RunData {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError.noSuchDirectory(path)
        }
        let directory = ResultsDirectory(path)
        guard directory.holdsRun else { throw ReportError.notAResultsDirectory(path) }
        let results = try directory.results()
        let rows = results.rows
        guard !rows.isEmpty else {
            if let first = results.incomplete.first { throw ReportError.incompleteRows(directory: path, rows: [first.description]) }
            throw ReportError.noRows(path)
        }
        let hasSamples = FileManager.default.fileExists(atPath: directory.samplesPath)
        let samples = hasSamples ? try directory.samples() : [:]

        var metadataProblem: String?
        var merged: MergedRunMetadata?
        var single: RunMetadata?
        if FileManager.default.fileExists(atPath: directory.metaPath) {
            do {
                merged = try MergedRunMetadata.readIfMerged(directory.metaPath)
                if merged == nil { single = try RunMetadata.read(directory.metaPath) }
            } catch {
                metadataProblem = "meta.json is unreadable (\(error))"
            }
        } else {
            metadataProblem = "meta.json is absent"
        }
        let sources = Self.sources(rows: rows, path: path, merged: merged, single: single)

        let calibrationPath = path + "/calibration.csv"
        var calibration: CalibrationLevels?
        var calibrationNote: String
        if FileManager.default.fileExists(atPath: calibrationPath) {
            do {
                calibration = try CalibrationLevels.load(path: calibrationPath,
                                                         machineJSON: single?.machine?.json)
                calibrationNote = calibration?.description ?? "calibration.csv holds no ladder points"
            } catch {
                calibrationNote = "calibration.csv is unreadable (\(error))"
            }
        } else {
            calibrationNote = "no calibration.csv in the run directory"
        }
        var data = RunData(directory: directory, rows: rows, samples: samples, hasSamples: hasSamples,
                           sources: sources, isMerged: merged != nil, metadataProblem: metadataProblem,
                           calibration: calibration, calibrationNote: calibrationNote)
        data.incompleteRows = results.incomplete
        if FileManager.default.fileExists(atPath: directory.countersPath) {
            for row in try CSVFile.read(directory.countersPath, requiring: ResultsDirectory.counterColumns).rows {
                guard let point = row["point"], let event = row["event"], let value = row["per_check"].flatMap(Double.init) else { continue }
                data.eventCounts[ResultsSchema.currentPointKey(point), default: [:]][event] = value
            }
        }
        return data
    }

    /// What a command prints about the rows it left out, one line each;
    /// empty when every row is whole.
    public var incompleteRowWarnings: [String] {
        incompleteRows.map { "warning: \($0); left out (resume the run to measure it again: hookbench run --resume \(directory.path))" }
    }

    private static func sources(rows: [ResultRow], path: String, merged: MergedRunMetadata?,
                                single: RunMetadata?) -> [RunSource] {
        var order: [String] = []
        var hostOfRun: [String: String] = [:]
        for row in rows where hostOfRun[row["run_id"]] == nil {
            order.append(row["run_id"])
            hostOfRun[row["run_id"]] = row["host"]
        }
        var known: [String: RunSource] = [:]
        for source in merged?.sources ?? [] {
            known[source.runID] = RunSource(runID: source.runID, host: source.host,
                                            directory: source.directory, metadata: source.metadata)
        }
        if let single {
            known[single.runID] = RunSource(runID: single.runID, host: single.host, directory: path, metadata: single)
        }
        return order.map { runID in
            known[runID] ?? RunSource(runID: runID, host: hostOfRun[runID] ?? "", directory: path,
                                      metadata: single?.runID == runID ? single : nil)
        }
    }

    /// The samples.csv key of `row`.
    public func sampleKey(for row: ResultRow) -> String {
        isMerged ? MergedRunMetadata.sampleKey(runID: row["run_id"], pointKey: row.pointKey) : row.pointKey
    }

    /// The samples of `row` by series ("check", "baseline"), per repeat.
    public func series(for row: ResultRow) -> [String: [[Double]]]? {
        samples[sampleKey(for: row)]
    }

    /// Names a run for plots and tables: its host, or host and run id
    /// when one host contributed several runs.
    public func sourceLabel(runID: String) -> String {
        guard let source = sources.first(where: { $0.runID == runID }) else { return runID }
        let sameHost = sources.filter { $0.host == source.host }.count
        return sameHost > 1 ? "\(source.host) \(runID)" : source.host
    }

    /// Rows and samples of each run separately, samples keyed by the plain
    /// point key as in a single run, for code written for one run.
    public func perSource() -> [(source: RunSource, rows: [ResultRow], samples: [String: [String: [[Double]]]])] {
        sources.map { source in
            let rows = self.rows.filter { $0["run_id"] == source.runID }
            var samples: [String: [String: [[Double]]]] = [:]
            for row in rows { samples[row.pointKey] = series(for: row) }
            return (source, rows, samples)
        }
    }

    /// Each C twin to the Swift strategy it mirrors, as the runs' meta.json
    /// recorded it. Runs written before meta.json recorded twins pair by
    /// the registry's naming rule: "NAME-c" mirrors NAME (a variant such as
    /// hlist-c-retpoline is another design, not a twin).
    public var twins: [String: String] {
        var twins: [String: String] = [:]
        for source in sources { twins.merge(source.metadata?.twins ?? [:]) { first, _ in first } }
        guard sources.contains(where: { $0.metadata?.twins == nil }) else { return twins }
        let names = Set(strategies)
        for name in names where twins[name] == nil && name.hasSuffix("-c") {
            let swift = String(name.dropLast(2))
            if names.contains(swift) { twins[name] = swift }
        }
        return twins
    }

    /// Strategies in the order they first appear in results.csv (the
    /// order the run was asked for).
    public var strategies: [String] { rows.map { $0["strategy"] }.uniqued() }
}
