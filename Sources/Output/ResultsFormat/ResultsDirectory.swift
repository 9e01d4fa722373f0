// A results directory: results.csv (one row per point), samples.csv (every
// timed sample, for comparisons that need more than a median), meta.json.
// Reading it yields only whole rows (ResultsSchema.incompleteness) and
// names the others; every write goes through DurableFile.

import Foundation

/// A row of results.csv that is not whole, and why: left out by every
/// reader, measured again by a resumed run.
public struct IncompleteRow: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// The point the row was for, when its point columns survived.
    public let point: String?
    public let reason: String

    public var description: String {
        "\(file) line \(line): incomplete row\(point.map { " for point \($0)" } ?? ""): \(reason)"
    }
}

/// results.csv as read: the whole rows, and the rows left out.
public struct ResultsFile: Sendable {
    public let header: [String]
    public let rows: [ResultRow]
    public let incomplete: [IncompleteRow]
}

public struct ResultsDirectory: Sendable {
    public let path: String

    public init(_ path: String) { self.path = path }

    public var resultsPath: String { path + "/results.csv" }
    public var samplesPath: String { path + "/samples.csv" }
    public var metaPath: String { path + "/meta.json" }
    public var countersPath: String { path + "/counters.csv" }
    public var summaryPath: String { path + "/summary.txt" }
    public var plotsPath: String { path + "/plots" }

    public static let sampleColumns = ["point", "repeat", "series", "ns_per_check"]
    public static let counterColumns = ["point", "event", "per_check", "coverage"]

    public var holdsRun: Bool { FileManager.default.fileExists(atPath: resultsPath) }

    /// results.csv's whole rows and the ones it had to leave out.
    public func results() throws -> ResultsFile {
        let scan = try CSVFile.scan(resultsPath)
        let header = scan.header
        // Point columns added since version 3 may be absent: such rows read
        // as the defaults older rows measured (ResultsSchema.olderRowDefaults).
        let required = ResultsSchema.pointColumns.filter { ResultsSchema.olderRowDefaults[$0] == nil } + ["ns_per_check"]
        guard required.allSatisfy(header.contains) else {
            throw CSVFileError.wrongHeader(path: resultsPath, expected: required, found: header)
        }
        var rows: [ResultRow] = []
        var incomplete: [IncompleteRow] = []
        for record in scan.body {
            var row = ResultRow(Dictionary(zip(header, record.fields), uniquingKeysWith: { first, _ in first }))
            for (column, value) in ResultsSchema.olderRowDefaults where row.values[column] == nil { row[column] = value }
            if let reason = ResultsSchema.incompleteness(of: record, header: header) {
                let point = ResultsSchema.pointColumns.allSatisfy { row.values[$0] != nil } ? row.pointKey : nil
                incomplete.append(IncompleteRow(file: resultsPath, line: record.line, point: point, reason: reason))
            } else {
                rows.append(row)
            }
        }
        return ResultsFile(header: header, rows: rows, incomplete: incomplete)
    }

    /// The whole rows of results.csv (see `results()` for the others).
    public func rows() throws -> [ResultRow] { try results().rows }

    /// Cuts every incomplete row out of results.csv (a torn tail is cut
    /// off; one elsewhere means rewriting the file), then every line of
    /// samples.csv and counters.csv that is torn or belongs to no whole
    /// row, so the files can be appended to again. Returns what was cut
    /// from results.csv.
    @discardableResult
    public func dropIncompleteRows() throws -> [IncompleteRow] {
        if let header = try CSVFile.scan(resultsPath).records.first, !header.terminated {
            // Stopped while writing the header: nothing was measured yet.
            for path in [resultsPath, samplesPath, countersPath] where FileManager.default.fileExists(atPath: path) {
                try DurableFile.truncate(path, to: 0)
            }
            return [IncompleteRow(file: resultsPath, line: 1, point: nil, reason: "the header was cut short")]
        }
        let file = try results()
        if !file.incomplete.isEmpty {
            try CSVFile.keepOnly(resultsPath) { ResultsSchema.incompleteness(of: $0, header: file.header) == nil }
        }
        let whole = Set(file.rows.map(\.pointKey))
        for (path, columns) in [(samplesPath, Self.sampleColumns), (countersPath, Self.counterColumns)]
        where FileManager.default.fileExists(atPath: path) {
            try CSVFile.keepOnly(path) { $0.fields.count == columns.count && whole.contains($0.fields[0]) }
        }
        return file.incomplete
    }

    /// Every sample of every point, by point key: per repeat, per series
    /// ("check" or "baseline").
    public func samples() throws -> [String: [String: [[Double]]]] {
        var byPoint: [String: [String: [Int: [Double]]]] = [:]
        for row in try CSVFile.read(samplesPath, requiring: Self.sampleColumns).rows {
            guard let written = row["point"], let series = row["series"], let r = row["repeat"].flatMap(Int.init),
                  let ns = row["ns_per_check"].flatMap(Double.init) else { continue }
            let point = ResultsSchema.currentPointKey(written)
            byPoint[point, default: [:]][series, default: [:]][r, default: []].append(ns)
        }
        return byPoint.mapValues { series in series.mapValues { repeats in repeats.keys.sorted().map { repeats[$0]! } } }
    }

    /// Writes `contents` to `file` via a synced temporary file and a
    /// rename, so a reader never sees half a file (DurableFile.replace).
    public func writeAtomically(_ contents: String, to file: String) throws {
        try DurableFile.replace(file, with: contents)
    }
}
