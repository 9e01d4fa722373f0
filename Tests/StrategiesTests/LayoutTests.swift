// The object layout (CStrategies.h, read by ObjectLayout.swift) must be a
// layout: every field inside its object, naturally aligned, and no two
// fields sharing a byte.

import LSMModel
@testable import Strategies
import Testing

private typealias Field = (name: String, offset: Int, bytes: Int)

private func expectLayout(_ object: String, bytes: Int, _ fields: [Field]) {
    for field in fields {
        #expect(field.offset >= 0 && field.offset + field.bytes <= bytes,
                "\(object).\(field.name) at +\(field.offset) does not fit in \(bytes) bytes")
        #expect(field.offset % min(field.bytes, Layout.fieldAlignment) == 0, "\(object).\(field.name) at +\(field.offset) is misaligned")
    }
    let sorted = fields.sorted { $0.offset < $1.offset }
    for (field, next) in zip(sorted, sorted.dropFirst()) {
        #expect(field.offset + field.bytes <= next.offset, "\(object).\(field.name) overlaps \(object).\(next.name)")
    }
}

struct LayoutTests {
    @Test func kernelStyleObjectsHoldTheirFields() {
        expectLayout("credential", bytes: Layout.Credential.bytes, [("security", Layout.Credential.securityOffset, 8)])
        expectLayout("part", bytes: Layout.Part.bytes, [
            ("namespace", Layout.Part.namespaceOffset, 8), ("sid", Layout.Part.sidOffset, 4),
            ("parent", Layout.Part.parentOffset, 8), ("label", Layout.Part.labelOffset, 8),
        ])
        expectLayout("namespace", bytes: Layout.Namespace.bytes, [
            ("id", Layout.Namespace.idOffset, 8), ("parent", Layout.Namespace.parentOffset, 8),
            ("policy", Layout.Namespace.policyOffset, 8), ("depth", Layout.Namespace.depthOffset, 4),
            ("lsm", Layout.Namespace.lsmOffset, 4), ("ancestry", Layout.Namespace.ancestryOffset, 8),
            ("cache", Layout.Namespace.cacheOffset, 8), ("parent sid", Layout.Namespace.parentSidOffset, 4),
            ("seq", Layout.Namespace.seqOffset, 4),
        ])
        expectLayout("ancestry entry", bytes: Layout.AncestryEntry.bytes, [
            ("namespace", Layout.AncestryEntry.namespaceOffset, 8), ("sid", Layout.AncestryEntry.sidOffset, 4),
        ])
        #expect(Layout.Part.bytes % Layout.fieldAlignment == 0, "parts after the first stay aligned")
    }

    @Test func ruleStoreHoldsItsFields() {
        expectLayout("rule store header", bytes: Layout.Policy.headerBytes, [
            ("mask", Layout.Policy.maskOffset, 4), ("count", Layout.Policy.countOffset, 4),
            ("default", Layout.Policy.defaultOffset, 4),
        ])
        #expect(HookCatalogue.count <= AccessVector.bitWidth, "an access vector holds a bit per hook")
        expectLayout("rule store entry", bytes: Layout.Policy.entryBytes, [
            ("sids", Layout.Policy.entrySidsOffset, 8), ("class", Layout.Policy.entryClassOffset, 4),
            ("vector", Layout.Policy.entryVectorOffset, 4),
        ])
    }

