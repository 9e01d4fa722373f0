// Plots: the figures a run gets, the scripts and data written beside them,
// and the images when gnuplot is installed.

import Foundation
import Reports
import Testing

private func richRun(_ name: String) throws -> RunData {
    var synthetic = SyntheticRun()
    synthetic.fillCounters = true
    synthetic.placements = [(0, 0), (0, 1)]
    synthetic.samplesPerRepeat = 20
    return try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory(name)))
}

@Test func figuresFollowWhatTheRunHas() throws {
    let rich = try richRun("figures")
    let stems = PlotFigures.all(rich).map(\.stem)
    #expect(stems == ["ns-per-check-throughput-mem0", "ns-per-check-throughput-mem1",
                      "counters-throughput-hot-mem0", "counters-throughput-cold-mem0",
                      "counters-throughput-hot-mem1", "counters-throughput-cold-mem1",
                      "numa-throughput-hot", "numa-throughput-cold",
                      "twins-throughput-mem0", "twins-throughput-mem1"])

    var plain = SyntheticRun()
    plain.strategies = ["hlist", "flattened"]
    let simple = try RunData.load(try plain.write(to: SyntheticRun.temporaryDirectory("plain")))
    #expect(PlotFigures.all(simple).map(\.stem) == ["ns-per-check-throughput"])
    let panels = PlotFigures.nsPerCheck(simple)[0].panels
    #expect(panels.map(\.title) == ["hot cache", "cold cache"])
    // 5 to 37 ns hot: linear; the cold panel spans the same factor.
    #expect(!panels[0].logY)
}

@Test func logScaleWhenValuesSpanMoreThanTwenty() {
    let wide = PlotPanel(title: "", series: [PlotSeries(label: "a", color: 1, dash: 1, points: [
        PlotPoint(x: 0, y: 1, low: 0.9, high: 1.1), PlotPoint(x: 8, y: 30, low: 29, high: 31),
    ])])
    #expect(wide.logY)
    let narrow = PlotPanel(title: "", series: [PlotSeries(label: "a", color: 1, dash: 1, points: [
        PlotPoint(x: 0, y: 1), PlotPoint(x: 8, y: 19),
    ])])
    #expect(!narrow.logY)
}

@Test func withoutGnuplotScriptsAndDataAreWrittenAndTheUserIsTold() throws {
    let run = try richRun("nognuplot")
    let outcome = try PlotRenderer(gnuplot: Gnuplot.locate(searchPath: "/nonexistent")).render(run)
    #expect(outcome.messages == ["gnuplot not found: install it with apt-get install gnuplot-nox; CSV and summary were still written"])
    #expect(outcome.images.isEmpty)
    #expect(!outcome.scripts.isEmpty && outcome.scripts.count == outcome.dataFiles.count)
    for script in outcome.scripts {
        let text = try String(contentsOfFile: script, encoding: .utf8)
        let stem = URL(fileURLWithPath: script).deletingPathExtension().lastPathComponent
        #expect(text.contains("set output \"\(stem).\" . format"))
        #expect(text.contains("\"\(stem).dat\" index 0"))
        #expect(FileManager.default.fileExists(atPath: run.directory.plotsPath + "/\(stem).dat"))
    }
    let ns = try String(contentsOfFile: run.directory.plotsPath + "/ns-per-check-throughput-mem0.gp", encoding: .utf8)
    // Error bars are drawn solid apart from the (possibly dashed) line.
    #expect(ns.contains("with yerrorbars"))
    #expect(ns.contains("with linespoints"))
}

@Test(.enabled(if: Gnuplot.locate() != nil, "gnuplot is not on the PATH"))
func withGnuplotImagesAreDrawn() throws {
    let gnuplot = try #require(Gnuplot.locate())
    let run = try richRun("gnuplot")
    let outcome = try PlotRenderer(gnuplot: gnuplot).render(run)
    #expect(outcome.messages.isEmpty, "\(outcome.messages)")
    let pngs = outcome.images.filter { $0.hasSuffix(".png") }
    #expect(pngs.count == outcome.scripts.count)
    for image in outcome.images {
        let size = try FileManager.default.attributesOfItem(atPath: image)[.size] as? Int ?? 0
        #expect(size > 0, "\(image) is empty")
    }
}

@Test func asciiPlotMarksEveryStrategy() {
    let marks = AsciiPlot.marks(for: ["hlist", "static-slots", "ancestry", "flattened", "ns-table", "hlist-c"])
    #expect(marks == ["H", "S", "A", "F", "N", "L"])
    let plot = AsciiPlot(series: [
        .init(label: "hlist", mark: "H", points: [(0, 10), (8, 50)]),
        .init(label: "flattened", mark: "F", points: [(0, 8), (8, 9)]),
    ], xLabel: "namespace depth", yLabel: "net ns/check").lines()
    #expect(plot.allSatisfy { $0.count <= 72 })
    #expect(plot.contains { $0.contains("H") && $0.contains("|") })
    #expect(plot.last == "H hlist   F flattened   * several")
}

