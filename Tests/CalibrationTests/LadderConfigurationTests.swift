import Testing
import Calibration

@Test func defaultLadderHasPowersAndMidpoints() throws {
    let sizes = try LadderConfiguration().sizes()
    #expect(sizes.first == 4_096)
    #expect(sizes.last == 512 << 20)
    #expect(sizes.contains(6_144) && sizes.contains(384 << 20))
    // 4 KiB ... 512 MiB is 18 powers of two with 17 midpoints between.
    #expect(sizes.count == 35)
    #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 < $1 })
    #expect(sizes.allSatisfy { $0 % 64 == 0 })
}

@Test func offGridMaximumIsAppended() throws {
    let sizes = try LadderConfiguration(maximumBytes: 100_000).sizes()
    #expect(sizes.last == 100_000 / 64 * 64)
    #expect(sizes.dropLast().last == 98_304)
}

@Test func invalidConfigurationsAreRejected() {
    #expect(throws: LadderError.self) { try LadderConfiguration(minimumBytes: 64).sizes() }
    #expect(throws: LadderError.self) { try LadderConfiguration(minimumBytes: 8_192, maximumBytes: 4_096).sizes() }
    #expect(throws: LadderError.self) { try LadderConfiguration(measurementsPerSize: 0).sizes() }
    #expect(throws: LadderError.self) { try LadderConfiguration(targetMeasurementSeconds: 0).sizes() }
}
