import ArgumentParser
import Calibration
import Foundation
import LSMModel
import Measurement
import NUMA
import PerfCounters
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
    @Option(help: "Perf events: auto (cycles, instructions, L1D/LLC/dTLB misses, branch misses), none, or libpfm4 names (e.g. perf::PAGE-FAULTS,cycles:u).")
    var events = "auto"
    @Flag(name: .customLong("require-counters"), help: "Fail instead of running without a requested counter.")
    var requireCounters = false
    @Option(name: .customLong("cpu-node"), help: "Pin the measuring thread to a CPU of this NUMA node.")
    var cpuNode: Int?
    @Option(name: .customLong("mem-node"), help: "Allocate everything a check touches on this NUMA node.")
    var memNode: Int?
    @Option(help: "Placements to sweep: local, remote, local,remote, or cpu:mem pairs such as 0:1,1:0.")
    var numa: String?
    @Option(name: .customLong("page-size"), help: "4k or thp (transparent huge pages, madvise).")
    var pageSize: String?
    @Option(name: .customLong("calibration-size"), help: "Largest latency-ladder size measured into OUT/calibration.csv, or 0 to skip it.")
    var calibrationSize = "64MiB"
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
        var options = RunOptions(axes: axes, sampling: sampling, command: CommandLine.arguments)
        options.axes.placements = try placements().requests
        do { options.events = events == "none" ? [] : try CounterEvent.resolve(events) } catch {
            throw ValidationError("--events '\(events)': \(error)")
        }
        options.requireCounters = requireCounters
        return options
    }

    /// The placements to measure, with what could not be measured here.
    func placements() throws -> (requests: [PlacementRequest], notes: [String]) {
        if let pageSize, PageSize(argument: pageSize) == nil {
            throw ValidationError("--page-size '\(pageSize)' is not valid; choose 4k or thp")
        }
        if numa != nil && (cpuNode != nil || memNode != nil) {
            throw ValidationError("--numa sweeps placements; do not combine it with --cpu-node or --mem-node")
        }
        let topology = Topology.current()
        do {
            if let numa {
                let plan = try NUMARequest.parse(numa).expand(for: topology)
                return (plan.placements.map { PlacementRequest(cpuNode: $0.cpuNode, memNode: $0.memNode, pageSize: pageSize) }, plan.notes)
            }
            if let cpuNode { _ = try topology.requireNode(cpuNode) }
            if let memNode { _ = try topology.requireNode(memNode) }
        } catch {
            throw ValidationError(error.description)
        }
        return ([PlacementRequest(cpuNode: cpuNode, memNode: memNode, pageSize: pageSize)], [])
    }

    func validate() throws {
        _ = try options()
        if calibrationSize != "0" {
            do { _ = try ByteSizeParser.parse(calibrationSize) } catch { throw ValidationError("--calibration-size: \(error)") }
        }
        if ResultsDirectory(out).holdsRun { throw ValidationError(RunError.directoryHoldsRun(out).description) }
    }

    func run() throws {
        let options = try options()
        for note in try placements().notes { print("numa: \(note)") }
        guard !options.axes.placements.isEmpty else {
            print("nothing to measure: no placement of --numa \(numa ?? "") is possible on this machine")
            return
        }
        let timer = CycleTimer.calibrate()
        let session = try RunSession(directory: out, options: options, timer: timer)
        print("machine: \(session.fingerprint.summary) [\(session.fingerprint.shortHash)]")
        let warnings = session.warnings()
        for warning in warnings { print("warning: \(warning)") }
        session.updateMetadata { $0.warnings = warnings }
        let ladderBytes = calibrationSize == "0" ? 0 : try ByteSizeParser.parse(calibrationSize)
        if ladderBytes > 0 {
            print("calibrating the memory-latency ladder up to \(calibrationSize)")
            try session.calibrate(maximumBytes: ladderBytes)
        }
        try session.run { event in
            switch event {
            case .started(let planned, let directory):
                if let counters = session.metadata.counters {
                    if counters.counted.isEmpty {
                        print("counters: none counted; the counter columns stay empty")
                    } else {
                        print("counters: \(counters.counted.joined(separator: ", "))")
                    }
                    for line in CounterReasons.condensed(counters.unavailable, events: counters.requested) { print("counters: \(line)") }
                }
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

enum CounterReasons {
    /// One line per distinct reason: events that are missing for the same
    /// reason are named together instead of repeating the explanation.
    static func condensed(_ reasons: [String], events: [String]) -> [String] {
        var groups: [(text: String, events: [String])] = []
        for reason in reasons {
            let event = events.first { reason.contains($0) }
            let generic = event.map { reason.replacingOccurrences(of: $0, with: "EVENT") } ?? reason
            if let index = groups.firstIndex(where: { $0.text == generic }) {
                groups[index].events += event.map { [$0] } ?? []
            } else {
                groups.append((generic, event.map { [$0] } ?? []))
            }
        }
        return groups.map { group in
            group.events.count > 1
                ? "\(group.events.joined(separator: ", ")): " + group.text.replacingOccurrences(of: "EVENT", with: "each")
                : group.text.replacingOccurrences(of: "EVENT", with: group.events.first ?? "the event")
        }
    }
}
