// A PlotFigure as gnuplot input: STEM.dat (one block per panel and series,
// addressed with "index N", true x values) and STEM.gp, which draws every
// panel into STEM.png and STEM.svg (series dodged slightly along x, the
// y range fitted to the data). Both stay beside the images so users can
// restyle a plot and re-run it with "gnuplot STEM.gp" in the plots
// directory.

import Foundation
import Support

public enum GnuplotScript {
    /// An output format and the terminal line that makes it.
    public struct Format: Sendable, Equatable {
        public let fileExtension: String
        public let terminal: String
    }

    /// PNG (cairo when available, else libgd) and SVG, as far as this
    /// gnuplot has them; Debian's gnuplot-nox has pngcairo and svg.
    public static func formats(terminals: Set<String>) -> [Format] {
        var formats: [Format] = []
        if terminals.contains("pngcairo") {
            formats.append(Format(fileExtension: "png", terminal: "pngcairo noenhanced size %W%,%H% font \",10\""))
        } else if terminals.contains("png") {
            formats.append(Format(fileExtension: "png", terminal: "png noenhanced size %W%,%H%"))
        }
        if terminals.contains("svg") {
            formats.append(Format(fileExtension: "svg", terminal: "svg noenhanced size %W%,%H% dynamic font \",10\""))
        }
        return formats
    }

    /// The layout: up to three panels a row.
    static func grid(_ figure: PlotFigure) -> (columns: Int, rows: Int) {
        let columns = min(3, max(1, figure.panels.count))
        return (columns, (figure.panels.count + columns - 1) / columns)
    }

    /// The data file: per block a comment naming it, then "x y low high"
    /// lines (low and high equal y where there is no interval); blocks are
    /// separated by two blank lines, as gnuplot's index expects.
    public static func data(_ figure: PlotFigure) -> String {
        var text = "# \(figure.title)\n# columns: x y y_low y_high (x: \(figure.xLabel); y: \(figure.yLabel))\n"
        var index = 0
        for panel in figure.panels {
            for series in panel.series {
                if index > 0 { text += "\n\n" }
                text += "# index \(index): panel \"\(panel.title)\", series \"\(series.label)\"\n"
                for point in series.points {
                    text += "\(point.x) \(point.y) \(point.low ?? point.y) \(point.high ?? point.y)\n"
                }
                index += 1
            }
        }
        return text
    }

