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

private func lineCount(_ lines: [UnsafeRawPointer]) -> Int {
    Set(lines.map { Int(bitPattern: $0) & ~63 }).count
}

struct FootprintTests {
    @Test(arguments: StrategyRegistry.names)
    func linesLieInTheStrategysArena(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        let (strategy, arena, cred) = try deepCredential(descriptor, depth: 6)
        let lines = strategy.footprint(cred, hook: 1, objectClass: .file)
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
        let a = lineCount(shallowStrategy.footprint(shallow, hook: 1, objectClass: .file))
        let b = lineCount(deepStrategy.footprint(deep, hook: 1, objectClass: .file))
        switch name {
        case "flattened", "ns-table":
            #expect(a == b, "\(name): \(a) lines at depth 2, \(b) at depth 12")
        default:
            // Two namespaced LSMs, ten more levels each, several lines a level.
            #expect(b >= a + 2 * 10 * 3, "\(name): \(a) lines at depth 2, \(b) at depth 12")
        }
    }
}
