// The calls a measured loop makes, laid out before timing starts so the
// loop itself does nothing but load a planned call and make it: credential
// pointers already resolved, and for cold points the lines to flush first.

import LSMModel
import Strategies
import Support

struct PlannedCall {
    var credential: UnsafeRawPointer
    var hook: Int32
    var objectClass: Int32
    /// This call's lines in `CallPlan.flushLines`.
    var flushStart: Int32
    var flushCount: Int32
}

final class CallPlan {
    let calls: UnsafeMutableBufferPointer<PlannedCall>
    let flushLines: UnsafeMutableBufferPointer<UnsafeRawPointer>
    /// Distinct cache lines the planned checks read.
    let workingSetLines: Int
    /// The median over the planned checks of each one's critical path of
    /// dependent loads (`Footprint.dependentLoads`).
    let dependentLoads: Double
    /// Distinct lines one planned check reads, averaged over the plan.
    var linesPerCheck: Double {
        Double(calls.reduce(0) { $0 + Int($1.flushCount) }) / Double(max(1, calls.count))
    }
    /// Where the next sample continues, so warm points keep cycling.
    var position = 0

    init(strategy: any DispatchStrategy, credentials: [CredentialID], hook: HookID, objectClass: ObjectClass) {
        var footprints: [[UnsafeRawPointer]] = []
        var allLines = Set<Int>()
        var chains: [Int] = []
        for cred in credentials {
            let footprint = strategy.footprint(cred, hook: hook, objectClass: objectClass)
            allLines.formUnion(footprint.lines.map { Int(bitPattern: $0) })
            footprints.append(footprint.lines)
            chains.append(footprint.dependentLoads)
        }
        dependentLoads = chains.map(Double.init).median() ?? 0
        workingSetLines = allLines.count
        calls = .allocate(capacity: credentials.count)
        flushLines = .allocate(capacity: max(1, footprints.reduce(0) { $0 + $1.count }))
        var next = 0
        for (index, cred) in credentials.enumerated() {
            let lines = footprints[index]
            for (offset, line) in lines.enumerated() { flushLines[next + offset] = line }
            calls[index] = PlannedCall(credential: strategy.credentialObject(cred)!, hook: Int32(hook),
                                       objectClass: Int32(objectClass.rawValue),
                                       flushStart: Int32(next), flushCount: Int32(lines.count))
            next += lines.count
        }
    }

    deinit {
        calls.deallocate()
        flushLines.deallocate()
    }

    /// Every planned call once, through `entry`, in plan order.
    func decisions(_ entry: CheckEntry) -> [Int32] {
        calls.map { entry($0.credential, hook: $0.hook, objectClass: $0.objectClass) }
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
