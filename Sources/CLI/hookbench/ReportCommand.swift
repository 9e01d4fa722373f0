import ArgumentParser
import Foundation
import Reports
import ResultsFormat

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite summary.txt and plots/ from a results directory.",
        discussion: """
            summary.txt is plain text of at most 72 columns, for a mailing-list email; it opens \
            with a digest of one mail screen, which --digest prints alone. \
            plots/ holds PNG and SVG images with the gnuplot scripts and data that made them. \
            See docs/plots.md and docs/methodology.md.
            """)

    @Argument(help: "A results directory written by 'hookbench run' (or 'hookbench merge', or 'hookbench kernel').")
    var directory: String

    @Option(help: "Strategy every other strategy is compared with (default: \(SummaryReport.defaultBaseline), when the run has it).")
    var baseline: String?

    @Flag(help: "Print only the digest that opens summary.txt (one mail screen, ready to paste) and write nothing.")
    var digest = false

    @Option(help: "With a 'hookbench kernel' directory: a run whose designs its summary sets beside open() and stat().")
    var compare: String?

    @Option(help: "A 'hookbench kernel' results directory of the same machine: the summary sets each design beside its open() and stat().")
    var kernel: String?

    func run() throws {
        if try rewriteKernelSummary() { return }
        let data = try LoadedRun.load(directory)
        if let baseline, !data.strategies.contains(baseline) {
            throw ReportError.unknownBaseline(strategy: baseline, available: data.strategies)
        }
        let kernelRows: [KernelRow]?
        do { kernelRows = try kernel.map { try KernelRow.read($0 + "/kernel.csv") } } catch {
            throw ValidationError("--kernel \(kernel!): \(error); give a directory written by 'hookbench kernel'")
        }
        let report = SummaryReport(run: data, baseline: baseline ?? SummaryReport.defaultBaseline, kernel: kernelRows)
        if digest {
            print(report.digestText(), terminator: "")
            return
        }
        let summary = try report.write()
        print("summary: \(summary)")
        PlotCommandOutput.print(try PlotRenderer().render(data))
    }

    /// A 'hookbench kernel' directory (kernel.csv, no results.csv): its
    /// summary written again, beside `--compare`'s designs when given.
    private func rewriteKernelSummary() throws -> Bool {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: directory + "/results.csv"),
              manager.fileExists(atPath: directory + "/kernel.csv") else { return false }
        let rows = try KernelRow.read(directory + "/kernel.csv")
        let designs = try compare.map { try LoadedRun.load($0) }
        print("summary: \(try KernelSummary.write(directory: directory, rows: rows, designs: designs))")
        return true
    }

    /// summary.txt and plots/ after a run or merge. Problems are printed,
    /// not thrown: the CSV files are already safe, and 'hookbench report'
    /// can make the rest again.
    static func writeAfterwards(_ directory: String) {
        do {
            let data = try LoadedRun.load(directory)
            print("summary: \(try SummaryReport(run: data).write())")
            PlotCommandOutput.print(try PlotRenderer().render(data))
        } catch {
            print("summary and plots not written: \(error); 'hookbench report \(directory)' makes them again")
        }
    }
}

/// What the commands that draw plots print about them.
enum PlotCommandOutput {
    static func print(_ outcome: PlotOutcome) {
        for message in outcome.messages { Swift.print(message) }
        if !outcome.images.isEmpty {
            Swift.print("plots: \(outcome.images.count) images in \(outcome.directory)")
        } else if !outcome.scripts.isEmpty {
            Swift.print("plot scripts and data: \(outcome.scripts.count) .gp files in \(outcome.directory)")
        }
    }
}
