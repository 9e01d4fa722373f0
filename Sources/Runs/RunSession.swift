// A run: measures every point of a sweep into a results directory, one
// flushed row at a time, with meta.json saying what was asked and how it
// ended. The command line only parses arguments into one of these.

import Foundation
import LSMModel
import Measurement
import Reports
import Timing

public struct RunOptions: Sendable {
    public var axes: RunAxes
    public var sampling: SamplingPlan
    public var command: [String]

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
    case invalidAxes([String])
    case cannotCreate(String, String)

    public var description: String {
        switch self {
        case .directoryHoldsRun(let path):
            return "\(path) already holds a run (results.csv exists); choose another --out, or --resume it"
        case .invalidAxes(let problems):
            return problems.joined(separator: "\n")
        case .cannotCreate(let path, let why):
            return "cannot create results directory \(path): \(why)"
        }
    }
}

public final class RunSession {
    public let directory: ResultsDirectory
    public let options: RunOptions
    public let timer: CycleTimer
    public let runner: PointRunner
    public private(set) var metadata: RunMetadata
    public private(set) var rows: [ResultRow] = []
    public let host: String
    public var fingerprintHash = ""

    public init(directory path: String, options: RunOptions, timer: CycleTimer) throws {
        let problems = options.axes.problems()
        guard problems.isEmpty else { throw RunError.invalidAxes(problems) }
        directory = ResultsDirectory(path)
        guard !directory.holdsRun else { throw RunError.directoryHoldsRun(path) }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RunError.cannotCreate(path, error.localizedDescription)
        }
        self.options = options
        self.timer = timer
        runner = PointRunner(timer: timer, sampling: options.sampling)
        host = ProcessInfo.processInfo.hostName
        var configuration = options.axes.description
        configuration["target_ci"] = "\(options.sampling.targetRelativeHalfWidth)"
        configuration["max_time_s"] = "\(options.sampling.maxSecondsPerPoint)"
        configuration["repeats"] = "\(options.sampling.repeats)"
        metadata = RunMetadata(
            runID: Self.runID(host: host), host: host, revision: Revision.current(), command: options.command,
            started: RunMetadata.timestamp(), configuration: configuration,
            plannedPoints: options.axes.points.count,
            timer: .init(source: timer.sourceName, ticksPerNanosecond: timer.ticksPerNanosecond,
                         overheadNanoseconds: timer.overheadNanoseconds, calibrationSpread: timer.calibrationSpread,
                         fallbackReason: timer.fallbackReason))
        if let reason = timer.fallbackReason { metadata.notes.append("timer: \(reason)") }
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

    /// Measures every point, appending each row (and its samples) as it finishes.
    public func run(_ report: (RunEvent) -> Void) throws {
        let points = options.axes.points
        try saveMetadata()
        let results = try CSVAppender(path: directory.resultsPath, header: ResultsSchema.columns)
        let samples = try CSVAppender(path: directory.samplesPath, header: ResultsDirectory.sampleColumns)
        report(.started(planned: points.count, directory: directory.path))
        for (index, point) in points.enumerated() {
            report(.pointStarted(index: index + 1, of: points.count, point))
            let result = try runner.measure(point)
            let row = ResultRow(result, runID: metadata.runID, host: host, fingerprint: fingerprintHash)
            for (series, repeats) in [("check", result.checkSamples), ("baseline", result.baselineSamples)] {
                for (r, values) in repeats.enumerated() {
                    for value in values {
                        try samples.append([row.pointKey, "\(r)", series, ResultRow.number(value, digits: 4)])
                    }
                }
            }
            try results.append(row.fields)
            rows.append(row)
            metadata.completedPoints += 1
            report(.pointFinished(index: index + 1, of: points.count, row))
        }
        metadata.finished = RunMetadata.timestamp()
        try saveMetadata()
    }
}
