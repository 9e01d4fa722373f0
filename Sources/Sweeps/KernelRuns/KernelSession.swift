// One `hookbench kernel` run from start to files: the results directory,
// the timer, what the kernel allows, the directory tree, the workers, and
// kernel.csv and meta.json (RunMetadata, as every run writes it).

import Foundation
import KernelProbes
import MachineInfo
import NUMA
import ResultsFormat
import Runs
import Timing

public struct KernelSessionError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public struct KernelSession {
    public let directory: ResultsDirectory
    public let plan: KernelRunPlan
    public let timer: CycleTimer
    public let command: [String]

    /// results/<date>-<time>-<host>-kernel
    public static func defaultDirectory(date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return "results/\(formatter.string(from: date))-\(ProcessInfo.processInfo.hostName)-kernel"
    }

    public var kernelCSVPath: String { directory.path + "/" + KernelResultsSchema.fileName }

    /// Creates `path` (which must not hold a kernel run yet).
    public init(path: String, plan: KernelRunPlan, timer: CycleTimer, command: [String]) throws {
        if let problem = plan.problem { throw KernelSessionError(problem) }
        directory = ResultsDirectory(path)
        self.plan = plan
        self.timer = timer
        self.command = command
        if FileManager.default.fileExists(atPath: path + "/" + KernelResultsSchema.fileName) {
            throw KernelSessionError("\(path) already holds a kernel run (kernel.csv); choose another --out")
        }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw KernelSessionError("cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// The CPU workers pin to: the plan's, else the last CPU this process may use.
    public func measuringCPU() -> Int? {
        plan.cpu ?? ThreadPinning.allowedCPUs()?.last ?? (try? ThreadPinning.currentThreadCPUs())?.last
    }

    /// Measures and writes kernel.csv and meta.json; returns the rows.
    public func run(system: some KernelSystem, launcher: some KernelWorkerLauncher, cpu: Int?,
                    progress: (String) -> Void = { _ in }) throws -> [KernelRow] {
        let started = RunMetadata.timestamp()
        let host = ProcessInfo.processInfo.hostName
        let runID = Self.runID(host: host)
        let fingerprint = MachineFingerprint.capture(hookbenchRevision: Revision.current())
        let availability = KernelAvailability.probe(system)
        for (what, refusal) in [("Landlock", availability.landlock.failureValue), ("user namespaces", availability.userNamespaces),
                                ("capability walk", availability.capabilityWalk)] {
            if let refusal { progress("\(what): refused: \(refusal)") }
        }
        let tree: ProbeTree
        do { tree = try ProbeTree.create(depths: plan.pathDepths) } catch { throw KernelSessionError("\(error)") }
        defer { tree.remove() }
        let measurements = KernelRun.measure(plan, availability: availability, tree: tree.root, launcher: launcher,
                                             progress: progress)
        let rows = KernelFigures.rows(measurements, identity: KernelRowIdentity(runID: runID, host: host,
                                                                                fingerprint: fingerprint.shortHash))
        do {
            try directory.writeAtomically(try KernelRow.csv(rows), to: kernelCSVPath)
        } catch {
            throw KernelSessionError("cannot write \(kernelCSVPath): \(error)")
        }
        var metadata = RunMetadata(
            runID: runID, host: host, revision: fingerprint.hookbenchRevision, command: command, started: started,
            configuration: configuration(availability: availability, cpu: cpu),
            plannedPoints: plan.points.count,
            timer: .init(source: timer.sourceName, ticksPerNanosecond: timer.ticksPerNanosecond,
                         overheadNanoseconds: timer.overheadNanoseconds, calibrationSpread: timer.calibrationSpread,
                         fallbackReason: timer.fallbackReason))
        metadata.completedPoints = rows.filter { $0.kind == .point && $0.isMeasured }.count
        metadata.machine = MachineRecord(summary: fingerprint.summary,
                                         json: String(decoding: fingerprint.canonicalJSON(), as: UTF8.self))
        metadata.fingerprintHash = fingerprint.shortHash
        if let reason = timer.fallbackReason { metadata.notes.append("timer: \(reason)") }
        metadata.finished = RunMetadata.timestamp()
        do {
            try directory.writeAtomically(try metadata.json(), to: directory.metaPath)
        } catch {
            throw KernelSessionError("cannot write \(directory.metaPath): \(error)")
        }
        return rows
    }

    func configuration(availability: KernelAvailability, cpu: Int?) -> [String: String] {
        [
            "kind": "kernel",
            "kernel_schema_version": KernelResultsSchema.version,
            "max_layers": "\(plan.maxLayers)",
            "max_depth": "\(plan.maxDepth)",
            "repeats": "\(plan.repeats)",
            "samples": "\(plan.samples)",
            "creations": "\(plan.creations)",
            "batch_ns": "\(plan.batchNanoseconds)",
            "path_depths": plan.pathDepths.map(String.init).joined(separator: ","),
            "cpu": cpu.map(String.init) ?? "unpinned",
            "landlock": availability.landlockText,
        ]
    }

    static func runID(host: String) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date()) + "-" + host
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
