// ns-table's tables are read without locks: a retired table must outlive
// every reader that might still hold it, and readers racing a writer must
// only ever see a whole table, old or new.

import Foundation
import LSMModel
@testable import Strategies
import Synchronization
import Testing

struct ReclamationTests {
    @Test func aRetiredBlockWaitsForEveryRegisteredReader() {
        var freed: [UnsafeMutableRawPointer] = []
        let reclaimer = QuiescentStateReclaimer { block, _ in freed.append(block) }
        let a = reclaimer.register()
        let b = reclaimer.register()
        let block = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
        defer { block.deallocate() }
        reclaimer.retire(block, bytes: 64)
        #expect(freed.isEmpty, "readers have not passed a quiescent state since")
        a.quiescent()
        reclaimer.reclaim()
        #expect(freed.isEmpty, "one reader may still hold it")
        b.quiescent()
        reclaimer.reclaim()
        #expect(freed == [block])
        #expect(reclaimer.pendingCount == 0)
    }

    @Test func withoutReadersRetiredBlocksGoAtOnce() {
        var freed = 0
        let reclaimer = QuiescentStateReclaimer { _, _ in freed += 1 }
        let block = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
        defer { block.deallocate() }
        reclaimer.retire(block, bytes: 64)
        #expect(freed == 1)
    }

    @Test func aThreadsSlotBatchesItsRetiresUntilHandOver() {
        var freed: [UnsafeMutableRawPointer] = []
        let reclaimer = QuiescentStateReclaimer { block, _ in freed.append(block) }
        let reader = reclaimer.register()
        let writer = reclaimer.register(reads: false)
        #expect(reclaimer.registeredReaders == 1, "a writer's slot holds no grace period back")
        let blocks = (0...QuiescentStateReclaimer.batchCapacity).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
        }
        defer { blocks.forEach { $0.deallocate() } }
        writer.attach()
        for block in blocks.dropLast() { reclaimer.retire(block, bytes: 64) }
        #expect(reclaimer.pendingCount == QuiescentStateReclaimer.batchCapacity, "a full batch goes to the shared list whole")
        reclaimer.retire(blocks.last!, bytes: 64)
        #expect(reclaimer.pendingCount == QuiescentStateReclaimer.batchCapacity, "the next block waits in the new batch")
        writer.detach()
        reader.quiescent()
        reclaimer.reclaim()
        #expect(freed == Array(blocks.dropLast()), "the handed-over batch is freed once the reader has moved on")
        writer.unregister()
        #expect(reclaimer.pendingCount == 1, "unregistering hands the partial batch over")
        reclaimer.reclaim()
        #expect(freed.count == blocks.count - 1, "the reader has not passed a quiescent state since")
        reader.quiescent()
        reclaimer.reclaim()
        #expect(freed == blocks)
        reader.unregister()
    }

    @Test func aSlotTakesOnlyItsOwnReclaimersRetires() {
        var freedByOther = 0
        let mine = QuiescentStateReclaimer { _, _ in }
        let other = QuiescentStateReclaimer { _, _ in freedByOther += 1 }
        let reader = other.register()
        let slot = mine.register()
        slot.attach()
        defer { slot.detach() }
        let block = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
        defer { block.deallocate() }
        other.retire(block, bytes: 64)
        #expect(other.pendingCount == 1, "another reclaimer's block goes straight to its shared list")
        reader.quiescent()
        other.reclaim()
        #expect(freedByOther == 1)
        reader.unregister()
        slot.unregister()
    }

    @Test func readersRacingReloadsSeeOnlyWholeTables() throws {
        let fileOpen = HookCatalogue.id(named: "file_open")!
        let setup = try WorldSetup(stack: .uniform(count: 2, namespaced: 1),
                                   rootPolicies: [.permissive, .permissive], initSids: [1, 1])
        let strategy = StrategyDescriptor.namespaceTable.instantiate(setup: setup, arena: Arena()) as! NamespaceTableStrategy
        var cred = 0
        for _ in 0..<4 {
            let created = strategy.apply(.create(creator: cred, lsms: [0], policies: [.permissive], sids: [2], failAt: nil))
            guard case .credential(let id, _) = created else { Issue.record("create failed: \(created)"); return }
            cred = id
        }
        let object = strategy.credentialObject(cred)!
        let entry = strategy.checkEntry
        let deny = PolicyRules(rules: [RuleKey(sid: 1, target: testLabel, objectClass: .file): .allBut(fileOpen)])
        let stop = Atomic<Bool>(false)
        let strange = Atomic<Int>(0)
        let checks = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
        let readers = (0..<2).map { _ in strategy.reclaimer.register() }
        let address = UInt(bitPattern: object)
        let fileAddress = UInt(bitPattern: strategy.object(ObjectRef(.file, label: testLabel)))
        let threads = readers.map { slot in
            Thread {
                let object = UnsafeRawPointer(bitPattern: address)!
                let file = UnsafeRawPointer(bitPattern: fileAddress)!
                var local = 0
                while !stop.load(ordering: .relaxed) {
                    for _ in 0..<100 {
                        let d = entry(object, hook: Int32(fileOpen), object: file)
                        if d != 0 && d != -13 { strange.add(1, ordering: .relaxed) }
                        local += 1
                    }
                    slot.quiescent()
                }
                checks.add(local, ordering: .relaxed)
                finished.add(1, ordering: .releasing)
            }
        }
        threads.forEach { $0.start() }
        // The writer: reload the root back and forth; each publishes new tables.
        for round in 0..<400 {
            _ = strategy.apply(.reload(namespace: 1, policy: round % 2 == 0 ? deny : .permissive))
        }
        stop.store(true, ordering: .relaxed)
        while finished.load(ordering: .acquiring) < threads.count { usleep(1000) }
        #expect(checks.load(ordering: .relaxed) > 0)
        readers.forEach { $0.unregister() }
        strategy.reclaimer.reclaim()
        #expect(strange.load(ordering: .relaxed) == 0)
        #expect(strategy.reclaimer.pendingCount == 0, "once readers are gone, every retired table is freed")
        #expect(strategy.check(cred, hook: fileOpen, object: ObjectRef(.file, label: testLabel)) == 0, "the last reload allowed")
    }
}
