// What one `hookbench kernel` run measures: the axes (stacked Landlock
// domains, user-namespace depths, path depths), how many fresh processes
// per point, and how many samples each takes. The defaults keep the whole
// run under two minutes on a 2-CPU VM.

import KernelProbes

public struct KernelRunPlan: Sendable, Equatable {
    /// Landlock domains 0...maxLayers (the kernel stacks at most 16).
    public var maxLayers = 16
    /// User-namespace depths 0...maxDepth (32 levels below the initial one).
    public var maxDepth = 32
    /// Fresh worker processes per point.
    public var repeats = 5
    /// Timed samples per batched figure and process.
    public var samples = 200
    /// Timed unshare(CLONE_NEWUSER) calls per process (one forked child each).
    public var creations = 60
    /// A timed batch doubles until it lasts this long.
    public var batchNanoseconds = 20_000.0
    public var pathDepths = ProbeTree.defaultDepths
    /// The CPU every worker pins itself to; nil: the last CPU this process may use.
    public var cpu: Int?
    /// The uid of the signalled task of the capability walk.
    public var walkUID: Int32 = 4242

    public init() {}

    public static let kernelMaxLayers = 16
    public static let kernelMaxDepth = 32

    /// Why the plan cannot run, or nil.
    public var problem: String? {
        if !(0...Self.kernelMaxLayers).contains(maxLayers) { return "--max-layers must be 0 to 16 (Landlock stacks at most 16 domains), got \(maxLayers)" }
        if !(0...Self.kernelMaxDepth).contains(maxDepth) { return "--max-depth must be 0 to 32 (the kernel nests at most 32 user namespaces below the initial one), got \(maxDepth)" }
        if repeats < 1 { return "--repeats must be at least 1, got \(repeats)" }
        if samples < 5 { return "--samples must be at least 5, got \(samples)" }
        if creations < 5 { return "--creations must be at least 5, got \(creations)" }
        if pathDepths.isEmpty || pathDepths.contains(where: { $0 < 1 || $0 > 64 }) { return "path depths must be 1 to 64" }
        return nil
    }

    /// The jobs of one repeat, in order: every Landlock layer count, then
    /// every user-namespace depth (the ones `availability` allows).
    public func jobs(_ availability: KernelAvailability) -> [WorkerJob] {
        let landlockAvailable = (try? availability.landlock.get()) != nil
        let layers = landlockAvailable ? Array(0...maxLayers) : [0]
        let depths = availability.userNamespaces == nil ? Array(0...maxDepth) : []
        return layers.map { WorkerJob.landlock(layers: $0) } + depths.map { WorkerJob.userNamespaces(depth: $0) }
    }

    /// Every point the plan reports, measurable here or not.
    public var points: [KernelPoint] {
        let layerJobs = (0...maxLayers).map { WorkerJob.landlock(layers: $0) }
        let depthJobs = (0...maxDepth).map { WorkerJob.userNamespaces(depth: $0) }
        return (layerJobs + depthJobs).flatMap { KernelWorker<LiveKernelSystem>.points(settings($0, tree: "")) }
    }

    public func settings(_ job: WorkerJob, tree: String) -> WorkerSettings {
        WorkerSettings(job: job, tree: tree, samples: samples, creations: creations, batchNanoseconds: batchNanoseconds,
                       walkUID: walkUID, pathDepths: pathDepths)
    }
}
