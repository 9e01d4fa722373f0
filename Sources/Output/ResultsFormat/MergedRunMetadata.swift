// meta.json of a merged results directory: which runs it joins, each with
// the meta.json it had, so every machine's description, configuration and
// warnings survive the merge.
//
// samples.csv of a merged directory names each point "RUN_ID/POINT_KEY"
// (the row's run_id, a slash, then its results.csv point key): runs from
// different machines measure the same points, and the run id is what makes
// their keys unique again. Run ids are "yyyyMMdd-HHmmss-host", never
// containing "/", so the first slash separates the two parts.

import Foundation

public struct MergedRunMetadata: Codable, Sendable {
    public struct Source: Codable, Sendable {
        /// The directory the run was merged from, as given to merge.
        public var directory: String
        public var runID: String
        public var host: String
        public var rows: Int
        /// The run's own meta.json; nil when it had none.
        public var metadata: RunMetadata?

        public init(directory: String, runID: String, host: String, rows: Int, metadata: RunMetadata?) {
            self.directory = directory
            self.runID = runID
            self.host = host
            self.rows = rows
            self.metadata = metadata
        }
    }

    public var schemaVersion = ResultsSchema.version
    /// When the merge was made (ISO 8601).
    public var merged: String
    public var command: [String]
    /// How samples.csv names points, for readers of the files.
    public var sampleKeys = "samples.csv point = run_id + \"/\" + results.csv point key"
    public var sources: [Source]

    public init(merged: String, command: [String], sources: [Source]) {
        self.merged = merged
        self.command = command
        self.sources = sources
    }

    /// The samples.csv key of a merged row.
    public static func sampleKey(runID: String, pointKey: String) -> String {
        runID + "/" + pointKey
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// The merged metadata in `path`, or nil when the file is a single
    /// run's meta.json (it has no "sources").
    public static func readIfMerged(_ path: String) throws -> MergedRunMetadata? {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard object?["sources"] != nil else { return nil }
        return try JSONDecoder().decode(MergedRunMetadata.self, from: data)
    }
}
