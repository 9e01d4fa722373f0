// valgrind's callgrind as a deterministic counter: a process run under it
// with --toggle-collect=FUNCTION counts only what executes inside that
// function (and what it calls): instructions exactly, and, with
// --cache-sim=yes, data reads and their simulated first-level and
// last-level cache misses. The counts do not depend on what else the
// machine is doing, so they settle questions that noisy timings and a VM
// without a PMU cannot (for example: does a Swift strategy execute the
// same instructions as its C twin?).
//
// The simulated caches take their sizes from the host's CPUID. The
// simulator does not model CLFLUSH, prefetchers or out-of-order overlap:
// its misses say how many distinct lines were touched cold, not how long
// they took.

import Foundation

/// Totals of one callgrind run, inside the collected function.
public struct CallgrindCounts: Sendable, Equatable {
    /// Event name (callgrind's: Ir, Dr, Dw, I1mr, D1mr, D1mw, ILmr, DLmr, DLmw) to count.
    public let events: [String: UInt64]

    public init(events: [String: UInt64]) { self.events = events }

    public subscript(_ event: String) -> UInt64? { events[event] }

    /// Reads the "events:" and "totals:" (or "summary:") lines of a
    /// callgrind output file.
    public static func parse(_ text: String) throws(CallgrindError) -> CallgrindCounts {
        var names: [String]?
        var totals: [UInt64]?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("events:") {
                names = line.dropFirst("events:".count).split(separator: " ").map(String.init)
            } else if line.hasPrefix("totals:") || (totals == nil && line.hasPrefix("summary:")) {
                let fields = line.split(separator: ":", maxSplits: 1)[1].split(separator: " ")
                totals = fields.compactMap { UInt64($0) }
            }
        }
        guard let names, let totals else { throw .unreadableOutput("no events: or totals: line") }
        var events: [String: UInt64] = [:]
        for (index, name) in names.enumerated() { events[name] = index < totals.count ? totals[index] : 0 }
        return CallgrindCounts(events: events)
    }
}

public enum CallgrindError: Error, Sendable, Equatable, CustomStringConvertible {
    case unavailable(String)
    case failed(status: Int32, output: String)
    case unreadableOutput(String)

    public var description: String {
        switch self {
        case .unavailable(let why): return why
        case .failed(let status, let output):
            let tail = output.split(separator: "\n").suffix(6).joined(separator: "\n")
            return "valgrind exited with status \(status):\n\(tail)"
        case .unreadableOutput(let why): return "callgrind's output could not be read: \(why)"
        }
    }
}

public struct Callgrind: Sendable {
    public let valgrind: String

    /// valgrind on PATH, or why there is none and how to get it.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CallgrindError) -> Callgrind {
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/valgrind"
            if FileManager.default.isExecutableFile(atPath: candidate) { return Callgrind(valgrind: candidate) }
        }
        throw .unavailable("valgrind is not installed, so simulated counts cannot be made; install it (Debian: apt-get install valgrind)")
    }

    public init(valgrind: String) { self.valgrind = valgrind }

    /// Runs `executable arguments` under callgrind, collecting only inside
    /// `function`, with the cache simulator on.
    public func run(_ executable: String, _ arguments: [String], collectingIn function: String) throws -> CallgrindCounts {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("hookbench-callgrind-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).out").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: valgrind)
        process.arguments = ["--tool=callgrind", "--cache-sim=yes", "--collect-atstart=no",
                             "--toggle-collect=\(function)", "--callgrind-out-file=\(output)", executable] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CallgrindError.failed(status: process.terminationStatus, output: log) }
        let text: String
        do { text = try String(contentsOfFile: output, encoding: .utf8) } catch {
            throw CallgrindError.unreadableOutput("\(output): \(error.localizedDescription)")
        }
        return try CallgrindCounts.parse(text)
    }
}
