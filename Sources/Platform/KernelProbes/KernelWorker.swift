// One fresh process's share of `hookbench kernel`: it puts itself in the
// state a point needs, irreversibly (N stacked Landlock domains; a forked
// child N user namespaces deep), times the system calls, and reports every
// sample as a WorkerLine. Landlock domains cannot be removed from a
// process, which is why every layer count gets processes of its own.

import CKernelProbes
import Foundation
import Timing

/// Which state a worker measures in.
public enum WorkerJob: Equatable, Sendable {
    /// N stacked Landlock domains: the file figures (and, with none, the floors).
    case landlock(layers: Int)
    /// A user-namespace depth: creating one more, and kill() to a task that deep.
    case userNamespaces(depth: Int)
}

public struct WorkerSettings: Sendable, Equatable {
    public var job: WorkerJob
    /// Root of the `ProbeTree`.
    public var tree: String
    /// Timed samples per batched figure.
    public var samples: Int
    /// Timed unshare(CLONE_NEWUSER) calls (one forked child each).
    public var creations: Int
    /// A batch doubles until it lasts at least this long.
    public var batchNanoseconds: Double
    /// The uid of the signalled task for the capability walk.
    public var walkUID: Int32
    public var pathDepths: [Int]

    public init(job: WorkerJob, tree: String, samples: Int = 200, creations: Int = 30, batchNanoseconds: Double = 20_000,
                walkUID: Int32 = 4242, pathDepths: [Int] = ProbeTree.defaultDepths) {
        self.job = job
        self.tree = tree
        self.samples = samples
        self.creations = creations
        self.batchNanoseconds = batchNanoseconds
        self.walkUID = walkUID
        self.pathDepths = pathDepths
    }
}

/// The access each Landlock domain handles and its one rule allows:
/// reading files (open for read) and directories.
public let landlockReadAccess = UInt64(HBK_LANDLOCK_ACCESS_FS_READ_FILE) | UInt64(HBK_LANDLOCK_ACCESS_FS_READ_DIR)

public struct KernelWorker<System: KernelSystem> {
    public let system: System
    public let timer: CycleTimer

    public init(system: System, timer: CycleTimer) {
        self.system = system
        self.timer = timer
    }

    /// The points a job measures, in the order it measures them.
    public static func points(_ settings: WorkerSettings) -> [KernelPoint] {
        switch settings.job {
        case .landlock(let layers):
            var points: [KernelPoint] = []
            if layers == 0 { points += [KernelPoint(.loop), KernelPoint(.nullSyscall), KernelPoint(.read), KernelPoint(.kill)] }
            for figure in [KernelFigure.openClose, .stat] {
                points += settings.pathDepths.map { KernelPoint(figure, pathDepth: $0, landlockLayers: layers) }
            }
            return points
        case .userNamespaces(let depth):
            return [KernelPoint(.userNamespaceCreation, userNamespaceDepth: depth),
                    KernelPoint(.capabilityWalk, userNamespaceDepth: depth)]
        }
    }

    /// Runs the job; every point ends up with samples or a refusal.
    public func run(_ settings: WorkerSettings) -> [WorkerLine] {
        switch settings.job {
        case .landlock(let layers): return landlock(layers: layers, settings)
        case .userNamespaces(let depth): return userNamespaces(depth: depth, settings)
        }
    }

    private func landlock(layers: Int, _ settings: WorkerSettings) -> [WorkerLine] {
        let points = Self.points(settings)
        if let failure = system.changeDirectory(settings.tree) { return points.map { .refused($0, failure) } }
        if layers > 0 {
            if let failure = system.setNoNewPrivileges() { return points.map { .refused($0, failure) } }
            for layer in 1...layers {
                if let failure = system.addLandlockLayer(root: settings.tree, access: landlockReadAccess) {
                    let located = SystemCallFailure(call: "\(failure.call), layer \(layer) of \(layers)", errno: failure.errno)
                    return points.map { .refused($0, located) }
                }
            }
        }
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: 16)
        defer { buffer.deallocate() }
        var lines: [WorkerLine] = []
        for point in points {
            let path = strdup(point.pathDepth.map(ProbeTree.relativePath(depth:)) ?? ProbeTree.relativePath(depth: 1))
            defer { free(path) }
            var fd: Int32 = -1
            if point.figure == .read {
                fd = open(settings.tree + "/" + ProbeTree.relativePath(depth: 1), O_RDONLY | O_CLOEXEC)
                if fd < 0 {
                    lines.append(.refused(point, SystemCallFailure(call: "open for pread", errno: errno)))
                    continue
                }
            }
            defer { if fd >= 0 { close(fd) } }
            let context = hbk_context(path: path, fd: fd, pid: system.processID, buffer: buffer)
            lines += batched(point, context: context, settings)
        }
        return lines
    }

    private func userNamespaces(depth: Int, _ settings: WorkerSettings) -> [WorkerLine] {
        var lines: [WorkerLine] = []
        let creation = KernelPoint(.userNamespaceCreation, userNamespaceDepth: depth)
        switch system.userNamespaceCreations(depth: depth, count: settings.creations, useTSC: timer.source == .tsc) {
        case .success(let ticks):
            lines += ticks.map { .sample(creation, timer.nanoseconds(ticks: $0)) }
            lines.append(.calls(creation, 1))
        case .failure(let failure):
            lines.append(.refused(creation, failure))
        }
        let walk = KernelPoint(.capabilityWalk, userNamespaceDepth: depth)
        switch system.spawnNestedTask(depth: depth, uid: settings.walkUID) {
        case .success(let pid):
            defer { system.endTask(pid) }
            lines += batched(walk, context: hbk_context(path: nil, fd: -1, pid: pid, buffer: nil), settings)
        case .failure(let failure):
            lines.append(.refused(walk, failure))
        }
        return lines
    }

    /// Batches of one call, doubled until a batch lasts `batchNanoseconds`,
    /// then `samples` timed batches (after three untimed ones).
    private func batched(_ point: KernelPoint, context: hbk_context, _ settings: WorkerSettings) -> [WorkerLine] {
        guard let operation = system.operation(point.figure) else {
            return [.refused(point, SystemCallFailure(call: point.figure.call, errno: ENOSYS))]
        }
        var context = context
        let useTSC: Int32 = timer.source == .tsc ? 1 : 0
        func batch(_ calls: UInt32) -> Result<Double, SystemCallFailure> {
            var error: Int32 = 0
            let ticks = hbk_time_batch(operation, &context, calls, useTSC, &error)
            if error != 0 { return .failure(SystemCallFailure(call: point.figure.call, errno: -error)) }
            return .success(timer.nanoseconds(ticks: ticks))
        }
        // The shortest of three batches decides, so one preempted batch
        // does not stop the doubling early.
        var calls: UInt32 = 1
        while true {
            var shortest = Double.infinity
            for _ in 0..<3 {
                switch batch(calls) {
                case .failure(let failure): return [.refused(point, failure)]
                case .success(let ns): shortest = min(shortest, ns)
                }
            }
            if shortest >= settings.batchNanoseconds || calls >= 1 << 16 { break }
            calls *= 2
        }
        for _ in 0..<3 { _ = batch(calls) }
        var lines: [WorkerLine] = []
        lines.reserveCapacity(settings.samples + 1)
        for _ in 0..<settings.samples {
            switch batch(calls) {
            case .failure(let failure): return [.refused(point, failure)]
            case .success(let ns): lines.append(.sample(point, ns / Double(calls)))
            }
        }
        lines.append(.calls(point, Int(calls)))
        return lines
    }
}
