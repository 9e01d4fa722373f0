// Plain-text layout for reports that are pasted into kernel mailing-list
// email: ASCII only, and no line wider than 72 columns, because list
// archives and reviewers' mail clients do not reflow plain text.

import Support

public enum TextLayout {
    /// The widest line any report may contain.
    public static let width = 72

    /// Words of `text` filled into lines of at most `width` columns; the
    /// first line starts with `indent`, later ones with `continuation`.
    /// A word longer than a whole line (a path, a long point key) is cut
    /// into pieces, so even unbreakable input cannot exceed the width.
    /// Text that fits on one line is kept as it is, aligned spaces and all.
    public static func wrap(_ text: String, width: Int = width, indent: String = "",
                            continuation: String = "  ") -> [String] {
        if indent.count + text.count <= width { return [indent + text] }
        var lines: [String] = []
        var line = indent
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var remaining = word
            while !remaining.isEmpty {
                let separator = lineHasWord ? " " : ""
                if line.count + separator.count + remaining.count <= width {
                    line += separator + remaining
                    lineHasWord = true
                    remaining = ""
                } else if lineHasWord {
                    lines.append(line)
                    line = continuation
                    lineHasWord = false
                } else {
                    // Nothing on this line yet and the word still does not
                    // fit: cut it at the width.
                    let room = Swift.max(1, width - line.count)
                    line += String(remaining.prefix(room))
                    remaining = String(remaining.dropFirst(room))
                    lines.append(line)
                    line = continuation
                }
            }
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Lines of a table: each column as wide as its widest cell, columns
    /// separated by two spaces, the first column left-aligned and the
    /// others right-aligned (numbers line up on their last digit).
    static func table(header: [String], rows: [[String]]) -> [String] {
        let columns = header.count
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.prefix(columns).enumerated() { widths[index] = Swift.max(widths[index], cell.count) }
        }
        func render(_ cells: [String]) -> String {
            var line = ""
            for index in 0..<columns {
                let cell = index < cells.count ? cells[index] : ""
                if index == 0 {
                    line += cell.rightPadded(to: widths[0])
                } else {
                    line += "  " + cell.leftPadded(to: widths[index])
                }
            }
            return trimmingTrailingSpaces(line)
        }
        return [render(header)] + rows.map(render)
    }

    /// Items separated by `separator`, filled into lines and broken only
    /// between items (a legend entry "H hlist" never splits).
    static func fill(_ items: [String], separator: String = "   ", width: Int = width,
                     continuation: String = "") -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            if line.isEmpty {
                line = (lines.isEmpty ? "" : continuation) + item
            } else if line.count + separator.count + item.count <= width {
                line += separator + item
            } else {
                lines.append(line)
                line = continuation + item
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.flatMap { $0.count > width ? wrap($0, width: width) : [$0] }
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }

    /// Every line of `text` that is wider than `width`, for tests and for
    /// a last check before writing.
    public static func overlongLines(_ text: String, width: Int = width) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { $0.count > width }
    }
}
