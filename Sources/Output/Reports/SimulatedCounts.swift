// Counts from valgrind's callgrind per check, net of the empty baseline:
// the table `hookbench explain` prints and writes, and the Swift/C twin
// check on instructions (exact, so the twins must agree closely).

import Measurement
import ResultsFormat
import Support
import LSMModel

public struct SimulatedCountsTable {
    public struct Row {
        public let point: PointSpec
        public let checks: Int
        /// Callgrind's totals for the strategy's window and the baseline's.
        public let check: [String: UInt64]
        public let baseline: [String: UInt64]

        public init(point: PointSpec, checks: Int, check: [String: UInt64], baseline: [String: UInt64]) {
            self.point = point
            self.checks = checks
            self.check = check
            self.baseline = baseline
        }

        /// `event` per check, net of the baseline.
        public func perCheck(_ event: String) -> Double? {
            guard let a = check[event], let b = baseline[event] else { return nil }
            return (Double(a) - Double(b)) / Double(checks)
        }

        public var label: String {
            "\(point.strategy) depth \(point.world.depth) \(point.cache.rawValue) \(point.mode.rawValue)"
        }
    }

    /// Instructions of a C twin and its Swift strategy may differ by this
    /// fraction (different compilers, one register move more or less).
    public static let twinTolerance = 0.02

    /// The events shown, callgrind's names and the column titles.
    static let columns: [(event: String, title: String)] = [
        ("Ir", "instr"), ("Dr", "data reads"), ("D1mr", "D1 misses*"), ("DLmr", "LL misses*"),
    ]

    public private(set) var rows: [Row] = []
    /// C twin to the Swift strategy it mirrors.
    public let twins: [String: String]

    public init(twins: [String: String]) { self.twins = twins }

    public mutating func add(_ row: Row) { rows.append(row) }

    /// Each C twin's instructions per check against its Swift strategy's,
    /// at the same point.
    public var twinComparisons: [(swift: Row, c: Row, ratio: Double)] {
        rows.compactMap { c in
            guard let swiftName = twins[c.point.strategy] else { return nil }
            var key = c.point
            key.strategy = swiftName
            guard let swift = rows.first(where: { $0.point == key }),
                  let a = swift.perCheck("Ir"), let b = c.perCheck("Ir"), b > 0 else { return nil }
            return (swift, c, a / b)
        }
    }

    public var twinsAgree: Bool { twinComparisons.allSatisfy { abs($0.ratio - 1) <= Self.twinTolerance } }

    public func text() -> String {
        var lines = ["", "Per check, net of the empty baseline (callgrind; * simulated caches):"]
        let labelWidth = max(5, rows.map(\.label.count).max() ?? 0)
        lines.append(("point").rightPadded(to: labelWidth) + Self.columns.map { "  " + ($0.title).leftPadded(to: 11) }.joined())
        for row in rows {
            lines.append((row.label).rightPadded(to: labelWidth) + Self.columns.map { column in
                "  " + (row.perCheck(column.event).map { FixedPoint.text($0, decimals: 1) } ?? "-").leftPadded(to: 11)
            }.joined())
        }
        if rows.contains(where: { $0.point.cache == .cold }) {
            lines.append("(cold points are counted warm: the simulator does not model CLFLUSH)")
        }
        let comparisons = twinComparisons
        if !comparisons.isEmpty {
            lines += ["", "Swift / C twin, instructions per check (must agree within \(FixedPoint.text(Self.twinTolerance * 100, decimals: 0))%):"]
            for item in comparisons {
                let verdict = abs(item.ratio - 1) <= Self.twinTolerance ? "agree" : "DIFFER"
                lines.append("  \(item.swift.label): \(FixedPoint.text(item.swift.perCheck("Ir")!, decimals: 1)) vs "
                    + "\(item.c.point.strategy) \(FixedPoint.text(item.c.perCheck("Ir")!, decimals: 1)) "
                    + "(ratio \(FixedPoint.text(item.ratio, decimals: 3))): \(verdict)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func csv() throws -> String {
        let header = ResultsSchema.pointColumns + ["checks"] + Self.columns.map { "\($0.event.lowercased())_per_check" }
        var text = try CSVFile.line(header)
        for row in rows {
            var fields = ResultRow()
            fields["strategy"] = row.point.strategy
            fields["lsms"] = "\(row.point.world.lsms)"
            fields["namespaced_lsms"] = "\(row.point.world.namespacedLSMs)"
            fields["depth"] = "\(row.point.world.depth)"
            fields["hook"] = HookCatalogue.all[row.point.world.hook].name
            fields["tasks"] = "\(row.point.world.tasks)"
            fields["mode"] = row.point.mode.rawValue
            fields["cache"] = row.point.cache.rawValue
            fields["threads"] = "1"
            let values = ResultsSchema.pointColumns.map { fields[$0] } + ["\(row.checks)"]
                + Self.columns.map { row.perCheck($0.event).map { ResultRow.number($0, digits: 2) } ?? "" }
            text += try CSVFile.line(values)
        }
        return text
    }
}
