// How the series of a plot are told apart when many overlap (the depth
// suite's hot panel has nine): each design gets a colour and a filled
// point shape of its own; a C twin is drawn in its Swift design's colour,
// dashed, with the open version of the same shape, so each Swift/C pair
// reads at a glance and lines lying on top of each other still show
// their points. The colours are GnuplotScript's palette, in the order the
// run lists its strategies, so a design has one colour in every plot.

public enum PlotStyle {
    public struct Style: Sendable, Equatable {
        public var color: Int
        public var dash: Int
        public var point: Int
    }

    /// gnuplot point types: filled circle, square, triangle, diamond,
    /// inverted triangle, pentagon; and the open version of each.
    static let filledPoints = [7, 5, 9, 13, 11, 15]
    static let openPoints = [6, 4, 8, 12, 10, 14]
    /// Dash types of a design's first, second, ... C twin: dashed,
    /// dash-dot, dash-dot-dot, dotted.
    static let twinDashes = [2, 4, 5, 3]

    /// A style for every strategy. `twins` maps each C twin to the Swift
    /// strategy it mirrors (`RunData.twins`); a twin whose Swift design is
    /// not in the list is styled as a design of its own.
    public static func strategies(_ strategies: [String], twins: [String: String]) -> [String: Style] {
        let designs = strategies.filter { twins[$0].map { !strategies.contains($0) } ?? true }
        var styles: [String: Style] = [:]
        for (index, design) in designs.enumerated() {
            styles[design] = Style(color: index + 1, dash: 1, point: filledPoints[index % filledPoints.count])
        }
        var twinCount: [String: Int] = [:]
        for strategy in strategies where styles[strategy] == nil {
            guard let swift = twins[strategy], let index = designs.firstIndex(of: swift) else { continue }
            let ordinal = twinCount[swift, default: 0]
            twinCount[swift] = ordinal + 1
            styles[strategy] = Style(color: index + 1, dash: twinDashes[ordinal % twinDashes.count],
                                     point: openPoints[index % openPoints.count])
        }
        return styles
    }

    /// The n-th filled point shape, for series that are not strategies
    /// (placements).
    static func point(_ index: Int) -> Int { filledPoints[index % filledPoints.count] }
}