    public static func script(_ figure: PlotFigure, formats: [Format]) -> String {
        let (columns, rows) = grid(figure)
        // The key goes below each panel (inside, it hides lines), in two
        // columns; room for it grows with the longest key.
        let keyEntries = (figure.panels.map { $0.series.count + $0.references.count }.max() ?? 0)
        let keyLines = (keyEntries + 1) / 2 + 1
        let width = 560 * columns
        let height = (400 + 16 * keyLines) * rows + 40
        let names = formats.map(\.fileExtension).joined(separator: " ")
        let palette = Self.palette.enumerated().map { "set linetype \($0.offset + 1) lc rgb \"\($0.element)\" lw 1.5" }
            .joined(separator: "\n")
        var text = """
            # \(figure.title)
            # Written by hookbench from results.csv; data in \(figure.stem).dat (one block
            # per panel and series, "index N"; columns x y y_low y_high).
            # Restyle freely, then re-run in this directory: gnuplot \(figure.stem).gp

            # Colour-blind-safe colours (Okabe-Ito), one per strategy or placement.
            \(palette)

            do for [format in "\(names)"] {

            """
        for format in formats {
            let terminal = format.terminal.replacingPlaceholder("%W%", "\(width)").replacingPlaceholder("%H%", "\(height)")
            text += "    if (format eq \"\(format.fileExtension)\") { set terminal \(terminal) }\n"
        }
        text += """
                set output "\(figure.stem)." . format
                set multiplot layout \(rows),\(columns) title "\(quoted(figure.title))"
                set grid
                set key below maxrows \(max(1, keyLines - 1)) font ",9" samplen 3 spacing 1.1
                set autoscale xfix
                set autoscale yfix
                set offsets graph 0.03, graph 0.03, graph 0.06, graph 0.04
                set bars small
                set xlabel "\(quoted(figure.xLabel))"
                set ylabel "\(quoted(figure.yLabel))"
                set xtics \(figure.xTicks.isEmpty ? "auto" : "(" + figure.xTicks.map { "\"\(quoted($0.label))\" \(FixedPoint.text($0.x, decimals: 4))" }.joined(separator: ", ") + ")")

            """
        var index = 0
        for panel in figure.panels {
            text += "    set title \"\(quoted(panel.title))\"\n"
            if panel.logY {
                // Decades alone leave a short log axis with one or two labels.
                let ticks = Self.logTicks(panel.series.flatMap { $0.points.flatMap { [$0.low ?? $0.y, $0.high ?? $0.y] } })
                text += "    set logscale y\n"
                text += ticks.isEmpty ? "    set ytics auto\n" : "    set ytics (\(ticks.map(Self.tickText).joined(separator: ", ")))\n"
            } else {
                text += "    unset logscale y\n    set ytics auto\n"
            }
            var clauses: [String] = []
            for series in panel.series {
                let file = clauses.isEmpty ? "\"\(figure.stem).dat\"" : "\"\""
                // A dodged series is drawn off its x; the data keep the true x.
                let x = series.xOffset == 0 ? "1" : "($1\(series.xOffset < 0 ? "-" : "+")\(FixedPoint.text(series.xOffset.magnitude, decimals: 4)))"
                let marks = "lc \(series.color) pt \(series.point) ps 0.9"
                if series.hasIntervals {
                    // The bars solid, whatever the line's dash pattern.
                    clauses.append("\(file) index \(index) using \(x):2:3:4 with yerrorbars \(marks) dt 1 notitle")
                    clauses.append("\"\" index \(index) using \(x):2 with linespoints \(marks) dt \(series.dash) "
                        + "title \"\(quoted(series.label))\"")
                } else {
                    clauses.append("\(file) index \(index) using \(x):2 with linespoints \(marks) dt \(series.dash) "
                        + "title \"\(quoted(series.label))\"")
                }
                index += 1
            }
            for reference in panel.references {
                clauses.append("\(reference.y) with lines lc rgb \"gray40\" dt 2 title \"\(quoted(reference.title))\"")
            }
            text += "    plot " + clauses.joined(separator: ", \\\n         ") + "\n"
        }
        text += """
                unset multiplot
                unset output
            }

            """
        return text
    }

    /// Ticks at 1, 2 and 5 times each power of ten between the smallest
    /// and largest of `values` (positive), with one step either side; only
    /// 1 and 3 times each power when that would give more than twelve.
    public static func logTicks(_ values: [Double]) -> [Double] {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let low = positive.min(), let high = positive.max() else { return [] }
        func ticks(_ mantissas: [Double]) -> [Double] {
            var all: [Double] = []
            var decade = pow(10, (log10(low)).rounded(.down))
            while decade <= high * 10 {
                for mantissa in mantissas { all.append(mantissa * decade) }
                decade *= 10
            }
            let below = all.last { $0 <= low } ?? all.first!
            let above = all.first { $0 >= high } ?? all.last!
            return all.filter { $0 >= below && $0 <= above }
        }
        let fine = ticks([1, 2, 5])
        return fine.count <= 12 ? fine : ticks([1, 3])
    }

    /// A tick value as gnuplot reads it and as a label: "2", "0.5", "5000".
    static func tickText(_ value: Double) -> String {
        let text = FixedPoint.text(value, decimals: value < 1 ? 3 : 0)
        guard text.contains(".") else { return text }
        var trimmed = text
        while trimmed.last == "0" { trimmed.removeLast() }
        if trimmed.last == "." { trimmed.removeLast() }
        return trimmed
    }

    /// Okabe & Ito's eight colours, distinguishable with the common colour
    /// vision deficiencies; gnuplot cycles them past eight series.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// Text inside a double-quoted gnuplot string.
    static func quoted(_ text: String) -> String {
        text.replacingPlaceholder("\\", "\\\\").replacingPlaceholder("\"", "\\\"")
    }
}

private extension String {
    func replacingPlaceholder(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
