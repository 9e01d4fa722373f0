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
// The offsets are defined once, in CStrategies.h, which the C twins walk
// too; this file is the only Swift that reads them.

import CStrategies
import LSMModel

enum Layout {
    static let credentialBytes = Int(HB_CREDENTIAL_BYTES)
    static let securityOffset = Int(HB_CRED_SECURITY_OFFSET)
    static let namespaceBytes = Int(HB_NAMESPACE_BYTES)
    /// Bytes of one LSM's part of the blob: namespace, SID, parent credential.
    static let partBytes = Int(HB_PART_BYTES)
    static let partSidOffset = Int(HB_PART_SID_OFFSET)
    static let partParentOffset = Int(HB_PART_PARENT_CRED_OFFSET)
    static let namespacePolicyOffset = Int(HB_NS_POLICY_OFFSET)
    static let namespaceDepthOffset = Int(HB_NS_DEPTH_OFFSET)
    static let namespaceAncestryOffset = Int(HB_NS_ANCESTRY_OFFSET)
    /// One ancestry entry: the ancestor namespace and the SID checked there.
    static let ancestryEntryBytes = Int(HB_ANCESTRY_ENTRY_BYTES)
    static let ancestrySidOffset = Int(HB_ANCESTRY_SID_OFFSET)
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
        part.load(fromByteOffset: Layout.partSidOffset, as: UInt32.self)
    }
    @inline(__always) static func parentCredential(_ part: UnsafeRawPointer) -> UnsafeRawPointer? {
        part.load(fromByteOffset: Layout.partParentOffset, as: UnsafeRawPointer?.self)
    }

    func set(namespace: UnsafeRawPointer, sid: UInt32, parentCredential: UnsafeRawPointer?) {
        base.storeBytes(of: namespace, as: UnsafeRawPointer.self)
        base.storeBytes(of: sid, toByteOffset: Layout.partSidOffset, as: UInt32.self)
        base.storeBytes(of: parentCredential, toByteOffset: Layout.partParentOffset, as: UnsafeRawPointer?.self)
    }
}

/// A namespace object.
struct RawNamespace {
    let base: UnsafeMutableRawPointer

    @inline(__always) static func policy(_ ns: UnsafeRawPointer) -> UnsafeRawPointer {
        ns.load(fromByteOffset: Layout.namespacePolicyOffset, as: UnsafeRawPointer.self)
    }
    @inline(__always) static func depth(_ ns: UnsafeRawPointer) -> Int {
        Int(truncatingIfNeeded: ns.load(fromByteOffset: Layout.namespaceDepthOffset, as: UInt32.self))
    }
    @inline(__always) static func ancestry(_ ns: UnsafeRawPointer) -> UnsafeRawPointer {
        ns.load(fromByteOffset: Layout.namespaceAncestryOffset, as: UnsafeRawPointer.self)
    }

    func initialize(id: NamespaceID, parent: UnsafeRawPointer?, depth: Int, lsm: Int) {
        base.storeBytes(of: id, as: UInt64.self)
        base.storeBytes(of: parent, toByteOffset: 8, as: UnsafeRawPointer?.self)
        base.storeBytes(of: UInt32(depth), toByteOffset: Layout.namespaceDepthOffset, as: UInt32.self)
        base.storeBytes(of: UInt32(lsm), toByteOffset: 28, as: UInt32.self)
    }

    var policy: UnsafeMutableRawPointer? {
        get { base.load(fromByteOffset: Layout.namespacePolicyOffset, as: UnsafeMutableRawPointer?.self) }
        nonmutating set { base.storeBytes(of: newValue, toByteOffset: Layout.namespacePolicyOffset, as: UnsafeMutableRawPointer?.self) }
    }
    var ancestry: UnsafeMutableRawPointer? {
        get { base.load(fromByteOffset: Layout.namespaceAncestryOffset, as: UnsafeMutableRawPointer?.self) }
        nonmutating set { base.storeBytes(of: newValue, toByteOffset: Layout.namespaceAncestryOffset, as: UnsafeMutableRawPointer?.self) }
    }
}

/// The check every strategy makes for a global LSM, and for a namespaced LSM
/// at its own level: one part, one namespace, one probe.
@inline(__always)
func ownLevelAllows(_ part: UnsafeRawPointer, classHook: UInt64) -> Bool {
    PolicyTable.allows(RawNamespace.policy(RawPart.namespace(part)), sid: RawPart.sid(part), classHook: classHook)
}
