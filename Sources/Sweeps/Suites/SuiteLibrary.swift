// The suites that ship with hookbench (Benchmarks/suites/*.yaml), found by
// name, and a suite file given by path.

import Foundation
import Runs

public enum SuiteLibrary {
    /// Benchmarks/suites of the working directory, else of the source tree
    /// this binary was built from.
    public static func directory(sourceFile: String = #filePath) -> String? {
        let local = FileManager.default.currentDirectoryPath + "/Benchmarks/suites"
        if FileManager.default.fileExists(atPath: local) { return local }
        var root = URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
        for _ in 0..<3 { root.deleteLastPathComponent() }  // Sources/Sweeps/Suites -> repository
        let built = root.path + "/Benchmarks/suites"
        return FileManager.default.fileExists(atPath: built) ? built : nil
    }

    public static func names() -> [String] {
        guard let directory = directory(),
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// A suite by name (`quick`) or by path (`my-suite.yaml`, `./x.yaml`).
    public static func path(for nameOrPath: String) throws -> String {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            guard FileManager.default.fileExists(atPath: nameOrPath) else {
                throw SuiteError(file: nameOrPath, line: 1, column: 1, message: "no such suite file")
            }
            return nameOrPath
        }
        guard let directory = directory() else {
            throw SuiteError(file: nameOrPath, line: 1, column: 1,
                             message: "no suite directory (Benchmarks/suites) found from here; give the suite file's path")
        }
        let path = directory + "/" + nameOrPath + ".yaml"
        guard FileManager.default.fileExists(atPath: path) else {
            throw SuiteError(file: path, line: 1, column: 1,
                             message: "no suite named '\(nameOrPath)'; suites: \(names().joined(separator: ", "))")
        }
        return path
    }
}
