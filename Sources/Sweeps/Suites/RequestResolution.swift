// What a command line of suite and parameter words asks for: the built-in
// defaults, then the suite (default: quick), then the flags, each checked
// with its own words before the next is read. `run` and `explain` both
// read their points this way.

import NUMA
import Runs

public enum RequestResolution {
    /// The suite named on the command line, if any, and the flags alone.
    public static func flags(_ words: [String]) throws(ResolutionError) -> (suite: String?, flags: RunRequest) {
        do {
            let (suite, request) = try RunParameters.parseCommandLine(words)
            return (suite, request)
        } catch {
            throw ResolutionError(error.key == "suite" ? error.message : error.commandLineText)
        }
    }

    /// Defaults, then the suite, then the flags; every value checked,
    /// NUMA nodes against `topology`.
    public static func resolve(_ words: [String], topology: Topology) throws(ResolutionError) -> RunRequest {
        let (suite, flags) = try flags(words)
        let flagProblems = flags.problems(topology: topology)
        guard flagProblems.isEmpty else { throw ResolutionError(flagProblems.map(\.commandLineText).joined(separator: "\n")) }
        let suiteFile: SuiteFile
        do { suiteFile = try SuiteFile(path: try SuiteLibrary.path(for: suite ?? "quick"), topology: topology) } catch {
            throw ResolutionError("\(error)")
        }
        let merged = RunRequest.defaults.overriding(with: suiteFile.request).overriding(with: flags)
        if let problem = merged.problems(topology: topology).first { throw ResolutionError(problem.commandLineText) }
        if let problem = merged.memoryProblem() {
            throw ResolutionError(problem.commandLineText)
        }
        return merged
    }
}

public struct ResolutionError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
