// Progress of a long run on stderr: a bar redrawn in place on a terminal,
// one plain line per point otherwise (logs, CI), nothing with --quiet.
// Both say how many points are done, how many are left and about how long
// the rest will take; the texts are made by static functions so they can
// be tested without a run.

import Foundation
import ResultsFormat
import Support

public final class ProgressDisplay {
    public enum Style { case bar, lines, quiet }

    private let style: Style
    /// When the first point of this session started: the rate of points
    /// measured since then estimates the time left.
    private var sessionStarted: Date?
    /// Points measured before this session (a resumed run skips them).
    private var alreadyDone: Int?
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
            if sessionStarted == nil {
                sessionStarted = Date()
                // Points are measured in order and a resumed run skips
                // those already measured, which are all before this one.
                alreadyDone = i - 1
            }
            index = i
            total = of
            precision = nil
            current = "\(point.strategy) d\(point.world.depth) \(point.cache.rawValue) \(point.mode.rawValue)"
            draw()
        case .pointFinished(_, let of, let row):
            finished += 1
            total = of
            switch style {
            case .bar: draw()
            case .lines: write(Self.line(counts, row: row) + "\n")
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

    private var counts: Counts {
        let elapsed = sessionStarted.map { Date().timeIntervalSince($0) } ?? 0
        return Counts(done: (alreadyDone ?? 0) + finished, total: total, measuredThisSession: finished, elapsed: elapsed)
    }

    private func draw() {
        guard style == .bar else { return }
        write("\r\u{1B}[K" + Self.bar(counts, now: index, current: current, precision: precision))
    }

    private func write(_ text: String) {
        // Whatever stdout holds goes first, so a log of both stays in order.
        fflush(nil)
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension ProgressDisplay {
    /// Where a run stands.
    public struct Counts: Sendable, Equatable {
        /// Points measured, including those of an earlier session.
        public var done: Int
        public var total: Int
        /// Points measured since this session started, and the seconds it
        /// has taken: the rate that estimates the rest.
        public var measuredThisSession: Int
        public var elapsed: Double

        public init(done: Int, total: Int, measuredThisSession: Int, elapsed: Double) {
            self.done = done
            self.total = total
            self.measuredThisSession = measuredThisSession
            self.elapsed = elapsed
        }

        public var left: Int { max(0, total - done) }

        /// Seconds until every point is measured at this session's rate so
        /// far (points finish in groups, strategies measured together, so
        /// the average over the whole session is the steadiest guide); nil
        /// before the first point of the session has finished.
        public var secondsLeft: Double? {
            guard measuredThisSession > 0, elapsed >= 0 else { return nil }
            return elapsed / Double(measuredThisSession) * Double(left)
        }
    }

    /// "4:05" under an hour, "1:02:03" beyond, "--:--" when unknown.
    public static func clock(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int(seconds.rounded(.up))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let (hours, minutes, rest) = (total / 3600, total % 3600 / 60, total % 60)
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }

    /// "12/432 done, 420 left, about 1:02:03 to go".
    public static func standing(_ counts: Counts) -> String {
        "\(counts.done)/\(counts.total) done, \(counts.left) left, "
            + (counts.left == 0 ? "finished" : "about \(clock(counts.secondsLeft)) to go")
    }

    /// One finished point, as the plain line-per-point mode prints it:
    /// "[12/432 done, 420 left, about 1:02:03 to go] hlist depth 4 hot
    /// throughput: 26.045 ns/check [26.029, 27.116], working set 1.2 KiB".
    public static func line(_ counts: Counts, row: ResultRow) -> String {
        "[\(standing(counts))] \(PointLine.describe(row))"
    }

    /// The terminal bar: "[#####...] 12/432 done, 420 left, about 1:02:03
    /// to go; now 13: hlist d4 hot throughput  CI +-1.2%".
    public static func bar(_ counts: Counts, now index: Int, current: String, precision: Double?) -> String {
        let width = 20
        let filled = counts.total > 0 ? min(width, width * counts.done / counts.total) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let ci = precision.map { "CI +-" + ResultRow.number($0 * 100, digits: 1) + "%" } ?? "CI  --  "
        return "[\(bar)] \(standing(counts)); now \(index): \(current)  \(ci)"
    }
}

/// One finished point in a line.
public enum PointLine {
    public static func describe(_ row: ResultRow) -> String {
        "\(row["strategy"]) depth \(row["depth"]) \(row["cache"]) \(row["mode"]): \(row["ns_per_check"]) ns/check [\(row["ns_ci_low"]), \(row["ns_ci_high"])], working set \(ByteSize.text(row.int("working_set_bytes") ?? 0))"
    }
}
