// Differential verification: every strategy against the reference
// evaluator, operation by operation, on the same world. A strategy that
// computes a different outcome is wrong, however fast it is.

import LSMModel
import Strategies

public struct Disagreement: Sendable, CustomStringConvertible {
    public let strategy: String
    public let seed: UInt64
    public let operationIndex: Int
    public let operation: Operation
    public let expected: Outcome
    public let actual: Outcome

    public var description: String {
        """
        strategy \(strategy) disagrees with the reference on world seed \(seed), \
        operation #\(operationIndex): \(operation)
          reference: \(expected)
          \(strategy): \(actual)
        reproduce: hookbench verify --worlds 1 --seed \(seed) --strategies \(strategy)
        """
    }
}

public struct VerificationReport: Sendable {
    public var worlds = 0
    public var operations = 0
    public var checks = 0
    public var maxDepthReached = 0
    public var leakedBytes: [String: Int] = [:]
    public var disagreements: [Disagreement] = []

    public init() {}

    public var passed: Bool { disagreements.isEmpty && leakedBytes.isEmpty }
}

public enum Verifier {
    /// Replays `world` on the reference and on each strategy; returns the
    /// first disagreement per strategy. Afterwards each strategy is torn
    /// down and must have returned every byte to its arena.
    public static func verify(_ world: RandomWorld, strategies: [StrategyDescriptor],
                              into report: inout VerificationReport) {
        let reference = ReferenceWorld(world.setup)
        let instances = strategies.map { descriptor -> (any DispatchStrategy, Arena) in
            let arena = Arena(placementSeed: world.seed)
            return (descriptor.instantiate(setup: world.setup, arena: arena), arena)
        }
        var failed = Set<Int>()
        for (index, op) in world.operations.enumerated() {
            let expected = reference.apply(op)
            if case .check = op { report.checks += 1 }
            report.operations += 1
            for (s, (strategy, _)) in instances.enumerated() where !failed.contains(s) {
                let actual = strategy.apply(op)
                if actual != expected {
                    failed.insert(s)
                    report.disagreements.append(Disagreement(
                        strategy: strategy.info.name, seed: world.seed, operationIndex: index,
                        operation: op, expected: expected, actual: actual))
                }
            }
            if case .credential(let cred, _) = expected {
                for lsm in world.setup.stack.lsms.indices {
                    report.maxDepthReached = max(report.maxDepthReached, reference.depth(of: cred, lsm: lsm) ?? 0)
                }
            }
        }
        // Tearing a strategy down frees what its records know of; anything
        // an unwound creation or a destroy forgot to free stays live.
        for (s, (strategy, arena)) in instances.enumerated() where !failed.contains(s) {
            strategy.tearDown()
            if arena.liveBytes != 0 {
                report.leakedBytes[strategy.info.name, default: 0] += arena.liveBytes
            }
        }
        report.worlds += 1
    }
}
