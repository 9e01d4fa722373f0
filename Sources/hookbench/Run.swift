import ArgumentParser
import Foundation
import LSMModel
import Measurement
import Reports
import Runs
import Strategies
import Timing

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure what each dispatch design costs per hook call, over a sweep of points.",
        discussion: "Every combination of the list-valued options is one point. Rows go to OUT/results.csv as each point finishes.")

    @Option(help: "Comma-separated strategies (see 'hookbench list strategies').")
    var strategies = "hlist,static-slots,ancestry,flattened,ns-table,hlist-c"
    @Option(help: "Namespace depths of each task's credential (0 to \(Limits.maxDepthLimit)).")
    var depths = "0,8,32"
    @Option(name: .customLong("lsms"), help: "Stacked LSMs (1 to \(Limits.maxLSMs)).")
    var lsms = "4"
    @Option(name: .customLong("namespaced-lsms"), help: "How many of the stacked LSMs are namespaced.")
    var namespacedLSMs = "2"
    @Option(help: "Hooks to call (see 'hookbench list hooks').")
    var hook = "file_open"
    @Option(help: "Distinct tasks (credentials, each with its own namespace chain).")
    var tasks = "64"
    @Option(help: "throughput (independent checks) and/or latency (a dependent chain).")
    var mode = "throughput"
    @Option(help: "hot, warm and/or cold.")
    var cache = "hot,warm,cold"
    @Option(help: "Seed of the worlds and call orders.")
    var seed: UInt64 = 1
    @Option(name: .customLong("target-ci"), help: "Stop sampling a point once its 95% CI is within this of the median.")
    var targetCI = "1%"
    @Option(name: .customLong("max-time"), help: "Time budget per point.")
    var maxTime = "3s"
    @Option(help: "Independent worlds (fresh allocations, new placement) per point.")
    var repeats = 3
    @Option(help: "Results directory; must not already hold a run.")
    var out: String

    func options() throws -> RunOptions {
        let axes = RunAxes(
            strategies: ValueParsing.list(strategies),
            depths: try ValueParsing.integers(depths, option: "--depths"),
            lsms: try ValueParsing.integers(lsms, option: "--lsms"),
            namespacedLSMs: try ValueParsing.integers(namespacedLSMs, option: "--namespaced-lsms"),
            hooks: try ValueParsing.hooks(hook),
            tasks: try ValueParsing.integers(tasks, option: "--tasks"),
            modes: try ValueParsing.choices(mode, option: "--mode", as: CallMode.self),
            caches: try ValueParsing.choices(cache, option: "--cache", as: CacheState.self),
            seed: seed)
        let problems = axes.problems()
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "\n")) }
        var sampling = SamplingPlan()
        sampling.targetRelativeHalfWidth = try ValueParsing.percentage(targetCI, option: "--target-ci")
        sampling.maxSecondsPerPoint = try ValueParsing.seconds(maxTime, option: "--max-time")
        guard repeats >= 1 else { throw ValidationError("--repeats \(repeats): at least one repeat is needed") }
        sampling.repeats = repeats
        return RunOptions(axes: axes, sampling: sampling, command: CommandLine.arguments)
    }

    func validate() throws {
        _ = try options()
        if ResultsDirectory(out).holdsRun { throw ValidationError(RunError.directoryHoldsRun(out).description) }
    }

    func run() throws {
        let timer = CycleTimer.calibrate()
        let session = try RunSession(directory: out, options: try options(), timer: timer)
        try session.run { event in
            switch event {
            case .started(let planned, let directory):
                print("measuring \(planned) points into \(directory) (timer: \(timer.sourceName), \(fixed(timer.ticksPerNanosecond)) ticks/ns, \(fixed(timer.overheadNanoseconds)) ns per read pair)")
            case .pointFinished(let index, let total, let row):
                print("[\(index)/\(total)] \(PointLine.describe(row))")
            case .pointStarted, .pointSkipped:
                break
            }
        }
        let ratios = TwinRatios(rows: session.rows, samples: try session.directory.samples())
        if !ratios.lines.isEmpty {
            print("\nSwift / C twin (net ns per check, ratio of medians, 95% bootstrap CI):")
            for line in ratios.lines { print("  " + line) }
        }
        print("results: \(session.directory.resultsPath)")
    }
}

enum PointLine {
    static func describe(_ row: ResultRow) -> String {
        "\(row["strategy"]) depth \(row["depth"]) \(row["cache"]) \(row["mode"]): \(row["ns_per_check"]) ns/check [\(row["ns_ci_low"]), \(row["ns_ci_high"])], working set \(bytes(row.int("working_set_bytes") ?? 0))"
    }

    static func bytes(_ count: Int) -> String {
        if count >= 1 << 20 { return fixed(Double(count) / Double(1 << 20), digits: 1) + " MiB" }
        if count >= 1 << 10 { return fixed(Double(count) / Double(1 << 10), digits: 1) + " KiB" }
        return "\(count) B"
    }
}

func fixed(_ value: Double, digits: Int = 2) -> String { ResultRow.number(value, digits: digits) }
