// Which hookbench a run came from: the git revision of the source tree the
// binary was built from, when that tree is still there.

import Foundation

public enum Revision {
    public static func current(sourceFile: String = #filePath) -> String {
        var directory = URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
        for _ in 0..<3 { directory.deleteLastPathComponent() }  // Sources/Sweeps/Runs -> repository
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path, "describe", "--always", "--dirty", "--abbrev=12"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return "unknown (git not available)" }
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !text.isEmpty ? text : "unknown (not built from a git checkout)"
    }
}
