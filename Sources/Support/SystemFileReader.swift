// Reading procfs and sysfs (and other small text files), on the C library
// so that Support needs no Foundation.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file under /proc or /sys could not be read.
public struct FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path as asked for (without the reader's root), e.g. "/proc/cpuinfo".
    public let path: String
    public let errno: Int32

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    /// The file or directory does not exist, as opposed to existing but being
    /// unreadable; absent sysfs files usually mean "feature not present".
    public var isMissing: Bool { errno == ENOENT || errno == ENOTDIR }

    public var description: String {
        "cannot read \(path): \(String(cString: strerror(errno)))"
    }
}

/// The single way hookbench reads procfs and sysfs, rooted at a directory so
/// tests can substitute a fake tree for "/". `live` reads the real machine,
/// and with it any absolute path.
public struct SystemFileReader: Sendable, Equatable {
    /// Directory that stands in for "/"; "/" for the real machine.
    public let root: String

    public static let live = SystemFileReader(root: "/")

    public init(root: String) {
        self.root = root
    }

    /// Where `path` (absolute, as on a real system) lives under `root`.
    public func location(of path: String) -> String {
        if root == "/" || root.isEmpty { return path }
        let trimmedRoot = root.hasSuffix("/") ? String(root.dropLast()) : root
        return trimmedRoot + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// Whole file as text. Reads until end of file rather than trusting the
    /// size stat reports, which is 0 or 4096 for procfs and sysfs files.
    public func read(_ path: String) throws(FileReadError) -> String {
        let descriptor = open(location(of: path), O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw FileReadError(path: path, errno: errno) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { readDescriptor(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// File contents without surrounding whitespace: the form of one-value
    /// sysfs and procfs files.
    public func readValue(_ path: String) throws(FileReadError) -> String {
        try read(path).trimmingWhitespace()
    }

    /// Entry names of a directory, sorted, without "." and "..".
    public func entries(of path: String) throws(FileReadError) -> [String] {
        guard let directory = opendir(location(of: path)) else {
            throw FileReadError(path: path, errno: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public func exists(_ path: String) -> Bool {
        access(location(of: path), F_OK) == 0
    }
}

/// read(2), by a name that SystemFileReader.read does not hide.
private func readDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
