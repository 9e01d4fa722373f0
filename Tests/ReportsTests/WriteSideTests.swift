// The write side in reports: older point keys read as current ones, and
// the trade-off's arithmetic and its refusals.

import Reports
import ResultsFormat
import Testing

@Test func olderPointKeysGainTheColumnsTheirVersionLacked() {
    // Version 3: no labels, skew, avc, op, descendants (nor, as 4 to 6,
    // write_rate, thread_placement and world_copies, which are empty on
    // one thread).
    let v3 = "hlist|4|2|8|file_open|64|throughput|hot|1|||"
    #expect(ResultsSchema.currentPointKey(v3) == "hlist|check|4|2|8|0|file_open|64|1|uniform|512:512:16|throughput|hot|1||||||")
    // Version 4: labels, skew and avc, but no op or descendants.
    let v4 = "run/hlist|4|2|8|file_open|4|4096|zipf:1.0|512:512:16|throughput|warm|1|||"
    #expect(ResultsSchema.currentPointKey(v4) == "run/hlist|check|4|2|8|0|file_open|4|4096|zipf:1.0|512:512:16|throughput|warm|1||||||")
    // Version 5: op and descendants, but one thread and no writer.
    let v5 = "hlist|reload|4|2|8|100|file_open|1|4096|zipf:1.0|512:512:16|latency|warm|1|||"
    #expect(ResultsSchema.currentPointKey(v5) == "hlist|reload|4|2|8|100|file_open|1|4096|zipf:1.0|512:512:16|latency|warm|1||||||")
    // Version 6: churn, with every reader on one world.
    let v6 = "hlist|check|4|2|8|100|file_open|1|4096|zipf:1.0|512:512:16|throughput|hot|2|max|spread|||"
    #expect(ResultsSchema.currentPointKey(v6) == "hlist|check|4|2|8|100|file_open|1|4096|zipf:1.0|512:512:16|throughput|hot|2|max|spread||||")
    let current = "hlist|check|4|2|8|100|file_open|1|4096|zipf:1.0|512:512:16|throughput|hot|2|max|spread|per-node|||"
    #expect(ResultsSchema.currentPointKey(current) == current)
    #expect(ResultRow(["strategy": "hlist"]).pointValue("op") == "check")
    #expect(!ResultRow(["op": ""]).isWriteSide && ResultRow(["op": "reload"]).isWriteSide)
}

private func row(_ strategy: String, _ op: String, ns: Double, halfWidth: Double, storm: Double? = nil) -> ResultRow {
    var row = ResultRow()
    row["strategy"] = strategy
    row["op"] = op
    row["depth"] = "8"
    row["descendants"] = "100"
    row["cache"] = op == "check" ? "hot" : "warm"
    row["mode"] = op == "check" ? "throughput" : "latency"
    row["ns_per_check"] = "\(ns)"
    row["ns_ci_low"] = "\(ns - halfWidth)"
    row["ns_ci_high"] = "\(ns + halfWidth)"
    row["resolved"] = "yes"
    if let storm { row["storm_ns"] = "\(storm)" }
    return row
}

@Test func breakEvenIsTheAddedReloadOverTheSavedCheck() throws {
    let rows = [
        row("hlist", "check", ns: 1_000, halfWidth: 10), row("hlist", "reload", ns: 30_000, halfWidth: 100, storm: 0),
        // Saves 800 ns a check; its reload costs 100 us more (its storm
        // is shown apart, not added).
        row("ns-table", "check", ns: 200, halfWidth: 5), row("ns-table", "reload", ns: 130_000, halfWidth: 100, storm: 20_000),
        // Saves nothing.
        row("global-avc", "check", ns: 1_500, halfWidth: 10), row("global-avc", "reload", ns: 40_000, halfWidth: 100),
        // Saves, and its reload is no dearer than the baseline's within the CIs.
        row("label-vector", "check", ns: 100, halfWidth: 5), row("label-vector", "reload", ns: 30_050, halfWidth: 100),
    ]
    let tradeOffs = SummaryReport.tradeOffs(rows, baseline: "hlist", strategies: ["hlist", "ns-table", "global-avc", "label-vector"])
    let nsTable = try #require(tradeOffs.first { $0.strategy == "ns-table" })
    #expect(nsTable.savedPerCheck == 800 && nsTable.addedPerReload == 100_000)
    #expect(nsTable.breakEvenChecks == 125)
    #expect(nsTable.breakEvenReloadsPerSecond(checksPerSecond: 1_000_000) == 8_000)
    #expect(try #require(tradeOffs.first { $0.strategy == "global-avc" }).breakEvenChecks == nil)
    #expect(try #require(tradeOffs.first { $0.strategy == "label-vector" }).breakEvenChecks == 0)
    #expect(!tradeOffs.contains { $0.strategy == "hlist" })
}
