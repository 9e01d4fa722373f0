// A namespace's policy as the checks see it: an open-addressing hash table
// in the spirit of SELinux's access-vector cache, so that each namespace
// level a check visits costs a real probe (hash, load, compare), not a bit
// test.
//
// Layout (one arena block; offsets in CStrategies.h, named in
// ObjectLayout.swift as `Layout.Policy`):
//   +0   mask: UInt32         capacity - 1, capacity a power of two
//   +4   count: UInt32
//   +16  miss: [UInt32] x 8   per object class, a bit per hook: the verdict
//                             for keys the table does not hold
//   +64  entries, 16 bytes each: key UInt64 (0 = empty), allow UInt64

import LSMModel

enum PolicyTable {
    private typealias L = Layout.Policy
    private static let occupied: UInt64 = 1 << 63

    /// The probe key for a (SID, class, hook) triple. `classHook` is the
    /// part that does not change while a check walks up the levels.
    @inline(__always) static func classHook(objectClass: Int, hook: Int) -> UInt64 {
        occupied | UInt64(truncatingIfNeeded: objectClass) << 8 | UInt64(truncatingIfNeeded: hook)
    }

    @inline(__always) static func key(sid: UInt32, classHook: UInt64) -> UInt64 {
        classHook | UInt64(sid) << 16
    }

    @inline(__always) static func slot(_ key: UInt64, mask: UInt32) -> Int {
        Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask)
    }

    @inline(__always) static func allows(_ table: UnsafeRawPointer, sid: UInt32, classHook: UInt64) -> Bool {
        assert(isAligned(table, to: Layout.blockAlignment), "not a policy table: misaligned")
        let key = key(sid: sid, classHook: classHook)
        let mask = table.load(fromByteOffset: L.maskOffset, as: UInt32.self)
        var index = slot(key, mask: mask)
        let entries = table + L.headerBytes
        while true {
            let entry = entries + index &* L.entryBytes
            let stored = entry.load(fromByteOffset: L.entryKeyOffset, as: UInt64.self)
            if stored == key { return entry.load(fromByteOffset: L.entryAllowOffset, as: UInt64.self) != 0 }
            if stored == 0 {
                let cls = Int(truncatingIfNeeded: (classHook >> 8) & 0xFF)
                let hook = UInt32(truncatingIfNeeded: classHook & 0xFF)
                assert(cls < ObjectClass.count, "class outside the catalogue")
                // A masking shift, as C's: hooks are below 32, and Swift's
                // checked `<<` would add a compare and a select per probe.
                return (table.load(fromByteOffset: L.missWordOffset(objectClass: cls), as: UInt32.self) &>> hook) & 1 != 0
            }
            index = (index &+ 1) & Int(truncatingIfNeeded: mask)
        }
    }

    /// The same probe as `allows`, recording its loads: the table's
    /// address is known at depth `tableAt`, the SID at `sidAt`. Returns the
    /// answer and the depth at which it is known.
    static func footprint(_ table: UnsafeRawPointer, tableAt: Int, sid: UInt32, sidAt: Int, classHook: UInt64,
                          into footprint: inout Footprint) -> (allowed: Bool, known: Int) {
        let key = key(sid: sid, classHook: classHook)
        let maskAt = footprint.load(table + L.maskOffset, bytes: 4, after: tableAt)
        let mask = table.load(fromByteOffset: L.maskOffset, as: UInt32.self)
        var index = slot(key, mask: mask)
        while true {
            // Every probed entry's address comes from the mask and the key;
            // which entry ends the probe is a predicted branch.
            let entry = table + L.headerBytes + index * L.entryBytes
            let entryAt = footprint.load(entry, bytes: L.entryBytes, after: max(maskAt, sidAt))
            let stored = entry.load(fromByteOffset: L.entryKeyOffset, as: UInt64.self)
            if stored == key { return (allows(table, sid: sid, classHook: classHook), entryAt) }
            if stored == 0 {
                let cls = Int(truncatingIfNeeded: (classHook >> 8) & 0xFF)
                let wordAt = footprint.load(table + L.missWordOffset(objectClass: cls), bytes: L.missWordBytes, after: tableAt)
                return (allows(table, sid: sid, classHook: classHook), max(entryAt, wordAt))
            }
            index = (index + 1) & Int(mask)
        }
    }

    static func byteCount(capacity: Int) -> Int { L.headerBytes + capacity * L.entryBytes }

    static func byteCount(of table: UnsafeRawPointer) -> Int {
        byteCount(capacity: Int(table.load(fromByteOffset: L.maskOffset, as: UInt32.self)) + 1)
    }

    /// Builds a table holding `entries`, answering `missAllows` for the rest.
    static func build(in arena: Arena, entries: [(RuleKey, Bool)],
                      missAllows: (ObjectClass, HookID) -> Bool) -> UnsafeMutableRawPointer {
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        assert(L.missWordOffset(objectClass: ObjectClass.count) <= L.headerBytes, "the miss words must fit in the header")
        assert(HookCatalogue.count <= UInt32.bitWidth, "a miss word holds one bit per hook")
        let table = arena.allocate(byteCount(capacity: capacity))
        let mask = UInt32(capacity - 1)
        table.storeBytes(of: mask, toByteOffset: L.maskOffset, as: UInt32.self)
        table.storeBytes(of: UInt32(entries.count), toByteOffset: L.countOffset, as: UInt32.self)
        for cls in ObjectClass.allCases {
            var bits: UInt32 = 0
            for hook in 0..<HookCatalogue.count where missAllows(cls, hook) { bits |= 1 << UInt32(hook) }
            table.storeBytes(of: bits, toByteOffset: L.missWordOffset(objectClass: cls.rawValue), as: UInt32.self)
        }
        func entry(_ index: Int) -> UnsafeMutableRawPointer {
            assert(index >= 0 && index < capacity, "entry index beyond the table's capacity")
            return table + L.headerBytes + index * L.entryBytes
        }
        for (rule, allow) in entries {
            let key = key(sid: rule.sid, classHook: classHook(objectClass: rule.objectClass.rawValue, hook: rule.hook))
            var index = slot(key, mask: mask)
            while entry(index).load(fromByteOffset: L.entryKeyOffset, as: UInt64.self) != 0 {
                index = (index + 1) & Int(mask)
            }
            entry(index).storeBytes(of: key, toByteOffset: L.entryKeyOffset, as: UInt64.self)
            entry(index).storeBytes(of: allow ? 1 : 0, toByteOffset: L.entryAllowOffset, as: UInt64.self)
        }
        return table
    }

    /// A namespace's own policy, unflattened.
    static func build(in arena: Arena, policy: PolicyRules) -> UnsafeMutableRawPointer {
        build(in: arena, entries: policy.rules.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
              missAllows: { _, _ in policy.defaultAllow })
    }
}
