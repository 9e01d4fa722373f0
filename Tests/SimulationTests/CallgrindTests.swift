import Simulation
import Testing

struct CallgrindTests {
    @Test func totalsAreReadByEventName() throws {
        let text = """
            # callgrind format
            version: 1
            events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
            fn=(1) hb_simulated_window
            0 10 2 1
            totals: 123456 4000 200 3 17 2 3 9 1
            """
        let counts = try CallgrindCounts.parse(text)
        #expect(counts["Ir"] == 123456)
        #expect(counts["D1mr"] == 17)
        #expect(counts["DLmw"] == 1)
    }

    @Test func outputWithoutTotalsIsRefused() {
        #expect(throws: CallgrindError.self) { try CallgrindCounts.parse("events: Ir\n") }
    }

    @Test func aMissingValgrindSaysHowToGetIt() {
        #expect(throws: CallgrindError.unavailable(
            "valgrind is not installed, so simulated counts cannot be made; install it (Debian: apt-get install valgrind)")) {
            try Callgrind.locate(environment: ["PATH": "/nonexistent"])
        }
    }
}
