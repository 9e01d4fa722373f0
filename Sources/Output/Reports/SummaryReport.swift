// summary.txt: a run in plain text that a kernel developer can paste into
// an email to a mailing list: ASCII only, no line over 72 columns. It
// opens with a digest of one mail screen (Summary+Digest.swift) and a
// marked line; then, in full, one section per panel (cache state x mode,
// and any other point column the run varied): the median table, the
// caches' hit rates and memory, an ASCII plot, the cost per ancestor level, and each strategy against the
// baseline strategy; then the Swift/C twins and the notes a reviewer
// needs to trust the numbers. Write-side rows (op other than check) get
// their own section after the panels (Summary+WriteSide.swift).
//
// The sections live in Summary+*.swift; this file orders them.

import Foundation
import ResultsFormat

public struct SummaryReport: Sendable {
    public let run: RunData
    /// The strategy every other one is compared with.
    public let baseline: String

    public static let defaultBaseline = "hlist"

    /// kernel.csv of a `hookbench kernel` run on the same machine: the
    /// summary then sets the designs beside open() and stat().
    public let kernel: [KernelRow]?

    public init(run: RunData, baseline: String = SummaryReport.defaultBaseline, kernel: [KernelRow]? = nil) {
        self.run = run
        self.baseline = baseline
        self.kernel = kernel
    }

    /// The whole summary, newline-terminated.
    public func text() -> String {
        // Checks in panels; the write side in a section of its own.
        let checkRows = run.rows.filter { !$0.isWriteSide }
        let panelColumns = PointPanels.panelColumns(checkRows)
        // Other varying columns outermost, then mode and cache as the run
        // measured them; NUMA placements and the runs of a merge innermost,
        // so that local and remote, or two machines, come side by side.
        let innermost = ["cpu_node", "mem_node", "run_id"]
        let outermost = panelColumns.filter { !["cache", "mode"].contains($0) && !innermost.contains($0) } + ["mode", "cache"]
        let panels = PointPanels.interleaved(PointPanels.group(checkRows, by: panelColumns),
                                             columns: panelColumns, outermost: outermost)
        let comparison = verdictComparison()
        let marks = Dictionary(uniqueKeysWithValues: zip(run.strategies, AsciiPlot.marks(for: run.strategies)))

        // The digest first, for the email; then everything in full. The
        // footnote explaining n/r is given once: in the digest when it
        // shows one, else with the full tables.
        let digest = digest(comparisons: comparison.map(\.entries))
        var lines = digest.lines + ["", Self.digestEnd, ""]
        lines += headerLines(comparison: comparison, explainUnresolved: !digest.showsUnresolved)
        for panel in panels {
            lines.append("")
            lines += TextLayout.wrap("== " + PointPanels.title(columns: panelColumns, values: panel.values,
                                                               sourceLabel: run.sourceLabel) + " ==")
            lines += medianTableLines(panel)
            lines += cacheTableLines(panel)
            lines.append("")
            lines += plotLines(panel, marks: marks)
            lines += slopeLines(panel)
            if case .success(let comparison) = comparison { lines += verdictLines(panel, comparison) }
            lines += counterLines(panel)
        }
        lines += writeSideLines()
        lines += churnLines()
        lines += loadModelLines()
        if let kernel { lines += [""] + KernelSummary(rows: kernel).againstTheKernelLines(run) }
        lines += twinLines()
        lines += noteLines()
        // The wrapping above keeps every line within 72 columns; this is
        // the guarantee in one place should a section miss a case.
        let text = lines.flatMap { $0.count > TextLayout.width ? TextLayout.wrap($0) : [$0] }
        return text.joined(separator: "\n") + "\n"
    }

    /// The digest alone (what opens summary.txt), newline-terminated:
    /// `hookbench report DIR --digest`.
    public func digestText() -> String {
        let lines = digest(comparisons: digestComparison()).lines
        return lines.flatMap { $0.count > TextLayout.width ? TextLayout.wrap($0) : [$0] }.joined(separator: "\n") + "\n"
    }

    /// Writes summary.txt into the run directory (atomically).
    @discardableResult
    public func write() throws -> String {
        let path = run.directory.summaryPath
        do {
            try run.directory.writeAtomically(text(), to: path)
        } catch {
            throw ReportError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        return path
    }

    /// Each strategy against the baseline, or why there are no verdicts.
    func verdictComparison() -> Result<Comparison, VerdictsUnavailable> {
        guard run.hasSamples else { return .failure(VerdictsUnavailable("samples.csv is absent")) }
        do {
            return .success(try Comparison.withinRun(run, baseline: baseline))
        } catch {
            return .failure(VerdictsUnavailable("\(error)"))
        }
    }

    struct VerdictsUnavailable: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
