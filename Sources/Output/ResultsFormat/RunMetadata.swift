// meta.json: what a run was asked to do, on what, and how it ended.

import Foundation

public struct RunMetadata: Codable, Sendable {
    public struct TimerRecord: Codable, Sendable {
        public var source: String
        public var ticksPerNanosecond: Double
        public var overheadNanoseconds: Double
        public var calibrationSpread: Double
        public var fallbackReason: String?

        public init(source: String, ticksPerNanosecond: Double, overheadNanoseconds: Double,
                    calibrationSpread: Double, fallbackReason: String?) {
            self.source = source
            self.ticksPerNanosecond = ticksPerNanosecond
            self.overheadNanoseconds = overheadNanoseconds
            self.calibrationSpread = calibrationSpread
            self.fallbackReason = fallbackReason
        }
    }

    public struct CounterRecord: Codable, Sendable {
        /// The events asked for, as libpfm4 names them.
        public var requested: [String]
        /// Events that were counted.
        public var counted: [String]
        /// Why each missing event is missing, and how to enable it.
        public var unavailable: [String]

        public init(requested: [String], counted: [String], unavailable: [String]) {
            self.requested = requested
            self.counted = counted
            self.unavailable = unavailable
        }
    }

    /// How cold points emptied the caches, and what a flush leaves warm.
    public struct ColdRecord: Codable, Sendable {
        /// `clflushopt` or `clflush`, then `mfence`; before the timed window.
        public var flush: String
        public var checksPerWindow: Int
        public var staysWarm: [String]

        public init(flush: String, checksPerWindow: Int, staysWarm: [String]) {
            self.flush = flush
            self.checksPerWindow = checksPerWindow
            self.staysWarm = staysWarm
        }
    }

    public var schemaVersion = ResultsSchema.version
    public var runID: String
    public var host: String
    public var revision: String
    public var command: [String]
    public var started: String
    public var finished: String?
    /// Set when the run stopped early: what stopped it.
    public var interrupted: String?
    /// When the run was resumed after an interruption.
    public var resumed: [String]?
    /// Everything the run was asked for (defaults, suite, flags merged), so
    /// it can be resumed or repeated exactly.
    public var request: JSONValue?
    /// The sweep, axis by axis, and the sampling targets.
    public var configuration: [String: String]
    /// Each C twin in the run to the Swift strategy it mirrors, so reports
    /// pair them without knowing the strategy registry.
    public var twins: [String: String]?
    public var plannedPoints: Int
    public var completedPoints: Int = 0
    public var timer: TimerRecord
    public var counters: CounterRecord?
    /// Present when the run has cold points.
    public var cold: ColdRecord?
    /// The machine fingerprint (MachineInfo), as captured.
    public var machine: MachineRecord?
    public var fingerprintHash: String?
    public var warnings: [String] = []
    public var notes: [String] = []

    public init(runID: String, host: String, revision: String, command: [String], started: String,
                configuration: [String: String], plannedPoints: Int, timer: TimerRecord) {
        self.runID = runID
        self.host = host
        self.revision = revision
        self.command = command
        self.started = started
        self.configuration = configuration
        self.plannedPoints = plannedPoints
        self.timer = timer
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    public static func read(_ path: String) throws -> RunMetadata {
        try JSONDecoder().decode(RunMetadata.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    public static func timestamp(_ date: Date = Date()) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

/// The machine fingerprint as stored: its canonical JSON object, kept as
/// raw JSON so this schema does not depend on the fingerprint's fields.
public struct MachineRecord: Codable, Sendable {
    public var summary: String
    public var json: String

    public init(summary: String, json: String) {
        self.summary = summary
        self.json = json
    }
}
