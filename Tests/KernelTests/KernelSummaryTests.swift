// The kernel summary on synthetic numbers: the floors and slopes it
// prints, the refusals it explains, the shares of open() and stat() it
// computes from a design run, and its width.

import Foundation
@testable import Reports
import ResultsFormat
import Testing

@Suite struct KernelSummaryTests {
    func row(_ kind: String, _ figure: String, path: Int? = nil, layers: Int = 0, depth: Int = 0, ns: Double?,
             halfWidth: Double = 1, reason: String = "", over: String = "") -> KernelRow {
        var row = KernelRow()
        row["kind"] = kind
        row["figure"] = figure
        row["path_depth"] = path.map(String.init) ?? ""
        row["landlock_layers"] = "\(layers)"
        row["userns_depth"] = "\(depth)"
        row["over"] = over
        if let ns {
            row["status"] = "measured"
            row["ns"] = "\(ns)"
            row["ns_ci_low"] = "\(ns - halfWidth)"
            row["ns_ci_high"] = "\(ns + halfWidth)"
            row["repeats"] = "3"
        } else {
            row["status"] = "refused"
            row["reason"] = reason
            row["how_to_enable"] = "add landlock to the lsm= boot parameter"
        }
        return row
    }

    var kernelRows: [KernelRow] {
        var rows = [row("point", "null", ns: 98), row("point", "open-close", path: 1, ns: 700),
                    row("point", "open-close", path: 4, ns: 1000), row("point", "stat", path: 4, ns: 500),
                    row("point", "open-close", path: 4, layers: 16, ns: nil, reason: "Landlock is built in but not enabled"),
                    row("first-layer", "open-close", path: 4, ns: nil, reason: "Landlock is built in but not enabled"),
                    row("per-level", "cap-walk", ns: 1.5, halfWidth: 0.25, over: "userns_depth 0-32"),
                    row("per-level", "userns-create", ns: 12, halfWidth: 3, over: "userns_depth 1-32")]
        for depth in [0, 8, 32] {
            rows.append(row("point", "userns-create", depth: depth, ns: 20_000 + Double(depth) * 12))
            rows.append(row("point", "cap-walk", depth: depth, ns: 600 + Double(depth) * 1.5))
        }
        return rows
    }

    /// A design run: hlist costs 10, 50 and 170 ns at depths 0, 8, 32 hot
    /// (5 ns per level), ten times that cold; flattened 8 ns everywhere.
    func designRun() throws -> RunData {
        let path = NSTemporaryDirectory() + "hookbench-kernel-designs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var text = try CSVFile.line(ResultsSchema.columns)
        for strategy in ["hlist", "flattened"] {
            for cache in ["hot", "cold"] {
                for depth in [0, 8, 32] {
                    var row = ResultRow()
                    for column in ResultsSchema.columns { row[column] = "" }
                    row["schema_version"] = "2"
                    row["run_id"] = "20260101-000000-designs"
                    row["strategy"] = strategy
                    row["depth"] = "\(depth)"
                    row["cache"] = cache
                    row["mode"] = "throughput"
                    row["lsms"] = "4"
                    row["hook"] = "file_open"
                    let ns = (strategy == "hlist" ? 10 + 5 * Double(depth) : 8) * (cache == "cold" ? 10 : 1)
                    row["ns_per_check"] = "\(ns)"
                    row["ns_ci_low"] = "\(ns - 0.5)"
                    row["ns_ci_high"] = "\(ns + 0.5)"
                    row["resolved"] = strategy == "flattened" && cache == "hot" ? "no" : "yes"
                    row["decisions_digest"] = "00000000000000aa"
                    row["fingerprint"] = "0123456789ab"
                    text += try CSVFile.line(row.fields)
                }
            }
        }
        try text.write(toFile: path + "/results.csv", atomically: true, encoding: .utf8)
        return try RunData.load(path)
    }

    @Test func theFiguresAndRefusalsAreShown() {
        let text = KernelSummary(rows: kernelRows).text()
        #expect(text.contains("getppid (null)"))
        #expect(text.contains("98.0+-1.0"))
        #expect(text.contains("1000.0+-1.0") || text.contains("1000+-1"))
        #expect(text.contains("== Refused here =="))
        #expect(text.replacingOccurrences(of: "\n  ", with: " ").contains("(2 rows): Landlock is built in but not enabled."))
        #expect(text.contains("To enable: add landlock to the lsm= boot parameter."))
        #expect(text.contains("1.50+-0.25"))
        #expect(TextLayout.overlongLines(text).isEmpty)
    }

    @Test func designsAreSharesOfOpenAndStat() throws {
        let text = KernelSummary(rows: kernelRows, designs: try designRun()).text()
        #expect(text.contains("== Against the kernel: the designs of 20260101-000000-designs =="))
        let lines = text.split(separator: "\n").map(String.init)
        let hotHlist = lines.first { $0.hasPrefix("hlist") && $0.contains("hot") }
        // open() 1000 ns: 1.0%, 5.0%, 17.0%; stat() 500 ns: 2.0%, 10.0%, 34.0%.
        #expect(hotHlist?.split(separator: " ").suffix(6) == ["1.0%", "5.0%", "17.0%", "2.0%", "10.0%", "34.0%"])
        let coldHlist = lines.first { $0.hasPrefix("hlist") && $0.contains("cold") }
        #expect(coldHlist?.split(separator: " ").suffix(6) == ["10.0%", "50.0%", "170%", "20.0%", "100%", "340%"])
        let hotFlattened = lines.first { $0.hasPrefix("flattened") && $0.contains("hot") }
        #expect(hotFlattened?.split(separator: " ").suffix(6).allSatisfy { $0 == "n/r" } == true)
        // The model's slope beside the kernel's per-level figures.
        #expect(lines.contains { $0.contains("model hlist, hot throughput") && $0.hasSuffix("5.00+-0.00") })
        #expect(lines.contains { $0.contains("cap_capable walk") && $0.hasSuffix("1.50+-0.25") })
        #expect(text.contains("Different code"))
        #expect(TextLayout.overlongLines(text).isEmpty)
    }

    @Test func withoutOpenAndStatThereAreNoShares() throws {
        let rows = kernelRows.filter { $0["figure"] != "stat" }
        let text = KernelSummary(rows: rows, designs: try designRun()).text()
        #expect(text.contains("No share of open() and stat()"))
    }
}


extension KernelSummaryTests {
    @Test func aRunsOwnSummarySetsItsDesignsBesideTheKernel() throws {
        let text = SummaryReport(run: try designRun(), kernel: kernelRows).text()
        #expect(text.contains("== Against the kernel: the designs of 20260101-000000-designs =="))
        #expect(text.contains("% of open()"))
        #expect(!SummaryReport(run: try designRun()).text().contains("== Against the kernel"))
    }
}

extension KernelSummaryTests {
    @Test func aDerivedCostWhoseIntervalIncludesZeroIsNotANumber() {
        var row = KernelRow()
        row["kind"] = KernelResultsSchema.Kind.perLevel.rawValue
        row["status"] = KernelResultsSchema.Status.measured.rawValue
        row["ns"] = "5"
        row["ns_ci_low"] = "-1"
        row["ns_ci_high"] = "11"
        #expect(KernelSummary.cell(row) == "n/r")
        row["ns_ci_low"] = "1"
        #expect(KernelSummary.cell(row) == "5.00+-5.00")
        row["kind"] = KernelResultsSchema.Kind.point.rawValue
        row["ns_ci_low"] = "-1"
        #expect(KernelSummary.cell(row) != "n/r", "a point is a measured duration, not a difference")
    }
}
