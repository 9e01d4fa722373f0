import ArgumentParser

@main
struct HookBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookbench",
        abstract: "Measure what LSM hook dispatch designs cost once LSMs get namespaces.",
        subcommands: [Run.self, Report.self, Compare.self, Merge.self, Plot.self, Calibrate.self, Info.self, Verify.self, List.self,
                      Explain.self, SimulateWorker.self, Kernel.self, KernelWorkerCommand.self])
}
