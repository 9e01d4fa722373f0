import ArgumentParser
import Foundation
import Measurement
import Reports
import ResultsFormat
import Runs
import Simulation
import Strategies
import Suites
import Timing

/// The points of a suite, run under valgrind's callgrind instead of timed:
/// exact instructions and simulated cache misses per check, net of the
/// empty baseline. Deterministic, and available without a PMU.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count each point's instructions and simulated cache misses per check under valgrind (no PMU needed).",
        discussion: """
            Takes a suite and the parameters of 'hookbench run' (see 'hookbench run --help'). Each point \
            runs twice under callgrind (the strategy, then the empty baseline) and is reported net of the \
            baseline: instructions per check are exact; D1 and LL misses come from valgrind's cache \
            simulator (the host's cache sizes), not from hardware, and are labelled so. Cold points are \
            counted warm: the simulator does not model CLFLUSH. Each Swift strategy is compared with its \
            C twin.
            """)

    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("A suite name or suite file (default: quick), and parameter options.",
                                 valueName: "suite-and-parameters"))
    var words: [String] = []
    @Option(help: "Checks counted per point and series.")
    var checks = 2000
    @Option(help: "Also write the counts to this CSV file.")
    var csv: String?

    func run() throws {
        guard checks > 0 else { throw ValidationError("--checks must be at least 1, got \(checks)") }
        let request: RunRequest
        do { request = try RequestResolution.resolve(words, topology: .current()) } catch { throw ValidationError(error.description) }
        let callgrind: Callgrind
        do { callgrind = try Callgrind.locate() } catch {
            StandardError.print("explain: \(error)")
            throw ExitCode(2)
        }
        let points = try request.options(topology: .current(), command: []).options.axes.points
        var table = SimulatedCountsTable(twins: Dictionary(uniqueKeysWithValues: StrategyRegistry.all.compactMap { d in
            d.info.twinOf.map { (d.info.name, $0) }
        }))
        // valgrind 3.19 cannot read the DWARF of current Swift toolchains;
        // a copy without debug sections keeps the symbol table it needs.
        let executable = try Self.withoutDebugInfo(Self.executable)
        defer { try? FileManager.default.removeItem(atPath: executable) }
        print("explain: \(points.count) points under callgrind, \(checks) checks per series")
        for point in points {
            func count(_ series: SimulatedSeries) throws -> [String: UInt64] {
                try callgrind.run(executable, SimulateWorker.arguments(point, series: series, checks: checks),
                                  collectingIn: "hb_simulated_window").events
            }
            table.add(SimulatedCountsTable.Row(point: point, checks: checks, check: try count(.check), baseline: try count(.baseline)))
            StandardError.print("  \(table.rows.last!.label)")
        }
        print(table.text(), terminator: "")
        if let csv {
            do { try DurableFile.replace(csv, with: try table.csv()) } catch {
                throw ValidationError("--csv: \(error)")
            }
        }
        #if DEBUG
        print("note: this is a debug build; its Swift code is unoptimised, so the twin comparison means nothing (build with -c release)")
        #else
        if !table.twinsAgree { throw ExitCode(1) }
        #endif
    }

    /// A copy of `binary` with its debug sections removed (objcopy), in a
    /// temporary directory.
    static func withoutDebugInfo(_ binary: String) throws -> String {
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("hookbench-explain-\(ProcessInfo.processInfo.processIdentifier)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["objcopy", "--strip-debug", binary, copy]
        do { try process.run() } catch {
            throw ValidationError("objcopy (binutils) is needed to run under valgrind: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("objcopy --strip-debug \(binary) failed (status \(process.terminationStatus)); install binutils")
        }
        return copy
    }

    /// This executable, for the worker processes.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// One point's checks for callgrind (run by `explain`, not by people).
struct SimulateWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-worker", abstract: "Internal: one point's checks for 'hookbench explain'.", shouldDisplay: false)

    @Option var series: String
    @Option var checks: Int
    @Argument(parsing: .allUnrecognized) var words: [String] = []

    static func arguments(_ point: PointSpec, series: SimulatedSeries, checks: Int) -> [String] {
        ["simulate-worker", "--series", series.rawValue, "--checks", "\(checks)"] + PointArguments.words(point)
    }

    func run() throws {
        guard let series = SimulatedSeries(rawValue: series) else { throw ValidationError("--series check or baseline") }
        let (_, request) = try RequestResolution.flags(words)
        let axes = try request.options(topology: .current(), command: []).options.axes
        guard axes.points.count == 1, let point = axes.points.first else {
            throw ValidationError("simulate-worker takes exactly one point, got \(axes.points.count)")
        }
        let runner = PointRunner(timer: CycleTimer(forcingClockGettime: "simulation: no timing", overheadPairs: 1),
                                 sampling: SamplingPlan())
        _ = try runner.simulate(point, series: series, checks: checks)
    }
}

/// A point as the parameter flags that select exactly it.
enum PointArguments {
    static func words(_ point: PointSpec) -> [String] {
        var request = RunRequest()
        request.strategies = [point.strategy]
        request.depths = [point.world.depth]
        request.lsms = [point.world.lsms]
        request.namespacedLSMs = [point.world.namespacedLSMs]
        request.hooks = [point.world.hook]
        request.tasks = [point.world.tasks]
        request.modes = [point.mode]
        request.caches = [point.cache]
        request.seed = point.world.seed
        return RunParameters.all.flatMap { parameter -> [String] in
            guard let items = parameter.text(in: request) else { return [] }
            return [parameter.flag, items.joined(separator: ",")]
        }
    }
}
