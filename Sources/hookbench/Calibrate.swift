import ArgumentParser
import Calibration
import Foundation
import Reports
import Timing

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the memory-latency ladder (lat_mem_rd style) and find the cache plateaus.",
        discussion: "Random single-cycle pointer chains over 64-byte lines, 4 KiB up to --max-size; writes OUT/calibration.csv.")

    @Option(name: .customLong("max-size"), help: "Largest working set, e.g. 64MiB, 512MiB, 1GiB.")
    var maxSize = "512MiB"
    @Option(help: "Directory for calibration.csv.")
    var out = "."

    func validate() throws {
        do { _ = try ByteSizeParser.parse(maxSize) } catch { throw ValidationError("--max-size: \(error)") }
    }

    func run() throws {
        let bytes = try ByteSizeParser.parse(maxSize)
        let timer = CycleTimer.calibrate()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let ladder = try LatencyLadder.measure(configuration: LadderConfiguration(maximumBytes: bytes), timer: timer) { point in
            FileHandle.standardError.write(Data("  \(point.sizeBytes) bytes: \(ResultRow.number(point.nsPerLoad)) ns/load\n".utf8))
        }
        let path = out + "/" + LatencyLadder.csvFileName
        try ladder.writeCSV(to: path)
        guard let plateaus = PlateauAnalysis(ladder: ladder) else { throw ValidationError("the ladder measured no sizes") }
        print(ladder.textTable(plateaus: plateaus), terminator: "")
        print("written: \(path)")
    }
}
