// The hook catalogue, as data.
//
// The kernel declares its ~250 hooks once in `include/linux/lsm_hook_defs.h`
// and expands that list wherever it needs one entry per hook. hookbench does
// the same: every strategy builds its per-hook tables from this array, so a
// new hook is one new line here and nothing else.

/// How the framework combines the LSMs' answers for one hook.
public enum HookKind: Sendable, Equatable {
    /// `call_int_hook`: LSMs are called in stack order and the first non-zero
    /// return (a denial) stops the walk and becomes the result.
    case int
    /// `call_void_hook`: every LSM that implements the hook is called. The
    /// model's result is the number of LSMs whose policy refused (the audit
    /// tally), so that void hooks have a checkable answer too.
    case void
}

/// A hook's position in the catalogue; small, dense, usable as an index.
public typealias HookID = Int

public struct HookInfo: Sendable, Equatable {
    public let id: HookID
    /// The name in `lsm_hook_defs.h` (without the `security_` prefix).
    public let name: String
    public let kind: HookKind
    /// The object class the hook is normally called with.
    public let typicalClass: ObjectClass

    /// The one permission the hook asks for: its bit in an access vector.
    public var permission: AccessVector { 1 << AccessVector(id) }
}

public enum HookCatalogue {
    public static let all: [HookInfo] = {
        let table: [(String, HookKind, ObjectClass)] = [
            ("file_permission", .int, .file),
            ("file_open", .int, .file),
            ("inode_permission", .int, .file),
            ("inode_getattr", .int, .file),
            ("mmap_file", .int, .file),
            ("task_kill", .int, .process),
            ("ptrace_access_check", .int, .process),
            ("socket_connect", .int, .socket),
            ("socket_sendmsg", .int, .socket),
            ("bprm_check_security", .int, .file),
            ("cred_prepare", .int, .credential),
            ("userns_create", .int, .userNamespace),
            ("bprm_committing_creds", .void, .credential),
            ("cred_transfer", .void, .credential),
            ("task_to_inode", .void, .process),
            ("file_set_fowner", .void, .file),
        ]
        return table.enumerated().map { index, entry in
            HookInfo(id: index, name: entry.0, kind: entry.1, typicalClass: entry.2)
        }
    }()

    public static var count: Int { all.count }

    /// The hook the create-namespace permission step dispatches.
    public static let namespaceCreation: HookID = id(named: "userns_create")!

    public static func id(named name: String) -> HookID? {
        all.first { $0.name == name }?.id
    }
}

/// Object classes, in the spirit of SELinux's security classes: the second
/// component of a policy lookup key.
public enum ObjectClass: Int, Sendable, CaseIterable, Equatable {
    case file, directory, socket, process, userNamespace, credential, key, capability

    public static let count = allCases.count
}
