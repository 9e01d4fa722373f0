// How rows are grouped for display. A summary table, an ASCII plot or a
// gnuplot panel shows strategies against depth for one setting of every
// other point column (cache state, mode, stack, hook, NUMA placement...);
// these helpers find those settings and name them for titles.

import ResultsFormat
import Support

/// Rows sharing one value of each grouping column, in results.csv order.
public struct RowGroup: Sendable {
    /// The grouping columns' values, in the grouping columns' order.
    public let values: [String]
    public let rows: [ResultRow]

    /// Strategies in first-appearance order.
    public var strategies: [String] { rows.map { $0["strategy"] }.uniqued() }

    /// Depths present, ascending.
    public var depths: [Int] {
        Array(Set(rows.compactMap { $0.int("depth") })).sorted()
    }

    /// The rows of one strategy, by ascending depth.
    public func rows(strategy: String) -> [ResultRow] {
        rows.filter { $0["strategy"] == strategy }.sorted { ($0.int("depth") ?? 0) < ($1.int("depth") ?? 0) }
    }
}

public enum PointPanels {
    /// The point columns that take more than one value in `rows`, in
    /// schema order; "run_id" too when rows come from several runs.
    public static func varyingColumns(_ rows: [ResultRow], among columns: [String] = ResultsSchema.pointColumns + ["run_id"]) -> [String] {
        columns.filter { column in Set(rows.map { $0[column] }).count > 1 }
    }

    /// The columns a summary panel is keyed by: cache and mode always (the
    /// reader needs them in every title), then every other varying column
    /// except strategy and depth, which are the panel's rows and columns.
    public static func panelColumns(_ rows: [ResultRow]) -> [String] {
        ["cache", "mode"] + varyingColumns(rows).filter { !["cache", "mode", "strategy", "depth"].contains($0) }
    }

    /// Rows grouped by `columns`, groups in order of first appearance.
    public static func group(_ rows: [ResultRow], by columns: [String]) -> [RowGroup] {
        var order: [[String]] = []
        var members: [[String]: [ResultRow]] = [:]
        for row in rows {
            let values = columns.map { row[$0] }
            if members[values] == nil { order.append(values) }
            members[values, default: []].append(row)
        }
        return order.map { RowGroup(values: $0, rows: members[$0]!) }
    }

    /// `groups` (made by `group(_:by: columns)`) reordered so that the
    /// columns in `outermost` change slowest and "run_id" fastest: in a
    /// merged run the same panel of each machine then comes together.
    /// Values of each column keep their order of first appearance.
    public static func interleaved(_ groups: [RowGroup], columns: [String], outermost: [String]) -> [RowGroup] {
        var rank: [String: [String: Int]] = [:]
        for group in groups {
            for (column, value) in zip(columns, group.values) where rank[column]?[value] == nil {
                rank[column, default: [:]][value] = rank[column]?.count ?? 0
            }
        }
        let priority = outermost.filter(columns.contains)
            + columns.filter { !outermost.contains($0) && $0 != "run_id" }
            + columns.filter { $0 == "run_id" }
        func key(_ group: RowGroup) -> [Int] {
            priority.map { column in
                let index = columns.firstIndex(of: column)!
                return rank[column]?[group.values[index]] ?? 0
            }
        }
        return groups.sorted { key($0).lexicographicallyPrecedes(key($1)) }
    }

    /// A group's title, e.g. "cold cache, latency, hook file_open".
    public static func title(columns: [String], values: [String], sourceLabel: (String) -> String = { $0 }) -> String {
        var parts: [String] = []
        var index = 0
        while index < columns.count {
            let column = columns[index]
            let value = values[index]
            if column == "cache", index + 1 < columns.count, columns[index + 1] == "mode" {
                // The pair every title has reads best together.
                parts.append("\(value) cache, \(values[index + 1])")
                index += 2
                continue
            }
            parts.append(describe(column: column, value: value, sourceLabel: sourceLabel))
            index += 1
        }
        return parts.joined(separator: ", ")
    }

    /// One column's value in words.
    public static func describe(column: String, value: String, sourceLabel: (String) -> String = { $0 }) -> String {
        let shown = value.isEmpty ? "unset" : value
        switch column {
        case "cache": return "\(shown) cache"
        case "mode": return shown
        case "lsms": return "\(shown) LSMs"
        case "namespaced_lsms": return "\(shown) namespaced"
        case "depth": return "depth \(shown)"
        case "hook": return "hook \(shown)"
        case "tasks": return "\(shown) tasks"
        case "labels": return shown == "1" ? "1 label" : "\(shown) labels"
        case "skew": return "labels \(shown)"
        case "avc": return "AVC \(shown)"
        case "threads": return value == "1" ? "1 reader" : "\(shown) readers"
        case "write_rate": return value.isEmpty ? "no churn" : value == "0" ? "no writer" : "writes \(value)/s"
        case "thread_placement": return value.isEmpty ? "one thread" : "readers \(value)"
        case "world_copies": return value.isEmpty ? "one world" : value == "per-node" ? "a world per node" : "world copies \(value)"
        case "cpu_node": return "cpu node \(shown)"
        case "mem_node": return "memory node \(shown)"
        case "page_size": return "pages \(shown)"
        case "run_id": return sourceLabel(value)
        default: return "\(column) \(shown)"
        }
    }

    /// Short point name for a line in a table: the given columns' values
    /// in words, strategy first and depth as "dN".
    public static func label(_ row: ResultRow, columns: [String], sourceLabel: (String) -> String = { $0 }) -> String {
        columns.map { column -> String in
            switch column {
            case "strategy": return row["strategy"]
            case "depth": return "d" + row["depth"]
            case "cache", "mode": return row[column]
            default: return describe(column: column, value: row[column], sourceLabel: sourceLabel)
            }
        }.joined(separator: " ")
    }
}
