// How a kernel run gets a fresh process for each job: re-executing this
// hookbench binary with the hidden `kernel-worker` subcommand (as `explain`
// does with `simulate-worker`), pinned to one CPU, its lines read back from
// standard output. Tests run the worker in-process over a fake kernel.

import Foundation
import KernelProbes
import Timing

public protocol KernelWorkerLauncher {
    /// The job's lines; a worker that could not start or died adds a
    /// refusal for every point it did not finish.
    func run(_ settings: WorkerSettings) -> [WorkerLine]
}

/// The words after the executable that start one worker.
public enum WorkerArguments {
    public static func words(_ settings: WorkerSettings, timer: CycleTimer, cpu: Int?) -> [String] {
        var words = ["kernel-worker"]
        switch settings.job {
        case .landlock(let layers): words += ["--layers", "\(layers)"]
        case .userNamespaces(let depth): words += ["--userns-depth", "\(depth)"]
        }
        words += ["--tree", settings.tree, "--samples", "\(settings.samples)", "--creations", "\(settings.creations)",
                  "--batch-ns", "\(settings.batchNanoseconds)", "--walk-uid", "\(settings.walkUID)",
                  "--path-depths", settings.pathDepths.map(String.init).joined(separator: ","),
                  "--timer", timer.source.rawValue, "--ticks-per-ns", "\(timer.ticksPerNanosecond)"]
        if let cpu { words += ["--cpu", "\(cpu)"] }
        return words
    }
}

/// Workers as fresh processes of `executable`.
public struct ProcessWorkerLauncher: KernelWorkerLauncher {
    public let executable: String
    public let timer: CycleTimer
    public let cpu: Int?

    public init(executable: String, timer: CycleTimer, cpu: Int?) {
        self.executable = executable
        self.timer = timer
        self.cpu = cpu
    }

    public func run(_ settings: WorkerSettings) -> [WorkerLine] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = WorkerArguments.words(settings, timer: timer, cpu: cpu)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            return Self.unfinished(settings, lines: [], why: "worker \(executable) could not start: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { WorkerLine(text: String($0)) }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let detail = message.split(separator: "\n").last.map { ": \($0)" } ?? ""
            return Self.unfinished(settings, lines: lines, why: "worker exited with status \(process.terminationStatus)\(detail)")
        }
        return Self.unfinished(settings, lines: lines, why: "worker reported nothing for the point")
    }

    /// `lines`, plus a refusal for each point of the job that has neither
    /// a `calls` line nor a refusal.
    static func unfinished(_ settings: WorkerSettings, lines: [WorkerLine], why: String) -> [WorkerLine] {
        var done = Set<KernelPoint>()
        for line in lines {
            switch line {
            case .calls(let point, _), .refused(let point, _): done.insert(point)
            case .sample: break
            }
        }
        let missing = KernelWorker<LiveKernelSystem>.points(settings).filter { !done.contains($0) }
        return lines + missing.map { .refused($0, SystemCallFailure(call: why, errno: ECHILD)) }
    }
}

/// Workers run in this process over `system` (for tests: a fake kernel).
public struct InProcessWorkerLauncher<System: KernelSystem>: KernelWorkerLauncher {
    public let worker: KernelWorker<System>

    public init(system: System, timer: CycleTimer) {
        worker = KernelWorker(system: system, timer: timer)
    }

    public func run(_ settings: WorkerSettings) -> [WorkerLine] { worker.run(settings) }
}
