import ArgumentParser
import LSMModel
import Runs
import Strategies
import Verification

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every strategy against the reference evaluator on random worlds.",
        discussion: """
            World i uses seed S+i. A disagreement names the strategy, the world's seed and \
            the first differing operation; `--worlds 1 --seed <that seed>` replays it. \
            Then the same worlds are replayed on the mutants (designs with a known bug, \
            such as a reload that forgets the descendants' caches): each must be caught, \
            or the worlds are too weak to trust the designs' agreement.
            """)

    @Option(help: "Number of random worlds.")
    var worlds = 100

    @Option(help: "Seed of the first world (default: drawn at random and printed).")
    var seed: UInt64?

    @Option(help: "Comma-separated strategies to verify (default: all).")
    var strategies: String?

    @Option(help: "Deepest namespace nesting the worlds aim for (0 to \(Limits.maxDepthLimit)).")
    var maxDepth = Limits.defaultDepthLimit

    @Option(name: .customLong("max-lsms"), help: "Largest number of stacked LSMs a world draws (1 to \(Limits.maxLSMs)).")
    var maxLSMs = 8

    func validate() throws {
        guard worlds > 0 else { throw ValidationError("--worlds must be at least 1, got \(worlds)") }
        _ = try request()
    }

    /// The strategies, depth and stack size, read and checked as a run's
    /// parameters are, with this command's flag names in the messages.
    func request() throws -> RunRequest {
        let flags = ["depths": "--max-depth", "lsms": "--max-lsms", "strategies": "--strategies"]
        var request = RunRequest()
        do {
            if let strategies { try RunParameters.named("strategies")!.read(strategies.split(separator: ",").map(String.init), into: &request) }
        } catch {
            throw ValidationError("--strategies: \(error.message)")
        }
        request.depths = [maxDepth]
        request.lsms = [maxLSMs]
        if let problem = request.problems().first {
            throw ValidationError("\(flags[problem.key] ?? problem.key): \(problem.message)")
        }
        return request
    }

    func run() throws {
        let types = try request().strategies?.compactMap(StrategyRegistry.named) ?? StrategyRegistry.all
        let first = seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
        print("verifying \(types.map(\.info.name).joined(separator: ", ")) on \(worlds) worlds, seeds \(first)...\(first &+ UInt64(worlds - 1))")
        var report = VerificationReport()
        for i in 0..<worlds {
            Verifier.verify(RandomWorld(seed: first &+ UInt64(i), maxDepth: maxDepth, maxLSMs: maxLSMs), strategies: types, into: &report)
            if !report.passed { break }
        }
        print("checked \(report.operations) operations (\(report.checks) checks) in \(report.worlds) worlds, deepest namespace \(report.maxDepthReached)")
        for d in report.disagreements { print(d) }
        for (name, bytes) in report.leakedBytes.sorted(by: { $0.key < $1.key }) {
            print("strategy \(name) leaked \(bytes) bytes in world seed \(first &+ UInt64(report.worlds - 1))")
        }
        guard report.passed else { throw ExitCode(1) }
        print("all strategies agree with the reference")
        try checkMutants(first: first)
    }

    /// Replays the worlds on each mutant until it disagrees.
    private func checkMutants(first: UInt64) throws {
        var survivors: [String] = []
        for mutant in StrategyRegistry.mutants {
            var report = VerificationReport()
            for i in 0..<worlds where report.disagreements.isEmpty {
                Verifier.verify(RandomWorld(seed: first &+ UInt64(i), maxDepth: maxDepth, maxLSMs: maxLSMs), strategies: [mutant], into: &report)
            }
            if let caught = report.disagreements.first {
                print("mutant \(mutant.info.name) (\(mutant.info.summary)) caught in world seed \(caught.seed), operation #\(caught.operationIndex)")
            } else {
                survivors.append(mutant.info.name)
            }
        }
        guard survivors.isEmpty else {
            print("mutants not caught in \(worlds) worlds: \(survivors.joined(separator: ", ")); verify with more worlds (--worlds) to trust the result")
            throw ExitCode(1)
        }
    }
}
