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
            ("parent", Layout.Part.parentOffset, 8),
        ])
        expectLayout("namespace", bytes: Layout.Namespace.bytes, [
            ("id", Layout.Namespace.idOffset, 8), ("parent", Layout.Namespace.parentOffset, 8),
            ("policy", Layout.Namespace.policyOffset, 8), ("depth", Layout.Namespace.depthOffset, 4),
            ("lsm", Layout.Namespace.lsmOffset, 4), ("ancestry", Layout.Namespace.ancestryOffset, 8),
        ])
        expectLayout("ancestry entry", bytes: Layout.AncestryEntry.bytes, [
            ("namespace", Layout.AncestryEntry.namespaceOffset, 8), ("sid", Layout.AncestryEntry.sidOffset, 4),
        ])
        #expect(Layout.Part.bytes % Layout.fieldAlignment == 0, "parts after the first stay aligned")
    }

    @Test func policyTableHeaderHoldsAMissWordPerClass() {
        expectLayout("policy header", bytes: Layout.Policy.headerBytes, [
            ("mask", Layout.Policy.maskOffset, 4), ("count", Layout.Policy.countOffset, 4),
            ("miss", Layout.Policy.missOffset, Layout.Policy.missWordBytes * ObjectClass.count),
        ])
        #expect(HookCatalogue.count <= Layout.Policy.missWordBytes * 8, "a miss word holds a bit per hook")
        expectLayout("policy entry", bytes: Layout.Policy.entryBytes, [
            ("key", Layout.Policy.entryKeyOffset, 8), ("allow", Layout.Policy.entryAllowOffset, 8),
        ])
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
        expectLayout("table header", bytes: table.tableHeaderBytes, [("count", table.tableCountOffset, 4)])
        #expect(table.blobPrefixBytes % Layout.fieldAlignment == 0, "the parts after the prefix stay aligned")
        #expect(table.decisionOffset(context: 1, hook: 0, objectClass: 0)
                == table.tableHeaderBytes + HookCatalogue.count * ObjectClass.count * table.decisionBytes)
        #expect(table.tableBytes(contexts: 1) == table.decisionOffset(context: 1, hook: 0, objectClass: 0))
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
