import ArgumentParser
import Foundation
import KernelProbes
import KernelRuns
import NUMA
import Reports
import ResultsFormat
import Timing

/// The running kernel beside the model: syscall floors, Landlock by
/// stacked domains, nested user namespaces, each point in fresh processes.
struct Kernel: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the running kernel: syscall floors, a real nested LSM (Landlock), real nested user namespaces.",
        discussion: """
            Each point is measured in --repeats fresh worker processes, pinned to one CPU: the syscall \
            floors, open+close and stat at path depths 1, 4 and 8 under 0 to 16 stacked Landlock domains, \
            creating a user namespace at depths 0 to 32, and kill() to a task that deep (cap_capable's \
            parent walk). Writes kernel.csv, meta.json and summary.txt (docs/kernel.md). What the kernel \
            refuses is reported per figure with the reason; the rest still runs. With --compare DIR the \
            summary also gives each design of that run as a share of this machine's open() and stat().
            """)

    @Option(help: "Results directory (default: results/<date>-<time>-<host>-kernel); must not hold a kernel run.")
    var out: String?
    @Option(help: "A 'hookbench run' results directory whose designs the summary sets beside the kernel.")
    var compare: String?
    @Option(help: "Fresh processes per point.")
    var repeats = KernelRunPlan().repeats
    @Option(help: "Timed samples per figure and process.")
    var samples = KernelRunPlan().samples
    @Option(help: "Timed user-namespace creations per process (one forked child each).")
    var creations = KernelRunPlan().creations
    @Option(help: "Most stacked Landlock domains (0 to 16).")
    var maxLayers = KernelRunPlan().maxLayers
    @Option(help: "Deepest user namespace (0 to 32).")
    var maxDepth = KernelRunPlan().maxDepth
    @Option(help: "CPU the workers pin to (default: the last CPU this process may use).")
    var cpu: Int?

    func run() throws {
        var plan = KernelRunPlan()
        plan.repeats = repeats
        plan.samples = samples
        plan.creations = creations
        plan.maxLayers = maxLayers
        plan.maxDepth = maxDepth
        plan.cpu = cpu
        if let problem = plan.problem { throw ValidationError(problem) }
        let designs: RunData?
        do { designs = try compare.map(RunData.load) } catch {
            throw ValidationError("--compare \(compare ?? ""): \(error)")
        }
        let began = Date()
        let timer = CycleTimer.calibrate()
        let session: KernelSession
        do {
            session = try KernelSession(path: out ?? KernelSession.defaultDirectory(), plan: plan, timer: timer,
                                        command: CommandLine.arguments)
        } catch { throw ValidationError("\(error)") }
        let cpu = session.measuringCPU()
        let launcher = ProcessWorkerLauncher(executable: Explain.executable, timer: timer, cpu: cpu)
        print("kernel: \(plan.points.count) points, \(plan.repeats) fresh processes each, pinned to CPU \(cpu.map(String.init) ?? "none")")
        let rows: [KernelRow]
        do {
            rows = try session.run(system: LiveKernelSystem(), launcher: launcher, cpu: cpu) { message in
                FileHandle.standardError.write(Data("  \(message)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("kernel: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let seconds = Date().timeIntervalSince(began)
        let summary = try KernelSummary.write(directory: session.directory.path, rows: rows, designs: designs)
        print("kernel: measured in \(Int(seconds.rounded())) s")
        print("summary: \(summary)")
        print("results: \(session.directory.path)")
    }
}

/// One fresh process of 'hookbench kernel' (run by it, not by people).
struct KernelWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel-worker", abstract: "Internal: one fresh process of 'hookbench kernel'.", shouldDisplay: false)

    @Option var layers: Int?
    @Option var usernsDepth: Int?
    @Option var tree: String
    @Option var samples: Int
    @Option var creations: Int
    @Option var batchNs: Double
    @Option var walkUid: Int32
    @Option var pathDepths: String
    @Option var timer: String
    @Option var ticksPerNs: Double
    @Option var cpu: Int?

    func run() throws {
        let job: WorkerJob
        switch (layers, usernsDepth) {
        case (let layers?, nil): job = .landlock(layers: layers)
        case (nil, let depth?): job = .userNamespaces(depth: depth)
        default: throw ValidationError("kernel-worker takes exactly one of --layers and --userns-depth")
        }
        guard let source = CycleTimer.Source(rawValue: timer), ticksPerNs > 0, ticksPerNs.isFinite else {
            throw ValidationError("--timer tsc or clock_gettime, with a positive --ticks-per-ns")
        }
        let depths = pathDepths.split(separator: ",").compactMap { Int($0) }
        guard !depths.isEmpty else { throw ValidationError("--path-depths: a comma-separated list of depths") }
        if let cpu {
            let topology = Topology.current()
            guard let node = topology.node(containingCPU: cpu) else { throw ValidationError("--cpu \(cpu): no such CPU") }
            do { try ThreadPinning.pinCurrentThread(toNode: node.id, cpu: cpu, in: topology) } catch {
                throw ValidationError("cannot pin to CPU \(cpu): \(error)")
            }
        }
        let settings = WorkerSettings(job: job, tree: tree, samples: samples, creations: creations, batchNanoseconds: batchNs,
                                      walkUID: walkUid, pathDepths: depths)
        let worker = KernelWorker(system: LiveKernelSystem(),
                                  timer: CycleTimer(source: source, ticksPerNanosecond: ticksPerNs))
        var text = ""
        for line in worker.run(settings) { text += line.text + "\n" }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
