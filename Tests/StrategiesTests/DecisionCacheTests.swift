// The decision cache is SELinux's AVC: bounded by its threshold, reclaiming
// whole chains from the slot after its hint, flushed by a reload, counting
// lookups and misses; and every design's cache counts what its C twin's
// does, on the same calls.

import LSMModel
@testable import Strategies
import Testing

private let fileOpen = HookCatalogue.id(named: "file_open")!

/// A global LSM only: one namespace, one AVC, checked on `labels` labels.
private func oneCacheWorld(_ descriptor: StrategyDescriptor, geometry: CacheGeometry) throws -> any DispatchStrategy {
    let setup = try WorldSetup(stack: .uniform(count: 1, namespaced: 0), rootPolicies: [.permissive], initSids: [1],
                               caches: geometry)
    return descriptor.instantiate(setup: setup, arena: Arena())
}

struct DecisionCacheTests {
    @Test func liveEntriesNeverPassTheThresholdAndReclaimFreesWholeChains() throws {
        let geometry = try CacheGeometry(slots: 4, threshold: 3, reclaim: 2)
        let strategy = try oneCacheWorld(.staticSlots, geometry: geometry) as! FrameworkDispatchedStrategy<SlotTable>
        let cache = try #require(strategy.store.namespaces[1]?.object.cache)
        for label in 0..<40 {
            #expect(strategy.check(0, hook: fileOpen, object: ObjectRef(.file, label: testLabel + SID(label))) == 0)
            #expect(DecisionCache.liveEntries(cache) <= geometry.threshold, "after label \(label)")
            #expect(DecisionCache.liveEntries(cache) == DecisionCache.nodes(cache).count)
        }
        let counters = DecisionCache.counters(cache)
        #expect(counters.lookups == 40 && counters.misses == 40, "every label was new")
        // 40 inserts into 3 places: the 4th insert and every second one after
        // it pass the threshold and free 2 (avc_reclaim_node's quota), 19
        // reclaims in all.
        #expect(counters.reclaimed == 38, "reclaimed \(counters.reclaimed)")
        // The same label again is a hit while it is still cached.
        let last = ObjectRef(.file, label: testLabel + 39)
        _ = strategy.check(0, hook: fileOpen, object: last)
        #expect(DecisionCache.counters(cache).misses == 40)
        strategy.tearDown()
    }

    @Test func aReloadEmptiesTheNamespacesCache() throws {
        let strategy = try oneCacheWorld(.hlist, geometry: .selinux) as! FrameworkDispatchedStrategy<HookListTable>
        let cache = try #require(strategy.store.namespaces[1]?.object.cache)
        for label in 0..<10 { _ = strategy.check(0, hook: fileOpen, object: ObjectRef(.file, label: testLabel + SID(label))) }
        #expect(DecisionCache.liveEntries(cache) == 10)
        #expect(strategy.apply(.reload(namespace: 1, policy: .permissive)) == .done)
        #expect(DecisionCache.liveEntries(cache) == 0)
        strategy.tearDown()
    }

    @Test func oneLabelHitsAndMoreLabelsThanTheThresholdMiss() throws {
        let geometry = try CacheGeometry(slots: 16, threshold: 8, reclaim: 2)
        for descriptor in StrategyRegistry.all where !descriptor.info.name.hasPrefix("label-vector") {
            let strategy = try oneCacheWorld(descriptor, geometry: geometry)
            let one = ObjectRef(.file, label: testLabel)
            for _ in 0..<100 { _ = strategy.check(0, hook: fileOpen, object: one) }
            let hot = strategy.cacheCounters().total
            #expect((hot.hitRate ?? 0) >= 0.99, "\(descriptor.info.name): \(hot)")
            for round in 0..<400 {
                _ = strategy.check(0, hook: fileOpen, object: ObjectRef(.file, label: testLabel + 1 + SID(round % 32)))
            }
            let cycled = strategy.cacheCounters().total - hot
            #expect((cycled.hitRate ?? 1) < 0.5, "\(descriptor.info.name): 32 labels cycled through 8 entries: \(cycled)")
            strategy.tearDown()
        }
        let labels = try oneCacheWorld(.labelVector, geometry: geometry)
        _ = labels.check(0, hook: fileOpen, object: ObjectRef(.file, label: testLabel))
        #expect(labels.cacheCounters().total.lookups == 0, "label-vector keeps no cache")
    }

    @Test(arguments: StrategyRegistry.all.filter { $0.info.twinOf != nil }.map(\.info.name))
    func aTwinCountsWhatItsDesignCounts(twin name: String) throws {
        let twin = try #require(StrategyRegistry.named(name))
        let design = try #require(StrategyRegistry.named(twin.info.twinOf!))
        let world = RandomWorld(seed: 17)
        var counts: [CacheCounters] = []
        for descriptor in [design, twin] {
            let strategy = descriptor.instantiate(setup: world.setup, arena: Arena())
            for op in world.operations { _ = strategy.apply(op) }
            counts.append(strategy.cacheCounters().total)
        }
        #expect(counts[0] == counts[1], "\(design.info.name) \(counts[0]) against \(name) \(counts[1])")
        #expect(counts[0].lookups > 0 || design.info.name == "label-vector")
    }
}
