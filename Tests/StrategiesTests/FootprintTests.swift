// A strategy's footprint is the working set a measurement reports and the
// lines a cold check flushes: it must lie in the strategy's own memory and
// grow with depth exactly where the design walks levels.

import LSMModel
import Strategies
import Testing

private func deepCredential(_ descriptor: StrategyDescriptor, depth: Int) throws -> (any DispatchStrategy, Arena, CredentialID) {
    let setup = try WorldSetup(stack: .uniform(count: 3, namespaced: 2),
                               rootPolicies: Array(repeating: .permissive, count: 3), initSids: [1, 1, 1])
    let arena = Arena()
    let strategy = descriptor.instantiate(setup: setup, arena: arena)
    var cred = 0
    for _ in 0..<depth {
        guard case .credential(let id, _) = strategy.apply(.create(creator: cred, lsms: [0, 1], policies: [.permissive, .permissive],
                                                                   sids: [2, 2], failAt: nil)) else { throw ModelError.malformed("create") }
        cred = id
    }
    return (strategy, arena, cred)
}

private func lineCount(_ footprint: Footprint) -> Int {
    Set(footprint.lines.map { Int(bitPattern: $0) & ~63 }).count
}

struct FootprintTests {
    @Test(arguments: StrategyRegistry.names)
    func linesLieInTheStrategysArena(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        let (strategy, arena, cred) = try deepCredential(descriptor, depth: 6)
        let lines = strategy.footprint(cred, hook: 1, object: ObjectRef(.file, label: testLabel)).lines
        #expect(!lines.isEmpty)
        let chunks = arena.chunkRanges.map { (start: Int(bitPattern: $0.base), end: Int(bitPattern: $0.base) + $0.bytes) }
        for line in lines {
            let address = Int(bitPattern: line)
            #expect(chunks.contains { $0.start <= address && address < $0.end }, "\(name): line outside the arena")
        }
    }

    @Test(arguments: StrategyRegistry.names)
    func growsWithDepthOnlyWhereTheDesignWalksLevels(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        let (shallowStrategy, _, shallow) = try deepCredential(descriptor, depth: 2)
        let (deepStrategy, _, deep) = try deepCredential(descriptor, depth: 12)
        // Once checked, the caches hold the decision: the lines of a hit.
        _ = shallowStrategy.check(shallow, hook: 1, object: ObjectRef(.file, label: testLabel))
        _ = deepStrategy.check(deep, hook: 1, object: ObjectRef(.file, label: testLabel))
        let a = lineCount(shallowStrategy.footprint(shallow, hook: 1, object: ObjectRef(.file, label: testLabel)))
        let b = lineCount(deepStrategy.footprint(deep, hook: 1, object: ObjectRef(.file, label: testLabel)))
        switch name {
        case "flattened", "ns-table":
            #expect(a == b, "\(name): \(a) lines at depth 2, \(b) at depth 12")
        default:
            // Two namespaced LSMs, ten more levels each, several lines a level.
            #expect(b >= a + 2 * 10 * 3, "\(name): \(a) lines at depth 2, \(b) at depth 12")
        }
    }
}

/// The critical path each design's check has by construction (two
/// namespaced LSMs and one global, nothing refused, every cache holding
/// the decision), in loads from memory: a level's lookup is part ->
/// namespace -> cache -> slot head -> node; a parent walk adds two per
/// level (credential -> blob, then the part holding the parent
/// credential), and global-avc walks the same way, but its levels share the
/// one cache's header line, so below the first level each waits one less; hlist's
/// first LSM waits one node load more than a static slot (head, node), and
/// the second LSM's parts share the first's blob lines, so the first LSM's
/// walk is the path at depth, the global LSM's three-node wait at depth 0;
/// ancestry looks every ancestor up independently; flattened, ns-table and
/// label-vector (whose label's entries sit at known places) do not depend
/// on depth.
struct DependentLoadTests {
    static func expected(_ name: String, depth d: Int) -> Int? {
        switch name {
        case "hlist", "hlist-c", "hlist-c-retpoline": return max(9, 7 + 2 * d)
        case "static-slots", "static-slots-c": return 6 + 2 * d
        case "global-avc", "global-avc-c": return max(6, 5 + 2 * d)
        case "ancestry", "ancestry-c": return d == 0 ? 6 : 8
        case "flattened": return 6
        case "ns-table": return 6
        case "label-vector", "label-vector-c": return 6
        default: return nil
        }
    }

    @Test(arguments: StrategyRegistry.names)
    func theCriticalPathIsTheDesigns(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        for depth in [0, 1, 2, 12] {
            let (strategy, _, cred) = try deepCredential(descriptor, depth: depth)
            _ = strategy.check(cred, hook: 1, object: ObjectRef(.file, label: testLabel))
            let footprint = strategy.footprint(cred, hook: 1, object: ObjectRef(.file, label: testLabel))
            let expected = try #require(Self.expected(name, depth: depth), "no expectation for \(name)")
            #expect(footprint.dependentLoads == expected, "\(name) at depth \(depth)")
            #expect(footprint.dependentLoads <= footprint.lines.count)
        }
    }

    @Test func aLineLoadedAgainAddsNoDepthAndAnAddressFromALoadDoes() {
        let block = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 64)
        defer { block.deallocate() }
        var footprint = Footprint()
        #expect(footprint.load(block, after: 0) == 1)
        #expect(footprint.load(block + 8, after: 0) == 1, "same line, already on its way")
        #expect(footprint.load(block + 8, after: 3) == 3, "known once its address is")
        #expect(footprint.load(block + 64, after: 1) == 2)
        #expect(footprint.load(block + 120, bytes: 16, after: 0) == 2, "spans lines 1 and 2; line 1 arrives at 2")
        #expect(footprint.lines.count == 3)
        #expect(footprint.dependentLoads == 3)
    }
}
