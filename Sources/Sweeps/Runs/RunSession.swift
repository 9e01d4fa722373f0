// A run: measures every point of a sweep into a results directory, one
// synced row at a time, with meta.json saying what was asked and how it
// ended. The command line only parses arguments into one of these.
//
// A session claims its directory (DirectoryClaim) before writing, so two
// runs never write one directory; a resumed session first cuts out rows a
// crash left incomplete, with their samples and counts, and measures them
// again. A failed write (a full disk) stops the run with the file and the
// reason, the directory left resumable.

import Calibration
import Foundation
import LSMModel
import MachineInfo
import Measurement
import NUMA
import PerfCounters
import ResultsFormat
import Strategies
import Timing

public struct RunOptions: Sendable {
    public var axes: RunAxes
    public var sampling: SamplingPlan
    public var command: [String]
    /// libpfm4 events to count; empty for none.
    public var events: [CounterEvent] = []
    /// Fail instead of running without a requested counter.
    public var requireCounters = false

    public init(axes: RunAxes, sampling: SamplingPlan, command: [String]) {
        self.axes = axes
        self.sampling = sampling
        self.command = command
    }
}

public enum RunEvent {
    case started(planned: Int, directory: String)
    case pointStarted(index: Int, of: Int, PointSpec)
    case pointFinished(index: Int, of: Int, ResultRow)
    case pointSkipped(index: Int, of: Int, PointSpec, reason: String)
}

public enum RunError: Error, CustomStringConvertible {
    case directoryHoldsRun(String)
    case cannotCreate(String, String)
    case countersRequired(String)
    case placement(String)
    case interrupted(signal: String, completed: Int, planned: Int, directory: String)
    case cannotResume(String, String)
    /// Another run holds the directory.
    case directoryBusy(String)
    /// A write failed: the error, how many points are safely in the
    /// directory, and whether the directory was removed (nothing measured).
    case cannotWrite(ResultsWriteError, directory: String, completed: Int, planned: Int, removed: String?)

    public var description: String {
        switch self {
        case .directoryHoldsRun(let path):
            return "\(path) already holds a run (results.csv exists); choose another --out, or --resume it"
        case .cannotCreate(let path, let why):
            return "cannot create results directory \(path): \(why)"
        case .countersRequired(let why):
            return "--require-counters: \(why)"
        case .placement(let why):
            return why
        case .interrupted(let signal, let completed, let planned, let directory):
            return "\(signal): stopped after \(completed) of \(planned) points; every finished point is in \(directory)/results.csv; continue with: hookbench run --resume \(directory)"
        case .cannotResume(let path, let why):
            return "cannot resume \(path): \(why)"
        case .directoryBusy(let why):
            return why
        case .cannotWrite(let error, let directory, let completed, let planned, let removed):
            let fix = error.errno == ENOSPC || error.errno == EDQUOT ? "free some space" : "fix that"
            if let removed {
                return "\(error); nothing was measured yet and \(removed) removed; \(fix), then run again"
            }
            return "\(error); \(completed) of \(planned) points are in \(directory)/results.csv, every one whole; \(fix), then continue with: hookbench run --resume \(directory)"
        }
    }
}

extension RunError {
    /// `.directoryBusy` when another run holds `path` now.
    public static func busy(_ path: String) -> RunError? {
        DirectoryClaim.holder(of: path).map { .directoryBusy(ClaimError.held(directory: path, holder: $0).description) }
    }
}

public final class RunSession {
    public let directory: ResultsDirectory
    public let options: RunOptions
    public let timer: CycleTimer
    public let runner: PointRunner
    public private(set) var metadata: RunMetadata
    public private(set) var rows: [ResultRow] = []
    /// Asked between samples; true stops the run as SIGINT would.
    public var stopRequested: () -> Bool = { Interruption.received != nil }
    public let host: String
    public let fingerprint: MachineFingerprint
    public let topology: Topology
    private let countersCSV: String
    /// Whether this session made the directory, so a run refused before its
    /// first byte leaves nothing behind.
    private let createdDirectory: Bool
    /// Whether this session continues an earlier run.
    private let isResumed: Bool
    /// This process's hold on the directory, for the session's lifetime.
    private let claim: DirectoryClaim
    /// Rows a crash left incomplete, cut out of results.csv on resume (with
    /// their samples and counts) and measured again.
    public private(set) var discardedRows: [IncompleteRow] = []

