// The digest that opens summary.txt: one mail screen (at most 60 lines of
// at most 72 ASCII columns) that leads with the cost per ancestor level.

import Foundation
import Reports
import Testing

private func lines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
}

/// The digest's shape: its limits, and the per-level costs before the
/// medians and the verdicts.
private func expectDigestShape(_ digest: String, _ what: String) throws {
    let digestLines = lines(digest)
    #expect(digestLines.count <= SummaryReport.digestLineLimit, "\(what): \(digestLines.count) lines")
    #expect(TextLayout.overlongLines(digest).isEmpty, "\(what): \(TextLayout.overlongLines(digest))")
    #expect(digest.utf8.allSatisfy { $0 < 128 }, "\(what) is not plain ASCII")
    let levels = try #require(digestLines.firstIndex { $0.hasPrefix("Cost per ancestor level") }, "\(what)")
    let medians = try #require(digestLines.firstIndex { $0.hasPrefix("Net ns per check") }, "\(what)")
    let verdicts = try #require(digestLines.firstIndex { $0.hasPrefix("Strongest verdicts") }, "\(what)")
    // Only the run, the machine, what is shown and warnings come first.
    #expect(levels <= 6 && levels < medians && medians < verdicts, "\(what):\n\(digest)")
    #expect(digestLines[levels + 1].hasPrefix("ns per level"))
}

@Test func digestOfAWideSyntheticRunFitsOneMailScreen() throws {
    var synthetic = SyntheticRun()
    synthetic.depths = [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32]
    synthetic.caches = ["hot", "warm", "cold"]
    synthetic.modes = ["throughput", "latency"]
    synthetic.placements = [(0, 0), (0, 1)]
    synthetic.withMachine = true
    synthetic.withCalibration = true
    synthetic.warnings = ["This is a virtual machine: vCPUs are scheduled by the host, so numbers do not represent bare metal."]
    synthetic.strategies = ["hlist", "static-slots", "ancestry", "flattened", "ns-table", "hlist-c", "static-slots-c", "ancestry-c"]
    synthetic.samplesPerRepeat = 12
    let run = try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("digest")))
    let digest = SummaryReport(run: run).digestText()
    try expectDigestShape(digest, "synthetic digest")
    let digestLines = lines(digest)
    // The machine in one line, even when its description is long.
    #expect(digestLines[1].hasPrefix("Xeon Gold 6348 x2 sockets") && digestLines[1].hasSuffix(", ..."), "\(digestLines[1])")
    #expect(digestLines.contains("Warning: This is a virtual machine (see the notes)"))
    // Throughput, the first placement, designs without their C twins, at
    // depths 0, 8 and 32.
    #expect(digestLines.contains { $0.hasPrefix("Shown: throughput, 4 LSMs (2 namespaced)") })
    #expect(digest.replacingOccurrences(of: "\n  ", with: " ").contains("64 tasks, 1 object label, AVC 512:512:16; memory node 0"))
    #expect(!digestLines.contains { $0.hasPrefix("hlist-c") || $0.hasPrefix("ancestry-c") })
    #expect(digestLines.contains { $0.hasPrefix("hot cache") && $0.hasSuffix("depth 32") && $0.contains(" depth 8 ") })
    #expect(digestLines.contains { $0.hasPrefix("loads per level") })
    // hlist: 4 ns a level hot = 4 L1 loads; 200 ns cold = 2 DRAM loads.
    #expect(digestLines.contains { $0.hasPrefix("hlist ") && $0.contains("4.000+-0.000 L1") && $0.contains("2.000+-0.000 DRAM") })
    #expect(digestLines.contains { $0.hasPrefix("  flattened is ") && $0.contains("% faster than hlist at depth 32") })
    #expect(digestLines.contains { $0.contains("comparisons at depths 0, 8, 32:") })
}

@Test func digestShowsTheRealisticLabelCountWhenTheRunHasIt() throws {
    var synthetic = SyntheticRun()
    synthetic.labelCounts = [16, 4096, 65536]
    let run = try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("digest-labels")))
    let digest = SummaryReport(run: run).digestText().replacingOccurrences(of: "\n  ", with: " ")
    #expect(digest.contains("4096 object labels (zipf:1.0)"), "\(digest)")
    #expect(!digest.contains("16 object labels"))

    synthetic.labelCounts = [16, 256]
    let other = try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("digest-labels")))
    // Without the realistic count, the first one the run has.
    #expect(SummaryReport(run: other).digestText().replacingOccurrences(of: "\n  ", with: " ").contains("16 object labels (zipf:1.0)"))
}

@Test func summaryOpensWithTheDigestThenTheMarkedLine() throws {
    var synthetic = SyntheticRun()
    synthetic.withCalibration = true
    let report = SummaryReport(run: try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("opening"))))
    let digest = report.digestText()
    try expectDigestShape(digest, "small digest")
    // Then the full summary as before.
    let text = report.text()
    #expect(text.hasPrefix(digest + "\n" + SummaryReport.digestEnd + "\n\nhookbench summary: run "))
    #expect(TextLayout.overlongLines(text).isEmpty)
}

