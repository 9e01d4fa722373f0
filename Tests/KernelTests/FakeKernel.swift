// A kernel that refuses what a test tells it to (EPERM, ENOSYS, ...) and
// otherwise does nothing, so the measuring code can be checked for what it
// records and refuses without depending on the machine or on timings.

import Glibc
import KernelProbes

struct FakeKernel: KernelSystem {
    var landlockVersion: Result<Int, SystemCallFailure> = .success(7)
    /// errno of landlock_restrict_self, when it should fail.
    var restrictErrno: Int32?
    var creationFailure: SystemCallFailure?
    var nestedTaskFailure: SystemCallFailure?
    /// errno the timed open() returns, when it should fail.
    var openErrno: Int32?
    var isRoot = true
    var processID: Int32 { 4711 }

    func landlockABIVersion() -> Result<Int, SystemCallFailure> { landlockVersion }
    func setNoNewPrivileges() -> SystemCallFailure? { nil }
    func addLandlockLayer(root: String, access: UInt64) -> SystemCallFailure? {
        restrictErrno.map { SystemCallFailure(call: "landlock_restrict_self", errno: $0) }
    }
    func changeDirectory(_ path: String) -> SystemCallFailure? { nil }
    func operation(_ figure: KernelFigure) -> KernelOperation? {
        switch figure {
        case .userNamespaceCreation: return nil
        case .openClose where openErrno != nil: return { _ in -EACCES }
        default: return { _ in 0 }
        }
    }
    func userNamespaceCreations(depth: Int, count: Int, useTSC: Bool) -> Result<[UInt64], SystemCallFailure> {
        if let creationFailure { return .failure(creationFailure) }
        return .success((0..<count).map { UInt64(10_000 + 100 * depth + $0) })
    }
    func spawnNestedTask(depth: Int, uid: Int32) -> Result<Int32, SystemCallFailure> {
        if let nestedTaskFailure { return .failure(nestedTaskFailure) }
        return .success(99_999)
    }
    func endTask(_ pid: Int32) {}
}
