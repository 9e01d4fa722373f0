import ArgumentParser
import Reports

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two runs point by point, or each strategy with a baseline strategy within one run.",
        discussion: """
            'hookbench compare A B' matches the points of B with those of A; \
            'hookbench compare DIR --baseline STRATEGY' matches each strategy's points with the \
            baseline strategy's. Each pair gets the ratio of median net costs with a 95% \
            hierarchical-bootstrap CI over the repeats and a Mann-Whitney p-value \
            (docs/methodology.md).
            """)

    @Argument(help: "One results directory (with --baseline), or two: A then B.")
    var directories: [String]

    @Option(help: "Compare each strategy of the one directory with this strategy.")
    var baseline: String?

    @Option(name: .customLong("fail-above"),
            help: "Exit with status 1 when a point is slower than its baseline by more than this percentage with 95% confidence, e.g. 5%.")
    var failAbove: String?

    func validate() throws {
        switch (directories.count, baseline) {
        case (1, nil):
            throw ValidationError("one directory needs --baseline STRATEGY (compare its strategies with that one); to compare two runs give two directories, A then B")
        case (1, _), (2, nil):
            break
        case (2, _):
            throw ValidationError("--baseline compares strategies within one run; give one directory with it, or two directories without it")
        default:
            throw ValidationError("give one results directory with --baseline, or two (A then B); got \(directories.count)")
        }
        if let failAbove { _ = try FailThreshold.parse(failAbove, option: "--fail-above") }
    }

    func run() throws {
        let comparison: Comparison
        if let baseline {
            comparison = try Comparison.withinRun(try LoadedRun.load(directories[0]), baseline: baseline)
        } else {
            comparison = try Comparison.betweenRuns(try LoadedRun.load(directories[0]), try LoadedRun.load(directories[1]))
        }
        let threshold = try failAbove.map { try FailThreshold.parse($0, option: "--fail-above") }
        print(comparison.text(failAbove: threshold), terminator: "")
        if let threshold, !comparison.regressions(abovePercent: threshold).isEmpty { throw ExitCode(1) }
    }
}

enum FailThreshold {
    /// "5%", "0.5%", "0" or a bare "5" (percent), as a percentage >= 0.
    static func parse(_ text: String, option: String) throws -> Double {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(number), value >= 0, value.isFinite else {
            throw ValidationError("\(option) '\(text)' is not a percentage; give a value of 0% or more, such as 5% or 0.5%")
        }
        return value
    }
}
