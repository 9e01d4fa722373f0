// compare: matching points, the table, and --fail-above.

import Reports
import Testing

private func runs(slowdown: Double) throws -> (a: RunData, b: RunData) {
    var a = SyntheticRun()
    a.strategies = ["hlist", "ancestry"]
    a.depths = [0, 4]
    a.caches = ["hot"]
    var b = a
    b.runID = "20260102-000000-other"
    b.host = "other"
    b.seed = 8
    b.depths = [0, 4, 8]
    let base = a.cost
    // hlist at depth 4 is `slowdown` times slower in B; the rest equal.
    b.cost = { strategy, depth, cache in
        base(strategy, depth, cache) * (strategy == "hlist" && depth == 4 ? slowdown : 1)
    }
    return (try RunData.load(try a.write(to: SyntheticRun.temporaryDirectory("a"))),
            try RunData.load(try b.write(to: SyntheticRun.temporaryDirectory("b"))))
}

@Test func failAboveCatchesAConfidentSlowdown() throws {
    let (a, b) = try runs(slowdown: 1.3)
    let comparison = try Comparison.betweenRuns(a, b)
    #expect(comparison.entries.count == 4)
    let failing = comparison.regressions(abovePercent: 10)
    #expect(failing.map { $0.candidate["strategy"] + "/" + $0.candidate["depth"] } == ["hlist/4"])
    #expect(comparison.regressions(abovePercent: 50).isEmpty)
    let text = comparison.text(failAbove: 10)
    #expect(text.contains("FAIL: 1 point is slower by more than 10.0% with 95% confidence"))
    #expect(text.contains("  hlist d4 hot throughput: +30."))
    #expect(TextLayout.overlongLines(text).isEmpty)
}

@Test func failAbovePassesWithoutSlowdown() throws {
    let (a, b) = try runs(slowdown: 1)
    let comparison = try Comparison.betweenRuns(a, b)
    #expect(comparison.regressions(abovePercent: 5).isEmpty)
    #expect(comparison.text(failAbove: 5).contains("OK: no point is slower by more than 5.0% with 95% confidence."))
}

@Test func pointsInOneRunOnlyAreListed() throws {
    let (a, b) = try runs(slowdown: 1)
    let comparison = try Comparison.betweenRuns(a, b)
    #expect(comparison.onlyInBaseline.isEmpty)
    #expect(comparison.onlyInCandidate.map(\.pointKey).count == 2)
    let text = comparison.text()
    #expect(text.contains("Points only in B (2):"))
    #expect(text.contains("  hlist d8"))
    #expect(text.contains("Method: net ns/check samples"))
    #expect(text.contains("hierarchical bootstrap over the repeats"))
    #expect(text.contains("Mann-Whitney"))
    #expect(text.contains("A: run 20260101-000000-synth on synth") || text.contains("run 20260101-000000-synth on synth"))
}

@Test func withinRunComparesWithTheBaselineStrategy() throws {
    var synthetic = SyntheticRun()
    synthetic.strategies = ["hlist", "ancestry", "flattened"]
    let run = try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("within")))
    let comparison = try Comparison.withinRun(run, baseline: "hlist")
    #expect(comparison.entries.count == 2 * synthetic.depths.count * synthetic.caches.count)
    #expect(comparison.entries.allSatisfy { $0.baseline["strategy"] == "hlist" && $0.baseline["depth"] == $0.candidate["depth"] })
    // flattened does not grow with depth: far faster than hlist at depth 8.
    let deep = try #require(comparison.entries.first { $0.candidate["strategy"] == "flattened" && $0.candidate["depth"] == "8" })
    #expect(deep.shortVerdict == "faster")
    #expect(throws: ReportError.unknownBaseline(strategy: "nope", available: ["hlist", "ancestry", "flattened"])) {
        try Comparison.withinRun(run, baseline: "nope")
    }
}
