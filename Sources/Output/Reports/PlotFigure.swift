// What a plot shows, independent of gnuplot: a figure of panels, each with
// series of points (x, y and an optional interval). PlotFigures builds
// these from a run; GnuplotScript turns them into .dat and .gp files.

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
    /// gnuplot line colour index (1-based) and dash type (1 solid).
    public var color: Int
    public var dash: Int
    public var points: [PlotPoint]

    public init(label: String, color: Int, dash: Int, points: [PlotPoint]) {
        self.label = label
        self.color = color
        self.dash = dash
        self.points = points
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

    public init(stem: String, title: String, xLabel: String, yLabel: String, panels: [PlotPanel]) {
        self.stem = stem
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.panels = panels
    }
}
