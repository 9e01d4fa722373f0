#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import PerfCounters

@Suite struct AvailabilityTests {
    static let machine = PerfSystemFacts.current()

    @Test func softwareEventsAreAvailableEverywhere() {
        let availability = CounterGroup.probe(eventNames: ["perf::PAGE-FAULTS", "perf::TASK-CLOCK"])
        #expect(availability == .available, "\(availability)")
    }

    @Test func cyclesAvailabilityFollowsThePresenceOfAHardwarePMU() {
        let availability = CounterGroup.probe(eventNames: ["cycles"])
        if Self.machine.hasHardwarePMU {
            #expect(availability == .available, "\(availability)")
            return
        }
        #expect(availability.reasons == [
            .noHardwarePMU(event: "cycles", runsUnderHypervisor: Self.machine.runsUnderHypervisor),
        ])
        let sentence = availability.description
        #expect(sentence.contains("cycles"))
        #expect(sentence.contains("no CPU PMU") || sentence.contains("no virtual PMU"), "\(sentence)")
    }

    @Test(.enabled(if: !AvailabilityTests.machine.hasHardwarePMU, "this machine has a hardware PMU"))
    func defaultSetWithoutPMUGivesOneReasonPerEvent() {
        let availability = CounterGroup.probe(events: CounterEvent.defaultSet)
        #expect(availability.reasons.map(\.event) == CounterEvent.defaultSet.map(\.name.spelling))
        for reason in availability.reasons {
            guard case .noHardwarePMU = reason else {
                Issue.record("expected a missing-PMU reason, got \(reason)")
                continue
            }
        }
    }

    @Test func probeReportsEveryBadNameInTheCallersOrder() {
        let availability = CounterGroup.probe(eventNames: [
            "perf::PAGE-FAULTS", "not an event", "perf::HOOKBENCH-NO-SUCH-EVENT", "perf::TASK-CLOCK",
        ])
        let reasons = availability.reasons
        #expect(reasons.map(\.event) == ["not an event", "perf::HOOKBENCH-NO-SUCH-EVENT"])
        guard reasons.count == 2 else { return }
        guard case .invalidName = reasons[0] else {
            Issue.record("expected invalidName, got \(reasons[0])")
            return
        }
        guard case .unknownEvent = reasons[1] else {
            Issue.record("expected unknownEvent, got \(reasons[1])")
            return
        }
    }

    @Test func requireAllFailsWithTheMissingEventsReason() throws {
        let events = [try CounterEvent(parsing: "perf::PAGE-FAULTS"), try CounterEvent(parsing: "perf::HOOKBENCH-NO-SUCH-EVENT")]
        #expect {
            try CounterGroup(events: events, policy: .requireAll)
        } throws: { error in
            guard case .unavailable(let reasons) = error as? CounterError else { return false }
            return reasons.map(\.event) == ["perf::HOOKBENCH-NO-SUCH-EVENT"]
        }
    }

    @Test func skipUnavailableCountsWhatOpensAndSaysWhatIsMissing() throws {
        let pageFaults = try CounterEvent(parsing: "perf::PAGE-FAULTS")
        let missing = try CounterEvent(parsing: "perf::HOOKBENCH-NO-SUCH-EVENT")
        let group = try CounterGroup(events: [missing, pageFaults], policy: .skipUnavailable)
        #expect(group.events == [pageFaults])
        #expect(group.unavailableEvents.map(\.event) == ["perf::HOOKBENCH-NO-SUCH-EVENT"])

        let pages = FreshPages(count: 64)
        try group.start()
        pages.touchEveryPage()
        try group.stop()
        let value = try #require(group.read()[0].scaledValue)
        #expect(value >= 64 && value <= 64 + 32)
    }

    @Test func skipUnavailableStillFailsWhenNothingOpens() throws {
        let missing = try CounterEvent(parsing: "perf::HOOKBENCH-NO-SUCH-EVENT")
        #expect(throws: CounterError.self) {
            try CounterGroup(events: [missing], policy: .skipUnavailable)
        }
    }

    @Test func hardwareEventOnAMachineWithoutPMUIsSkippedNotFatal() throws {
        let pageFaults = try CounterEvent(parsing: "perf::PAGE-FAULTS")
        let cycles = try CounterEvent(parsing: "cycles")
        let group = try CounterGroup(
            events: [cycles, pageFaults], policy: .skipUnavailable,
            facts: PerfSystemFacts(paranoidLevel: 2, hasHardwarePMU: Self.machine.hasHardwarePMU,
                                   runsUnderHypervisor: Self.machine.runsUnderHypervisor, isRoot: true))
        if Self.machine.hasHardwarePMU {
            #expect(group.events == [cycles, pageFaults])
        } else {
            #expect(group.events == [pageFaults])
            #expect(group.unavailableEvents.count == 1)
        }
    }

    // Classification of perf_event_open failures, on described machines.

    static func encoded(_ text: String) throws -> EncodedEvent {
        try EncodedEvent(encoding: EventName(parsing: text))
    }

    static let bareMetal = PerfSystemFacts(paranoidLevel: 2, hasHardwarePMU: true, runsUnderHypervisor: false, isRoot: false)

    @Test func permissionDeniedNamesTheParanoidLevelAndTheFix() throws {
        let reason = UnavailabilityReason.openFailure(
            errno: EACCES, event: try Self.encoded("cycles"), groupSize: 1, opensAlone: false, facts: Self.bareMetal)
        #expect(reason == .permissionDenied(event: "cycles", errno: EACCES, paranoidLevel: 2, countsKernel: true, isRoot: false))
        let sentence = reason.description
        #expect(sentence.contains("perf_event_paranoid is 2"))
        #expect(sentence.contains("sysctl kernel.perf_event_paranoid=1"))
        #expect(sentence.contains("run as root") || sentence.contains("Run as root"))
        #expect(sentence.contains("kernel mode"))
    }

    @Test func userOnlyPermissionFailureDoesNotBlameKernelCounting() throws {
        let reason = UnavailabilityReason.openFailure(
            errno: EPERM, event: try Self.encoded("cycles:u"), groupSize: 1, opensAlone: false,
            facts: PerfSystemFacts(paranoidLevel: 3, hasHardwarePMU: true, runsUnderHypervisor: false, isRoot: false))
        #expect(!reason.description.contains("kernel mode"))
        #expect(reason.description.contains("perf_event_paranoid is 3"))
    }

    @Test func permissionDeniedAsRootPointsAtSeccomp() throws {
        var facts = Self.bareMetal
        facts.isRoot = true
        let reason = UnavailabilityReason.openFailure(
            errno: EACCES, event: try Self.encoded("cycles"), groupSize: 1, opensAlone: false, facts: facts)
        #expect(reason.description.contains("seccomp"))
    }

    @Test func missingEventOnARealPMUSuggestsPerfList() throws {
        let reason = UnavailabilityReason.openFailure(
            errno: ENOENT, event: try Self.encoded("perf::LLC-LOAD-MISSES"), groupSize: 6, opensAlone: false,
            facts: Self.bareMetal)
        #expect(reason == .notSupportedByCPU(event: "perf::LLC-LOAD-MISSES", errno: ENOENT))
        #expect(reason.description.contains("perf list"))
        #expect(reason.description.contains("ENOENT"))
    }

    @Test func memberThatOpensAloneDoesNotFitTheGroup() throws {
        let reason = UnavailabilityReason.openFailure(
            errno: EINVAL, event: try Self.encoded("perf::BRANCH-MISSES"), groupSize: 9, opensAlone: true,
            facts: Self.bareMetal)
        #expect(reason == .doesNotFitInGroup(event: "perf::BRANCH-MISSES", groupSize: 9))
        #expect(reason.description.contains("fewer events"))
    }

    @Test func virtualMachineWithoutPMUSaysHowToEnableIt() throws {
        let guest = PerfSystemFacts(paranoidLevel: 2, hasHardwarePMU: false, runsUnderHypervisor: true, isRoot: true)
        let reason = UnavailabilityReason.openFailure(
            errno: ENOENT, event: try Self.encoded("cycles"), groupSize: 1, opensAlone: false, facts: guest)
        #expect(reason == .noHardwarePMU(event: "cycles", runsUnderHypervisor: true))
        #expect(reason.description.contains("virtual machine"))
        #expect(reason.description.contains("bare metal"))
    }

    @Test func softwareEventFailureIsNeverBlamedOnAMissingPMU() throws {
        let guest = PerfSystemFacts(paranoidLevel: 2, hasHardwarePMU: false, runsUnderHypervisor: true, isRoot: true)
        let reason = UnavailabilityReason.openFailure(
            errno: ENOENT, event: try Self.encoded("perf::PAGE-FAULTS"), groupSize: 1, opensAlone: false, facts: guest)
        #expect(reason == .notSupportedByCPU(event: "perf::PAGE-FAULTS", errno: ENOENT))
    }

    @Test func groupThatNeverRanHasAnUnknownValueAndAReason() throws {
        let reading = CounterReading(
            event: CounterEvent.defaultSet[2], rawValue: 0, timeEnabled: 1_000_000, timeRunning: 0,
            windows: 3, groupSize: 6)
        #expect(reading.scaledValue == nil)
        #expect(reading.coverage == 0)
        #expect(reading.problem == .neverScheduled(event: "perf::L1-DCACHE-LOAD-MISSES", groupSize: 6, timeEnabled: 1_000_000))
        #expect(reading.problem?.description.contains("nmi_watchdog") == true)
    }

    @Test func currentFactsMatchTheKernelsParanoidSetting() {
        #expect(Self.machine.paranoidLevel != nil)
        #expect(Self.machine.isRoot == (geteuid() == 0))
    }
}
