// The verdict words for known differences.

import Reports
import ResultsFormat
import SeededRandom
import Testing

/// Repeats of check samples with net median `cost` over a 2.5 ns baseline.
private func series(cost: Double, seed: UInt64) -> [String: [[Double]]] {
    var generator = SeededGenerator(seed: seed)
    var check: [[Double]] = []
    var baseline: [[Double]] = []
    for _ in 0..<3 {
        check.append((0..<60).map { _ in 2.5 + cost * SyntheticRun.noise(&generator) })
        baseline.append((0..<60).map { _ in 2.5 * SyntheticRun.noise(&generator) })
    }
    return ["check": check, "baseline": baseline]
}

private func row(_ strategy: String) -> ResultRow {
    var row = ResultRow()
    row["strategy"] = strategy
    row["depth"] = "4"
    return row
}

/// The leading percentage of a verdict.
private func leadingPercent(_ text: String) -> Double? {
    Double(text.prefix { $0.isNumber || $0 == "." })
}

@Test func twentyPercentFasterIsSaidSo() throws {
    let comparison = PointComparison(baseline: row("hlist"), candidate: row("ancestry"),
                                     baselineSeries: series(cost: 50, seed: 1), candidateSeries: series(cost: 40, seed: 2))
    let text = comparison.verdictText
    #expect(text.hasSuffix("faster (95% confidence)"), "\(text)")
    #expect(text.contains("% +- "))
    let percent = try #require(leadingPercent(text))
    #expect(percent > 18 && percent < 22, "\(text)")
    #expect(comparison.shortVerdict == "faster")
}

@Test func twentyPercentSlowerIsSaidSo() throws {
    let comparison = PointComparison(baseline: row("hlist"), candidate: row("static-slots"),
                                     baselineSeries: series(cost: 50, seed: 3), candidateSeries: series(cost: 60, seed: 4))
    let text = comparison.verdictText
    #expect(text.hasSuffix("slower (95% confidence)"), "\(text)")
    let percent = try #require(leadingPercent(text))
    #expect(percent > 18 && percent < 22, "\(text)")
    #expect(comparison.isSlower(byMoreThan: 10))
    #expect(!comparison.isSlower(byMoreThan: 30))
}

@Test func identicalDistributionsProveNoDifference() {
    let comparison = PointComparison(baseline: row("hlist"), candidate: row("static-slots"),
                                     baselineSeries: series(cost: 50, seed: 5), candidateSeries: series(cost: 50, seed: 6))
    #expect(comparison.verdictText == "no difference proven at 95% confidence")
    #expect(comparison.shortVerdict == "no diff")
}

@Test func pointsWithoutSamplesOrResolvedCostAreNotCompared() {
    var unresolved = row("ns-table")
    unresolved["note"] = "not distinguishable from the empty baseline"
    let noise = PointComparison(baseline: row("hlist"), candidate: unresolved,
                                baselineSeries: series(cost: 50, seed: 7), candidateSeries: series(cost: 0.01, seed: 8))
    #expect(noise.result == nil)
    #expect(noise.verdictText == "not compared: cost not resolved above the empty baseline")
    let missing = PointComparison(baseline: row("hlist"), candidate: row("ancestry"),
                                  baselineSeries: nil, candidateSeries: series(cost: 5, seed: 9))
    #expect(missing.verdictText.contains("no samples"))
}

@Test func summaryCarriesTheVerdicts() throws {
    var synthetic = SyntheticRun()
    synthetic.strategies = ["hlist", "faster", "same"]
    synthetic.cost = { strategy, depth, _ in
        let hlist = 10 + 4 * Double(depth)
        return strategy == "faster" ? 0.8 * hlist : hlist
    }
    let path = try synthetic.write(to: SyntheticRun.temporaryDirectory("verdicts"))
    let text = SummaryReport(run: try RunData.load(path)).text()
    #expect(text.contains("Against hlist (net time per check):"))
    let fasterLines = text.split(separator: "\n").filter { $0.contains("  faster d") }
    #expect(fasterLines.count == 2 * synthetic.depths.count)
    #expect(fasterLines.allSatisfy { $0.hasSuffix("faster (95% confidence)") })
    // Different noise draws of one distribution: a 95% interval may
    // exclude 1 by chance, but not at most points. Depths in a row without
    // a difference share a line ("same d0-d8: ...").
    let sameLines = text.split(separator: "\n").filter { $0.contains("  same d") }
    let proven = sameLines.filter { $0.hasSuffix("% confidence)") }
    #expect(proven.count <= 2)
    #expect(sameLines.count - proven.count >= 1)
    #expect(sameLines.allSatisfy { $0.hasSuffix("(95% confidence)") || $0.hasSuffix("no difference proven at 95% confidence") })
}
