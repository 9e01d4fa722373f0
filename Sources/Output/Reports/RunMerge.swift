// Joins runs (typically from several machines) into one results directory:
// every row as it was (host and fingerprint included), every sample under
// a key made unique by its run id (see MergedRunMetadata), and a meta.json
// that lists each source with its own meta.json. Reports, plots and
// within-run comparisons then work on the merged directory as on one run,
// one line or panel per host.

import Foundation
import ResultsFormat

public struct MergeOutcome: Sendable {
    public let directory: String
    public let rows: Int
    public let samples: Int
    public let sources: [MergedRunMetadata.Source]
}

public enum RunMerge {
    /// Merges `paths` into `out`, which must not hold a run yet. A source
    /// that is itself a merge contributes its runs, so merges can be merged.
    public static func merge(_ paths: [String], into out: String, command: [String] = []) throws -> MergeOutcome {
        let output = ResultsDirectory(out)
        guard !output.holdsRun else { throw ReportError.outputHoldsRun(out) }
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        for path in paths where URL(fileURLWithPath: path).standardizedFileURL == outURL {
            throw ReportError.outputIsSource(path)
        }
        let runs = try paths.map(RunData.load)
        // A merged directory keeps only whole rows, with fresh checksums: a
        // source's incomplete row would vanish without a trace, so refuse.
        for run in runs where !run.incompleteRows.isEmpty {
            throw ReportError.incompleteRows(directory: run.directory.path, rows: run.incompleteRows.map(\.description))
        }

        var seen: [String: String] = [:]
        var sources: [MergedRunMetadata.Source] = []
        for run in runs {
            for row in run.rows {
                let version = row["schema_version"]
                guard version == ResultsSchema.version else {
                    throw ReportError.schemaMismatch(directory: run.directory.path, found: version, expected: ResultsSchema.version)
                }
            }
            for source in run.sources {
                if let earlier = seen[source.runID] {
                    throw ReportError.duplicateRun(runID: source.runID, directories: [earlier, run.directory.path])
                }
                seen[source.runID] = run.directory.path
                let rows = run.rows.filter { $0["run_id"] == source.runID }.count
                sources.append(MergedRunMetadata.Source(directory: run.isMerged ? source.directory : run.directory.path,
                                                        runID: source.runID, host: source.host, rows: rows,
                                                        metadata: source.metadata))
            }
        }

        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: out, reason: error.localizedDescription)
        }
        // Samples first and results.csv last: a directory "holds a run"
        // once results.csv exists, so a failed merge can be retried.
        var sampleCount = 0
        var samples = try CSVFile.line(ResultsDirectory.sampleColumns)
        for run in runs {
            for row in run.rows {
                let key = MergedRunMetadata.sampleKey(runID: row["run_id"], pointKey: row.pointKey)
                for series in ["check", "baseline"] {
                    for (index, values) in (run.series(for: row)?[series] ?? []).enumerated() {
                        for value in values {
                            samples += try CSVFile.line([key, "\(index)", series, ResultRow.number(value, digits: 4)])
                            sampleCount += 1
                        }
                    }
                }
            }
        }
        var results = try CSVFile.line(ResultsSchema.columns)
        for run in runs {
            for row in run.rows { results += try CSVFile.line(row.fields) }
        }
        let metadata = MergedRunMetadata(merged: RunMetadata.timestamp(), command: command, sources: sources)
        do {
            try output.writeAtomically(samples, to: output.samplesPath)
            try output.writeAtomically(try metadata.json(), to: output.metaPath)
            try output.writeAtomically(results, to: output.resultsPath)
        } catch let error as ResultsWriteError {
            throw ReportError.cannotWrite(path: error.path, reason: error.reason)
        } catch {
            throw ReportError.cannotWrite(path: out, reason: "\(error)")
        }
        return MergeOutcome(directory: out, rows: runs.reduce(0) { $0 + $1.rows.count }, samples: sampleCount,
                            sources: sources)
    }
}
