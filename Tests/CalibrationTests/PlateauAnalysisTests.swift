import SeededRandom
import Support
import Testing
import Calibration

private let kib = 1 << 10
private let mib = 1 << 20

private let virtualMachineCaches = [
    CacheDescription(level: 1, type: "Data", sizeBytes: 32 * kib),
    CacheDescription(level: 2, type: "Unified", sizeBytes: mib),
    CacheDescription(level: 3, type: "Unified", sizeBytes: 32 * mib),
]

/// A stepped curve like a real machine's, with intermediate values just
/// past each capacity.
private func syntheticLatency(_ size: Int) -> Double {
    switch size {
    case ...(32 * kib): return 1.0
    case ...(48 * kib): return 2.5
    case ...mib: return 4.0
    case ...(3 * mib / 2): return 9.0
    case ...(32 * mib): return 15.0
    case ...(48 * mib): return 50.0
    default: return 90.0
    }
}

private func syntheticLadder(maximumBytes: Int = 512 * mib) throws -> [LadderPoint] {
    try LadderConfiguration(maximumBytes: maximumBytes).sizes().map {
        LadderPoint(sizeBytes: $0, nsPerLoad: syntheticLatency($0))
    }
}

@Test func capacityClassificationFindsEachPlateau() throws {
    let analysis = PlateauAnalysis(points: try syntheticLadder(), caches: virtualMachineCaches)!
    #expect(analysis.method == .sysfsCacheSizes)
    #expect(analysis.levels.map(\.name) == ["L1", "L2", "L3", "DRAM"])
    #expect(analysis.levels.map(\.nsPerLoad) == [1.0, 4.0, 15.0, 90.0])
    #expect(analysis.levels.map(\.isLastLevelCache) == [false, false, true, false])
    #expect(analysis.levels[0].insideSizes == [4 * kib, 6 * kib, 8 * kib, 12 * kib, 16 * kib])
    #expect(analysis.levels[1].insideSizes.first == 64 * kib && analysis.levels[1].insideSizes.last == 512 * kib)
    #expect(analysis.levels[2].insideSizes.first == 2 * mib && analysis.levels[2].insideSizes.last == 16 * mib)
    #expect(analysis.levels[3].insideSizes.first == 64 * mib)
    #expect(analysis.levels[3].capacityBytes == nil)

    let edge = analysis.points.first { $0.sizeBytes == 48 * kib }!
    #expect(edge.levelName == "L2" && !edge.isClearlyInside)
    let capacityPoint = analysis.points.first { $0.sizeBytes == 32 * kib }!
    #expect(capacityPoint.levelName == "L1" && !capacityPoint.isClearlyInside)
}

@Test func workingSetLookup() throws {
    let analysis = PlateauAnalysis(points: try syntheticLadder(), caches: virtualMachineCaches)!
    #expect(analysis.level(forWorkingSet: 100 * kib) == ("L2", 4.0))
    #expect(analysis.level(forWorkingSet: 32 * kib) == ("L1", 1.0))
    #expect(analysis.level(forWorkingSet: 10 * mib) == ("L3", 15.0))
    #expect(analysis.level(forWorkingSet: 2 << 30) == ("DRAM", 90.0))
}

@Test func unreachedLevelsHaveNoLatency() throws {
    let analysis = PlateauAnalysis(points: try syntheticLadder(maximumBytes: 256 * kib), caches: virtualMachineCaches)!
    #expect(analysis.levels.map(\.name) == ["L1", "L2", "L3", "DRAM"])
    #expect(analysis.levels[2].nsPerLoad == nil && analysis.levels[3].nsPerLoad == nil)
    let dram = analysis.level(forWorkingSet: 1 << 30)
    #expect(dram.name == "DRAM" && dram.nsPerLoad.isNaN)
}

@Test func levelWithOnlyEdgePointsUsesNearestPoint() {
    // L2 = 64 KiB with L1 = 32 KiB: no size is both >= 64 KiB and <= 32 KiB.
    let caches = [CacheDescription(level: 1, type: "Data", sizeBytes: 32 * kib),
                  CacheDescription(level: 2, type: "Unified", sizeBytes: 64 * kib)]
    let points = [LadderPoint(sizeBytes: 16 * kib, nsPerLoad: 1),
                  LadderPoint(sizeBytes: 48 * kib, nsPerLoad: 3),
                  LadderPoint(sizeBytes: 64 * kib, nsPerLoad: 3.5)]
    let analysis = PlateauAnalysis(points: points, caches: caches)!
    #expect(analysis.levels[1].nsPerLoad == nil)
    #expect(analysis.level(forWorkingSet: 60 * kib) == ("L2", 3.5))
}

@Test func jumpDetectionWithoutCacheSizes() throws {
    // Add some measurement noise inside each plateau.
    var noise = SeededGenerator(seed: 5)
    let points = try syntheticLadder().map {
        LadderPoint(sizeBytes: $0.sizeBytes, nsPerLoad: $0.nsPerLoad * Double.random(in: 0.95...1.05, using: &noise))
    }
    let analysis = PlateauAnalysis(points: points, caches: [])!
    #expect(analysis.method == .latencyJumps)
    #expect(analysis.levels.map(\.name) == ["L1", "L2", "L3", "DRAM"])
    #expect(analysis.levels.map(\.isLastLevelCache) == [false, false, true, false])
    let expected = [1.0, 4.0, 15.0, 90.0]
    for (level, value) in zip(analysis.levels, expected) {
        #expect(abs(level.nsPerLoad! - value) <= 0.05 * value)
    }
    #expect(analysis.levels[0].capacityBytes == 32 * kib)
    #expect(analysis.levels[3].capacityBytes == nil)
    // The single 48 KiB transition point sits closer to L2's latency.
    let transition = analysis.points.first { $0.sizeBytes == 48 * kib }!
    #expect(!transition.isClearlyInside && transition.levelName == "L2")
    #expect(analysis.level(forWorkingSet: 100 * kib).name == "L2")
    #expect(analysis.level(forWorkingSet: 4 << 30).name == "DRAM")
    #expect(analysis.level(forWorkingSet: 1 * kib).name == "L1")
}

@Test func jumpDetectionOnFlatOrTinyLadders() {
    let flat = (0..<6).map { LadderPoint(sizeBytes: 4_096 << $0, nsPerLoad: 1.2) }
    let flatAnalysis = PlateauAnalysis(points: flat, caches: [])!
    #expect(flatAnalysis.levels.map(\.name) == ["L1"])
    #expect(flatAnalysis.levels[0].nsPerLoad == 1.2)
    #expect(!flatAnalysis.levels[0].isLastLevelCache)

    let single = PlateauAnalysis(points: [LadderPoint(sizeBytes: 4_096, nsPerLoad: 2)], caches: [])!
    #expect(single.levels.count == 1)
    #expect(single.level(forWorkingSet: 1 << 30) == ("L1", 2))

    #expect(PlateauAnalysis(points: [], caches: virtualMachineCaches) == nil)
}
