// Parent-pointer chasing, as in the SELinux-namespace series: the check for
// a namespaced LSM loads the credential's blob, asks its namespace's AVC
// (`avc_has_perm(state, sid, tsid, tclass, requested)`; a miss computes the
// vector from that namespace's rule store and inserts it), then follows
// `parent_cred` to the credential that created the namespace and repeats,
// until the root. Each level's loads depend on the previous level's:
// credential -> blob -> part -> namespace -> AVC slot -> node chain.
// Shared by the hlist and static-slots strategies, which differ only in how
// the framework reaches this function.

import LSMModel

enum ParentWalk: LevelResolver {
    @inline(__always)
    static func walk(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        var current = cred
        while true {
            let part = RawCredential.part(of: current, at: partOffset)
            if !ownLevelAllows(part, request: request) { return false }
            guard let parent = RawPart.parentCredential(part) else { return true }
            current = parent
        }
    }

    @inline(__always)
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        swiftParentWalk(cred, partOffset, request)
    }

    static let callbacks = ResolverCallbacks(namespaced: swiftParentWalk, global: swiftOwnLevel)
}

/// The walk as a C-callable function: hlist nodes point to it, static slots
/// call it directly, exactly as the C twin's hb_parent_walk_namespaced.
@c(hb_swift_parent_walk) @section(".text.hot.hookbench") @inline(never)
func swiftParentWalk(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
    ParentWalk.walk(cred, partOffset, request)
}
