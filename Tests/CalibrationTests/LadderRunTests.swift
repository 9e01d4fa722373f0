import Support
import Testing
import Timing
@testable import Calibration

/// Counts calls so the test can check the ladder uses the allocator it is
/// given and returns what it took.
private final class CountingAllocator: BufferAllocator {
    var allocations: [Int] = []
    var deallocations: [Int] = []
    let underlying = MmapBufferAllocator()

    func allocate(byteCount: Int) throws -> UnsafeMutableRawPointer {
        allocations.append(byteCount)
        return try underlying.allocate(byteCount: byteCount)
    }

    func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        deallocations.append(byteCount)
        underlying.deallocate(pointer, byteCount: byteCount)
    }
}

@Test func smallLadderHasSaneStructure() throws {
    let configuration = LadderConfiguration(
        maximumBytes: 256 << 10, measurementsPerSize: 3, targetMeasurementSeconds: 0.002, cpuNode: 0)
    let allocator = CountingAllocator()
    var reported: [Int] = []
    let ladder = try LatencyLadder.measure(
        configuration: configuration, timer: CycleTimer.calibrate(windows: 2, windowMilliseconds: 2),
        allocator: allocator, progress: { reported.append($0.sizeBytes) })

    let sizes = try configuration.sizes()
    #expect(ladder.points.map(\.sizeBytes) == sizes)
    #expect(reported == sizes)
    #expect(allocator.allocations == [256 << 10])
    #expect(allocator.deallocations == [256 << 10])
    #expect(ladder.cpuNode == 0 && ladder.memoryNode == nil)
    for point in ladder.points {
        #expect(point.nsPerLoad > 0 && point.nsPerLoad.isFinite)
        #expect(point.measurements.count == 3)
        #expect(point.measurements.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(point.loadsPerMeasurement >= 1 << 14)
        #expect(point.nsPerLoad == point.measurements.median())
    }
    let analysis = try #require(PlateauAnalysis(ladder: ladder))
    #expect(!analysis.levels.isEmpty)
    #expect(analysis.points.count == ladder.points.count)
    #expect(ladder.csvText().split(separator: "\n").count == sizes.count + 1)
}

@Test func forcedClockGettimeLadderWorks() throws {
    let configuration = LadderConfiguration(
        maximumBytes: 16 << 10, measurementsPerSize: 1, targetMeasurementSeconds: 0.001)
    let ladder = try LatencyLadder.measure(
        configuration: configuration, timer: CycleTimer(forcingClockGettime: "test", overheadPairs: 10))
    #expect(ladder.timerSourceName == "clock_gettime")
    #expect(ladder.points.allSatisfy { $0.nsPerLoad > 0 && $0.nsPerLoad.isFinite })
}

@Test func sysfsCacheTopologyParses() {
    let caches = CacheTopology.dataCaches()
    // Structure only: the machine may or may not expose sysfs caches.
    #expect(zip(caches, caches.dropFirst()).allSatisfy { $0.level < $1.level })
    #expect(caches.allSatisfy { $0.sizeBytes > 0 && ($0.type == "Data" || $0.type == "Unified") })
    #expect(CacheTopology.dataCaches(directory: "/nonexistent").isEmpty)
}
