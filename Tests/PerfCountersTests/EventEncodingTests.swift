import CPerfEvents
import Testing
@testable import PerfCounters

@Suite struct EventEncodingTests {
    @Test func pageFaultsEncodesAsTheSoftwarePageFaultCounter() throws {
        let encoded = try EncodedEvent(encoding: EventName(parsing: "perf::PAGE-FAULTS"))
        #expect(encoded.perfType == PERF_TYPE_SOFTWARE.rawValue)
        #expect(encoded.perfConfig == UInt64(PERF_COUNT_SW_PAGE_FAULTS.rawValue))
        #expect(!encoded.needsHardwarePMU)
        #expect(encoded.fullyQualifiedName.contains("PAGE_FAULTS"))
        #expect(encoded.attributes.size == UInt32(MemoryLayout<perf_event_attr>.size))
    }

    @Test func madeUpNameFailsWithAMessageNamingIt() throws {
        let name = try EventName(parsing: "perf::HOOKBENCH-NO-SUCH-EVENT")
        do {
            _ = try EncodedEvent(encoding: name)
            Issue.record("a made-up event encoded")
        } catch {
            guard case .unknownEvent(let event, _) = error else {
                Issue.record("expected unknownEvent, got \(error)")
                return
            }
            #expect(event == "perf::HOOKBENCH-NO-SUCH-EVENT")
            #expect(error.description.contains("perf::HOOKBENCH-NO-SUCH-EVENT"))
            #expect(error.description.contains("perf list"))
            #expect(error.description.contains("showevtinfo"))
        }
    }

    @Test func unknownModifierIsAnAttributeError() throws {
        let name = try EventName(parsing: "perf::PAGE-FAULTS:hookbench=1")
        #expect {
            try EncodedEvent(encoding: name)
        } throws: { error in
            guard let reason = error as? UnavailabilityReason,
                  case .invalidEventAttributes(let event, _) = reason else { return false }
            return event == "perf::PAGE-FAULTS:hookbench=1"
        }
    }

    @Test(arguments: [
        ("perf::PAGE-FAULTS", false, false),
        ("perf::PAGE-FAULTS:u", false, true),
        ("perf::PAGE-FAULTS:k", true, false),
        ("cycles:u", false, true),
        ("cycles:k", true, false),
        ("cycles:u:k", false, false),
    ])
    func privilegeMapsOntoExcludeBits(text: String, excludesUser: Bool, excludesKernel: Bool) throws {
        let encoded = try EncodedEvent(encoding: EventName(parsing: text))
        #expect((encoded.attributes.exclude_user == 1) == excludesUser)
        #expect((encoded.attributes.exclude_kernel == 1) == excludesKernel)
    }

    @Test func everyDefaultEventEncodesAsAHardwareEvent() throws {
        for event in CounterEvent.defaultSet {
            let encoded = try EncodedEvent(encoding: event.name)
            #expect(encoded.needsHardwarePMU, "\(event)")
            #expect(encoded.perfType == PERF_TYPE_HARDWARE.rawValue || encoded.perfType == PERF_TYPE_HW_CACHE.rawValue,
                    "\(event) encoded as type \(encoded.perfType)")
        }
    }

    @Test func cyclesAndInstructionsAreTheGenericHardwareEvents() throws {
        let cycles = try EncodedEvent(encoding: CounterEvent.defaultSet[0].name)
        let instructions = try EncodedEvent(encoding: CounterEvent.defaultSet[1].name)
        #expect(cycles.perfConfig == UInt64(PERF_COUNT_HW_CPU_CYCLES.rawValue))
        #expect(instructions.perfConfig == UInt64(PERF_COUNT_HW_INSTRUCTIONS.rawValue))
    }
}
