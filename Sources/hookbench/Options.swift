// Parsing of the values several commands share, with errors that name the
// input and the valid choices.

import ArgumentParser
import LSMModel
import Strategies

struct StrategyList: ExpressibleByArgument {
    let descriptors: [StrategyDescriptor]

    init?(argument: String) {
        guard let parsed = try? Self.parse(argument) else { return nil }
        descriptors = parsed
    }

    init(_ descriptors: [StrategyDescriptor]) { self.descriptors = descriptors }

    static func parse(_ argument: String) throws -> [StrategyDescriptor] {
        let names = argument.split(separator: ",").map { String($0).trimmed }
        return try names.map { name in
            guard let descriptor = StrategyRegistry.named(name) else {
                throw ValidationError("unknown strategy '\(name)'; valid strategies: \(StrategyRegistry.names.joined(separator: ", "))")
            }
            return descriptor
        }
    }

    static var defaultValueDescription: String { "all" }
}

extension String {
    var trimmed: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// Checks a depth against the hard limit, naming the valid range.
func validateDepth(_ depth: Int, option: String) throws {
    guard (0...Limits.maxDepthLimit).contains(depth) else {
        throw ValidationError("\(option) \(depth) is beyond the limit; valid depths are 0 to \(Limits.maxDepthLimit) (the kernel's default limit is \(Limits.defaultDepthLimit))")
    }
}

/// Checks a stack size against MAX_LSM_COUNT, naming the valid range.
func validateLSMCount(_ count: Int, option: String) throws {
    guard (1...Limits.maxLSMs).contains(count) else {
        throw ValidationError("\(option) \(count) is not a possible stack; valid values are 1 to \(Limits.maxLSMs) (MAX_LSM_COUNT)")
    }
}
