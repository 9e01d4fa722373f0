// Why a report, comparison or merge could not be made, each naming the
// directory or value at fault and what was expected instead.

public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// The path does not exist.
    case noSuchDirectory(String)
    /// The path exists but holds no results.csv.
    case notAResultsDirectory(String)
    /// A results.csv with no rows.
    case noRows(String)
    /// Two rows of one directory measured the same point, so a comparison
    /// across runs cannot tell which to use.
    case ambiguousPoint(directory: String, point: String)
    case unknownBaseline(strategy: String, available: [String])
    case outputHoldsRun(String)
    case outputIsSource(String)
    case duplicateRun(runID: String, directories: [String])
    case schemaMismatch(directory: String, found: String, expected: String)
    case cannotWrite(path: String, reason: String)
    /// Rows that are not whole (a run cut short mid-write), which a merge
    /// would pass off as measured points.
    case incompleteRows(directory: String, rows: [String])

    static let expectedContents =
        "a results directory written by 'hookbench run --out DIR' "
        + "(results.csv, and samples.csv and meta.json beside it)"

    public var description: String {
        switch self {
        case .noSuchDirectory(let path):
            return "\(path) does not exist; expected \(Self.expectedContents)"
        case .notAResultsDirectory(let path):
            return "\(path) has no results.csv; expected \(Self.expectedContents)"
        case .noRows(let path):
            return "\(path)/results.csv holds no measured points (only a header); was the run stopped before its first point finished?"
        case .ambiguousPoint(let directory, let point):
            return "\(directory) holds several rows for point \(point) (a merged run?); compare single runs, or compare within the merged run with --baseline"
        case .unknownBaseline(let strategy, let available):
            return "baseline strategy '\(strategy)' is not in this run; strategies present: \(available.joined(separator: ", "))"
        case .outputHoldsRun(let path):
            return "\(path) already holds a run (results.csv exists); choose another --out"
        case .outputIsSource(let path):
            return "\(path) is one of the runs being merged; choose another --out"
        case .duplicateRun(let runID, let directories):
            return "run \(runID) appears more than once (in \(directories.joined(separator: ", "))); merge each run once"
        case .schemaMismatch(let directory, let found, let expected):
            return "\(directory)/results.csv has schema version \(found), this hookbench writes version \(expected); merge runs of one schema version"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .incompleteRows(let directory, let rows):
            return "\(directory) holds \(rows.count == 1 ? "a row that is" : "\(rows.count) rows that are") not whole (\(rows.joined(separator: "; "))); resume that run first (hookbench run --resume \(directory)) so the point is measured again"
        }
    }
}
