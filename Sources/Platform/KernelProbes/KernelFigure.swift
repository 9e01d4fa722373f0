// What `hookbench kernel` measures: each figure is one system call that
// fires one of the hooks the model dispatches (or none, for the floor),
// and a point is a figure at one path depth, one count of stacked Landlock
// domains and one user-namespace depth.

public enum KernelFigure: String, CaseIterable, Sendable, Codable {
    /// The timed loop calling an empty C function: what the loop itself
    /// costs per call (the figures are not net of it; it is this small).
    case loop = "loop"
    case nullSyscall = "null"
    case openClose = "open-close"
    case stat = "stat"
    case read = "read"
    case kill = "kill"
    case userNamespaceCreation = "userns-create"
    case capabilityWalk = "cap-walk"

    /// The call as the summary names it.
    public var call: String {
        switch self {
        case .loop: return "empty C call (the loop)"
        case .nullSyscall: return "syscall(SYS_getppid)"
        case .openClose: return "openat+close"
        case .stat: return "fstatat"
        case .read: return "pread 1 byte"
        case .kill: return "kill(self, 0)"
        case .userNamespaceCreation: return "unshare(CLONE_NEWUSER)"
        case .capabilityWalk: return "kill(pid, 0), other uid"
        }
    }

    /// The LSM hook the call fires (as in lsm_hook_defs.h), "-" for none.
    public var hook: String {
        switch self {
        case .loop, .nullSyscall: return "-"
        case .openClose: return "file_open"
        case .stat: return "inode_getattr"
        case .read: return "file_permission"
        case .kill: return "task_kill"
        case .userNamespaceCreation: return "userns_create"
        case .capabilityWalk: return "capable"
        }
    }

    /// Whether the figure is a path operation measured at path depths.
    public var takesPath: Bool { self == .openClose || self == .stat }
}

/// One figure at one place on each axis.
public struct KernelPoint: Hashable, Sendable, CustomStringConvertible {
    public let figure: KernelFigure
    /// Components of the path, relative to the tree root, the file
    /// included; nil for figures without a path.
    public let pathDepth: Int?
    /// Landlock domains stacked on the measuring process.
    public let landlockLayers: Int
    /// User-namespace depth: of the creating process (userns-create) or of
    /// the signalled task (cap-walk); 0 elsewhere.
    public let userNamespaceDepth: Int

    public init(_ figure: KernelFigure, pathDepth: Int? = nil, landlockLayers: Int = 0, userNamespaceDepth: Int = 0) {
        self.figure = figure
        self.pathDepth = pathDepth
        self.landlockLayers = landlockLayers
        self.userNamespaceDepth = userNamespaceDepth
    }

    /// "open-close/p4/l3/u0": one word, for the worker's lines.
    public var key: String {
        "\(figure.rawValue)/p\(pathDepth.map(String.init) ?? "-")/l\(landlockLayers)/u\(userNamespaceDepth)"
    }

    public init?(key: String) {
        let parts = key.split(separator: "/").map(String.init)
        guard parts.count == 4, let figure = KernelFigure(rawValue: parts[0]),
              parts[1].hasPrefix("p"), parts[2].hasPrefix("l"), parts[3].hasPrefix("u"),
              let layers = Int(parts[2].dropFirst()), let depth = Int(parts[3].dropFirst()) else { return nil }
        let path = parts[1].dropFirst()
        if path == "-" {
            self.init(figure, landlockLayers: layers, userNamespaceDepth: depth)
        } else {
            guard let pathDepth = Int(path) else { return nil }
            self.init(figure, pathDepth: pathDepth, landlockLayers: layers, userNamespaceDepth: depth)
        }
    }

    public var description: String { key }
}
