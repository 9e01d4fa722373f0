// A PlotFigure as gnuplot input: STEM.dat (one block per panel and series,
// addressed with "index N") and STEM.gp, which draws every panel into
// STEM.png and STEM.svg. Both stay beside the images so users can restyle
// a plot and re-run it with "gnuplot STEM.gp" in the plots directory.

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
        // The key goes below each panel (inside, it hides lines); room for
        // it grows with the longest key (one entry a line when labels are long).
        let keyLines = (figure.panels.map(\.series.count).max() ?? 0) + 1
        let width = 480 * columns
        let height = (340 + 14 * keyLines) * rows + 40
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
                set key below font ",8"
                set autoscale xfix
                set offsets graph 0.03, graph 0.03, 0, 0
                set xlabel "\(quoted(figure.xLabel))"
                set ylabel "\(quoted(figure.yLabel))"

            """
        var index = 0
        for panel in figure.panels {
            text += "    set title \"\(quoted(panel.title))\"\n"
            text += panel.logY ? "    set logscale y\n" : "    unset logscale y\n"
            var clauses: [String] = []
            for series in panel.series {
                let file = clauses.isEmpty ? "\"\(figure.stem).dat\"" : "\"\""
                let style = series.hasIntervals
                    ? "using 1:2:3:4 with yerrorlines"
                    : "using 1:2 with linespoints"
                clauses.append("\(file) index \(index) \(style) lc \(series.color) dt \(series.dash) pt 7 ps 0.6 title \"\(quoted(series.label))\"")
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
