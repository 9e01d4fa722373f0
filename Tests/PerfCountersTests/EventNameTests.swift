import Testing
@testable import PerfCounters

@Suite struct EventNameTests {
    @Test func pmuPrefixedNameWithoutModifiers() throws {
        let name = try EventName(parsing: "perf::PAGE-FAULTS")
        #expect(name.pmu == "perf")
        #expect(name.event == "PAGE-FAULTS")
        #expect(name.modifiers.isEmpty)
        #expect(name.privilege == .userAndKernel)
        #expect(name.libpfmName == "perf::PAGE-FAULTS")
        #expect(name.spelling == "perf::PAGE-FAULTS")
    }

    @Test(arguments: [
        ("cycles", PrivilegeScope.userAndKernel),
        ("cycles:u", .userOnly),
        ("cycles:k", .kernelOnly),
        ("cycles:U", .userOnly),
        ("cycles:u:k", .userAndKernel),
        ("cycles:k:u", .userAndKernel),
    ])
    func privilegeModifiersAreLiftedOut(text: String, expected: PrivilegeScope) throws {
        let name = try EventName(parsing: text)
        #expect(name.privilege == expected)
        #expect(name.libpfmName == "cycles")
        #expect(name.spelling == text)
    }

    @Test func privilegeScopeSaysWhichLevelsCount() {
        #expect(PrivilegeScope.userAndKernel.countsUser && PrivilegeScope.userAndKernel.countsKernel)
        #expect(PrivilegeScope.userOnly.countsUser && !PrivilegeScope.userOnly.countsKernel)
        #expect(!PrivilegeScope.kernelOnly.countsUser && PrivilegeScope.kernelOnly.countsKernel)
    }

    @Test func otherModifiersPassThroughInOrder() throws {
        let name = try EventName(parsing: "INST_RETIRED:ANY_P:k:c=1")
        #expect(name.pmu == nil)
        #expect(name.event == "INST_RETIRED")
        #expect(name.modifiers == ["ANY_P", "c=1"])
        #expect(name.privilege == .kernelOnly)
        #expect(name.libpfmName == "INST_RETIRED:ANY_P:c=1")
    }

    @Test(arguments: [
        ("", EventNameError.empty),
        ("cycles,instructions", .multipleEvents("cycles,instructions")),
        ("cy cles", .invalidCharacter(" ", in: "cy cles")),
        ("perf::CYCLES/u", .invalidCharacter("/", in: "perf::CYCLES/u")),
        ("perf::", .emptyComponent("perf::")),
        ("::CYCLES", .emptyComponent("::CYCLES")),
        ("cycles:", .emptyComponent("cycles:")),
        ("cycles::", .emptyComponent("cycles::")),
        ("perf::CYCLES::u", .emptyComponent("perf::CYCLES::u")),
        ("cycles:u:u", .repeatedPrivilegeModifier("cycles:u:u", modifier: "u")),
        ("cycles:u=1", .explicitPrivilegeValue("cycles:u=1", modifier: "u=1")),
        ("cycles:K=0", .explicitPrivilegeValue("cycles:K=0", modifier: "K=0")),
    ])
    func invalidNamesAreRejected(text: String, expected: EventNameError) {
        #expect(throws: expected) { try EventName(parsing: text) }
    }

    @Test func rejectionNamesTheOffendingText() {
        #expect(EventNameError.multipleEvents("a,b").description.contains("'a,b'"))
        #expect(EventNameError.invalidCharacter(" ", in: "cy cles").description.contains("'cy cles'"))
    }

    @Test func autoResolvesToTheDefaultSet() throws {
        #expect(try CounterEvent.resolve("auto") == CounterEvent.defaultSet)
        #expect(try CounterEvent.resolve(" AUTO ") == CounterEvent.defaultSet)
    }

    @Test func defaultSetFillsTheCSVColumnsInOrder() {
        #expect(CounterEvent.defaultSet.map(\.name.spelling) == [
            "perf::CYCLES", "perf::INSTRUCTIONS", "perf::L1-DCACHE-LOAD-MISSES",
            "perf::LLC-LOAD-MISSES", "perf::DTLB-LOAD-MISSES", "perf::BRANCH-MISSES",
        ])
        #expect(CounterEvent.defaultSet.map(\.column) == [
            "cycles_per_check", "instructions_per_check", "l1d_misses_per_check",
            "llc_misses_per_check", "dtlb_misses_per_check", "branch_misses_per_check",
        ])
    }

    @Test func explicitListKeepsOrderAndMatchesDefaultColumns() throws {
        let events = try CounterEvent.resolve(" perf::cycles:u , perf::PAGE-FAULTS")
        #expect(events.map(\.name.spelling) == ["perf::cycles:u", "perf::PAGE-FAULTS"])
        #expect(events.map(\.column) == ["cycles_per_check", nil])
        #expect(events[0].name.privilege == .userOnly)
    }

    @Test func explicitListWithAnEmptyEntryIsRejected() {
        #expect(throws: EventNameError.empty) { try CounterEvent.resolve("perf::CYCLES,,perf::INSTRUCTIONS") }
    }
}
