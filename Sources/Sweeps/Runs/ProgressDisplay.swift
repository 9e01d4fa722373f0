// Progress of a long run on stderr: a bar redrawn in place on a terminal,
// one plain line per point otherwise (logs, CI), nothing with --quiet.

import Foundation
import ResultsFormat
import Support

public final class ProgressDisplay {
    public enum Style { case bar, lines, quiet }

    private let style: Style
    private let started = Date()
    private var finished = 0
    private var current = ""
    private var index = 0
    private var total = 0
    private var precision: Double?

    public init(quiet: Bool) {
        style = quiet ? .quiet : isatty(STDERR_FILENO) != 0 ? .bar : .lines
    }

    public func handle(_ event: RunEvent) {
        switch event {
        case .started(let planned, _):
            total = planned
        case .pointStarted(let i, let of, let point):
            index = i
            total = of
            precision = nil
            current = "\(point.strategy) d\(point.world.depth) \(point.cache.rawValue) \(point.mode.rawValue)"
            draw()
        case .pointFinished(let i, let of, let row):
            finished += 1
            switch style {
            case .bar: draw()
            case .lines: write("[\(i)/\(of)] \(PointLine.describe(row))\n")
            case .quiet: break
            }
        case .pointSkipped:
            break
        }
    }

    /// The relative CI half-width of the point being sampled.
    public func precision(_ width: Double) {
        precision = width
        if style == .bar { draw() }
    }

    public func finish() {
        if style == .bar { write("\n") }
    }

    private var eta: String {
        guard finished > 0 else { return "--:--" }
        // Points finish in groups (strategies measured together), so the
        // average over the whole run so far is the steadiest guide.
        let remaining = Int(Date().timeIntervalSince(started) / Double(finished) * Double(max(0, total - finished)))
        return String(format: "%d:%02d", remaining / 60, remaining % 60)
    }

    private func draw() {
        guard style == .bar else { return }
        let width = 24
        let filled = total > 0 ? width * finished / total : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let ci = precision.map { "CI +-" + FixedPoint.percent(ofFraction: $0) } ?? "CI  --  "
        let text = "[\(bar)] \(finished)/\(total) done, now \(index): \(current)  \(ci)  ETA \(eta)"
        write("\r\u{1B}[K" + text)
    }

    private func write(_ text: String) {
        // Whatever stdout holds goes first, so a log of both stays in order.
        fflush(nil)
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// One finished point in a line.
public enum PointLine {
    public static func describe(_ row: ResultRow) -> String {
        "\(row["strategy"]) depth \(row["depth"]) \(row["cache"]) \(row["mode"]): \(row["ns_per_check"]) ns/check [\(row["ns_ci_low"]), \(row["ns_ci_high"])], working set \(ByteSize.text(row.int("working_set_bytes") ?? 0))"
    }
}
