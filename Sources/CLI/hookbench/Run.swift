import ArgumentParser
import Calibration
import Foundation
import NUMA
import Reports
import ResultsFormat
import Runs
import Suites
import Support
import Timing

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure what each dispatch design costs per hook call, over a suite of points.",
        discussion: """
            Runs SUITE (a name from 'hookbench list suites' or a suite file; default: quick). Options \
            override the suite's values. Every combination of the list values is one point; rows go to \
            results.csv as each point finishes. Ctrl-C keeps every finished point; --resume continues.

            Parameters (each is also a suite-file key: --namespaced-lsms is namespaced_lsms; \
            lists are comma-separated):
            \(RunParameters.helpText)
            """)

    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("A suite name or suite file (default: quick), and parameter options (above).",
                                 valueName: "suite-and-parameters"))
    var words: [String] = []
    @Option(help: "Results directory (default: results/<date>-<time>-<host>-<suite>); must not hold a run.")
    var out: String?
    @Option(help: "Continue an interrupted run in this results directory.")
    var resume: String?
    @Flag(help: "No progress output.")
    var quiet = false

    /// The machine's topology and the checked request, found once by
    /// `validate()`, before anything is written.
    private var topology: Topology?
    private var checked: RunRequest?
    private enum CodingKeys: String, CodingKey { case words, out, resume, quiet }

    mutating func validate() throws {
        let topology = Topology.current()
        checked = try request(topology: topology)
        self.topology = topology
    }

    /// Defaults, then the suite, then the flags; read and checked once,
    /// before anything runs.
    func request(topology: Topology) throws -> RunRequest {
        if let resume {
            guard out == nil && words.isEmpty else {
                throw ValidationError("--resume \(resume) continues that run with its own suite and options; give no suite, parameters or --out")
            }
            return RunRequest()
        }
        let merged: RunRequest
        do { merged = try RequestResolution.resolve(words, topology: topology) } catch { throw ValidationError(error.description) }
        if let out, let busy = RunError.busy(out) { throw ValidationError(busy.description) }
        if let out, ResultsDirectory(out).holdsRun { throw ValidationError(RunError.directoryHoldsRun(out).description) }
        return merged
    }

    func run() throws {
        guard let topology, let merged = checked else { throw ValidationError("the run's parameters were not checked") }
        Interruption.install()
        let timer = CycleTimer.calibrate()
        let session: RunSession
        if let resume {
            session = try RunSession(resuming: resume, command: CommandLine.arguments, timer: timer, topology: topology)
            for row in session.discardedRows {
                print("discarded \(row); it is measured again")
            }
            print("resuming \(resume): \(session.rows.count) of \(session.options.axes.points.count) points already measured")
        } else {
            let (options, notes) = try merged.options(topology: topology, command: CommandLine.arguments)
            for note in notes { print("numa: \(note)") }
            if options.axes.caches.contains(.cold) && options.axes.modes.contains(.throughput) {
                print("note: \(RunSession.coldModeNote)")
            }
            guard !options.axes.placements.isEmpty else {
                print("nothing to measure: no requested NUMA placement is possible on this machine")
                return
            }
            let directory = out ?? Self.defaultDirectory(suite: merged.suite ?? "custom")
            session = try RunSession(directory: directory, options: options, request: merged, timer: timer, topology: topology)
            let warnings = session.warnings()
            session.updateMetadata { $0.warnings = warnings }
            print("machine: \(session.fingerprint.summary) [\(session.fingerprint.shortHash)]")
            for warning in warnings { print("warning: \(warning)") }
            let ladderBytes = merged.calibrationBytes ?? 0
            if ladderBytes > 0 {
                print("calibrating the memory-latency ladder up to \(RunParameters.named("calibration_size")!.text(in: merged)![0])")
                try session.calibrate(maximumBytes: ladderBytes)
            }
        }
        let progress = ProgressDisplay(quiet: quiet)
        session.runner.onPrecision = progress.precision
        do {
            try session.run { event in
                if case .started(let planned, let directory) = event, !quiet {
                    describeCounters(session.metadata.counters)
                    print("measuring \(planned) points into \(directory) (timer \(timer.sourceName), \(FixedPoint.text(timer.overheadNanoseconds, decimals: 2)) ns per read pair)")
                }
                progress.handle(event)
            }
        } catch let error as RunError {
            progress.finish()
            if case .interrupted = error {
                fflush(nil)
                StandardError.print("\(error)")
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

