import Support

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A level of the memory hierarchy as seen in the ladder.
public struct MemoryLevel: Sendable, Equatable {
    /// "L1", "L2", "L3", ... or "DRAM".
    public let name: String
    /// Capacity from sysfs; for plateaus found from latency jumps, the
    /// largest ladder size on the plateau; nil for DRAM.
    public let capacityBytes: Int?
    /// True for the last cache before DRAM.
    public let isLastLevelCache: Bool
    /// Median ns/load of the ladder points clearly inside this level; nil
    /// when the ladder has no such point (e.g. it stopped before DRAM).
    public let nsPerLoad: Double?
    /// Sizes of the points that went into `nsPerLoad`.
    public let insideSizes: [Int]
}

/// Which level a ladder point belongs to.
public struct ClassifiedPoint: Sendable, Equatable {
    public let sizeBytes: Int
    public let nsPerLoad: Double
    public let levelName: String
    /// False for points near a capacity boundary (or between plateaus),
    /// which are left out of the level's median because the curve bends
    /// there.
    public let isClearlyInside: Bool
}

/// Names the plateaus of a latency ladder and gives each its latency.
///
/// With cache sizes (normally from sysfs) a point of size s belongs to
/// the smallest cache with capacity >= s, else to DRAM; it is clearly
/// inside when it is at most half that capacity and at least twice the
/// previous level's capacity. The factor two keeps out the sizes where
/// associativity conflicts, replacement policy and the previous level's
/// residue make the latency climb gradually rather than step.
///
/// Without cache sizes, plateaus are found from jumps: walking up the
/// ladder, a point starts a new run when its latency differs from the
/// median of the current run by more than `jumpTolerance` (relative).
/// Runs of at least two points are plateaus, named L1, L2, ... in order,
/// the last one DRAM when there are two or more; single-point runs are
/// transitions, assigned to the neighbouring plateau closest in latency
/// and not clearly inside. These names are inferred from order alone.
public struct PlateauAnalysis: Sendable, Equatable {
    public enum Method: String, Sendable, Equatable {
        case sysfsCacheSizes = "sysfs cache sizes"
        case latencyJumps = "latency jumps (no cache sizes available)"
    }

    public let method: Method
    /// Levels from fastest to slowest.
    public let levels: [MemoryLevel]
    /// Every ladder point, in ladder order.
    public let points: [ClassifiedPoint]

    /// Default relative change that starts a new plateau in the jump method.
    public static let defaultJumpTolerance = 0.25

    /// nil when `ladder` has no points. Pass `caches: []` to force the jump
    /// method.
    public init?(
        ladder: LatencyLadder,
        caches: [CacheDescription] = CacheTopology.dataCaches(),
        jumpTolerance: Double = defaultJumpTolerance
    ) {
        self.init(points: ladder.points, caches: caches, jumpTolerance: jumpTolerance)
    }

    /// As `init(ladder:caches:jumpTolerance:)` for bare points, which must
    /// be in increasing size.
    public init?(points: [LadderPoint], caches: [CacheDescription], jumpTolerance: Double = defaultJumpTolerance) {
        guard !points.isEmpty else { return nil }
        let usableCaches = caches.filter { $0.sizeBytes > 0 }.sorted { $0.level < $1.level }
        if usableCaches.isEmpty {
            self.method = .latencyJumps
            (self.levels, self.points) = Self.classifyByJumps(points, tolerance: jumpTolerance)
        } else {
            self.method = .sysfsCacheSizes
            (self.levels, self.points) = Self.classifyByCapacity(points, caches: usableCaches)
        }
    }

    /// The level a working set of `bytes` falls in and its cost per load,
    /// so that a report can say e.g. "0.8 us = 9 DRAM loads".
    ///
    /// nsPerLoad is the level's plateau median; if the level has no point
    /// clearly inside, the ladder point of that level nearest in log-size;
    /// if the ladder has no point of that level at all (it stopped too
    /// small to reach it), NaN, so the gap shows instead of a wrong number.
    public func level(forWorkingSet bytes: Int) -> (name: String, nsPerLoad: Double) {
        let name = levelName(forWorkingSet: bytes)
        if let level = levels.first(where: { $0.name == name }), let value = level.nsPerLoad {
            return (name, value)
        }
        let candidates = points.filter { $0.levelName == name }
        guard let nearest = candidates.min(by: {
            logDistance($0.sizeBytes, bytes) < logDistance($1.sizeBytes, bytes)
        }) else {
            return (name, .nan)
        }
        return (name, nearest.nsPerLoad)
    }

    private func levelName(forWorkingSet bytes: Int) -> String {
        switch method {
        case .sysfsCacheSizes:
            return levels.first { level in level.capacityBytes.map { bytes <= $0 } ?? true }?.name ?? "DRAM"
        case .latencyJumps:
            // The plateau whose size span is nearest (zero when inside it).
            var best = levels[0]
            var bestDistance = Double.infinity
            for level in levels {
                let sizes = level.insideSizes
                guard let low = sizes.first, let high = sizes.last else { continue }
                let distance = bytes < low ? logDistance(low, bytes) : (bytes > high ? logDistance(high, bytes) : 0)
                if distance < bestDistance {
                    best = level
                    bestDistance = distance
                }
            }
            return best.name
        }
    }

