// The summary's readers-under-churn section: one table per reader count,
// a column per write rate, and nothing for a run without churn rows.

import Reports
import ResultsFormat
import Testing

private func churnRow(_ strategy: String, rate: String, readers: Int, ns: Double, writes: Double, spread: Double) -> ResultRow {
    ResultRow(["strategy": strategy, "op": "check", "depth": "8", "descendants": "100", "threads": "\(readers)",
               "write_rate": rate, "thread_placement": "spread", "ns_per_check": "\(ns)", "ns_ci_low": "\(ns - 1)",
               "ns_ci_high": "\(ns + 1)", "resolved": "yes", "writes_per_s": "\(writes)", "reader_spread_ns": "\(spread)",
               "violations": "0"])
}

@Test func churnRowsGetATablePerReaderCountWithAColumnPerRate() {
    let rows = [
        churnRow("hlist", rate: "0", readers: 1, ns: 600, writes: 0, spread: 0),
        churnRow("hlist", rate: "max", readers: 1, ns: 900, writes: 40_000, spread: 0),
        churnRow("ns-table", rate: "0", readers: 1, ns: 130, writes: 0, spread: 0),
        churnRow("ns-table", rate: "max", readers: 1, ns: 4_000, writes: 300, spread: 0),
        churnRow("hlist", rate: "0", readers: 2, ns: 610, writes: 0, spread: 12),
    ]
    let text = SummaryReport.churnLines(rows).joined(separator: "\n")
    #expect(text.contains("== Readers under churn =="))
    #expect(text.contains("1 reader (spread)") && text.contains("2 readers (spread)"))
    #expect(text.contains("max"), "a column per write rate")
    #expect(text.contains("40000") && !text.contains("0.000"), "what the writer reached; nothing without a writer: \(text)")
    #expect(text.contains("spread ns"), "with two readers, their spread")
    var perNode = churnRow("hlist", rate: "0", readers: 2, ns: 580, writes: 0, spread: 5)
    perNode["world_copies"] = "per-node"
    let withCopies = SummaryReport.churnLines(rows + [perNode]).joined(separator: "\n")
    #expect(withCopies.contains("2 readers (spread):") && withCopies.contains("2 readers (spread, a world per node):"),
            "per-node copies get a table of their own")
    #expect(SummaryReport.churnLines([ResultRow(["strategy": "hlist", "op": "check"])]).isEmpty)
    #expect(!ResultRow(["write_rate": ""]).isChurn && ResultRow(["write_rate": "0"]).isChurn)
}
