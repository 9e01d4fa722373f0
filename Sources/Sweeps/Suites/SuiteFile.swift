// Suite files: a sweep anyone can re-run, in YAML. Every key of the file
// is a field of RunRequest; a malformed file is refused before anything
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
        var reader = FieldReader(file: path)
        var request = RunRequest()
        request.suite = name
        var marks: [String: (line: Int, column: Int)] = [:]
        var description = ""
        let validKeys = RunRequest.fields.map(\.key)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            if let mark = value.mark ?? keyNode.mark { marks[key] = (mark.line, mark.column) }
            guard validKeys.contains(key) else {
                throw reader.error(at: keyNode, "unknown key '\(key)'; valid keys: \(validKeys.joined(separator: ", "))")
            }
            switch key {
            case "description": description = try reader.string(value)
            case "strategies": request.strategies = try reader.strings(value)
            case "depths": request.depths = try reader.integers(value)
            case "lsms": request.lsms = try reader.integers(value)
            case "namespaced_lsms": request.namespacedLSMs = try reader.integers(value)
            case "hooks": request.hooks = try reader.strings(value)
            case "tasks": request.tasks = try reader.integers(value)
            case "modes": request.modes = try reader.strings(value)
            case "caches": request.caches = try reader.strings(value)
            case "seed": request.seed = UInt64(try reader.integer(value))
            case "target_ci": request.targetCI = try reader.percentage(value)
            case "max_time": request.maxTime = try reader.seconds(value)
            case "repeats": request.repeats = try reader.integer(value)
            case "events": request.events = try reader.string(value)
            case "require_counters": request.requireCounters = try reader.bool(value)
            case "numa": request.numa = try reader.string(value)
            case "cpu_node": request.cpuNode = try reader.integer(value)
            case "mem_node": request.memNode = try reader.integer(value)
            case "page_size": request.pageSize = try reader.string(value)
            case "calibration_size": request.calibrationSize = try reader.string(value)
            default: break
            }
        }
        if let problem = request.problems(topology: topology).first {
            let mark = marks[problem.field] ?? (1, 1)
            throw SuiteError(file: path, line: mark.line, column: mark.column, message: problem.message)
        }
        self.description = description
        self.request = request
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

/// Typed reads of YAML values, each failing with the value's position.
struct FieldReader {
    let file: String

    func error(at node: Node, _ message: String) -> SuiteError {
        return SuiteError(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
    }

    func string(_ node: Node) throws -> String {
        guard case .scalar(let scalar) = node else { throw error(at: node, "expected a single value, not a list or mapping") }
        return scalar.string
    }

    func strings(_ node: Node) throws -> [String] {
        switch node {
        case .sequence(let sequence): return try sequence.map(string)
        case .scalar(let scalar): return scalar.string.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        default: throw error(at: node, "expected a list such as [a, b]")
        }
    }

    func integer(_ node: Node) throws -> Int {
        let text = try string(node)
        guard let value = Int(text) else { throw error(at: node, "'\(text)' is not a whole number") }
        return value
    }

    func integers(_ node: Node) throws -> [Int] {
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar: items = [node]
        default: throw error(at: node, "expected a list of whole numbers such as [0, 8, 32]")
        }
        return try items.map(integer)
    }

    func bool(_ node: Node) throws -> Bool {
        switch try string(node).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw error(at: node, "'\(other)' is not true or false")
        }
    }

    func percentage(_ node: Node) throws -> Double {
        let text = try string(node)
        guard let value = RunValueText.percentage(text) else {
            throw error(at: node, "'\(text)' is not a percentage; \(RunValueText.percentageForms)")
        }
        return value
    }

    func seconds(_ node: Node) throws -> Double {
        let text = try string(node)
        guard let value = RunValueText.seconds(text) else {
            throw error(at: node, "'\(text)' is not a duration; \(RunValueText.durationForms)")
        }
        return value
    }
}
