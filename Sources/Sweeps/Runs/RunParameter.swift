// One run parameter, as the table in RunParameters.swift declares it: its
// suite-file key, its command-line flag, what it takes, how its text is
// read into a typed field of RunRequest and written back, and which values
// are valid. Everything that names or reads a parameter (the command line,
// suite files, merging, meta.json, validation messages) goes through this
// type, so a parameter is described in exactly one place.

import NUMA

/// A parameter value that was refused: the parameter's suite key, the list
/// item at fault (0-based, when one is), and a sentence naming the value
/// and what would be valid.
public struct ParameterProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let key: String
    public let item: Int?
    public let message: String

    public init(key: String, item: Int? = nil, message: String) {
        self.key = key
        self.item = item
        self.message = message
    }

    public var description: String { message }

    /// The problem as the command line says it: the flag, then the sentence.
    public var commandLineText: String {
        "\(RunParameters.named(key)?.flag ?? key): \(message)"
    }
}

/// How a parameter is written: a list (comma-separated after its flag; a
/// YAML sequence or comma-separated scalar in a suite), a single value, or
/// a switch (a flag alone; true or false in a suite).
public enum ParameterShape: Sendable {
    case list, single, toggle
}

/// How one value (a list item, or a single value) is read, written back and
/// checked. `parse` refuses text it cannot read; `check` refuses a value
/// that is well formed but impossible (out of range, or absent on this
/// machine's topology when one is given).
public struct ValueSyntax<Value>: Sendable {
    public let parse: @Sendable (String) -> Result<Value, Refusal>
    public let format: @Sendable (Value) -> String
    public let check: @Sendable (Value, Topology?) -> String?

    public init(parse: @escaping @Sendable (String) -> Result<Value, Refusal>,
                format: @escaping @Sendable (Value) -> String,
                check: @escaping @Sendable (Value, Topology?) -> String? = { _, _ in nil }) {
        self.parse = parse
        self.format = format
        self.check = check
    }

    /// The same syntax with one more check.
    public func checked(_ more: @escaping @Sendable (Value, Topology?) -> String?) -> ValueSyntax {
        let first = check
        return ValueSyntax(parse: parse, format: format) { value, topology in first(value, topology) ?? more(value, topology) }
    }
}

/// Why a text is not a value: the sentence, without the parameter's name.
public struct Refusal: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

public struct RunParameter: Sendable {
    /// The suite-file key, also the key in meta.json's request.
    public let key: String
    /// The command-line flag, with its dashes.
    public let flag: String
    public let shape: ParameterShape
    /// What the parameter takes, for `--help` and messages.
    public let takes: String
    public let help: String
    /// Parameters of one group describe one thing together (a placement):
    /// a level that sets any of them replaces all of them.
    public let group: String?

    let readItems: @Sendable ([String], inout RunRequest) throws(ParameterProblem) -> Void
    let writeItems: @Sendable (RunRequest) -> [String]?
    let clear: @Sendable (inout RunRequest) -> Void
    let copyValue: @Sendable (RunRequest, inout RunRequest) -> Void
    let problemsOf: @Sendable (RunRequest, Topology?) -> [ParameterProblem]

    /// Reads the parameter's text (the list items, or the one value) into
    /// `request`, refusing text that is not a value of the parameter.
    public func read(_ items: [String], into request: inout RunRequest) throws(ParameterProblem) {
        try readItems(items, &request)
    }

    /// The parameter's value in `request` as the text that reads it back,
    /// or nil when the request does not set it.
    public func text(in request: RunRequest) -> [String]? { writeItems(request) }

    public func isSet(in request: RunRequest) -> Bool { writeItems(request) != nil }

    /// Values of the parameter in `request` that are impossible.
    public func problems(in request: RunRequest, topology: Topology?) -> [ParameterProblem] {
        problemsOf(request, topology)
    }

    /// Sets `request`'s value to `source`'s (set or not).
    func copy(from source: RunRequest, to request: inout RunRequest) { copyValue(source, &request) }

    /// A parameter holding a list; its flag is the key with dashes unless given.
    static func list<Element>(
        _ key: String, _ field: WritableKeyPath<RunRequest, [Element]?> & Sendable, flag: String? = nil,
        takes: String, help: String, group: String? = nil, _ syntax: ValueSyntax<Element>
    ) -> RunParameter {
        RunParameter(
            key: key, flag: flag ?? Self.flag(for: key), shape: .list, takes: takes, help: help, group: group,
            readItems: { items, request throws(ParameterProblem) in
                var values: [Element] = []
                for (index, item) in items.enumerated() {
                    switch syntax.parse(item) {
                    case .success(let value): values.append(value)
                    case .failure(let refusal): throw ParameterProblem(key: key, item: index, message: refusal.message)
                    }
                }
                request[keyPath: field] = values
            },
            writeItems: { request in request[keyPath: field].map { $0.map(syntax.format) } },
            clear: { $0[keyPath: field] = nil },
            copyValue: { source, request in request[keyPath: field] = source[keyPath: field] },
            problemsOf: { request, topology in
                guard let values = request[keyPath: field] else { return [] }
                guard !values.isEmpty else { return [ParameterProblem(key: key, message: "\(key) is empty; give at least one value")] }
                return values.enumerated().compactMap { index, value in
                    syntax.check(value, topology).map { ParameterProblem(key: key, item: index, message: $0) }
                }
            })
    }

    /// A parameter holding one value.
    static func single<Value>(
        _ key: String, _ field: WritableKeyPath<RunRequest, Value?> & Sendable, flag: String? = nil,
        takes: String, help: String, group: String? = nil, shape: ParameterShape = .single, _ syntax: ValueSyntax<Value>
    ) -> RunParameter {
        RunParameter(
            key: key, flag: flag ?? Self.flag(for: key), shape: shape, takes: takes, help: help, group: group,
            readItems: { items, request throws(ParameterProblem) in
                guard items.count == 1 else { throw ParameterProblem(key: key, message: "expected a single value, not a list") }
                switch syntax.parse(items[0]) {
                case .success(let value): request[keyPath: field] = value
                case .failure(let refusal): throw ParameterProblem(key: key, message: refusal.message)
                }
            },
            writeItems: { request in request[keyPath: field].map { [syntax.format($0)] } },
            clear: { $0[keyPath: field] = nil },
            copyValue: { source, request in request[keyPath: field] = source[keyPath: field] },
            problemsOf: { request, topology in
                guard let value = request[keyPath: field], let message = syntax.check(value, topology) else { return [] }
                return [ParameterProblem(key: key, message: message)]
            })
    }

    /// A switch: the flag alone sets it; a suite says true or false.
    static func toggle(_ key: String, _ field: WritableKeyPath<RunRequest, Bool?> & Sendable, help: String) -> RunParameter {
        single(key, field, takes: "true or false", help: help, shape: .toggle, .bool)
    }

    /// "namespaced_lsms" -> "--namespaced-lsms".
    static func flag(for key: String) -> String {
        "--" + key.split(separator: "_").joined(separator: "-")
    }
}
