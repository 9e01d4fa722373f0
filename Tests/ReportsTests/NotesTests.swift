// The summary's notes say each reason once, naming what it applies to.

import Foundation
import Reports
import Testing

private let pmuReason = "EVENT is a hardware event, but this machine is a virtual machine whose hypervisor "
    + "exposes no virtual PMU, so the kernel has no CPU counters to program. Enable the guest PMU "
    + "or run on bare metal."

@Test func oneReasonForSixEventsIsStatedOnce() throws {
    let events = ["perf::CYCLES", "perf::INSTRUCTIONS", "perf::L1-DCACHE-LOAD-MISSES", "perf::LLC-LOAD-MISSES",
                  "perf::DTLB-LOAD-MISSES", "perf::BRANCH-MISSES"]
    var synthetic = SyntheticRun()
    synthetic.missingEvents = (events, events.map { pmuReason.replacingOccurrences(of: "EVENT", with: $0) })
    let path = try synthetic.write(to: SyntheticRun.temporaryDirectory("reasons"))
    let text = SummaryReport(run: try RunData.load(path)).text()
    let notes = try #require(text.components(separatedBy: "== Notes ==").last)
    let flat = notes.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    #expect(flat.components(separatedBy: "hypervisor exposes no virtual PMU").count == 2, "\(notes)")
    #expect(flat.contains(events.joined(separator: ", ") + ": each is a hardware event"), "\(notes)")
    #expect(TextLayout.overlongLines(text).isEmpty)
}

@Test func condensedReasonsKeepDistinctReasonsApart() {
    let lines = CounterReasons.condensed(
        ["cycles: refused (EACCES)", "instructions: refused (EACCES)", "llc: not supported by this PMU"],
        events: ["cycles", "instructions", "llc"])
    #expect(lines == ["cycles, instructions: each: refused (EACCES)", "llc: not supported by this PMU"])
    #expect(CounterReasons.condensed(["perf::CYCLES is a hardware event"], events: ["perf::CYCLES"])
        == ["perf::CYCLES is a hardware event"])
}