    /// Starts a new run in `path`, which must not hold one. `request` is kept
    /// in meta.json so the run can be resumed or repeated exactly.
    public init(directory path: String, options: RunOptions, request: RunRequest = RunRequest(), timer: CycleTimer,
                topology: Topology = .current()) throws {
        directory = ResultsDirectory(path)
        if let busy = RunError.busy(path) { throw busy }
        guard !directory.holdsRun else { throw RunError.directoryHoldsRun(path) }
        createdDirectory = !FileManager.default.fileExists(atPath: path)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RunError.cannotCreate(path, error.localizedDescription)
        }
        let started = RunMetadata.timestamp()
        claim = try Self.claim(path, started: started, command: options.command)
        // Checked again under the claim: another run may have finished here
        // between the first check and the claim.
        guard !directory.holdsRun else { throw RunError.directoryHoldsRun(path) }
        isResumed = false
        self.options = options
        self.timer = timer
        runner = PointRunner(timer: timer, sampling: options.sampling)
        Self.configureChurn(runner, topology: topology)
        host = ProcessInfo.processInfo.hostName
        var configuration = options.axes.description
        configuration["target_ci"] = "\(options.sampling.targetRelativeHalfWidth)"
        configuration["max_time_s"] = "\(options.sampling.maxSecondsPerPoint)"
        configuration["repeats"] = "\(options.sampling.repeats)"
        if let suite = request.suite { configuration["suite"] = suite }
        metadata = RunMetadata(
            runID: Self.runID(host: host), host: host, revision: Revision.current(), command: options.command,
            started: started, configuration: configuration,
            plannedPoints: options.axes.points.count,
            timer: .init(source: timer.sourceName, ticksPerNanosecond: timer.ticksPerNanosecond,
                         overheadNanoseconds: timer.overheadNanoseconds, calibrationSpread: timer.calibrationSpread,
                         fallbackReason: timer.fallbackReason))
        metadata.request = try JSONValue(encoding: request)
        metadata.twins = Dictionary(uniqueKeysWithValues: options.axes.strategies.compactMap { name in
            StrategyRegistry.named(name)?.info.twinOf.map { (name, $0) }
        })
        if let reason = timer.fallbackReason { metadata.notes.append("timer: \(reason)") }
        if options.axes.ops.contains(.check) && options.axes.caches.contains(.cold) && options.axes.modes.contains(.throughput) {
            metadata.notes.append(RunSession.coldModeNote)
        }
        if options.axes.ops.contains(.check) && options.axes.caches.contains(.cold) {
            metadata.cold = .init(flush: ColdMethod.flushInstruction + ", then mfence, before the timed window",
                                  checksPerWindow: ColdMethod.checksPerWindow, staysWarm: ColdMethod.staysWarm)
        }
        self.topology = topology
        fingerprint = MachineFingerprint.capture(hookbenchRevision: metadata.revision, topology: topology)
        metadata.machine = MachineRecord(summary: fingerprint.summary,
                                         json: String(decoding: fingerprint.canonicalJSON(), as: UTF8.self))
        metadata.fingerprintHash = fingerprint.shortHash
        metadata.notes += topology.notes
        countersCSV = path + "/counters.csv"
    }

    /// Continues an interrupted run in `path` with the request its meta.json
    /// recorded: only the points without a row are measured.
    public init(resuming path: String, command: [String], timer: CycleTimer, topology: Topology = .current()) throws {
        directory = ResultsDirectory(path)
        guard directory.holdsRun, FileManager.default.fileExists(atPath: directory.metaPath) else {
            throw RunError.cannotResume(path, "it holds no run (results.csv and meta.json are expected)")
        }
        claim = try Self.claim(path, started: RunMetadata.timestamp(), command: command)
        isResumed = true
        do { metadata = try RunMetadata.read(directory.metaPath) } catch {
            throw RunError.cannotResume(path, "meta.json is unreadable: \(error)")
        }
        guard let recorded = metadata.request, let request = try? recorded.decode(as: RunRequest.self) else {
            throw RunError.cannotResume(path, "meta.json does not record the run's request")
        }
        self.topology = topology
        do { options = try request.options(topology: topology, command: command).options } catch {
            throw RunError.cannotResume(path, "\(error)")
        }
        do {
            let header = try CSVFile.scan(directory.resultsPath).header
            guard header.isEmpty || header == ResultsSchema.columns else {
                let version = try directory.results().rows.first?["schema_version"] ?? "older"
                throw RunError.cannotResume(path, "its results.csv has the columns of schema version \(version), and this hookbench writes version \(ResultsSchema.version); start a new run")
            }
            discardedRows = try directory.dropIncompleteRows()
            rows = try directory.rows()
        } catch let error as ResultsWriteError {
            throw RunError.cannotResume(path, "\(error)")
        }
        createdDirectory = false
        self.timer = timer
        runner = PointRunner(timer: timer, sampling: options.sampling)
        Self.configureChurn(runner, topology: topology)
        host = ProcessInfo.processInfo.hostName
        fingerprint = MachineFingerprint.capture(hookbenchRevision: Revision.current(), topology: topology)
        if fingerprint.shortHash != metadata.fingerprintHash {
            metadata.notes.append("resumed on a machine with fingerprint \(fingerprint.shortHash), not \(metadata.fingerprintHash ?? "unknown")")
        }
        metadata.interrupted = nil
        metadata.resumed = (metadata.resumed ?? []) + [RunMetadata.timestamp()]
        countersCSV = path + "/counters.csv"
    }

    /// Why a run that asked for cold throughput has cold rows in latency mode.
    public static let coldModeNote = "cold points are one check timed alone after its lines are flushed: a latency, so they are measured (and their rows say) mode latency, whatever the modes asked"

    private static func claim(_ path: String, started: String, command: [String]) throws -> DirectoryClaim {
        do { return try DirectoryClaim(directory: path, started: started, command: command) } catch {
            throw RunError.directoryBusy("\(error)")
        }
    }

    /// A failed write as the run reports it. A new run that measured
    /// nothing takes its files (or the directory it made) away again, so
    /// the same command can simply be run again; otherwise every whole row
    /// stays and the run can be resumed.
    private func writeFailure(_ error: ResultsWriteError) -> RunError {
        var removed: String?
        if rows.isEmpty && !isResumed {
            let manager = FileManager.default
            if createdDirectory {
                try? manager.removeItem(atPath: directory.path)
                removed = "\(directory.path) was"
            } else {
                removed = "the run's files in \(directory.path) were"
                for file in [directory.resultsPath, directory.samplesPath, directory.countersPath, directory.metaPath,
                             directory.path + "/calibration.csv"] {
                    try? manager.removeItem(atPath: file)
                }
            }
        }
        return RunError.cannotWrite(error, directory: directory.path, completed: rows.count,
                                    planned: options.axes.points.count, removed: removed)
    }

    /// What makes this run's numbers noisy or unrepresentative, each with
    /// its fix. Checked once, before the first point.
    public func warnings() -> [String] {
        let cpu = options.axes.placements.compactMap(\.cpuNode).first.flatMap { topology.node($0)?.cpus.first }
        return RunWarnings.check(fingerprint, measuringCPU: cpu).map(\.message)
    }


    static func runID(host: String) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date()) + "-" + host
    }

    public func updateMetadata(_ change: (inout RunMetadata) -> Void) {
        change(&metadata)
    }

    public func saveMetadata() throws {
        try directory.writeAtomically(try metadata.json(), to: directory.metaPath)
    }

    /// Opens the counter groups on this (the measuring) thread, or says why
    /// there will be no counts.
    private func openCounters() throws -> CounterObserver? {
        guard !options.events.isEmpty else {
            // Recorded, so the summary says none were asked for.
            metadata.counters = .init(requested: [], counted: [], unavailable: [])
            return nil
        }
        let requested = options.events.map(\.name.spelling)
        do {
            let observer = try CounterObserver(events: options.events, requireAll: options.requireCounters)
            metadata.counters = .init(requested: requested, counted: observer.countedEvents.map(\.name.spelling),
                                      unavailable: observer.unavailable.map(\.description))
            return observer
        } catch {
            if options.requireCounters {
                if createdDirectory { try? FileManager.default.removeItem(atPath: directory.path) }
                throw RunError.countersRequired(error.description)
            }
            let reasons: [String]
            if case .unavailable(let list) = error { reasons = list.map(\.description) } else { reasons = [error.description] }
            metadata.counters = .init(requested: requested, counted: [], unavailable: reasons)
            return nil
        }
    }

    /// Where churn threads run, and the memory of per-node world copies.
    private static func configureChurn(_ runner: PointRunner, topology: Topology) {
        runner.pinChurnThread = ChurnPinning.pinner(topology: topology)
        runner.churnReaderNode = ChurnPinning.readerNode(topology: topology)
        runner.nodeMemory = { NodeWorldMemory(node: $0, pageSize: .base4K, topology: topology) }
    }

    /// Pins this thread and chooses the memory for a point's placement.
    private func place(_ placement: PlacementRequest) throws {
        if let cpu = placement.cpuNode {
            do { try ThreadPinning.pinCurrentThread(toNode: cpu, in: topology) } catch { throw RunError.placement(error.description) }
        }
        guard let node = placement.memNode else {
            runner.memory = HeapWorldMemory()
            return
        }
        let pageSize = placement.pageSize.flatMap(PageSize.init(argument:)) ?? .base4K
        do { _ = try topology.requireNode(node) } catch { throw RunError.placement(error.description) }
        runner.memory = NodeWorldMemory(node: node, pageSize: pageSize, topology: topology)
    }

    /// Measures the latency ladder into DIR/calibration.csv, so reports can
    /// express costs in loads at the working set's cache level: once per
    /// distinct placement of the run.
    public func calibrate(maximumBytes: Int) throws {
        do { try measureCalibration(maximumBytes: maximumBytes) } catch let error as ResultsWriteError {
            throw writeFailure(error)
        }
    }

    private func measureCalibration(maximumBytes: Int) throws {
        let pairs = Set(options.axes.placements.compactMap { p -> NodePlacement? in
            guard let cpu = p.cpuNode ?? p.memNode, let mem = p.memNode ?? p.cpuNode else { return nil }
            return NodePlacement(cpuNode: cpu, memNode: mem)
        }).sorted { ($0.cpuNode, $0.memNode) < ($1.cpuNode, $1.memNode) }
        let pageSize = options.axes.placements.compactMap(\.pageSize).first.flatMap(PageSize.init(argument:))
        let ladders = try PlacedCalibration.measure(maximumBytes: maximumBytes, placements: pairs, pageSize: pageSize,
                                                    topology: topology, timer: timer) { _, _ in }
        try directory.writeAtomically(PlacedCalibration.csv(ladders), to: directory.path + "/calibration.csv")
        metadata.notes.append(PlacedCalibration.pageNote(pageSize))
    }

    /// Measures every point without a row yet, appending each row (and its
    /// samples) as it finishes. Points that differ only by strategy are
    /// measured together, repeat by repeat, so a slow drift of the machine
    /// hits them alike. On SIGINT/SIGTERM it stops between samples, records
    /// the interruption in meta.json and throws `.interrupted`; the points
    /// of the group being measured are measured again on resume.
    /// A run that stops early (interrupted, or a failure) gives its
    /// directory up at once, so it can be resumed; a finished one keeps it
    /// until the session ends or `releaseDirectory()`, so the summary and
    /// plots are written under the same claim.
    public func run(_ report: (RunEvent) -> Void) throws {
        do { try measurePoints(report) } catch let error as ResultsWriteError {
            claim.release()
            throw writeFailure(error)
        } catch {
            claim.release()
            throw error
        }
    }

    /// Gives the directory up to other runs.
    public func releaseDirectory() { claim.release() }

    private func measurePoints(_ report: (RunEvent) -> Void) throws {
        let done = Set(rows.map(\.pointKey))
        let points = options.axes.points
        runner.shouldStop = stopRequested
        let counters = try openCounters()
        runner.observer = counters
        let readerCounters = counters.map { _ in ReaderCounters(events: options.events, requireAll: options.requireCounters) }
        runner.makeReaderObserver = { readerCounters?.observerForCurrentThread() }
        try saveMetadata()
        let countsFile = counters == nil ? nil : try CSVAppender(path: countersCSV, header: ResultsDirectory.counterColumns)
        let results = try CSVAppender(path: directory.resultsPath, header: ResultsSchema.columns)
        let samples = try CSVAppender(path: directory.samplesPath, header: ResultsDirectory.sampleColumns)
        report(.started(planned: points.count, directory: directory.path))

        for group in Self.groups(points) {
            let pending = group.filter { !done.contains(ResultRow.pointKey(of: $0.point)) }
            guard let first = pending.first else { continue }
            try place(first.point.placement)
            var repeats: [[RepeatMeasurement]] = Array(repeating: [], count: pending.count)
            var counts: [[String: CounterObserver.Totals]] = Array(repeating: [:], count: pending.count)
            var counterFailures: [String?] = Array(repeating: nil, count: pending.count)
            do {
                for repeatIndex in 0..<options.sampling.repeats {
                    for (slot, item) in pending.enumerated() {
                        report(.pointStarted(index: item.index + 1, of: points.count, item.point))
                        counters?.reset()
                        repeats[slot].append(try runner.measureRepeat(item.point, index: repeatIndex))
                        // A churn point's batches ran on its readers' threads,
                        // each counted by groups of its own.
                        let (totals, failure) = item.point.churn != nil
                            ? readerCounters?.takeTotals() ?? ([], nil)
                            : (counters?.totals() ?? [], counters?.failure)
                        if let failure {
                            if options.requireCounters { throw RunError.countersRequired("counting \(item.point.strategy): \(failure)") }
                            counterFailures[slot] = counterFailures[slot] ?? failure
                        }
                        for total in totals {
                            counts[slot][total.event.name.spelling, default: .init(event: total.event)].add(total)
                        }
                    }
                }
            } catch MeasurementError.interrupted {
                metadata.interrupted = "\(Interruption.name == "nothing" ? "a stop request" : Interruption.name) after \(metadata.completedPoints) of \(points.count) points at \(RunMetadata.timestamp())"
                try saveMetadata()
                throw RunError.interrupted(signal: Interruption.name, completed: metadata.completedPoints,
                                           planned: points.count, directory: directory.path)
            }
            for (slot, item) in pending.enumerated() {
                var result = try runner.summarize(item.point, repeats: repeats[slot])
                if item.point.churn != nil && counters != nil {
                    result.notes.append("perf counters: each reader counted on its own thread, summed over the readers (per reader check, net of the baseline); the writer's thread is not counted")
                }
                if let failure = counterFailures[slot] {
                    // Counts that missed some batches would be wrong: none, and why.
                    counts[slot] = [:]
                    result.notes.append("counters not read: \(failure); counter columns left empty")
                }
                let totals = counts[slot].values.sorted { $0.event.name.spelling < $1.event.name.spelling }
                for total in totals {
                    if let column = total.event.column, let value = total.perCheck { result.countersPerCheck[column] = value }
                }
                result.counterCoverage = totals.compactMap(\.coverage).min()
                let row = ResultRow(result, runID: metadata.runID, host: host, fingerprint: fingerprint.shortHash)
                for total in totals {
                    guard let value = total.perCheck else { continue }
                    try countsFile?.append([row.pointKey, total.event.name.spelling, ResultRow.number(value, digits: 4),
                                            total.coverage.map { ResultRow.number($0, digits: 4) } ?? ""])
                }
                var sampleRows: [[String]] = []
                for (series, byRepeat) in [("check", result.checkSamples), ("baseline", result.baselineSamples)] {
                    for (r, values) in byRepeat.enumerated() {
                        for value in values { sampleRows.append([row.pointKey, "\(r)", series, ResultRow.number(value, digits: 4)]) }
                    }
                }
                try samples.append(rows: sampleRows)
                try results.append(row.fields)
                rows.append(row)
                metadata.completedPoints = rows.count
                report(.pointFinished(index: item.index + 1, of: points.count, row))
            }
        }
        metadata.finished = RunMetadata.timestamp()
        try saveMetadata()
    }

    /// Consecutive points that differ only by strategy (the axes put
    /// strategies innermost), with their index in the run.
    static func groups(_ points: [PointSpec]) -> [[(index: Int, point: PointSpec)]] {
        var groups: [[(index: Int, point: PointSpec)]] = []
        for (index, point) in points.enumerated() {
            if let last = groups.last?.last?.point, Self.sameExceptStrategy(last, point) {
                groups[groups.count - 1].append((index, point))
            } else {
                groups.append([(index, point)])
            }
        }
        return groups
    }

    private static func sameExceptStrategy(_ a: PointSpec, _ b: PointSpec) -> Bool {
        var b = b
        b.strategy = a.strategy
        return a == b
    }
}
