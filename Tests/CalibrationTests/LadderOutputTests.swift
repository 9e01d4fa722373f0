import Support
import Testing
import Calibration

private let sampleLadder = LatencyLadder(
    points: [LadderPoint(sizeBytes: 4_096, nsPerLoad: 1.25),
             LadderPoint(sizeBytes: 6_144, nsPerLoad: 1.5),
             LadderPoint(sizeBytes: 1 << 20, nsPerLoad: 4.125)],
    timerSourceName: "tsc")

@Test func csvHasHeaderAndEmptyNodesByDefault() {
    let lines = sampleLadder.csvText().split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "size_bytes,ns_per_load,cpu_node,mem_node")
    #expect(lines[1] == "4096,1.25,,")
    #expect(lines[2] == "6144,1.5,,")
    #expect(lines[3] == "1048576,4.125,,")
    #expect(lines[4] == "")
    #expect(lines.count == 5)
    #expect(LatencyLadder.csvFileName == "calibration.csv")
}

@Test func csvRecordsNumaNodesWhenGiven() {
    let ladder = LatencyLadder(points: sampleLadder.points, cpuNode: 0, memoryNode: 1, timerSourceName: "tsc")
    let lines = ladder.csvText().split(separator: "\n")
    #expect(lines[1] == "4096,1.25,0,1")
    let cpuOnly = LatencyLadder(points: sampleLadder.points, cpuNode: 2, timerSourceName: "tsc")
    #expect(cpuOnly.csvText().split(separator: "\n")[1] == "4096,1.25,2,")
}

@Test func csvValuesRoundTrip() {
    let value = 1.0 / 3.0
    let ladder = LatencyLadder(points: [LadderPoint(sizeBytes: 128, nsPerLoad: value)], timerSourceName: "tsc")
    let field = ladder.csvText().split(separator: "\n")[1].split(separator: ",")[1]
    #expect(Double(String(field)) == value)
}

@Test func csvWriteToMissingDirectoryThrows() {
    #expect(throws: LadderError.self) { try sampleLadder.writeCSV(to: "/nonexistent-directory/calibration.csv") }
}

@Test func textTableFitsAndNamesLevels() {
    let caches = [CacheDescription(level: 1, type: "Data", sizeBytes: 32 << 10),
                  CacheDescription(level: 2, type: "Unified", sizeBytes: 2 << 20)]
    let ladder = LatencyLadder(
        points: (0..<20).map { LadderPoint(sizeBytes: 4_096 << $0, nsPerLoad: 1 + Double($0) * 7.123) },
        cpuNode: 0, memoryNode: 0, timerSourceName: "clock_gettime")
    let analysis = PlateauAnalysis(ladder: ladder, caches: caches)!
    let table = ladder.textTable(plateaus: analysis)
    let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.allSatisfy { $0.count <= LatencyLadder.textTableWidth })
    #expect(table.contains("sysfs cache sizes"))
    #expect(table.contains("clock_gettime"))
    #expect(table.contains("NUMA: cpu node 0, memory node 0."))
    #expect(table.contains("4 KiB"))
    #expect(table.contains("2 GiB"))
    #expect(table.contains("(edge)"))
    for name in ["L1", "L2*", "DRAM"] {
        #expect(lines.contains { $0.hasPrefix(name + " ") })
    }
    // 4 KiB: 1.00 ns/load, rendered with two decimals.
    #expect(lines.contains { $0.hasSuffix("1.00  L1") })
}

@Test func textTableForJumpMethodSaysSo() {
    let analysis = PlateauAnalysis(ladder: sampleLadder, caches: [])!
    let table = sampleLadder.textTable(plateaus: analysis)
    #expect(table.contains("latency jumps"))
    #expect(table.split(separator: "\n").allSatisfy { $0.count <= LatencyLadder.textTableWidth })
}
