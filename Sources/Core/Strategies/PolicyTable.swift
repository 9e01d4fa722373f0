// A namespace's rule store, as SELinux's avtab: an open-addressing hash
// keyed (subject SID, object SID, class) holding access vectors, and a
// default vector for the keys it does not hold. A decision cache's miss
// looks here (security_compute_av); label-vector, which has no cache,
// looks here on every check.
//
// Layout (one arena block; offsets in CStrategies.h, named in
// ObjectLayout.swift as `Layout.Policy`):
//   +0   mask: UInt32         capacity - 1, capacity a power of two
//   +4   count: UInt32
//   +8   default: UInt32      the vector for keys the table does not hold
//   +64  entries, 16 bytes each: SIDs UInt64 (tsid << 32 | ssid),
//        class | 1 << 16 UInt32 (0 = empty), vector UInt32

import LSMModel

enum PolicyTable {
    private typealias L = Layout.Policy

    @inline(__always) static func slot(sids: UInt64, tag: UInt32, mask: UInt32) -> Int {
        Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: ((sids ^ UInt64(tag)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask)
    }

    /// `security_compute_av`'s lookup: the vector for (ssid, the request's
    /// label and class).
    @inline(__always) static func vector(_ table: UnsafeRawPointer, ssid: UInt32, request: UInt64) -> UInt32 {
        assert(isAligned(table, to: Layout.blockAlignment), "not a rule store: misaligned")
        let sids = Request.sids(ssid: ssid, request)
        let tag = Request.objectClass(request) | L.entryUsed
        let mask = table.load(fromByteOffset: L.maskOffset, as: UInt32.self)
        var index = slot(sids: sids, tag: tag, mask: mask)
        let entries = table + L.headerBytes
        while true {
            let entry = entries + index &* L.entryBytes
            let stored = entry.load(fromByteOffset: L.entryClassOffset, as: UInt32.self)
            if stored == tag && entry.load(fromByteOffset: L.entrySidsOffset, as: UInt64.self) == sids {
                return entry.load(fromByteOffset: L.entryVectorOffset, as: UInt32.self)
            }
            if stored == 0 { return table.load(fromByteOffset: L.defaultOffset, as: UInt32.self) }
            index = (index &+ 1) & Int(truncatingIfNeeded: mask)
        }
    }

    /// The same lookup as `vector`, recording its loads: the table's
    /// address is known at depth `tableAt`, the SID at `sidAt`. Returns the
    /// vector and the depth at which it is known.
    static func footprint(_ table: UnsafeRawPointer, tableAt: Int, ssid: UInt32, sidAt: Int, request: UInt64,
                          into footprint: inout Footprint) -> (vector: UInt32, known: Int) {
        let sids = Request.sids(ssid: ssid, request)
        let tag = Request.objectClass(request) | L.entryUsed
        let maskAt = footprint.load(table + L.maskOffset, bytes: 4, after: tableAt)
        let mask = table.load(fromByteOffset: L.maskOffset, as: UInt32.self)
        var index = slot(sids: sids, tag: tag, mask: mask)
        while true {
            // Every probed entry's address comes from the mask and the key;
            // which entry ends the probe is a predicted branch.
            let entry = table + L.headerBytes + index * L.entryBytes
            let entryAt = footprint.load(entry, bytes: L.entryBytes, after: max(maskAt, sidAt))
            let stored = entry.load(fromByteOffset: L.entryClassOffset, as: UInt32.self)
            if stored == tag && entry.load(fromByteOffset: L.entrySidsOffset, as: UInt64.self) == sids {
                return (vector(table, ssid: ssid, request: request), entryAt)
            }
            if stored == 0 {
                let defaultAt = footprint.load(table + L.defaultOffset, bytes: 4, after: tableAt)
                return (vector(table, ssid: ssid, request: request), max(entryAt, defaultAt))
            }
            index = (index + 1) & Int(mask)
        }
    }

    static func byteCount(capacity: Int) -> Int { L.headerBytes + capacity * L.entryBytes }

    static func byteCount(of table: UnsafeRawPointer) -> Int {
        byteCount(capacity: Int(table.load(fromByteOffset: L.maskOffset, as: UInt32.self)) + 1)
    }

    /// A namespace's own rule store.
    static func build(in arena: Arena, policy: PolicyRules) -> UnsafeMutableRawPointer {
        var capacity = 8
        while capacity < policy.rules.count * 2 { capacity *= 2 }
        let table = arena.allocate(byteCount(capacity: capacity))
        let mask = UInt32(capacity - 1)
        table.storeBytes(of: mask, toByteOffset: L.maskOffset, as: UInt32.self)
        table.storeBytes(of: UInt32(policy.rules.count), toByteOffset: L.countOffset, as: UInt32.self)
        table.storeBytes(of: policy.defaultVector, toByteOffset: L.defaultOffset, as: UInt32.self)
        func entry(_ index: Int) -> UnsafeMutableRawPointer {
            assert(index >= 0 && index < capacity, "entry index beyond the table's capacity")
            return table + L.headerBytes + index * L.entryBytes
        }
        for (rule, vector) in policy.rules.sorted(by: { $0.key < $1.key }) {
            let sids = UInt64(rule.target) << 32 | UInt64(rule.sid)
            let tag = UInt32(rule.objectClass.rawValue) | L.entryUsed
            var index = slot(sids: sids, tag: tag, mask: mask)
            while entry(index).load(fromByteOffset: L.entryClassOffset, as: UInt32.self) != 0 {
                index = (index + 1) & Int(mask)
            }
            entry(index).storeBytes(of: sids, toByteOffset: L.entrySidsOffset, as: UInt64.self)
            entry(index).storeBytes(of: tag, toByteOffset: L.entryClassOffset, as: UInt32.self)
            entry(index).storeBytes(of: vector, toByteOffset: L.entryVectorOffset, as: UInt32.self)
        }
        return table
    }
}