    private static func classifyByCapacity(
        _ points: [LadderPoint], caches: [CacheDescription]
    ) -> ([MemoryLevel], [ClassifiedPoint]) {
        struct Band {
            let name: String
            let capacity: Int?
            let previousCapacity: Int?
        }
        var bands: [Band] = []
        var previous: Int?
        for cache in caches {
            bands.append(Band(name: "L\(cache.level)", capacity: cache.sizeBytes, previousCapacity: previous))
            previous = cache.sizeBytes
        }
        bands.append(Band(name: "DRAM", capacity: nil, previousCapacity: previous))

        var classified: [ClassifiedPoint] = []
        for point in points {
            let band = bands.first { band in band.capacity.map { point.sizeBytes <= $0 } ?? true }!
            let belowUpperEdge = band.capacity.map { point.sizeBytes * 2 <= $0 } ?? true
            let aboveLowerEdge = band.previousCapacity.map { point.sizeBytes >= 2 * $0 } ?? true
            classified.append(ClassifiedPoint(sizeBytes: point.sizeBytes, nsPerLoad: point.nsPerLoad,
                                              levelName: band.name, isClearlyInside: belowUpperEdge && aboveLowerEdge))
        }
        let levels = bands.enumerated().map { index, band in
            let inside = classified.filter { $0.levelName == band.name && $0.isClearlyInside }
            return MemoryLevel(
                name: band.name, capacityBytes: band.capacity,
                isLastLevelCache: index == bands.count - 2,
                nsPerLoad: inside.map(\.nsPerLoad).median(),
                insideSizes: inside.map(\.sizeBytes))
        }
        return (levels, classified)
    }

    private static func classifyByJumps(
        _ points: [LadderPoint], tolerance: Double
    ) -> ([MemoryLevel], [ClassifiedPoint]) {
        // Split into runs of similar latency.
        var runs: [[Int]] = [[0]]
        for index in 1..<points.count {
            let runMedian = runs[runs.count - 1].map { points[$0].nsPerLoad }.median()!
            let value = points[index].nsPerLoad
            if abs(value - runMedian) <= tolerance * runMedian {
                runs[runs.count - 1].append(index)
            } else {
                runs.append([index])
            }
        }
        var plateauRuns = runs.filter { $0.count >= 2 }
        if plateauRuns.isEmpty {
            // Every point differs from its neighbours: treat the whole
            // ladder as one level rather than inventing boundaries.
            plateauRuns = [Array(points.indices)]
        }
        let names = plateauRuns.indices.map { index in
            plateauRuns.count >= 2 && index == plateauRuns.count - 1 ? "DRAM" : "L\(index + 1)"
        }
        var plateauOfPoint = [Int?](repeating: nil, count: points.count)
        for (plateau, run) in plateauRuns.enumerated() {
            for index in run { plateauOfPoint[index] = plateau }
        }

        var classified: [ClassifiedPoint] = []
        for (index, point) in points.enumerated() {
            if let plateau = plateauOfPoint[index] {
                classified.append(ClassifiedPoint(sizeBytes: point.sizeBytes, nsPerLoad: point.nsPerLoad,
                                                  levelName: names[plateau], isClearlyInside: true))
                continue
            }
            // A transition point: the neighbouring plateau (the last one
            // before it or the first one after it) closest in log-latency.
            let before = plateauRuns.lastIndex { $0.last! < index }
            let after = plateauRuns.firstIndex { $0.first! > index }
            let plateauMedian = { (plateau: Int) in plateauRuns[plateau].map { points[$0].nsPerLoad }.median()! }
            let chosen: Int
            switch (before, after) {
            case let (before?, after?):
                let distanceBefore = abs(logRatio(point.nsPerLoad, plateauMedian(before)))
                let distanceAfter = abs(logRatio(point.nsPerLoad, plateauMedian(after)))
                chosen = distanceBefore <= distanceAfter ? before : after
            case let (before?, nil): chosen = before
            case let (nil, after?): chosen = after
            case (nil, nil): chosen = 0
            }
            classified.append(ClassifiedPoint(sizeBytes: point.sizeBytes, nsPerLoad: point.nsPerLoad,
                                              levelName: names[chosen], isClearlyInside: false))
        }
        let levels = plateauRuns.enumerated().map { plateau, run in
            MemoryLevel(
                name: names[plateau],
                capacityBytes: names[plateau] == "DRAM" ? nil : points[run.last!].sizeBytes,
                isLastLevelCache: plateauRuns.count >= 2 && plateau == plateauRuns.count - 2,
                nsPerLoad: run.map { points[$0].nsPerLoad }.median()!,
                insideSizes: run.map { points[$0].sizeBytes })
        }
        return (levels, classified)
    }
}

/// |log2(a / b)| for positive sizes.
private func logDistance(_ a: Int, _ b: Int) -> Double {
    abs(logRatio(Double(a), Double(b)))
}

/// log2(a / b); infinite when the ratio is not positive and finite.
private func logRatio(_ a: Double, _ b: Double) -> Double {
    let ratio = a / b
    guard ratio > 0, ratio.isFinite else { return .infinity }
    return log2(ratio)
}
