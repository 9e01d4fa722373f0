// Swift strategies against their C twins: the Swift hot path must not be
// slower than the same algorithm in C over the same memory.

import ResultsFormat
import SeededRandom
import Statistics
import Support

public struct TwinRatios {
    public struct Ratio {
        public let swift: ResultRow
        public let c: ResultRow
        /// Swift's net median over C's: above 1 means Swift is slower; nil
        /// when either point is not resolved above its empty baseline.
        public let comparison: MedianComparison?

        /// Either point's cost is not resolved above its empty baseline
        /// (Resolution), so there is no ratio to give.
        public var isUnresolved: Bool { swift.isUnresolved || c.isUnresolved }

        /// More than 5% slower with confidence: a bug in the Swift hot path.
        public var isHotPathBug: Bool { (comparison?.ratio.ciLow ?? 0) > 1.05 }
    }

    public let ratios: [Ratio]

    /// Pairs every C-twin row with the Swift row of the same point;
    /// `twins` maps each C twin to the Swift strategy it mirrors, as the
    /// run recorded it (`RunData.twins`).
    public init(rows: [ResultRow], samples: [String: [String: [[Double]]]], twins: [String: String]) {
        var byKey: [String: ResultRow] = [:]
        for row in rows { byKey[row.pointKey] = row }
        var ratios: [Ratio] = []
        for c in rows {
            guard let swiftName = twins[c["strategy"]] else { continue }
            var key = c
            key["strategy"] = swiftName
            guard let swift = byKey[key.pointKey] else { continue }
            if swift.isUnresolved || c.isUnresolved {
                ratios.append(Ratio(swift: swift, c: c, comparison: nil))
                continue
            }
            var rng = SeededGenerator(seed: 0x7317)
            let comparison = MedianComparison(baselineRepeats: Self.net(samples[c.pointKey]),
                                              candidateRepeats: Self.net(samples[swift.pointKey]),
                                              level: 0.95, resamples: 2000, using: &rng)
            ratios.append(Ratio(swift: swift, c: c, comparison: comparison))
        }
        self.ratios = ratios
    }

    /// Net samples (check minus the baseline's median), where positive.
    static func net(_ series: [String: [[Double]]]?) -> [[Double]] {
        guard let checks = series?["check"], let baseline = series?["baseline"] else { return [] }
        let base = Array(baseline.joined()).median() ?? 0
        return checks.map { $0.map { $0 - base }.filter { $0 > 0 } }.filter { !$0.isEmpty }
    }

    public var lines: [String] {
        ratios.map { ratio in
            let point = "\(ratio.swift["strategy"])/\(ratio.c["strategy"]) depth \(ratio.swift["depth"]) \(ratio.swift["cache"]) \(ratio.swift["mode"])"
            if ratio.isUnresolved { return "\(point): \(Resolution.mark)" }
            guard let comparison = ratio.comparison else { return "\(point): not enough positive net samples to compare" }
            let r = comparison.ratio
            let verdict = ratio.isHotPathBug ? "  SWIFT SLOWER THAN C BY >5%: hot-path bug" : ""
            return "\(point): \(FixedPoint.text(r.value, decimals: 3)) [\(FixedPoint.text(r.ciLow, decimals: 3)), \(FixedPoint.text(r.ciHigh, decimals: 3))]\(verdict)"
        }
    }
}
