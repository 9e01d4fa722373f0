import Support

extension LatencyLadder {
    /// Maximum line width of `textTable(plateaus:)`.
    public static let textTableWidth = 72

    /// A plain-text report: every ladder point with its level, then one
    /// line per level with the median latency of the points clearly inside
    /// it. No line exceeds `textTableWidth` columns.
    public func textTable(plateaus: PlateauAnalysis) -> String {
        var lines: [String] = []
        lines.append("Memory latency ladder: dependent loads, one random cycle")
        lines.append("over 64-byte lines. Timer: \(timerSourceName).")
        lines.append("Plateaus from \(plateaus.method.rawValue).")
        if cpuNode != nil || memoryNode != nil {
            let cpu = cpuNode.map(String.init) ?? "-"
            let memory = memoryNode.map(String.init) ?? "-"
            lines.append("NUMA: cpu node \(cpu), memory node \(memory).")
        }
        lines.append("")
        lines.append("size".leftPadded(to: 12) + "ns/load".leftPadded(to: 12) + "  level")
        for point in plateaus.points {
            let marker = point.isClearlyInside ? "" : " (edge)"
            lines.append(ByteSize.text(point.sizeBytes).leftPadded(to: 12)
                + FixedPoint.text(point.nsPerLoad, decimals: 2).leftPadded(to: 12)
                + "  " + point.levelName + marker)
        }
        lines.append("")
        lines.append("level".rightPadded(to: 8) + "capacity".leftPadded(to: 12) + "points".leftPadded(to: 8)
            + "ns/load".leftPadded(to: 12))
        for level in plateaus.levels {
            let capacity = level.capacityBytes.map(ByteSize.text) ?? "-"
            let latency = level.nsPerLoad.map { FixedPoint.text($0, decimals: 2) } ?? FixedPoint.notAvailable
            lines.append((level.name + (level.isLastLevelCache ? "*" : "")).rightPadded(to: 8)
                + capacity.leftPadded(to: 12) + String(level.insideSizes.count).leftPadded(to: 8)
                + latency.leftPadded(to: 12))
        }
        lines.append("")
        lines.append("(edge): near a capacity boundary, left out of the level")
        lines.append("median. n/a: no ladder point clearly inside the level.")
        lines.append("*: last-level cache.")
        // Every line above is bounded by construction (fixed-width columns,
        // short level names), so nothing needs truncating.
        return lines.joined(separator: "\n") + "\n"
    }
}
