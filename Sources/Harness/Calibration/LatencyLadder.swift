// Calibration: a memory-latency ladder in the manner of lmbench's
// lat_mem_rd. For working sets from a few KiB to hundreds of MiB it walks a
// random single-cycle pointer chain and records nanoseconds per dependent
// load, then names the plateaus (L1, L2, L3/LLC, DRAM). Benchmark reports
// use it to express a hook's cost as "this many loads at this cache level",
// a unit that survives moving to another machine better than nanoseconds.

import Statistics
import SeededRandom
import CHarness
import Support
import Timing

/// One working-set size of the ladder.
public struct LadderPoint: Sendable, Equatable {
    /// Working-set size in bytes (a multiple of 64).
    public let sizeBytes: Int
    /// Median of `measurements`: nanoseconds per dependent load.
    public let nsPerLoad: Double
    /// Nanoseconds per load of each timed walk, in measurement order.
    public let measurements: [Double]
    /// Loads in each timed walk.
    public let loadsPerMeasurement: Int

    public init(sizeBytes: Int, nsPerLoad: Double, measurements: [Double] = [], loadsPerMeasurement: Int = 0) {
        self.sizeBytes = sizeBytes
        self.nsPerLoad = nsPerLoad
        self.measurements = measurements
        self.loadsPerMeasurement = loadsPerMeasurement
    }
}

/// A measured latency ladder: points in increasing size, and how they
/// were obtained.
public struct LatencyLadder: Sendable, Equatable {
    public let points: [LadderPoint]
    /// NUMA nodes the caller reported (see LadderConfiguration).
    public let cpuNode: Int?
    public let memoryNode: Int?
    /// "tsc" or "clock_gettime".
    public let timerSourceName: String

    public init(points: [LadderPoint], cpuNode: Int? = nil, memoryNode: Int? = nil, timerSourceName: String) {
        self.points = points
        self.cpuNode = cpuNode
        self.memoryNode = memoryNode
        self.timerSourceName = timerSourceName
    }

    /// Measures the ladder. One buffer of maximumBytes is allocated and
    /// faulted in once (as lat_mem_rd does); each size then gets a new
    /// chain over the start of that buffer, one untimed warm-up pass, a
    /// pilot walk to size the timed walks, and `measurementsPerSize` timed
    /// walks. `progress` is called after each size.
    ///
    /// Time: about measurementsPerSize x targetMeasurementSeconds per size
    /// plus chain building and warm-up, which dominate for the largest
    /// sizes, where every shuffle step and warm-up load misses to DRAM.
    public static func measure(
        configuration: LadderConfiguration = LadderConfiguration(),
        timer: CycleTimer,
        allocator: some BufferAllocator = MmapBufferAllocator(),
        progress: (LadderPoint) -> Void = { _ in }
    ) throws -> LatencyLadder {
        let sizes = try configuration.sizes()
        let bufferBytes = sizes.last!
        let base = try allocator.allocate(byteCount: bufferBytes)
        defer { allocator.deallocate(base, byteCount: bufferBytes) }
        PointerChain.faultInPages(base, byteCount: bufferBytes)

        var generator = SeededGenerator(seed: configuration.shuffleSeed)
        var points: [LadderPoint] = []
        points.reserveCapacity(sizes.count)
        for size in sizes {
            let point = measurePoint(
                base: base, sizeBytes: size, configuration: configuration, timer: timer, generator: &generator)
            points.append(point)
            progress(point)
        }
        return LatencyLadder(points: points, cpuNode: configuration.cpuNode,
                             memoryNode: configuration.memoryNode, timerSourceName: timer.sourceName)
    }

    private static func measurePoint(
        base: UnsafeMutableRawPointer, sizeBytes: Int, configuration: LadderConfiguration,
        timer: CycleTimer, generator: inout SeededGenerator
    ) -> LadderPoint {
        let lineCount = sizeBytes / PointerChain.lineSize
        var cursor = PointerChain.build(in: base, byteCount: sizeBytes, using: &generator)

        // Warm-up: one full cycle puts the set in the caches and TLBs it
        // fits in. Capped at 64 MiB worth of lines: beyond that the set is in
        // DRAM anyway and a full pass would only cost time.
        cursor = PointerChain.chase(from: cursor, loads: min(lineCount, 1 << 20))

        // Pilot: long enough to be well above timer overhead.
        let pilotLoads = max(min(lineCount, 1 << 18), 1 << 14)
        let pilot = timedWalk(from: &cursor, loads: pilotLoads, timer: timer)
        let targetNanoseconds = configuration.targetMeasurementSeconds * 1e9
        let loads = max(pilotLoads, Int((targetNanoseconds / max(pilot, 0.01)).rounded(.up)))

        var measurements: [Double] = []
        measurements.reserveCapacity(configuration.measurementsPerSize)
        for _ in 0..<configuration.measurementsPerSize {
            measurements.append(timedWalk(from: &cursor, loads: loads, timer: timer))
        }
        hb_keep_alive_pointer(cursor)
        return LadderPoint(sizeBytes: sizeBytes, nsPerLoad: measurements.median()!,
                           measurements: measurements, loadsPerMeasurement: loads)
    }

    /// One timed walk; returns nanoseconds per load and advances `cursor`
    /// so the next walk continues where this one stopped.
    @inline(__always)
    private static func timedWalk(from cursor: inout UnsafeRawPointer, loads: Int, timer: CycleTimer) -> Double {
        let start = timer.start()
        let end = PointerChain.chase(from: cursor, loads: loads)
        let stop = timer.stop()
        // The stop read only orders instructions; this makes sure the
        // compiler kept the walk whose result nothing else reads.
        hb_keep_alive_pointer(end)
        cursor = end
        return timer.nanoseconds(from: start, to: stop) / Double(loads)
    }
}
