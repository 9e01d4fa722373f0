// Every cold point (and every warm latency point) explained physically:
// the check's critical path of dependent loads (`dependent_loads`, each
// strategy's own account of which of its lines must be loaded one after
// another) times the latency of the level those loads come from, measured
// by the run's own latency ladder, against the measured net cost.
//
// Only a cold latency check is predicted by the model: its time is waits
// on memory, one after another. A ratio far from 1 there is flagged for
// the reader, not hidden. Warm checks also execute their instructions,
// which the model does not count (ratios above 1 expected; below the band
// is flagged: faster than its loads allow).

import ResultsFormat
import Support

extension SummaryReport {
    /// Model over measured outside this band is flagged.
    static let loadModelBand = 0.75...1.33

    struct LoadModelLine {
        let row: ResultRow
        let loads: Double
        let level: String
        let nsPerLoad: Double
        var model: Double { loads * nsPerLoad }
        var measured: Double? { row.double("ns_per_check") }
        var ratio: Double? { measured.map { $0 / model } }

        /// Whether the ratio is outside what the model allows for this
        /// kind of point (see the file's header).
        var isFlagged: Bool {
            guard let ratio else { return false }
            let band = SummaryReport.loadModelBand
            return row["cache"] == "cold" ? !band.contains(ratio) : ratio < band.lowerBound
        }
    }

    /// The model for each cold or warm row with a dependent-load count,
    /// given the run's ladder.
    func loadModel() -> [LoadModelLine] {
        guard let calibration = run.calibration else { return [] }
        return run.rows.compactMap { row in
            let included = row["cache"] == "cold" || (row["cache"] == "warm" && row["mode"] == "latency")  // cold rows are latency
            guard included, let loads = row.double("dependent_loads"), loads > 0 else { return nil }
            let level = calibration.level(workingSetBytes: row.int("working_set_bytes") ?? 0, cache: row["cache"],
                                          cpuNode: row["cpu_node"], memNode: row["mem_node"])
            guard level.nsPerLoad.isFinite, level.nsPerLoad > 0 else { return nil }
            return LoadModelLine(row: row, loads: loads, level: level.name, nsPerLoad: level.nsPerLoad)
        }
    }

    func loadModelLines() -> [String] {
        let model = loadModel()
        guard !model.isEmpty else { return [] }
        var lines = [""]
        lines += TextLayout.wrap("== Measured against dependent loads x latency (cold and warm) ==")
        lines += TextLayout.wrap("model = the check's chain of dependent loads x the ladder's ns per load at the "
            + "level they come from (cold: DRAM); ratio = measured / model. A cold latency check is "
            + "waits on memory, so its ratio should be near 1 (! outside "
            + "\(FixedPoint.text(Self.loadModelBand.lowerBound, decimals: 2))-\(FixedPoint.text(Self.loadModelBand.upperBound, decimals: 2))); "
            + "warm checks also run their instructions (above 1 expected, ! below the band).")
        let labelWidth = max("point".count, model.map { label($0.row).count }.max() ?? 0)
        lines.append(("point").rightPadded(to: labelWidth) + "  " + ("ns").leftPadded(to: 8) + "  "
            + ("loads").leftPadded(to: 5) + "  " + ("x ns").leftPadded(to: 10) + "  " + ("model").leftPadded(to: 8)
            + "  " + "ratio")
        for line in model {
            let measured = !line.row.isUnresolved ? line.measured.map(ReportNumber.adaptive) ?? "-" : Resolution.mark
            let ratio = !line.row.isUnresolved ? line.ratio.map { FixedPoint.text($0, decimals: 2) } ?? "-" : Resolution.mark
            let flag = !line.row.isUnresolved && line.isFlagged ? " !" : ""
            lines.append((label(line.row)).rightPadded(to: labelWidth) + "  " + (measured).leftPadded(to: 8) + "  "
                + (FixedPoint.text(line.loads, decimals: 0)).leftPadded(to: 5) + "  "
                + ("\(line.level) \(ReportNumber.adaptive(line.nsPerLoad))").leftPadded(to: 10) + "  "
                + (ReportNumber.adaptive(line.model)).leftPadded(to: 8) + "  " + ratio + flag)
        }
        let flagged = model.filter { !$0.row.isUnresolved && $0.isFlagged }
        if !flagged.isEmpty {
            lines += TextLayout.wrap("\(flagged.count) of \(model.count) points are flagged. A cold latency check "
                + "well above its model has more waits than its chain (loads limited by memory-level parallelism, "
                + "as ancestry's many independent probes are, or TLB misses); well below, fewer (prefetchers, "
                + "lines shared with another LSM's walk).", continuation: "  ")
        }
        return lines
    }

    private func label(_ row: ResultRow) -> String {
        let mode = row["mode"] == "latency" ? "lat" : "thr"
        return "\(row["strategy"]) d\(row["depth"]) \(row["cache"]) \(mode)"
    }
}
