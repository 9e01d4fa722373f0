/// What a latency ladder measures and how long it spends on each size.
public struct LadderConfiguration: Sendable, Equatable {
    /// Smallest working set (default 4 KiB).
    public var minimumBytes: Int
    /// Largest working set (default 512 MiB): it should be several times
    /// the last-level cache so that the DRAM plateau has clear points.
    public var maximumBytes: Int
    /// Timed walks per size; the median is reported (default 5).
    public var measurementsPerSize: Int
    /// Length each timed walk aims for (default 20 ms, long enough that
    /// timer overhead and a stray interrupt are negligible per load).
    public var targetMeasurementSeconds: Double
    /// Seed for the chain shuffles; fixed so runs walk identical patterns.
    public var shuffleSeed: UInt64
    /// NUMA node the measuring thread ran on, if the caller pinned it;
    /// only recorded in the output.
    public var cpuNode: Int?
    /// NUMA node the buffer was placed on, if the caller chose it; only
    /// recorded in the output.
    public var memoryNode: Int?

    public init(
        minimumBytes: Int = 4 << 10,
        maximumBytes: Int = 512 << 20,
        measurementsPerSize: Int = 5,
        targetMeasurementSeconds: Double = 0.020,
        shuffleSeed: UInt64 = 1,
        cpuNode: Int? = nil,
        memoryNode: Int? = nil
    ) {
        self.minimumBytes = minimumBytes
        self.maximumBytes = maximumBytes
        self.measurementsPerSize = measurementsPerSize
        self.targetMeasurementSeconds = targetMeasurementSeconds
        self.shuffleSeed = shuffleSeed
        self.cpuNode = cpuNode
        self.memoryNode = memoryNode
    }

    /// The working-set sizes to measure, ascending: the powers of two and
    /// the 1.5x points between consecutive powers that lie in
    /// [minimumBytes, maximumBytes], plus maximumBytes (rounded down to
    /// whole 64-byte lines) when it is not on that grid.
    public func sizes() throws(LadderError) -> [Int] {
        try validate()
        let line = PointerChain.lineSize
        let maximum = maximumBytes / line * line
        var sizes: [Int] = []
        var power = line
        while power <= maximum {
            for candidate in [power, power + power / 2] where candidate >= minimumBytes && candidate <= maximum {
                sizes.append(candidate)
            }
            if power > maximum / 2 { break }
            power *= 2
        }
        if sizes.last != maximum && maximum >= minimumBytes {
            sizes.append(maximum)
        }
        if sizes.isEmpty {
            sizes.append(maximum)
        }
        return sizes
    }

    func validate() throws(LadderError) {
        let line = PointerChain.lineSize
        if minimumBytes < 2 * line {
            throw .invalidConfiguration("minimum size \(minimumBytes) bytes is below two cache lines (\(2 * line) bytes)")
        }
        if maximumBytes < minimumBytes {
            throw .invalidConfiguration("maximum size \(maximumBytes) bytes is below the minimum \(minimumBytes) bytes")
        }
        if measurementsPerSize < 1 {
            throw .invalidConfiguration("measurementsPerSize must be at least 1")
        }
        if !(targetMeasurementSeconds > 0 && targetMeasurementSeconds.isFinite) {
            throw .invalidConfiguration("targetMeasurementSeconds must be positive and finite")
        }
    }
}
