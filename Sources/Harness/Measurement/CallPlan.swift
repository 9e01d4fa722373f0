// The calls a measured loop makes, laid out before timing starts so the
// loop itself does nothing but load a planned call and make it: credential
// and object pointers already resolved, and for cold points the lines to
// flush first.

import LSMModel
import Strategies
import Support

struct PlannedCall {
    var credential: UnsafeRawPointer
    var object: UnsafeRawPointer
    var hook: Int32
    /// This call's lines in `CallPlan.flushLines`.
    var flushStart: Int32
    var flushCount: Int32
}

final class CallPlan {
    let calls: UnsafeMutableBufferPointer<PlannedCall>
    private(set) var flushLines: UnsafeMutableBufferPointer<UnsafeRawPointer>
    /// Distinct cache lines the planned checks read.
    private(set) var workingSetLines = 0
    /// The median over the planned checks of each one's critical path of
    /// dependent loads (`Footprint.dependentLoads`).
    private(set) var dependentLoads = 0.0
    /// Distinct lines one planned check reads, averaged over the plan.
    var linesPerCheck: Double {
        Double(calls.reduce(0) { $0 + Int($1.flushCount) }) / Double(max(1, calls.count))
    }
    /// Where the next sample continues, so warm points keep cycling.
    var position = 0

    private let planned: [MeasurementWorld.Call]
    private let hook: HookID

    init(strategy: any DispatchStrategy, calls planned: [MeasurementWorld.Call], hook: HookID) {
        self.planned = planned
        self.hook = hook
        calls = .allocate(capacity: planned.count)
        flushLines = .allocate(capacity: 1)
        for (index, call) in planned.enumerated() {
            calls[index] = PlannedCall(credential: strategy.credentialObject(call.credential)!, object: strategy.object(call.object),
                                       hook: Int32(hook), flushStart: 0, flushCount: 0)
        }
    }

    /// Each call's lines and critical path, against the strategy's caches
    /// as they are now: record them once the plan has run at least once, so
    /// they are the lines of checks in the plan's steady state.
    func recordFootprints(_ strategy: any DispatchStrategy) {
        var footprints: [[UnsafeRawPointer]] = []
        var allLines = Set<Int>()
        var chains: [Int] = []
        // A plan repeats its calls (labels drawn by popularity): each
        // distinct call's footprint is walked once.
        var known: [MeasurementWorld.Call: Footprint] = [:]
        for call in planned {
            let footprint = known[call] ?? strategy.footprint(call.credential, hook: hook, object: call.object)
            known[call] = footprint
            allLines.formUnion(footprint.lines.map { Int(bitPattern: $0) })
            footprints.append(footprint.lines)
            chains.append(footprint.dependentLoads)
        }
        dependentLoads = chains.map(Double.init).median() ?? 0
        workingSetLines = allLines.count
        flushLines.deallocate()
        flushLines = .allocate(capacity: max(1, footprints.reduce(0) { $0 + $1.count }))
        var next = 0
        for (index, lines) in footprints.enumerated() {
            for (offset, line) in lines.enumerated() { flushLines[next + offset] = line }
            calls[index].flushStart = Int32(next)
            calls[index].flushCount = Int32(lines.count)
            next += lines.count
        }
    }

    deinit {
        calls.deallocate()
        flushLines.deallocate()
    }

    /// Every planned call once, through `entry`, in plan order.
    func decisions(_ entry: CheckEntry) -> [Int32] {
        calls.map { entry($0.credential, hook: $0.hook, object: $0.object) }
    }
}

/// FNV-1a over the decisions, in call order: equal digests mean equal answers.
public enum DecisionDigest {
    public static func of(_ decisions: [Int32]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for decision in decisions {
            var bits = UInt32(bitPattern: decision)
            for _ in 0..<4 {
                hash = (hash ^ UInt64(bits & 0xFF)) &* 0x0000_0100_0000_01B3
                bits >>= 8
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
