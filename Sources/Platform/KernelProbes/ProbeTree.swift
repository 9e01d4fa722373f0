// The directory tree the file figures use: a file at path depth 1, 4 and
// 8 below a root created in a temporary directory. Paths are relative to
// the root (the worker makes it its working directory), so the depth is
// exactly the number of components the kernel resolves, the file included,
// and a Landlock rule on the root covers every one of them.

import Foundation

public struct ProbeTree: Sendable {
    public let root: String
    public static let defaultDepths = [1, 4, 8]

    public init(root: String) { self.root = root }

    /// "f", "d1/d2/d3/f", ...: the relative path of the file at `depth`.
    public static func relativePath(depth: Int) -> String {
        precondition(depth >= 1)
        return ((1..<depth).map { "d\($0)" } + ["f"]).joined(separator: "/")
    }

    /// Creates a fresh tree with files at `depths` in a new temporary directory.
    public static func create(depths: [Int] = defaultDepths, in parent: String = NSTemporaryDirectory()) throws -> ProbeTree {
        let root = (parent as NSString).appendingPathComponent("hookbench-kernel-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
            for depth in depths {
                let path = root + "/" + relativePath(depth: depth)
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                            withIntermediateDirectories: true)
                guard manager.createFile(atPath: path, contents: Data("hookbench\n".utf8)) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                }
            }
        } catch {
            throw ProbeTreeError(root: root, reason: error.localizedDescription)
        }
        return ProbeTree(root: root)
    }

    public func remove() { try? FileManager.default.removeItem(atPath: root) }
}

public struct ProbeTreeError: Error, CustomStringConvertible {
    public let root: String
    public let reason: String
    public var description: String { "cannot create the directory tree for the file figures in \(root): \(reason)" }
}
