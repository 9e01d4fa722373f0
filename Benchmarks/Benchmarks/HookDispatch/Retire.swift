// What a cache miss pays to retire the node it evicts, through each path
// of the quiescent-state reclaimer: freed at once (no reader registered,
// every single-threaded point), into the retiring thread's own batch (a
// churn reader or writer, as call_rcu queues on the calling CPU), and
// handed over one by one (a thread without a slot). Each measured block is
// retired, and the registered reader passes a quiescent state every
// `QuiescentStateReclaimer.batchCapacity` retires, so blocks come back to
// the fixture's free stack as a reader moving on would let them.

import Benchmark
import MallocInterposerSwift
import Strategies

enum RetirePath: String, CaseIterable {
    case noReader = "retire freed at once (no reader)"
    case ownBatch = "retire into the thread's batch (reader registered)"
    case oneByOne = "retire handed over alone (reader registered, no slot)"
}

func registerRetireBenchmarks() {
    for path in RetirePath.allCases {
        Benchmark(path.rawValue) { benchmark, fixture in
            measureRetires(benchmark, fixture)
        } setup: {
            RetireFixture(path)
        }
    }
}

func measureRetires(_ benchmark: Benchmark, _ fixture: RetireFixture) {
    let retires = benchmark.scaledIterations.count
    fixture.slot?.attach()
    benchmark.startMeasurement()
    let before = MallocInterposerSwift.getStatistics()
    var remaining = retires
    var sinceQuiescent = 0
    while remaining > 0 {
        fixture.reclaimer.retire(fixture.take(), bytes: RetireFixture.blockBytes)
        sinceQuiescent &+= 1
        if sinceQuiescent == QuiescentStateReclaimer.batchCapacity {
            fixture.reader?.quiescent()
            sinceQuiescent = 0
        }
        remaining &-= 1
    }
    let after = MallocInterposerSwift.getStatistics()
    benchmark.stopMeasurement()
    fixture.slot?.detach()
    if fixture.ranDry { fail(benchmark, "\(benchmark.name): the fixture's \(RetireFixture.blocks) blocks all waited at once") }
    verifyNoAllocations(benchmark, fixture.counting, before: before, after: after, operations: retires, what: "a retire")
}

/// A reclaimer whose free function pushes blocks back on a stack of
/// preallocated blocks, and the reader slot the path needs.
final class RetireFixture {
    static let blocks = 1 << 14
    static let blockBytes = 64

    let reclaimer: QuiescentStateReclaimer
    /// The registered reader (nil: no reader, blocks freed at once).
    let reader: QuiescentStateReclaimer.ReaderSlot?
    /// The slot the measuring thread retires through (nil: none).
    let slot: QuiescentStateReclaimer.ReaderSlot?
    let counting = AllocationCounting()
    private let stack: UnsafeMutablePointer<UnsafeMutableRawPointer>
    private let storage: UnsafeMutableRawPointer
    /// The stack's height, in memory of its own: the free function is a
    /// closure, and a stored property would be checked for exclusive access.
    private let top: UnsafeMutablePointer<Int>
    private(set) var ranDry = false

    init(_ path: RetirePath) {
        storage = .allocate(byteCount: Self.blocks * Self.blockBytes, alignment: 64)
        stack = .allocate(capacity: Self.blocks)
        for index in 0..<Self.blocks { stack[index] = storage + index * Self.blockBytes }
        top = .allocate(capacity: 1)
        top.initialize(to: Self.blocks)
        reclaimer = QuiescentStateReclaimer { [stack, top] block, _ in
            stack[top.pointee] = block
            top.pointee &+= 1
        }
        reader = path == .noReader ? nil : reclaimer.register()
        slot = path == .ownBatch ? reader : nil
    }

    @inline(__always) func take() -> UnsafeMutableRawPointer {
        if top.pointee == 0 {
            ranDry = true
            return storage
        }
        top.pointee &-= 1
        return stack[top.pointee]
    }
}
