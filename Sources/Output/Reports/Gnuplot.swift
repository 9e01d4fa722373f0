// Running gnuplot with Foundation's Process: finding it on PATH, asking it
// which output terminals it was built with, and running a script in the
// plots directory (so the scripts refer to their data files by plain
// names and can be re-run there by hand).

import Foundation

public struct Gnuplot: Sendable {
    public let executable: String

    public init(executable: String) { self.executable = executable }

    /// What to tell a user without gnuplot; `stillWritten` says what they
    /// have anyway.
    public static func notFoundMessage(stillWritten: String = "CSV and summary were still written") -> String {
        "gnuplot not found: install it with apt-get install gnuplot-nox; \(stillWritten)"
    }

    /// gnuplot on `searchPath` (PATH's format), or nil.
    public static func locate(searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> Gnuplot? {
        for directory in (searchPath ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = String(directory) + "/gnuplot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return Gnuplot(executable: candidate) }
        }
        return nil
    }

    /// The terminal names this gnuplot knows (GPVAL_TERMINALS).
    public func terminals() throws -> Set<String> {
        let output = try run(arguments: ["-e", "print GPVAL_TERMINALS"], in: nil)
        return Set(output.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }

    /// Runs `script` (a file name) in `directory`; nil on success, else
    /// gnuplot's complaint.
    public func run(script: String, in directory: String) throws -> String? {
        let output = try run(arguments: [script], in: directory)
        guard output.status != 0 else { return nil }
        let text = output.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return "gnuplot failed on \(directory)/\(script) (exit \(output.status))" + (text.isEmpty ? "" : ": " + text)
    }

    /// Exit status and everything gnuplot printed (it reports on stderr).
    private func run(arguments: [String], in directory: String?) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting: a full pipe would otherwise block gnuplot.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
