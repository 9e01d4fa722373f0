// One check must allocate nothing, in every strategy, even when it misses
// its cache and reclaims: a measured loop would otherwise time malloc, not
// the design. Tiny caches and many labels make most checks miss.

import LSMModel
import Strategies
import Testing

@Suite(.serialized)
struct HotPathAllocationTests {
    @Test(arguments: StrategyRegistry.names)
    func checksAllocateNothing(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        let setup = try WorldSetup(stack: .uniform(count: 4, namespaced: 2),
                                   rootPolicies: Array(repeating: .permissive, count: 4), initSids: [1, 2, 3, 4],
                                   caches: CacheGeometry(slots: 8, threshold: 4, reclaim: 2))
        let strategy = descriptor.instantiate(setup: setup, arena: Arena())
        var creds: [UnsafeRawPointer] = [strategy.credentialObject(0)!]
        var creator = 0
        for _ in 0..<16 {
            let created = strategy.apply(.create(creator: creator, lsms: [0, 1], policies: [.permissive, .permissive],
                                                 sids: [5, 6], failAt: nil))
            guard case .credential(let id, _) = created else { Issue.record("create failed: \(created)"); return }
            creds.append(strategy.credentialObject(id)!)
            creator = id
        }
        let entry = strategy.checkEntry
        let hooks = Int32(HookCatalogue.count)
        let objects = (0..<64).map { label in
            strategy.object(ObjectRef(ObjectClass.allCases[label % ObjectClass.count], label: testLabel + SID(label)))
        }
        var sink: Int32 = 0
        // Warm-up rounds, as measured below: the node pools grow to the
        // most the caches hold at once.
        for round in 0..<(3 * objects.count) {
            for cred in creds { sink &+= entry(cred, hook: Int32(round) % hooks, object: objects[round % objects.count]) }
        }
        let before = strategy.cacheCounters().total
        // Plain while loops: in a debug build, iterating a Range instantiates
        // witness tables, which allocates and would be charged to the check.
        let count = creds.withUnsafeBufferPointer { creds in
            allocations {
                var round: Int32 = 0
                while round < 1000 {
                    var i = 0
                    while i < creds.count {
                        sink &+= entry(creds[i], hook: round % hooks, object: objects[Int(round) % objects.count])
                        i += 1
                    }
                    round += 1
                }
            }
        }
        #expect(count == 0, "\(name): \(count) allocations in \(1000 * creds.count) checks")
        // The checks did miss (the test is about the miss path too), except
        // in label-vector, which has no cache.
        let after = strategy.cacheCounters().total
        if name.hasPrefix("label-vector") {
            #expect(after.lookups == 0)
        } else {
            #expect(after.misses - before.misses > 1000, "\(name): only \(after.misses - before.misses) misses")
            #expect(after.reclaimed > before.reclaimed, "\(name): no entry was reclaimed")
        }
        #expect(sink == 0, "a permissive world allows everything")
    }

    /// The instrument must see an allocation, or the test above proves nothing.
    @Test func counterSeesAnAllocation() {
        var block: UnsafeMutableRawPointer?
        let count = allocations { block = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 16) }
        block?.deallocate()
        #expect(count == 1)
    }
}
