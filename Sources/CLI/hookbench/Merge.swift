import ArgumentParser
import Reports

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join runs from several machines into one results directory, with its summary and plots.",
        discussion: """
            Rows keep their host and fingerprint. samples.csv names each point RUN_ID/POINT_KEY; \
            meta.json lists every source run with its own meta.json. Plots get one line per \
            host x strategy.
            """)

    @Argument(help: "Results directories to merge (two or more).")
    var directories: [String]

    @Option(help: "Directory for the merged run; must not already hold a run.")
    var out: String

    func validate() throws {
        guard directories.count >= 2 else {
            throw ValidationError("give at least two results directories to merge; got \(directories.count)")
        }
    }

    func run() throws {
        let outcome = try RunMerge.merge(directories, into: out, command: CommandLine.arguments)
        print("merged \(outcome.sources.count) runs (\(outcome.rows) points, \(outcome.samples) samples) into \(outcome.directory)")
        Report.writeAfterwards(out)
    }
}
