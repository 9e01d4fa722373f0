import ArgumentParser
import Calibration
import Foundation
import Support
import NUMA
import Reports
import ResultsFormat
import Runs
import Timing

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the memory-latency ladder (lat_mem_rd style) and find the cache plateaus.",
        discussion: """
            Random single-cycle pointer chains over 64-byte lines, 4 KiB up to --max-size; writes \
            OUT/calibration.csv. With --numa, one ladder per (cpu node, memory node) pair.
            """)

    @Option(name: .customLong("max-size"), help: "Largest working set, e.g. 64MiB, 512MiB, 1GiB.")
    var maxSize = "512MiB"
    @Option(help: "Placements: local, remote, pairs (every ordered pair), or cpu:mem pairs such as 0:1.")
    var numa: String?
    @Option(name: .customLong("page-size"), help: "4k or thp for the chain's buffer.")
    var pageSize: String?
    @Option(help: "Directory for calibration.csv.")
    var out = "."

    func validate() throws {
        do { _ = try ByteSizeParser.parse(maxSize) } catch { throw ValidationError("--max-size: \(error)") }
        if let pageSize, PageSize(argument: pageSize) == nil {
            throw ValidationError("--page-size '\(pageSize)' is not valid; choose 4k or thp")
        }
        if let numa {
            do { _ = try NUMARequest.parse(numa).expand(for: Topology.current()) } catch { throw ValidationError(error.description) }
        }
    }

    func run() throws {
        let bytes = try ByteSizeParser.parse(maxSize)
        let topology = Topology.current()
        var placements: [NodePlacement] = []
        if let numa {
            let plan = try NUMARequest.parse(numa).expand(for: topology)
            for note in plan.notes { print("numa: \(note)") }
            guard !plan.placements.isEmpty else {
                print("nothing to calibrate: no placement of --numa \(numa) is possible on this machine")
                return
            }
            placements = plan.placements
        }
        let timer = CycleTimer.calibrate()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let ladders = try PlacedCalibration.measure(
            maximumBytes: bytes, placements: placements, pageSize: pageSize.flatMap(PageSize.init(argument:)),
            topology: topology, timer: timer) { placement, point in
            let prefix = placement.map { "  [\($0)] " } ?? "  "
            StandardError.print("\(prefix)\(point.sizeBytes) bytes: \(FixedPoint.text(point.nsPerLoad, decimals: 3)) ns/load")
        }
        let path = out + "/" + LatencyLadder.csvFileName
        try ResultsDirectory(out).writeAtomically(PlacedCalibration.csv(ladders), to: path)
        for ladder in ladders {
            guard let plateaus = PlateauAnalysis(ladder: ladder) else { continue }
            print(ladder.textTable(plateaus: plateaus))
        }
        print("written: \(path)")
    }
}
