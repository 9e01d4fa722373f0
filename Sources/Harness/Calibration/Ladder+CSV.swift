extension LatencyLadder {
    /// Conventional name of the CSV file.
    public static let csvFileName = "calibration.csv"

    /// Header of the CSV.
    public static let csvHeader = "size_bytes,ns_per_load,cpu_node,mem_node"

    /// One line per ladder point: size in bytes, ns per load in Swift's
    /// shortest round-trip decimal form, then the CPU and memory NUMA nodes,
    /// left empty when the caller did not say which were used.
    public func csvText() -> String {
        let cpu = cpuNode.map(String.init) ?? ""
        let memory = memoryNode.map(String.init) ?? ""
        var text = Self.csvHeader + "\n"
        for point in points {
            text += "\(point.sizeBytes),\(point.nsPerLoad),\(cpu),\(memory)\n"
        }
        return text
    }

    /// Writes `csvText()` to `path`, replacing any existing file.
    public func writeCSV(to path: String) throws(LadderError) {
        try TextFile.write(csvText(), to: path)
    }
}
