// merge: rows of every source kept, sample keys made unique, sources listed.

import Foundation
import Reports
import ResultsFormat
import Testing

private func twoRuns() throws -> (first: String, second: String) {
    var first = SyntheticRun()
    first.strategies = ["hlist", "flattened"]
    first.depths = [0, 2, 4]
    var second = first
    second.runID = "20260103-000000-bigiron"
    second.host = "bigiron"
    second.seed = 11
    return (try first.write(to: SyntheticRun.temporaryDirectory("m1")),
            try second.write(to: SyntheticRun.temporaryDirectory("m2")))
}

@Test func mergeKeepsRowsAndSamplesOfBothSources() throws {
    let (first, second) = try twoRuns()
    let out = SyntheticRun.temporaryDirectory("merged") + "/out"
    let outcome = try RunMerge.merge([first, second], into: out, command: ["hookbench", "merge"])
    let merged = try RunData.load(out)
    let a = try RunData.load(first)
    let b = try RunData.load(second)
    #expect(outcome.rows == a.rows.count + b.rows.count)
    #expect(merged.rows.count == a.rows.count + b.rows.count)
    #expect(Set(merged.rows.map { $0["host"] }) == ["synth", "bigiron"])
    #expect(merged.rows.filter { $0["host"] == "bigiron" } == b.rows)
    #expect(merged.isMerged)
    #expect(merged.sources.map(\.runID) == ["20260101-000000-synth", "20260103-000000-bigiron"])
    #expect(merged.sources.allSatisfy { $0.metadata != nil })
    // Every row finds its own samples, unchanged, under RUN_ID/POINT_KEY.
    for row in merged.rows {
        let source = row["host"] == "bigiron" ? b : a
        #expect(merged.series(for: row)?["check"] == source.series(for: row)?["check"])
    }
    #expect(merged.samples.keys.allSatisfy { $0.hasPrefix("20260101-000000-synth/") || $0.hasPrefix("20260103-000000-bigiron/") })
    let meta = try #require(try MergedRunMetadata.readIfMerged(out + "/meta.json"))
    #expect(meta.sources.map(\.directory) == [first, second])
    #expect(meta.sources.map(\.rows) == [a.rows.count, b.rows.count])
}

@Test func mergedRunReportsOneLinePerHostAndStrategy() throws {
    let (first, second) = try twoRuns()
    let out = SyntheticRun.temporaryDirectory("merged-plots") + "/out"
    try RunMerge.merge([first, second], into: out)
    let merged = try RunData.load(out)
    let figure = try #require(PlotFigures.nsPerCheck(merged).first)
    #expect(Set(figure.panels[0].series.map(\.label)) == ["synth hlist", "synth flattened", "bigiron hlist", "bigiron flattened"])
    let text = SummaryReport(run: merged).text()
    #expect(text.contains("== hot cache, throughput, synth =="))
    #expect(text.contains("== hot cache, throughput, bigiron =="))
    #expect(TextLayout.overlongLines(text).isEmpty)
}

@Test func mergeRefusesAnOutputThatHoldsARun() throws {
    let (first, second) = try twoRuns()
    #expect(throws: ReportError.outputHoldsRun(first)) { try RunMerge.merge([second, first], into: first) }
    let out = SyntheticRun.temporaryDirectory("merged-twice") + "/out"
    try RunMerge.merge([first, second], into: out)
    #expect(throws: ReportError.outputHoldsRun(out)) { try RunMerge.merge([first, second], into: out) }
}

@Test func mergeRefusesTheSameRunTwice() throws {
    let (first, _) = try twoRuns()
    let copy = SyntheticRun.temporaryDirectory("copy")
    try FileManager.default.removeItem(atPath: copy)
    try FileManager.default.copyItem(atPath: first, toPath: copy)
    let out = SyntheticRun.temporaryDirectory("dup") + "/out"
    #expect(throws: ReportError.duplicateRun(runID: "20260101-000000-synth", directories: [first, copy])) {
        try RunMerge.merge([first, copy], into: out)
    }
    #expect(!FileManager.default.fileExists(atPath: out + "/results.csv"))
}
