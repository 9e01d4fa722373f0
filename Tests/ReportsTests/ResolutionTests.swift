// Points whose cost is not resolved above the empty baseline: one rule
// decides which they are, and every report shows them as "n/r", never as
// a number, with one footnote.

import Foundation
import Reports
import ResultsFormat
import Testing

private func row(ns: String, low: String, high: String, note: String = "", resolved: String? = nil) -> ResultRow {
    var row = ResultRow()
    row["strategy"] = "ns-table"
    row["depth"] = "4"
    row["ns_per_check"] = ns
    row["ns_ci_low"] = low
    row["ns_ci_high"] = high
    row["note"] = note
    if let resolved { row.values[Resolution.column] = resolved }
    return row
}

@Test func theRuleDecidesWithoutTheColumn() {
    #expect(!row(ns: "4.333", low: "4.320", high: "4.340").isUnresolved)
    #expect(row(ns: "0.000", low: "0.000", high: "0.000").isUnresolved)
    #expect(row(ns: "0.412", low: "0.000", high: "1.100").isUnresolved)
    #expect(row(ns: "0.412", low: "0.100", high: "1.100", note: "repeat medians 1-2 ns (spread 3.0%); "
        + "not distinguishable from the empty baseline").isUnresolved)
    // No median at all is a missing point ("-"), not an unresolved one.
    #expect(!row(ns: "", low: "", high: "").isUnresolved)
}

@Test func theResolvedColumnWinsWhenPresent() {
    #expect(row(ns: "0.000", low: "0.000", high: "0.000", resolved: "true").isUnresolved == false)
    #expect(row(ns: "4.333", low: "4.320", high: "4.340", resolved: "false").isUnresolved)
    #expect(row(ns: "4.333", low: "4.320", high: "4.340", resolved: "0").isUnresolved)
    // An empty or unknown value falls back to the rule.
    #expect(row(ns: "0.000", low: "0.000", high: "0.000", resolved: "").isUnresolved)
    #expect(!row(ns: "4.333", low: "4.320", high: "4.340", resolved: "maybe").isUnresolved)
}

/// ns-table's cold points and its hot depth-0 point cost nothing the run
/// can resolve (net median and interval at zero, as the runner clamps them).
private func unresolvedRun(_ name: String) throws -> RunData {
    var synthetic = SyntheticRun()
    synthetic.strategies = ["hlist", "ns-table", "hlist-c"]
    synthetic.withCalibration = true
    synthetic.withMachine = true
    synthetic.fillCounters = true
    synthetic.samplesPerRepeat = 20
    synthetic.cost = { strategy, depth, cache in
        if strategy == "ns-table" { return cache == "cold" || depth == 0 ? 0 : 3 }
        return (cache == "cold" ? 50.0 : 1.0) * (5 + 4 * Double(depth))
    }
    return try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory(name)))
}

@Test func unresolvedPointsShowNrEverywhereWithOneFootnote() throws {
    let run = try unresolvedRun("nr")
    let text = SummaryReport(run: run).text()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(text.components(separatedBy: "n/r: not resolved: the check's cost").count == 2, "one footnote")
    // Median tables: every cold ns-table cell, and hot depth 0; never a zero
    // (the digest's slopes, before the marked line, may well be zero).
    let full = lines.drop { $0 != SummaryReport.digestEnd }
    let nsTableRows = full.filter { $0.hasPrefix("ns-table ") }
    #expect(!nsTableRows.isEmpty && !nsTableRows.contains { $0.contains("0.000") }, "\(nsTableRows)")
    #expect(nsTableRows.contains { $0.split(separator: " ").dropFirst().allSatisfy { $0 == "n/r" } })
    #expect(nsTableRows.contains { $0.split(separator: " ").dropFirst().first == "n/r" && $0.contains("+-") })
    // Slopes: cold has no resolved depth; hot leaves depth 0 out.
    #expect(lines.contains { $0.hasPrefix("  ns-table") && $0.contains("n/r (fewer than three depths resolved)") })
    #expect(text.contains("(n/r at d0 left out)"))
    // Verdicts and the ASCII plot.
    #expect(lines.contains("  ns-table d0-d8: n/r, not compared"))
    #expect(text.contains("Not plotted (n/r): N d0,1,2,4,8"))
    // Counters: every counter of an unresolved point.
    #expect(lines.contains { $0.hasPrefix("  ns-table") && $0.split(separator: " ").filter { $0 == "n/r" }.count == 6 })
    #expect(TextLayout.overlongLines(text).isEmpty)
}

@Test func gnuplotLeavesUnresolvedPointsOut() throws {
    let run = try unresolvedRun("nrplot")
    let figure = try #require(PlotFigures.nsPerCheck(run).first)
    let hot = try #require(figure.panels.first { $0.title == "hot cache" })
    let cold = try #require(figure.panels.first { $0.title == "cold cache" })
    let hotTable = try #require(hot.series.first { $0.label == "ns-table" })
    #expect(hotTable.points.map(\.x) == [1, 2, 4, 8])
    #expect(!cold.series.contains { $0.label == "ns-table" })
    #expect(cold.logY == false || cold.series.allSatisfy { $0.points.allSatisfy { ($0.low ?? 1) > 0 } })
}

@Test func twinRatiosOfUnresolvedPointsAreNr() throws {
    var synthetic = SyntheticRun()
    synthetic.strategies = ["hlist", "hlist-c"]
    synthetic.samplesPerRepeat = 20
    synthetic.cost = { _, depth, cache in cache == "cold" && depth == 0 ? 0 : 5 + Double(depth) }
    let run = try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("nrtwins")))
    let ratios = TwinRatios(rows: run.rows, samples: run.samples, twins: run.twins)
    let unresolved = ratios.ratios.filter(\.isUnresolved)
    #expect(unresolved.count == 1)
    #expect(unresolved.allSatisfy { $0.comparison == nil && !$0.isHotPathBug })
    #expect(ratios.lines.contains("hlist/hlist-c depth 0 cold throughput: n/r"))
}