@Test func digestDepthsAreZeroEightThirtyTwoOrTheNearest() {
    #expect(SummaryReport.digestDepths([0, 1, 2, 4, 8, 16, 24, 32]) == [0, 8, 32])
    #expect(SummaryReport.digestDepths([0, 4, 16]) == [0, 4, 16])
    #expect(SummaryReport.digestDepths([1, 2, 3, 5, 9, 17]) == [1, 5, 17])
    #expect(SummaryReport.digestDepths([8]) == [8])
}

@Test func digestSaysWhatItCannotShow() throws {
    // Two depths: no slope; without samples: no verdicts. Still one screen.
    var synthetic = SyntheticRun()
    synthetic.depths = [0, 8]
    let path = try synthetic.write(to: SyntheticRun.temporaryDirectory("digestbare"))
    try FileManager.default.removeItem(atPath: path + "/samples.csv")
    let digest = SummaryReport(run: try RunData.load(path)).digestText()
    let digestLines = lines(digest)
    #expect(digestLines.count <= SummaryReport.digestLineLimit)
    #expect(TextLayout.overlongLines(digest).isEmpty)
    #expect(digestLines.contains("Cost per ancestor level: needs three or more depths; this run has 2."))
    #expect(digestLines.contains("Verdicts: none (samples.csv is absent)."))
    #expect(digestLines.first { $0.hasPrefix("Cost per ancestor level") } != nil)
}

@Test func digestMarksUnresolvedPointsAndExplainsThemOnce() throws {
    var synthetic = SyntheticRun()
    synthetic.strategies = ["hlist", "ns-table"]
    synthetic.depths = [0, 4, 8, 16, 32]
    synthetic.samplesPerRepeat = 15
    synthetic.cost = { strategy, depth, cache in
        strategy == "ns-table" && cache == "cold" ? 0 : (cache == "cold" ? 50.0 : 1.0) * (5 + 4 * Double(depth))
    }
    let report = SummaryReport(run: try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("digestnr"))))
    let digest = report.digestText()
    let digestLines = lines(digest)
    #expect(digestLines.contains { $0.hasPrefix("ns-table ") && $0.split(separator: " ").dropFirst().allSatisfy { $0 == "n/r" } })
    #expect(digest.contains("n/r: not resolved: the check's cost"))
    // The footnote is in the digest, so the full part does not repeat it.
    #expect(report.text().components(separatedBy: "n/r: not resolved: the check's cost").count == 2)
}

/// The committed reference run of the depth suite, copied to a temporary
/// directory (reports write into the directory they read).
private func referenceRun() throws -> RunData? {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let source = repository.appendingPathComponent("results/reference-depth-vm").path
    guard FileManager.default.fileExists(atPath: source + "/results.csv") else { return nil }
    let copy = SyntheticRun.temporaryDirectory("reference")
    for file in ["results.csv", "samples.csv", "meta.json", "calibration.csv"] {
        try FileManager.default.copyItem(atPath: source + "/" + file, toPath: copy + "/" + file)
    }
    return try RunData.load(copy)
}

@Test func digestOfTheReferenceRunFitsOneMailScreen() throws {
    let run = try #require(try referenceRun(), "results/reference-depth-vm is committed with the repository")
    let digest = SummaryReport(run: run).digestText()
    try expectDigestShape(digest, "reference digest")
    let digestLines = lines(digest)
    #expect(digestLines[1] == "EPYC x1 socket, 2c/2t, 1 node, 6.18.44, tsc, governor n/a, THP madvise")
    #expect(digestLines.contains { $0.hasPrefix("hlist ") && $0.contains("5.49+-0.39") && $0.contains("342.1+-28.3") })
    #expect(digestLines.contains { $0.hasPrefix("cold cache") }, "cold points, measured in latency, have their table")
    #expect(digestLines.contains { $0.hasPrefix("  ns-table is ") && $0.hasSuffix("faster than hlist at depth 32, warm cache") })
}

@Test func coldPointsInLatencyAreShownBesideThroughputAndStillFit() throws {
    var synthetic = SyntheticRun()
    synthetic.depths = [0, 1, 2, 4, 8, 16, 24, 32]
    synthetic.caches = ["hot", "warm", "cold"]
    synthetic.modes = ["throughput", "latency"]
    synthetic.coldOnlyInLatency = true
    synthetic.withMachine = true
    synthetic.withCalibration = true
    synthetic.warnings = ["This is a virtual machine: vCPUs are scheduled by the host, so numbers do not represent bare metal."]
    synthetic.strategies = ["hlist", "static-slots", "ancestry", "flattened", "ns-table", "hlist-c", "hlist-c-retpoline"]
    synthetic.samplesPerRepeat = 12
    let run = try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("digest-cold")))
    let digest = SummaryReport(run: run).digestText()
    try expectDigestShape(digest, "cold in latency")
    #expect(digest.contains("throughput (cold: latency)"))
    #expect(digest.contains("cold cache"), "the cold table is shown from its latency rows")
}