@Test func aCTwinIsDrawnInItsDesignsColourDashed() throws {
    let styles = PlotStyle.strategies(["hlist", "static-slots", "hlist-c", "hlist-c-retpoline", "static-slots-c", "lone-c"],
                                      twins: ["hlist-c": "hlist", "hlist-c-retpoline": "hlist",
                                              "static-slots-c": "static-slots", "lone-c": "lone"])
    let hlist = try #require(styles["hlist"])
    let twin = try #require(styles["hlist-c"])
    let retpoline = try #require(styles["hlist-c-retpoline"])
    #expect(hlist.dash == 1)
    #expect(twin.color == hlist.color && retpoline.color == hlist.color)
    #expect(twin.dash != 1 && retpoline.dash != 1 && twin.dash != retpoline.dash)
    #expect(styles["static-slots-c"]?.color == styles["static-slots"]?.color)
    #expect(styles["static-slots-c"]?.color != hlist.color)
    // Every series has its own point shape or its own dash.
    let looks = Set(styles.values.map { "\($0.color)/\($0.dash)/\($0.point)" })
    #expect(looks.count == styles.count)
    // A twin without its design in the run is a design of its own.
    #expect(styles["lone-c"]?.dash == 1)
}

@Test func overlappingSeriesAreTellableApart() throws {
    var synthetic = SyntheticRun()
    synthetic.samplesPerRepeat = 10
    let run = try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("styles")))
    let panel = try #require(PlotFigures.nsPerCheck(run).first?.panels.first)
    let series = Dictionary(uniqueKeysWithValues: panel.series.map { ($0.label, $0) })
    let hlist = try #require(series["hlist"])
    let twin = try #require(series["hlist-c"])
    #expect(twin.color == hlist.color && twin.dash != hlist.dash && twin.point != hlist.point)
    #expect(Set(panel.series.map(\.point)).count == panel.series.count)
    // Dodged: each series a little off, all within a fraction of the
    // smallest gap between depths (1), centred on the true depth.
    let offsets = panel.series.map(\.xOffset)
    #expect(Set(offsets).count == offsets.count)
    #expect(offsets.allSatisfy { abs($0) < 0.5 } && abs(offsets.reduce(0, +)) < 1e-9)
    #expect(hlist.points.map(\.x) == [0, 1, 2, 4, 8], "the data keep the true depth")
    let script = GnuplotScript.script(PlotFigures.nsPerCheck(run)[0], formats: [])
    #expect(script.contains("using ($1-0.2000):2:3:4 with yerrorbars lc 1 pt 7 ps 0.9 dt 1 notitle"), "\(script)")
    #expect(script.contains("with linespoints lc 1 pt 6 ps 0.9 dt 2 title \"hlist-c\""), "\(script)")
}

@Test func logAxesGetTicksAtOneTwoFive() {
    #expect(GnuplotScript.logTicks([4.3, 210]) == [2, 5, 10, 20, 50, 100, 200, 500])
    #expect(GnuplotScript.logTicks([0.3, 0.9]) == [0.2, 0.5, 1])
    #expect(GnuplotScript.logTicks([1, 1_000_000]).count <= 14)
}

@Test func aPlotOfSeveralHostsTellsThemApartByDash() throws {
    var first = SyntheticRun()
    first.strategies = ["hlist", "hlist-c"]
    first.depths = [0, 2, 4]
    first.samplesPerRepeat = 10
    var second = first
    second.runID = "20260103-000000-bigiron"
    second.host = "bigiron"
    second.seed = 11
    let out = SyntheticRun.temporaryDirectory("merged-styles") + "/out"
    try RunMerge.merge([try first.write(to: SyntheticRun.temporaryDirectory("s1")),
                        try second.write(to: SyntheticRun.temporaryDirectory("s2"))], into: out)
    let merged = try RunData.load(out)
    let panel = try #require(PlotFigures.nsPerCheck(merged).first?.panels.first)
    let series = Dictionary(uniqueKeysWithValues: panel.series.map { ($0.label, $0) })
    let synth = try #require(series["synth hlist"])
    let bigiron = try #require(series["bigiron hlist"])
    let twin = try #require(series["synth hlist-c"])
    #expect(synth.color == bigiron.color && synth.dash != bigiron.dash)
    #expect(twin.color == synth.color && twin.dash == synth.dash && twin.point != synth.point)
    let digest = SummaryReport(run: merged).digestText()
    #expect(digest.hasPrefix("hookbench: run 20260101-000000-synth, rev test-revision (1 of 2 merged)"), "\(digest)")
    #expect(TextLayout.overlongLines(digest).isEmpty)
}

@Test func churnRowsAreDrawnAgainstTheWriteRateNotDepth() throws {
    var synthetic = SyntheticRun()
    synthetic.strategies = ["hlist", "ns-table"]
    synthetic.depths = [8]
    synthetic.caches = ["hot"]
    synthetic.writeRates = ["0", "1000", "max"]
    let run = try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("churn-plot")))
    let figures = PlotFigures.churn(run)
    let figure = try #require(figures.first)
    #expect(figures.count == 1 && figure.stem == "churn")
    #expect(figure.xTicks.map(\.label) == ["0", "1000", "max"], "the rates, in run order, as the axis")
    let hlist = try #require(figure.panels.first?.series.first { $0.label == "hlist" })
    #expect(hlist.points.map(\.x) == [0, 1, 2], "one point per rate")
    #expect(GnuplotScript.script(figure, formats: []).contains("set xtics (\"0\" 0"))
    #expect(PlotFigures.nsPerCheck(run).isEmpty, "churn rows are left out of the figures against depth")
    synthetic.writeRates = []
    let single = try RunData.load(try synthetic.write(to: SyntheticRun.temporaryDirectory("single-plot")))
    #expect(PlotFigures.churn(single).isEmpty && !PlotFigures.nsPerCheck(single).isEmpty)
}
