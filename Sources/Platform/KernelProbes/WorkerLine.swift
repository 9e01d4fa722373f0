// What a kernel worker process reports back on its standard output, one
// line per fact, and how the parent reads it: every sample, the calls per
// sample, and every refusal with its errno. Plain text, so a worker that
// dies half-way still leaves readable lines behind.

import Support

public enum WorkerLine: Equatable, Sendable {
    /// One timed sample: nanoseconds per call.
    case sample(KernelPoint, Double)
    /// Calls per timed sample (the batch size).
    case calls(KernelPoint, Int)
    /// The kernel refused a call the point needs.
    case refused(KernelPoint, SystemCallFailure)

    public var point: KernelPoint {
        switch self {
        case .sample(let point, _), .calls(let point, _), .refused(let point, _): return point
        }
    }

    /// "sample open-close/p4/l0/u0 812.337"
    public var text: String {
        switch self {
        case .sample(let point, let ns): return "sample \(point.key) \(FixedPoint.text(ns, decimals: 3))"
        case .calls(let point, let calls): return "calls \(point.key) \(calls)"
        case .refused(let point, let failure): return "refused \(point.key) \(failure.errno) \(failure.call)"
        }
    }

    /// The line `text` wrote; nil for anything else.
    public init?(text: String) {
        let words = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
        guard words.count >= 3, let point = KernelPoint(key: words[1]) else { return nil }
        switch words[0] {
        case "sample":
            guard words.count == 3, let ns = Double(words[2]), ns.isFinite else { return nil }
            self = .sample(point, ns)
        case "calls":
            guard words.count == 3, let calls = Int(words[2]), calls > 0 else { return nil }
            self = .calls(point, calls)
        case "refused":
            guard words.count == 4, let errno = Int32(words[2]) else { return nil }
            self = .refused(point, SystemCallFailure(call: words[3], errno: errno))
        default:
            return nil
        }
    }
}
