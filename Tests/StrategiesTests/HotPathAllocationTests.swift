// One check must allocate nothing, in every strategy: a measured loop
// would otherwise time malloc, not the design.

import LSMModel
import Strategies
import Testing

@Suite(.serialized)
struct HotPathAllocationTests {
    @Test(arguments: StrategyRegistry.names)
    func checksAllocateNothing(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        let setup = try WorldSetup(stack: .uniform(count: 4, namespaced: 2),
                                   rootPolicies: Array(repeating: .permissive, count: 4), initSids: [1, 2, 3, 4])
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
        let classes = Int32(ObjectClass.count)
        var sink: Int32 = 0
        // Plain while loops: in a debug build, iterating a Range instantiates
        // witness tables, which allocates and would be charged to the check.
        let count = creds.withUnsafeBufferPointer { creds in
            allocations {
                var round: Int32 = 0
                while round < 1000 {
                    var i = 0
                    while i < creds.count {
                        sink &+= entry(creds[i], hook: round % hooks, objectClass: round % classes)
                        i += 1
                    }
                    round += 1
                }
            }
        }
        #expect(count == 0, "\(name): \(count) allocations in \(1000 * creds.count) checks")
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
