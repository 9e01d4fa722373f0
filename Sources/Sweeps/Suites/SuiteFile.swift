// Suite files: a sweep anyone can re-run, in YAML. Every key of the file
// but `description` is a run parameter (RunParameters.swift), read by the
// same parser as its command-line flag; a malformed file is refused before anything
// runs, with the file, line and column of what is wrong and what would be
// valid there.

import Foundation
import NUMA
import Runs
import Yams

public struct SuiteError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

public struct SuiteFile: Sendable {
    public let name: String
    public let path: String
    public let description: String
    public let request: RunRequest

    /// Reads and checks a suite. `topology`, when given, lets NUMA nodes be
    /// checked against the machine.
    public init(path: String, topology: Topology? = nil) throws {
        self.path = path
        name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SuiteError(file: path, line: 1, column: 1, message: "cannot read the suite: \(error.localizedDescription)")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw Self.syntaxError(error, file: path)
        }
        guard let root, case .mapping(let mapping) = root else {
            throw SuiteError(file: path, line: 1, column: 1, message: "a suite is a mapping of keys to values (key: value)")
        }
        var request = RunRequest()
        request.suite = name
        var marks: [String: Node] = [:]
        var description = ""
        let validKeys = ["description"] + RunParameters.all.map(\.key)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            marks[key] = value.mark == nil ? keyNode : value
            if key == "description" {
                description = try Self.items(of: value, shape: .single, file: path)[0]
                continue
            }
            guard let parameter = RunParameters.named(key) else {
                throw Self.error(at: keyNode, file: path, "unknown key '\(key)'; valid keys: \(validKeys.joined(separator: ", "))")
            }
            let items = try Self.items(of: value, shape: parameter.shape, file: path)
            do { try parameter.read(items, into: &request) } catch {
                throw Self.error(at: Self.node(value, item: error.item), file: path, error.message)
            }
        }
        if let problem = request.problems(topology: topology).first {
            let node = marks[problem.key]
            throw Self.error(at: node, file: path, problem.message)
        }
        self.description = description
        self.request = request
    }

    /// A value's text as the parameter reads it: a list's items (a YAML
    /// sequence, or a comma-separated scalar), or the one scalar.
    private static func items(of node: Node, shape: ParameterShape, file: String) throws -> [String] {
        switch (node, shape) {
        case (.scalar(let scalar), .list):
            return scalar.string.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        case (.scalar(let scalar), _):
            return [scalar.string]
        case (.sequence(let sequence), .list):
            return try sequence.map { item in
                guard case .scalar(let scalar) = item else { throw error(at: item, file: file, "expected a single value, not a list or mapping") }
                return scalar.string
            }
        case (.sequence, _), (.mapping, .list), (.mapping, _), (.alias, _):
            throw error(at: node, file: file, shape == .list ? "expected a list such as [a, b]" : "expected a single value, not a list or mapping")
        }
    }

    /// The item of a sequence a problem is about, else the value itself.
    private static func node(_ value: Node, item: Int?) -> Node {
        guard let item, case .sequence(let sequence) = value, item < sequence.count else { return value }
        return Array(sequence)[item]
    }

    private static func error(at node: Node?, file: String, _ message: String) -> SuiteError {
        SuiteError(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message)
    }

    private static func syntaxError(_ error: YamlError, file: String) -> SuiteError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return SuiteError(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        default:
            return SuiteError(file: file, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
    }
}
