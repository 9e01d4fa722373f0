// The raw objects every strategy's checks walk, modelled on the kernel's:
//
//   credential (192 bytes, like struct cred)   +136: security blob pointer
//   security blob (cred->security)             one part per LSM at a fixed
//                                              offset (lsm_blob_sizes.lbs_cred)
//   part of a namespaced LSM                   +0 namespace, +8 SID,
//                                              +16 parent credential (the
//                                              SELinux-namespace parent_cred)
//   namespace object (64 bytes,                +0 id, +8 parent, +16 policy
//   like struct selinux_state)                 table, +24 depth, +28 LSM,
//                                              +32 ancestry array (ancestry)
//
// This file is the only place that knows those offsets.

import LSMModel

@usableFromInline
enum Layout {
    static let credentialBytes = 192
    static let securityOffset = 136
    static let namespaceBytes = 64
    /// Bytes of one LSM's part of the blob: namespace, SID, parent credential.
    static let partBytes = 24
    /// One ancestry entry: the ancestor namespace and the SID checked there.
    static let ancestryEntryBytes = 16
}

/// A credential: a struct-cred-sized object pointing at its security blob.
struct RawCredential {
    let base: UnsafeMutableRawPointer

    @inline(__always) static func blob(of cred: UnsafeRawPointer) -> UnsafeRawPointer {
        cred.load(fromByteOffset: Layout.securityOffset, as: UnsafeRawPointer.self)
    }

    var blob: UnsafeMutableRawPointer {
        get { base.load(fromByteOffset: Layout.securityOffset, as: UnsafeMutableRawPointer.self) }
        nonmutating set { base.storeBytes(of: newValue, toByteOffset: Layout.securityOffset, as: UnsafeMutableRawPointer.self) }
    }
}

/// One LSM's part of a security blob.
struct RawPart {
    let base: UnsafeMutableRawPointer

    @inline(__always) static func namespace(_ part: UnsafeRawPointer) -> UnsafeRawPointer {
        part.load(as: UnsafeRawPointer.self)
    }
    @inline(__always) static func sid(_ part: UnsafeRawPointer) -> UInt32 {
        part.load(fromByteOffset: 8, as: UInt32.self)
    }
    @inline(__always) static func parentCredential(_ part: UnsafeRawPointer) -> UnsafeRawPointer? {
        part.load(fromByteOffset: 16, as: UnsafeRawPointer?.self)
    }

    func set(namespace: UnsafeRawPointer, sid: UInt32, parentCredential: UnsafeRawPointer?) {
        base.storeBytes(of: namespace, as: UnsafeRawPointer.self)
        base.storeBytes(of: sid, toByteOffset: 8, as: UInt32.self)
        base.storeBytes(of: parentCredential, toByteOffset: 16, as: UnsafeRawPointer?.self)
    }
}

/// A namespace object.
struct RawNamespace {
    let base: UnsafeMutableRawPointer

    @inline(__always) static func policy(_ ns: UnsafeRawPointer) -> UnsafeRawPointer {
        ns.load(fromByteOffset: 16, as: UnsafeRawPointer.self)
    }
    @inline(__always) static func depth(_ ns: UnsafeRawPointer) -> Int {
        Int(truncatingIfNeeded: ns.load(fromByteOffset: 24, as: UInt32.self))
    }
    @inline(__always) static func ancestry(_ ns: UnsafeRawPointer) -> UnsafeRawPointer {
        ns.load(fromByteOffset: 32, as: UnsafeRawPointer.self)
    }

    func initialize(id: NamespaceID, parent: UnsafeRawPointer?, depth: Int, lsm: Int) {
        base.storeBytes(of: id, as: UInt64.self)
        base.storeBytes(of: parent, toByteOffset: 8, as: UnsafeRawPointer?.self)
        base.storeBytes(of: UInt32(depth), toByteOffset: 24, as: UInt32.self)
        base.storeBytes(of: UInt32(lsm), toByteOffset: 28, as: UInt32.self)
    }

    var policy: UnsafeMutableRawPointer? {
        get { base.load(fromByteOffset: 16, as: UnsafeMutableRawPointer?.self) }
        nonmutating set { base.storeBytes(of: newValue, toByteOffset: 16, as: UnsafeMutableRawPointer?.self) }
    }
    var ancestry: UnsafeMutableRawPointer? {
        get { base.load(fromByteOffset: 32, as: UnsafeMutableRawPointer?.self) }
        nonmutating set { base.storeBytes(of: newValue, toByteOffset: 32, as: UnsafeMutableRawPointer?.self) }
    }
}

/// The check every strategy makes for a global LSM, and for a namespaced LSM
/// at its own level: one part, one namespace, one probe.
@inline(__always)
func ownLevelAllows(_ part: UnsafeRawPointer, classHook: UInt64) -> Bool {
    PolicyTable.allows(RawNamespace.policy(RawPart.namespace(part)), sid: RawPart.sid(part), classHook: classHook)
}
