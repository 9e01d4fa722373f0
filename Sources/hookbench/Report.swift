import Foundation
import Reports

/// What a finished (or resumed) run writes after its last point.
enum Report {
    static func write(_ directory: ResultsDirectory, quiet: Bool) throws {
        let rows = try directory.rows()
        let ratios = TwinRatios(rows: rows, samples: try directory.samples())
        if !ratios.lines.isEmpty && !quiet {
            print("\nSwift / C twin (net ns per check, ratio of medians, 95% bootstrap CI):")
            for line in ratios.lines { print("  " + line) }
        }
        print("results: \(directory.path)")
    }
}
