// A system call the kernel refused, as a value: which call (and which step
// of a set-up), and the errno it returned. Every refusal hookbench kernel
// reports starts as one of these.

import Glibc

public struct SystemCallFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The call, with enough context to find it ("landlock_restrict_self,
    /// layer 3 of 5").
    public let call: String
    /// The positive errno.
    public let errno: Int32

    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno.magnitude == errno ? errno : -errno
    }

    /// The errno's symbolic name ("EPERM"), or "errno N" for rare ones.
    public var errnoName: String { Self.names[errno] ?? "errno \(errno)" }

    /// "landlock_restrict_self: EPERM (Operation not permitted)".
    public var description: String {
        "\(call): \(errnoName) (\(String(cString: strerror(errno))))"
    }

    static let names: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", ESRCH: "ESRCH", EINTR: "EINTR", EIO: "EIO", E2BIG: "E2BIG",
        EBADF: "EBADF", ECHILD: "ECHILD", EAGAIN: "EAGAIN", ENOMEM: "ENOMEM", EACCES: "EACCES",
        EFAULT: "EFAULT", EBUSY: "EBUSY", EEXIST: "EEXIST", ENOTDIR: "ENOTDIR", EINVAL: "EINVAL",
        ENOSPC: "ENOSPC", ENOSYS: "ENOSYS", EOPNOTSUPP: "EOPNOTSUPP", EUSERS: "EUSERS",
    ]
}
