// A results directory: results.csv (one row per point), samples.csv (every
// timed sample, for comparisons that need more than a median), meta.json.

import Foundation

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

    public func rows() throws -> [ResultRow] {
        try CSVFile.read(resultsPath, requiring: ResultsSchema.pointColumns + ["ns_per_check"]).rows.map(ResultRow.init)
    }

    /// Every sample of every point, by point key: per repeat, per series
    /// ("check" or "baseline").
    public func samples() throws -> [String: [String: [[Double]]]] {
        var byPoint: [String: [String: [Int: [Double]]]] = [:]
        for row in try CSVFile.read(samplesPath, requiring: Self.sampleColumns).rows {
            guard let point = row["point"], let series = row["series"], let r = row["repeat"].flatMap(Int.init),
                  let ns = row["ns_per_check"].flatMap(Double.init) else { continue }
            byPoint[point, default: [:]][series, default: [:]][r, default: []].append(ns)
        }
        return byPoint.mapValues { series in series.mapValues { repeats in repeats.keys.sorted().map { repeats[$0]! } } }
    }

    /// Writes `contents` to `name` in the directory via a temporary file
    /// and a rename, so a reader never sees half a file.
    public func writeAtomically(_ contents: String, to file: String) throws {
        let temporary = file + ".partial"
        try contents.write(toFile: temporary, atomically: false, encoding: .utf8)
        if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
        try FileManager.default.moveItem(atPath: temporary, toPath: file)
    }
}
