// A kernel run: every job of the plan, repeat by repeat, each in a fresh
// worker process (so the Landlock domains and user namespaces of one point
// never leak into another, and a slow drift of a shared machine falls on
// every point alike); the samples of each point kept per process.

import KernelProbes

/// What the workers reported: per point, the samples of each process, the
/// calls per sample, and the first refusal.
public struct KernelMeasurements: Sendable {
    public var plan: KernelRunPlan
    public var availability: KernelAvailability
    public var samples: [KernelPoint: [[Double]]] = [:]
    public var callsPerSample: [KernelPoint: Int] = [:]
    public var refusals: [KernelPoint: KernelRefusal] = [:]

    public init(plan: KernelRunPlan, availability: KernelAvailability) {
        self.plan = plan
        self.availability = availability
    }

    /// Adds one worker's lines as one repeat of each point they mention.
    public mutating func add(_ lines: [WorkerLine]) {
        var current: [KernelPoint: [Double]] = [:]
        for line in lines {
            switch line {
            case .sample(let point, let ns): current[point, default: []].append(ns)
            case .calls(let point, let calls): callsPerSample[point] = calls
            case .refused(let point, let failure):
                if refusals[point] == nil { refusals[point] = KernelRefusal.explaining(failure, at: point) }
            }
        }
        for (point, values) in current where refusals[point] == nil {
            samples[point, default: []].append(values)
        }
    }
}

public enum KernelRun {
    /// Runs every job of `plan` that `availability` allows through
    /// `launcher`, `plan.repeats` times; `progress` hears of each job.
    public static func measure(_ plan: KernelRunPlan, availability: KernelAvailability, tree: String,
                               launcher: some KernelWorkerLauncher,
                               progress: (String) -> Void = { _ in }) -> KernelMeasurements {
        var measurements = KernelMeasurements(plan: plan, availability: availability)
        let jobs = plan.jobs(availability)
        for repeatIndex in 0..<plan.repeats {
            progress("repeat \(repeatIndex + 1) of \(plan.repeats): \(jobs.count) fresh processes")
            for job in jobs {
                let settings = plan.settings(job, tree: tree)
                let lines = launcher.run(settings).filter { availability.refusal(for: $0.point) == nil }
                measurements.add(lines)
            }
        }
        for point in plan.points {
            if let refusal = availability.refusal(for: point) { measurements.refusals[point] = refusal }
        }
        return measurements
    }
}
