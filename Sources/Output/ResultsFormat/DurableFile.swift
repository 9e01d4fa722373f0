// The one path every results file is written through: POSIX writes that
// retry short writes and EINTR, fsync before they report success, and turn
// every errno into a ResultsWriteError naming what failed, on which file,
// and why in words ("no space left on DIR"). Nothing here traps: a full
// disk or a failing device is an error a run reports, with the directory
// left as it was before the failed write, so it can be resumed.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A write to a results directory that failed: what was being done, to
/// which file, and the errno.
public struct ResultsWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done, as a verb phrase: "append a row to", "create".
    public let operation: String
    public let path: String
    public let errno: Int32

    public init(operation: String, path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// The directory holding `path`, for "no space left on DIR".
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Why, in words a user can act on.
    public var reason: String {
        switch errno {
        case ENOSPC: return "no space left on \(directory) (the filesystem is full)"
        case EDQUOT: return "disk quota exceeded on \(directory)"
        case EROFS: return "\(directory) is on a read-only filesystem"
        case EACCES, EPERM: return "permission denied"
        case EFBIG: return "the file is larger than this process may write (ulimit -f)"
        case EIO: return "input/output error (the disk or filesystem failed)"
        default: return String(cString: strerror(errno))
        }
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}

public enum DurableFile {
    /// Writes every byte of `bytes` to `descriptor`, retrying short writes
    /// and interruptions; the errno of the failure otherwise.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if count == 0 { return EIO }
            written += count
        }
        return nil
    }

    /// Replaces `path` with `contents`: written to `path.partial`, synced,
    /// renamed over `path`, and the directory synced, so a reader (or a
    /// crash) sees the old file or the new one, never half of one. A failed
    /// write removes the partial file and leaves `path` as it was.
    public static func replace(_ path: String, with contents: String) throws(ResultsWriteError) {
        let temporary = path + ".partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ResultsWriteError(operation: "create", path: temporary, errno: errno) }
        var failure = writeAll(descriptor, Array(contents.utf8)).map { ("write", $0) }
        if failure == nil && fsync(descriptor) != 0 { failure = ("sync", errno) }
        if close(descriptor) != 0 && failure == nil { failure = ("close", errno) }
        if failure == nil && rename(temporary, path) != 0 { failure = ("rename \(temporary) to", errno) }
        if let (operation, code) = failure {
            unlink(temporary)
            throw ResultsWriteError(operation: operation, path: operation.hasPrefix("rename") ? path : temporary, errno: code)
        }
        syncDirectory(of: path)
    }

    /// Cuts `path` back to its first `length` bytes, durably.
    public static func truncate(_ path: String, to length: Int) throws(ResultsWriteError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ResultsWriteError(operation: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw ResultsWriteError(operation: "truncate", path: path, errno: errno)
        }
        guard fsync(descriptor) == 0 else { throw ResultsWriteError(operation: "sync", path: path, errno: errno) }
    }

    /// Makes a rename or a new file in the directory holding `path`
    /// durable; best effort (some filesystems refuse to sync directories).
    static func syncDirectory(of path: String) {
        let directory = ResultsWriteError(operation: "", path: path, errno: 0).directory
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// A file lines are appended to, each synced to disk before the next. A
/// line whose write fails is cut off again, so the file keeps only whole
/// lines as far as this process can tell; a crash mid-line leaves a torn
/// last line, which readers recognise (no newline after it) and resume cuts.
public final class DurableAppender {
    public let path: String
    private let descriptor: Int32
    /// Bytes of the file known to be whole lines on disk.
    private var committedLength: Int

    /// Opens `path` for appending, creating it; `header` is written first
    /// when the file is empty.
    public init(path: String, header: String? = nil) throws(ResultsWriteError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ResultsWriteError(operation: "open for appending", path: path, errno: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw ResultsWriteError(operation: "examine", path: path, errno: code)
        }
        committedLength = Int(status.st_size)
        if committedLength == 0, let header {
            do { try append(line: header) } catch {
                close(descriptor)
                throw error
            }
            DurableFile.syncDirectory(of: path)
        }
    }

    /// Appends `line` (which ends in a newline) and syncs it.
    public func append(line: String) throws(ResultsWriteError) {
        let bytes = Array(line.utf8)
        if let code = DurableFile.writeAll(descriptor, bytes) {
            // Best effort: take the part that did get written back out.
            _ = ftruncate(descriptor, off_t(committedLength))
            throw ResultsWriteError(operation: "append a line to", path: path, errno: code)
        }
        guard fsync(descriptor) == 0 else {
            let code = errno
            _ = ftruncate(descriptor, off_t(committedLength))
            throw ResultsWriteError(operation: "sync", path: path, errno: code)
        }
        committedLength += bytes.count
    }

    deinit { close(descriptor) }
}
