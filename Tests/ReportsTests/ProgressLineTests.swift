// The progress a long suite prints: points done, points left and the time
// left, in the line-per-point mode (logs, CI) and in the terminal bar.

import ResultsFormat
import Runs
import Testing

private var row: ResultRow {
    var row = ResultRow()
    row["strategy"] = "hlist"
    row["depth"] = "4"
    row["cache"] = "hot"
    row["mode"] = "throughput"
    row["ns_per_check"] = "26.045"
    row["ns_ci_low"] = "26.029"
    row["ns_ci_high"] = "27.116"
    row["working_set_bytes"] = "1280"
    return row
}

@Test func aLineSaysPointsDoneLeftAndTimeLeft() {
    // 12 points in 120 s: 10 s a point, 420 left.
    let counts = ProgressDisplay.Counts(done: 12, total: 432, measuredThisSession: 12, elapsed: 120)
    #expect(counts.left == 420)
    #expect(counts.secondsLeft == 4200)
    #expect(ProgressDisplay.line(counts, row: row)
        == "[12/432 done, 420 left, about 1:10:00 to go] hlist depth 4 hot throughput: "
        + "26.045 ns/check [26.029, 27.116], working set 1.3 KiB")
}

@Test func aResumedRunCountsEarlierPointsButNotTheirTime() {
    // 100 points measured before; 5 in this session, 50 s.
    let counts = ProgressDisplay.Counts(done: 105, total: 120, measuredThisSession: 5, elapsed: 50)
    #expect(ProgressDisplay.standing(counts) == "105/120 done, 15 left, about 2:30 to go")
    let last = ProgressDisplay.Counts(done: 120, total: 120, measuredThisSession: 20, elapsed: 200)
    #expect(ProgressDisplay.standing(last) == "120/120 done, 0 left, finished")
}

@Test func theBarSaysTheSame() {
    let before = ProgressDisplay.Counts(done: 0, total: 40, measuredThisSession: 0, elapsed: 3)
    #expect(ProgressDisplay.bar(before, now: 1, current: "hlist d0 hot throughput", precision: nil)
        == "[....................] 0/40 done, 40 left, about --:-- to go; now 1: hlist d0 hot throughput  CI  --  ")
    let half = ProgressDisplay.Counts(done: 20, total: 40, measuredThisSession: 20, elapsed: 65)
    #expect(ProgressDisplay.bar(half, now: 21, current: "ancestry d8 cold latency", precision: 0.012)
        == "[##########..........] 20/40 done, 20 left, about 1:05 to go; now 21: ancestry d8 cold latency  CI +-1.2%")
}

@Test func clockReadsMinutesOrHours() {
    #expect(ProgressDisplay.clock(nil) == "--:--")
    #expect(ProgressDisplay.clock(0) == "0:00")
    #expect(ProgressDisplay.clock(59.2) == "1:00")
    #expect(ProgressDisplay.clock(3599) == "59:59")
    #expect(ProgressDisplay.clock(3600 * 26 + 61) == "26:01:01")
}
