// The cost per ancestor level on data that lies on a known line.

import Reports
import ResultsFormat
import Testing

private func rows(intercept: Double, slope: Double, depths: [Int], halfWidth: (Int) -> Double) -> [ResultRow] {
    depths.map { depth in
        var row = ResultRow()
        row["strategy"] = "hlist"
        row["depth"] = "\(depth)"
        let ns = intercept + slope * Double(depth)
        row["ns_per_check"] = ResultRow.number(ns)
        row["ns_ci_low"] = ResultRow.number(ns - halfWidth(depth))
        row["ns_ci_high"] = ResultRow.number(ns + halfWidth(depth))
        row["working_set_bytes"] = "\(1024 * (depth + 1))"
        return row
    }
}

@Test func slopeOfALineIsItsSlope() throws {
    let fit = try #require(DepthSlope(strategy: "hlist", rows: rows(intercept: 3, slope: 2, depths: [0, 1, 2, 4, 8, 16]) { 0.1 + 0.01 * Double($0) }))
    #expect(abs(fit.fit.slope.value - 2) < 1e-6)
    #expect(fit.fit.slope.contains(2))
    #expect(fit.fit.isWeighted)
    #expect(fit.unweightedReason == nil)
    #expect(fit.largestWorkingSetBytes == 17 * 1024)
}

@Test func noisyLineSlopeIntervalCoversTheTruth() throws {
    // Alternating residuals of +-0.3 around 5 + 3 depth.
    var points = rows(intercept: 5, slope: 3, depths: [0, 1, 2, 3, 4, 5, 6, 7]) { _ in 0.5 }
    for index in points.indices {
        let shift = index % 2 == 0 ? 0.3 : -0.3
        for column in ["ns_per_check", "ns_ci_low", "ns_ci_high"] {
            points[index][column] = ResultRow.number(points[index].double(column)! + shift)
        }
    }
    let fit = try #require(DepthSlope(strategy: "hlist", rows: points))
    #expect(fit.fit.slope.contains(3))
    #expect(fit.fit.slope.halfWidth > 0)
}

@Test func zeroWidthIntervalFallsBackToUnweighted() throws {
    let fit = try #require(DepthSlope(strategy: "flattened", rows: rows(intercept: 0, slope: 0, depths: [0, 1, 2]) { _ in 0 }))
    #expect(!fit.fit.isWeighted)
    #expect(fit.unweightedReason != nil)
}

@Test func twoDepthsGiveNoSlope() {
    #expect(DepthSlope(strategy: "hlist", rows: rows(intercept: 1, slope: 1, depths: [0, 8]) { _ in 0.1 }) == nil)
}

@Test func summaryGivesSlopeInNanosecondsAndLoads() throws {
    var synthetic = SyntheticRun()
    synthetic.strategies = ["hlist", "flattened"]
    synthetic.withMachine = true
    synthetic.withCalibration = true
    // hot: 5 + 4 depth; cold: 50 x that, so 200 ns per level = 2 DRAM loads.
    let path = try synthetic.write(to: SyntheticRun.temporaryDirectory("slopes"))
    let run = try RunData.load(path)
    #expect(run.calibration != nil)
    #expect(run.calibrationNote.contains("sysfs cache sizes"))
    let text = SummaryReport(run: run).text()
    #expect(text.contains("Cost per ancestor level"))
    // The synthetic medians lie exactly on their lines: zero-width slopes.
    #expect(text.contains("  hlist      4.000+-0.000 ns = 4.000+-0.000 L1 loads (1.00 ns each)"), "\(text)")
    #expect(text.contains("  hlist      200.000+-0.000 ns = 2.000+-0.000 DRAM loads (100.0 ns each)"))
    #expect(text.contains("  flattened  0.000+-0.000 ns"))
    #expect(text.contains("(cold points flush every line first, so the loads come from DRAM)"))
}

@Test func summaryWithoutCalibrationSaysSo() throws {
    let path = try SyntheticRun().write(to: SyntheticRun.temporaryDirectory("nocalibration"))
    let text = SummaryReport(run: try RunData.load(path)).text()
    #expect(text.contains("Calibration: no calibration.csv in the run directory; costs per level"))
    #expect(!text.contains(" loads ("))
}
