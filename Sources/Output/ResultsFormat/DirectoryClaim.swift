// Who is writing a results directory. A run (new or resumed) claims its
// directory before it writes anything: it holds an exclusive flock on
// DIR/run.lock for as long as it runs, and writes its pid, start time and
// command into it. A second run into the same directory cannot take the
// lock and is refused with the first one's details. The kernel drops the
// lock when its holder exits, even on SIGKILL, so a killed run's directory
// can be resumed at once; no stale lock ever needs deleting by hand.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum ClaimError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process holds the directory; what it wrote about itself.
    case held(directory: String, holder: String)
    case cannotClaim(ResultsWriteError)

    public var description: String {
        switch self {
        case .held(let directory, let holder):
            return "\(directory) is being written by another hookbench run (\(holder)); wait for it to finish, or choose another --out"
        case .cannotClaim(let error):
            return "cannot claim the results directory: \(error)"
        }
    }
}

public final class DirectoryClaim {
    public static let fileName = "run.lock"

    public let lockPath: String
    private var descriptor: Int32

    /// Claims `directory` (which must exist) for this process, recording
    /// `started` and `command` for whoever is refused.
    public init(directory: String, started: String, command: [String]) throws(ClaimError) {
        lockPath = directory + "/" + Self.fileName
        var claimed: Int32 = -1
        while claimed < 0 {
            let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw .cannotClaim(ResultsWriteError(operation: "create", path: lockPath, errno: errno))
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let holder = Self.holder(descriptor)
                close(descriptor)
                if code == EWOULDBLOCK || code == EAGAIN { throw .held(directory: directory, holder: holder) }
                throw .cannotClaim(ResultsWriteError(operation: "lock", path: lockPath, errno: code))
            }
            // The holder before us may have removed the file between our
            // open and our lock: then the lock is on a file nobody else
            // will open, and we must lock the one at the path instead.
            var held = stat(), atPath = stat()
            if fstat(descriptor, &held) == 0, stat(lockPath, &atPath) == 0,
               held.st_dev == atPath.st_dev, held.st_ino == atPath.st_ino {
                claimed = descriptor
            } else {
                close(descriptor)
            }
        }
        descriptor = claimed
        let record = "pid \(getpid()), started \(started): \(command.joined(separator: " "))\n"
        if ftruncate(descriptor, 0) != 0 || DurableFile.writeAll(descriptor, Array(record.utf8)) != nil {
            let error = ResultsWriteError(operation: "write", path: lockPath, errno: errno)
            release()
            throw .cannotClaim(error)
        }
    }

    /// What the run holding `directory` wrote about itself, or nil when no
    /// run holds it.
    public static func holder(of directory: String) -> String? {
        let descriptor = open(directory + "/" + fileName, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) != 0 else {
            flock(descriptor, LOCK_UN)
            return nil
        }
        return holder(descriptor)
    }

    /// What the holder wrote into the lock file.
    private static func holder(_ descriptor: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        let text = count > 0 ? String(decoding: bytes[0..<count], as: UTF8.self) : ""
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? "it has not said which yet" : line
    }

    /// Gives the directory up: the lock file is removed while still locked,
    /// so no other run can be holding it.
    public func release() {
        guard descriptor >= 0 else { return }
        unlink(lockPath)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
