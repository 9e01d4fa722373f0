// What a plot shows, independent of gnuplot: a figure of panels, each with
// series of points (x, y and an optional interval) and their style.
// PlotFigures builds these from a run (PlotStyle picks the styles);
// GnuplotScript turns them into .dat and .gp files.

public struct PlotPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    /// The interval, when the value has one.
    public var low: Double?
    public var high: Double?

    public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
        self.x = x
        self.y = y
        self.low = low
        self.high = high
    }
}

public struct PlotSeries: Sendable {
    public var label: String
    /// gnuplot line colour index (1-based), dash type (1 solid) and point
    /// type (7 a filled circle; see PlotStyle).
    public var color: Int
    public var dash: Int
    public var point: Int
    public var points: [PlotPoint]
    /// Drawn this far right of its x values (a dodge, so series at the
    /// same x do not hide each other's bars); the data keep the true x.
    public var xOffset: Double

    public init(label: String, color: Int, dash: Int, point: Int = 7, points: [PlotPoint], xOffset: Double = 0) {
        self.label = label
        self.color = color
        self.dash = dash
        self.point = point
        self.points = points
        self.xOffset = xOffset
    }

    public var hasIntervals: Bool { points.contains { $0.low != nil && $0.high != nil } }
}

public struct PlotPanel: Sendable {
    public var title: String
    public var series: [PlotSeries]
    /// Horizontal reference lines (y value, key title).
    public var references: [(y: Double, title: String)]

    public init(title: String, series: [PlotSeries], references: [(y: Double, title: String)] = []) {
        self.title = title
        self.series = series
        self.references = references
    }

    /// The panel with its series spread slightly along x, in series order,
    /// centred on the true x: together they span at most 0.8 of the
    /// smallest gap between two x values and 5% of the x range, so a
    /// series never reaches the next x value.
    public func dodged() -> PlotPanel {
        guard series.count > 1 else { return self }
        let xs = Set(series.flatMap { $0.points.map(\.x) }).sorted()
        guard let low = xs.first, let high = xs.last, high > low else { return self }
        let gap = zip(xs, xs.dropFirst()).map { $1 - $0 }.min() ?? (high - low)
        let step = Swift.min(0.8 * gap, 0.05 * (high - low)) / Double(series.count - 1)
        var panel = self
        for index in panel.series.indices {
            panel.series[index].xOffset = (Double(index) - Double(series.count - 1) / 2) * step
        }
        return panel
    }

    /// Log y when every value (and interval bound) is positive and the
    /// values span more than AsciiPlot.logScaleRatio, the rule the ASCII
    /// plots follow too. A bound at zero keeps the axis linear rather than
    /// losing the bar.
    public var logY: Bool {
        let points = series.flatMap(\.points)
        let bounds = points.flatMap { [$0.low, $0.high].compactMap { $0 } }
        guard bounds.allSatisfy({ $0 > 0 }) else { return false }
        return AsciiPlot.wantsLogScale(points.map(\.y))
    }
}

public struct PlotFigure: Sendable {
    /// File name without extension, e.g. "ns-per-check-throughput".
    public var stem: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var panels: [PlotPanel]
    /// Named x positions (a category axis); empty: gnuplot's own ticks.
    public var xTicks: [(x: Double, label: String)]

    public init(stem: String, title: String, xLabel: String, yLabel: String, panels: [PlotPanel],
                xTicks: [(x: Double, label: String)] = []) {
        self.stem = stem
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.panels = panels
        self.xTicks = xTicks
    }
}
