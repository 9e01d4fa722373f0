// A small character plot of ns/check against depth for a plain-text email:
// one letter per strategy, y axis on a log scale when the values span more
// than a factor of 20 (as the gnuplot plots do), x axis linear in depth.

import Foundation
import Support

public struct AsciiPlot: Sendable {
    public struct Series: Sendable {
        public let label: String
        public let mark: Character
        public let points: [(x: Double, y: Double)]

        public init(label: String, mark: Character, points: [(x: Double, y: Double)]) {
            self.label = label
            self.mark = mark
            self.points = points
        }
    }

    public let series: [Series]
    public let xLabel: String
    public let yLabel: String
    public let width: Int
    public let height: Int

    /// Values spanning more than this factor get a log y axis.
    public static let logScaleRatio = 20.0
    static let overlapMark: Character = "*"

    public init(series: [Series], xLabel: String, yLabel: String, width: Int = TextLayout.width, height: Int = 10) {
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = max(3, height)
    }

    /// Marks for `labels`: each label's first letter not yet taken, in
    /// upper case (hlist H, static-slots S, hlist-c L), else the first free
    /// letter of the alphabet, else a digit.
    public static func marks(for labels: [String]) -> [Character] {
        var taken = Set<Character>([overlapMark])
        return labels.map { label in
            let candidates = label.uppercased().filter { $0.isLetter && $0.isASCII }
                + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            let mark = candidates.first { !taken.contains($0) } ?? "?"
            taken.insert(mark)
            return mark
        }
    }

    /// Whether values in `values` call for a log axis: all positive and
    /// spanning more than `logScaleRatio`.
    public static func wantsLogScale(_ values: [Double]) -> Bool {
        guard let low = values.min(), let high = values.max(), low > 0 else { return false }
        return high / low > logScaleRatio
    }

    public func lines() -> [String] {
        let points = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        guard !points.isEmpty else { return ["(nothing to plot)"] }
        let logY = Self.wantsLogScale(points.map(\.y))
        func scaled(_ y: Double) -> Double { logY ? log10(y) : y }
        var yLow = scaled(points.map(\.y).min()!)
        var yHigh = scaled(points.map(\.y).max()!)
        if yHigh == yLow {
            yLow -= 1
            yHigh += 1
        }
        let xLow = points.map(\.x).min()!
        let xHigh = points.map(\.x).max()!

        // "12345.6 |": tick labels right-aligned in a fixed gutter.
        let tickRows = Set([0, height / 2, height - 1])
        func value(atRow row: Int) -> Double {
            let fraction = Double(height - 1 - row) / Double(height - 1)
            let scaledValue = yLow + fraction * (yHigh - yLow)
            return logY ? pow(10, scaledValue) : scaledValue
        }
        let tickTexts = tickRows.map { ReportNumber.adaptive(value(atRow: $0)) }
        let gutter = max(tickTexts.map(\.count).max() ?? 0, 4)
        let plotWidth = max(10, width - gutter - 3)

        var grid = Array(repeating: Array(repeating: Character(" "), count: plotWidth), count: height)
        func column(_ x: Double) -> Int {
            xHigh == xLow ? plotWidth / 2 : Int(((x - xLow) / (xHigh - xLow) * Double(plotWidth - 1)).rounded())
        }
        for line in series {
            for point in line.points where point.x.isFinite && point.y.isFinite {
                let fraction = (scaled(point.y) - yLow) / (yHigh - yLow)
                let row = height - 1 - Int((fraction * Double(height - 1)).rounded())
                let col = column(point.x)
                let current = grid[row][col]
                grid[row][col] = current == " " || current == line.mark ? line.mark : Self.overlapMark
            }
        }

        var lines: [String] = [TextLayout.trimmingTrailingSpaces(yLabel + (logY ? " (log scale)" : ""))]
        for row in 0..<height {
            let tick = tickRows.contains(row) ? ReportNumber.adaptive(value(atRow: row)) : ""
            lines.append(TextLayout.trimmingTrailingSpaces(tick.leftPadded(to: gutter) + " |" + String(grid[row])))
        }
        lines.append(String(repeating: " ", count: gutter) + " +" + String(repeating: "-", count: plotWidth))
        // x tick labels at each distinct x, skipping ones that would collide.
        var axis = Array(repeating: Character(" "), count: plotWidth + 1)
        var nextFree = 0
        for x in Set(points.map(\.x)).sorted() {
            let text = Array(ReportNumber.adaptive(x).replacingTrailingZeros())
            let start = min(max(0, column(x) - (text.count - 1) / 2), axis.count - text.count)
            guard start >= nextFree else { continue }
            for (offset, character) in text.enumerated() { axis[start + offset] = character }
            nextFree = start + text.count + 1
        }
        lines.append(TextLayout.trimmingTrailingSpaces(String(repeating: " ", count: gutter + 2) + String(axis)))
        lines.append(xLabel.leftPadded(to: gutter + 2 + plotWidth))
        let legend = series.map { "\($0.mark) \($0.label)" } + ["\(Self.overlapMark) several"]
        lines += TextLayout.fill(legend)
        return lines
    }
}

private extension String {
    /// "4.00" -> "4", "2.50" -> "2.5": depths are whole numbers.
    func replacingTrailingZeros() -> String {
        guard contains(".") else { return self }
        var text = self
        while text.last == "0" { text.removeLast() }
        if text.last == "." { text.removeLast() }
        return text
    }
}
