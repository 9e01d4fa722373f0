import ArgumentParser
import Calibration
import Foundation
import NUMA
import Reports
import ResultsFormat
import Runs
import Suites
import Timing

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure what each dispatch design costs per hook call, over a suite of points.",
        discussion: """
            Runs SUITE (a name from 'hookbench list suites' or a suite file; default: quick). Options \
            override the suite's values. Every combination of the list values is one point; rows go to \
            results.csv as each point finishes. Ctrl-C keeps every finished point; --resume continues.
            """)

    @Argument(help: "Suite name or suite file (default: quick).")
    var suite: String?

    @Option(help: "Comma-separated strategies (see 'hookbench list strategies').")
    var strategies: String?
    @Option(help: "Namespace depths of each task's credential (0 to 64).")
    var depths: String?
    @Option(name: .customLong("lsms"), help: "Stacked LSMs (1 to 14).")
    var lsms: String?
    @Option(name: .customLong("namespaced-lsms"), help: "How many of the stacked LSMs are namespaced.")
    var namespacedLSMs: String?
    @Option(help: "Hooks to call (see 'hookbench list hooks').")
    var hook: String?
    @Option(help: "Distinct tasks (credentials, each with its own namespace chain).")
    var tasks: String?
    @Option(help: "throughput (independent checks) and/or latency (a dependent chain).")
    var mode: String?
    @Option(help: "hot, warm and/or cold.")
    var cache: String?
    @Option(help: "Seed of the worlds and call orders.")
    var seed: UInt64?
    @Option(name: .customLong("target-ci"), help: "Stop sampling a point once its 95% CI is within this of the median, e.g. 1%.")
    var targetCI: String?
    @Option(name: .customLong("max-time"), help: "Time budget per point, e.g. 3s.")
    var maxTime: String?
    @Option(help: "Independent worlds (fresh allocations, new placement) per point.")
    var repeats: Int?
    @Option(help: "Perf events: auto, none, or libpfm4 names (e.g. perf::PAGE-FAULTS,cycles:u).")
    var events: String?
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
    @Option(name: .customLong("calibration-size"), help: "Largest latency-ladder size for OUT/calibration.csv, or 0 to skip.")
    var calibrationSize: String?
    @Option(help: "Results directory (default: results/<date>-<time>-<host>-<suite>); must not hold a run.")
    var out: String?
    @Option(help: "Continue an interrupted run in this results directory.")
    var resume: String?
    @Flag(help: "No progress output.")
    var quiet = false

    /// What the flags ask for; nil fields leave the suite's values.
    func flagRequest() throws -> RunRequest {
        var r = RunRequest()
        r.strategies = strategies.map(ValueParsing.list)
        r.depths = try depths.map { try ValueParsing.integers($0, option: "--depths") }
        r.lsms = try lsms.map { try ValueParsing.integers($0, option: "--lsms") }
        r.namespacedLSMs = try namespacedLSMs.map { try ValueParsing.integers($0, option: "--namespaced-lsms") }
        r.hooks = hook.map(ValueParsing.list)
        r.tasks = try tasks.map { try ValueParsing.integers($0, option: "--tasks") }
        r.modes = mode.map(ValueParsing.list)
        r.caches = cache.map(ValueParsing.list)
        r.seed = seed
        r.targetCI = try targetCI.map { try ValueParsing.percentage($0, option: "--target-ci") }
        r.maxTime = try maxTime.map { try ValueParsing.seconds($0, option: "--max-time") }
        r.repeats = repeats
        r.events = events
        r.requireCounters = requireCounters ? true : nil
        r.cpuNode = cpuNode
        r.memNode = memNode
        r.numa = numa
        r.pageSize = pageSize
        r.calibrationSize = calibrationSize
        return r
    }

    /// Defaults, then the suite, then the flags; checked before anything runs.
    func request(topology: Topology) throws -> RunRequest {
        if resume != nil { return RunRequest() }
        let suiteFile: SuiteFile
        do { suiteFile = try SuiteFile(path: try SuiteLibrary.path(for: suite ?? "quick"), topology: topology) } catch {
            throw ValidationError("\(error)")
        }
        let flags = try flagRequest()
        let flagProblems = flags.problems(topology: topology)
        guard flagProblems.isEmpty else {
            throw ValidationError(flagProblems.map { "--\($0.field.replacingOccurrences(of: "_", with: "-")): \($0.message)" }.joined(separator: "\n"))
        }
        let merged = RunRequest.defaults.overriding(with: suiteFile.request).overriding(with: flags)
        if let problem = merged.problems(topology: topology).first { throw ValidationError(problem.message) }
        if let size = merged.calibrationSize, size != "0" {
            do { _ = try ByteSizeParser.parse(size) } catch { throw ValidationError("--calibration-size: \(error)") }
        }
        return merged
    }

    func validate() throws {
        if let resume, suite != nil || out != nil {
            throw ValidationError("--resume \(resume) continues that run with its own suite and options; give no suite or --out")
        }
        _ = try request(topology: Topology.current())
        if let out, ResultsDirectory(out).holdsRun { throw ValidationError(RunError.directoryHoldsRun(out).description) }
    }

    func run() throws {
        Interruption.install()
        let topology = Topology.current()
        let timer = CycleTimer.calibrate()
        let session: RunSession
        if let resume {
            session = try RunSession(resuming: resume, command: CommandLine.arguments, timer: timer)
            print("resuming \(resume): \(session.rows.count) of \(session.options.axes.points.count) points already measured")
        } else {
            let merged = try request(topology: topology)
            let (options, notes) = try merged.options(topology: topology, command: CommandLine.arguments)
            for note in notes { print("numa: \(note)") }
            guard !options.axes.placements.isEmpty else {
                print("nothing to measure: no requested NUMA placement is possible on this machine")
                return
            }
            let directory = out ?? Self.defaultDirectory(suite: merged.suite ?? "custom")
            session = try RunSession(directory: directory, options: options, request: merged, timer: timer)
            let warnings = session.warnings()
            session.updateMetadata { $0.warnings = warnings }
            print("machine: \(session.fingerprint.summary) [\(session.fingerprint.shortHash)]")
            for warning in warnings { print("warning: \(warning)") }
            let ladderBytes = try merged.calibrationSize.map { $0 == "0" ? 0 : try ByteSizeParser.parse($0) } ?? 0
            if ladderBytes > 0 {
                print("calibrating the memory-latency ladder up to \(merged.calibrationSize!)")
                try session.calibrate(maximumBytes: ladderBytes)
            }
        }
        let progress = ProgressDisplay(quiet: quiet)
        session.runner.onPrecision = progress.precision
        do {
            try session.run { event in
                if case .started(let planned, let directory) = event, !quiet {
                    describeCounters(session.metadata.counters)
                    print("measuring \(planned) points into \(directory) (timer \(timer.sourceName), \(fixed(timer.overheadNanoseconds)) ns per read pair)")
                }
                progress.handle(event)
            }
        } catch let error as RunError {
            progress.finish()
            if case .interrupted = error {
                fflush(nil)
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(Interruption.exitStatus)
            }
            throw error
        }
        progress.finish()
        printTwinRatios(session.directory)
        Report.writeAfterwards(session.directory.path)
        print("results: \(session.directory.path)")
    }

    /// The Swift/C twin ratios, the check on the Swift hot path, at the end
    /// of every run (the summary repeats them).
    private func printTwinRatios(_ directory: ResultsDirectory) {
        guard !quiet, let run = try? RunData.load(directory.path) else { return }
        let lines = TwinRatios(rows: run.rows, samples: run.samples, twins: run.twins).lines
        guard !lines.isEmpty else { return }
        print("\nSwift / C twin (net ns per check, ratio of medians, 95% bootstrap CI):")
        for line in lines { print("  " + line) }
    }

    static func defaultDirectory(suite: String) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return "results/\(formatter.string(from: Date()))-\(ProcessInfo.processInfo.hostName)-\(suite)"
    }

    private func describeCounters(_ counters: RunMetadata.CounterRecord?) {
        guard let counters else { return }
        print(counters.counted.isEmpty ? "counters: none counted; the counter columns stay empty"
                                       : "counters: \(counters.counted.joined(separator: ", "))")
        for line in CounterReasons.condensed(counters.unavailable, events: counters.requested) { print("counters: \(line)") }
    }
}

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

func fixed(_ value: Double, digits: Int = 2) -> String { ResultRow.number(value, digits: digits) }
