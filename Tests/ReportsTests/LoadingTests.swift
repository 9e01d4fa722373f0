// What a user is told when a directory is not a results directory.

import Foundation
import Reports
import ResultsFormat
import Testing

@Test func directoryWithoutResultsIsNamedWithWhatIsExpected() throws {
    let empty = SyntheticRun.temporaryDirectory("empty")
    #expect(throws: ReportError.notAResultsDirectory(empty)) { try RunData.load(empty) }
    let message = ReportError.notAResultsDirectory(empty).description
    #expect(message == "\(empty) has no results.csv; expected a results directory written by 'hookbench run --out DIR' (results.csv, and samples.csv and meta.json beside it)")
}

@Test func missingDirectoryIsNamed() {
    let path = "/nonexistent/hookbench-run"
    #expect(throws: ReportError.noSuchDirectory(path)) { try RunData.load(path) }
    #expect(ReportError.noSuchDirectory(path).description.hasPrefix("/nonexistent/hookbench-run does not exist; expected a results directory"))
}

@Test func headerOnlyResultsAreRefused() throws {
    let path = SyntheticRun.temporaryDirectory("header")
    try (try CSVFile.line(ResultsSchema.columns)).write(toFile: path + "/results.csv", atomically: true, encoding: .utf8)
    #expect(throws: ReportError.noRows(path)) { try RunData.load(path) }
}

@Test func interruptedRunIsNoted() throws {
    let synthetic = SyntheticRun()
    let path = try synthetic.write(to: SyntheticRun.temporaryDirectory("interrupted"))
    var metadata = try RunMetadata.read(path + "/meta.json")
    metadata.interrupted = "SIGINT"
    metadata.plannedPoints = 100
    try metadata.json().write(toFile: path + "/meta.json", atomically: true, encoding: .utf8)
    let text = SummaryReport(run: try RunData.load(path)).text()
    #expect(text.contains("INTERRUPTED (SIGINT): \(metadata.completedPoints) of 100 points measured."))
    #expect(text.contains("Counters: none recorded; requested cycles, instructions."))
    #expect(text.contains("perf_event_paranoid"))
}
