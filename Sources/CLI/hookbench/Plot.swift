import ArgumentParser
import Reports

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a results directory's plots into DIR/plots (PNG, SVG, and their gnuplot scripts and data).",
        discussion: "How to read each plot: docs/plots.md.")

    @Argument(help: "A results directory written by 'hookbench run' (or 'hookbench merge').")
    var directory: String

    func run() throws {
        let data = try LoadedRun.load(directory)
        let outcome = try PlotRenderer().render(
            data, stillWritten: "the gnuplot scripts and data were still written to \(data.directory.plotsPath)")
        PlotCommandOutput.print(outcome)
    }
}