    @Test func decisionCachesHoldTheirFields() {
        let c = Layout.Cache.self
        expectLayout("cache header", bytes: c.headerBytes, [
            ("mask", c.maskOffset, 4), ("threshold", c.thresholdOffset, 4), ("reclaim", c.reclaimOffset, 4),
            ("active", c.activeOffset, 4), ("lookups", c.lookupsOffset, 8), ("misses", c.missesOffset, 8),
            ("reclaimed", c.reclaimedOffset, 8), ("hint", c.hintOffset, 4), ("pool", c.poolOffset, 8),
            ("lock", c.lockOffset, 4), ("retired", c.retiredOffset, 4),
        ])
        expectLayout("cache node", bytes: c.nodeBytes, [
            ("next", c.nodeNextOffset, 8), ("sids", c.nodeSidsOffset, 8), ("class", c.nodeClassOffset, 4),
            ("vector", c.nodeVectorOffset, 4), ("seq", c.nodeSeqOffset, 4), ("namespace", c.nodeNamespaceOffset, 8),
        ])
        // ns-table's decisions overlay the namespace key, which its nodes do not use.
        expectLayout("ns-table node", bytes: c.nodeBytes, [
            ("next", c.nodeNextOffset, 8), ("sids", c.nodeSidsOffset, 8), ("class", c.nodeClassOffset, 4),
            ("decisions", c.nodeDecisionsOffset, HookCatalogue.count),
        ])
        #expect(c.slotOffset(0) == c.headerBytes && c.bytes(slots: 512) == c.headerBytes + 512 * c.slotBytes)
        expectLayout("object", bytes: Layout.Object.bytes, [
            ("label", Layout.Object.sidOffset, 4), ("class", Layout.Object.classOffset, 4),
        ])
        expectLayout("label vector header", bytes: Layout.Label.headerBytes, [("count", Layout.Label.countOffset, 4)])
    }

    @Test func frameworkTablesHoldTheirFields() {
        expectLayout("hlist head", bytes: Layout.HookList.headBytes, [
            ("first", Layout.HookList.headFirstOffset, 8), ("kind", Layout.HookList.headKindOffset, 4),
        ])
        expectLayout("hlist node", bytes: Layout.HookList.nodeBytes, [
            ("next", Layout.HookList.nodeNextOffset, 8), ("callback", Layout.HookList.nodeCallbackOffset, 8),
            ("part offset", Layout.HookList.nodePartOffsetOffset, 8), ("errno", Layout.HookList.nodeErrnoOffset, 4),
        ])
        let slots = Layout.StaticSlots.self
        expectLayout("slot block", bytes: slots.hookBytes, [
            ("active", slots.hookActiveOffset, 4), ("kind", slots.hookKindOffset, 4),
            ("slots", slots.headerBytes, (Limits.maxLSMs + 1) * slots.slotBytes),
        ])
        expectLayout("slot", bytes: slots.slotBytes, [
            ("active", slots.activeOffset, 4), ("resolver", slots.resolverOffset, 4),
            ("trampoline", slots.trampolineOffset, 8), ("part offset", slots.partOffsetOffset, 8),
            ("errno", slots.errnoOffset, 4),
        ])
    }

    @Test func namespaceTableObjectsHoldTheirFields() {
        let table = Layout.SetTable.self
        expectLayout("blob prefix", bytes: table.blobPrefixBytes, [
            ("set", table.blobSetOffset, 8), ("context", table.blobContextOffset, 4),
        ])
        expectLayout("set", bytes: table.setBytes, [("table", table.setTableOffset, 8)])
        expectLayout("stack description", bytes: table.stackHeaderBytes, [
            ("count", table.stackCountOffset, 4), ("void hooks", table.stackVoidOffset, 4),
        ])
        expectLayout("stack entry", bytes: table.stackEntryBytes, [
            ("hooks", table.stackHooksOffset, 4), ("errno", table.stackErrnoOffset, 4),
        ])
        #expect(table.blobPrefixBytes % Layout.fieldAlignment == 0, "the parts after the prefix stay aligned")
    }

    @Test func partOffsetsCoverEveryStackAndPrefix() {
        for prefix in [0, Layout.Blob.maxPrefixBytes] {
            for lsm in 0..<Limits.maxLSMs {
                let offset = Layout.Blob.partOffset(lsm: lsm, prefixBytes: prefix)
                #expect(Layout.Blob.isPartOffset(offset), "LSM \(lsm) after a \(prefix)-byte prefix")
                #expect(offset + Layout.Part.bytes <= Layout.Blob.bytes(lsms: Limits.maxLSMs, prefixBytes: prefix))
            }
        }
        #expect(!Layout.Blob.isPartOffset(Layout.Blob.partOffset(lsm: Limits.maxLSMs, prefixBytes: Layout.Blob.maxPrefixBytes)))
        #expect(!Layout.Blob.isPartOffset(-Layout.Part.bytes))
        #expect(!Layout.Blob.isPartOffset(4))
    }
}
