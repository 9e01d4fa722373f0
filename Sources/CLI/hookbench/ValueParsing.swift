// Parsing of command-line values, each error naming the input and what
// would be accepted.

import ArgumentParser
import Runs

enum ValueParsing {
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    static func integers(_ text: String, option: String) throws -> [Int] {
        try list(text).map { item in
            guard let value = Int(item) else {
                throw ValidationError("\(option): '\(item)' is not a whole number; give a comma-separated list such as 0,8,32")
            }
            return value
        }
    }

    static func percentage(_ text: String, option: String) throws -> Double {
        guard let value = RunValueText.percentage(text) else {
            throw ValidationError("\(option) '\(text)' is not a percentage; \(RunValueText.percentageForms)")
        }
        return value
    }

    static func seconds(_ text: String, option: String) throws -> Double {
        guard let value = RunValueText.seconds(text) else {
            throw ValidationError("\(option) '\(text)' is not a duration; \(RunValueText.durationForms)")
        }
        return value
    }
}

extension String {
    var trimmed: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
