// Parsing of command-line values, each error naming the input and what
// would be accepted.

import ArgumentParser
import LSMModel
import Measurement

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

    static func hooks(_ text: String) throws -> [HookID] {
        try list(text).map { name in
            guard let id = HookCatalogue.id(named: name) else {
                throw ValidationError("unknown hook '\(name)'; valid hooks: \(HookCatalogue.all.map(\.name).joined(separator: ", "))")
            }
            return id
        }
    }

    static func choices<T: RawRepresentable & CaseIterable>(_ text: String, option: String, as: T.Type) throws -> [T] where T.RawValue == String {
        try list(text).map { item in
            guard let value = T(rawValue: item) else {
                throw ValidationError("\(option): '\(item)' is not valid; choose from \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
    }

    /// "1%", "0.5%" or a bare "1" (percent), as a fraction in (0, 1).
    static func percentage(_ text: String, option: String) throws -> Double {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(number), value > 0, value < 100 else {
            throw ValidationError("\(option) '\(text)' is not a percentage; give a value between 0% and 100% such as 1% or 0.5%")
        }
        return value / 100
    }

    /// "4s", "500ms", "2m" or bare seconds.
    static func seconds(_ text: String, option: String) throws -> Double {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value > 0 { return value * scale }
        }
        if let value = Double(text), value > 0 { return value }
        throw ValidationError("\(option) '\(text)' is not a duration; give a positive number with s, ms or m, such as 4s or 500ms")
    }
}
