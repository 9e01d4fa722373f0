// What the kernel refuses up front is said with its reason and its fix.

import Foundation
import Glibc
import KernelProbes
import Support
import Testing

@Suite struct KernelAvailabilityTests {
    /// A fake /proc with the given sysctls.
    func files(_ values: [String: String]) throws -> SystemFileReader {
        let root = NSTemporaryDirectory() + "hookbench-kernel-sysctl-\(UUID().uuidString)"
        for (path, value) in values {
            let full = root + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try value.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return SystemFileReader(root: root)
    }

    @Test func landlockAbsentOrDisabledIsExplained() throws {
        var kernel = FakeKernel()
        kernel.landlockVersion = .failure(SystemCallFailure(call: "landlock_create_ruleset", errno: ENOSYS))
        let absent = KernelAvailability.probe(kernel, files: try files([:]))
        guard case .failure(let missing) = absent.landlock else { Issue.record("Landlock should be refused"); return }
        #expect(missing.reason.contains("not in this kernel"))
        #expect(missing.howToEnable.contains("CONFIG_SECURITY_LANDLOCK"))
        #expect(absent.refusal(for: KernelPoint(.openClose, pathDepth: 4, landlockLayers: 1)) == missing)
        #expect(absent.refusal(for: KernelPoint(.openClose, pathDepth: 4)) == nil)

        kernel.landlockVersion = .failure(SystemCallFailure(call: "landlock_create_ruleset", errno: EOPNOTSUPP))
        guard case .failure(let disabled) = KernelAvailability.probe(kernel, files: try files([:])).landlock else {
            Issue.record("Landlock should be refused"); return
        }
        #expect(disabled.howToEnable.contains("lsm="))
    }

    @Test func userNamespacesOffBySysctlAreExplained() throws {
        let availability = KernelAvailability.probe(FakeKernel(), files: try files(["/proc/sys/user/max_user_namespaces": "0\n"]))
        #expect(availability.userNamespaces?.reason.contains("user.max_user_namespaces is 0") == true)
        #expect(availability.capabilityWalk == availability.userNamespaces)
        #expect(availability.refusal(for: KernelPoint(.userNamespaceCreation, userNamespaceDepth: 5)) != nil)
    }

    @Test func unprivilegedCloneOffMattersOnlyWithoutRoot() throws {
        let sysctl = try files(["/proc/sys/kernel/unprivileged_userns_clone": "0"])
        #expect(KernelAvailability.probe(FakeKernel(), files: sysctl).userNamespaces == nil)
        var user = FakeKernel()
        user.isRoot = false
        let availability = KernelAvailability.probe(user, files: sysctl)
        #expect(availability.userNamespaces?.howToEnable.contains("unprivileged_userns_clone=1") == true)
    }

    @Test func aRefusedUnshareAndAMissingRootAreExplained() throws {
        var kernel = FakeKernel()
        kernel.creationFailure = SystemCallFailure(call: "unshare(CLONE_NEWUSER) at depth 0", errno: EPERM)
        let refused = KernelAvailability.probe(kernel, files: try files([:]))
        #expect(refused.userNamespaces?.reason.contains("not permitted") == true)

        var user = FakeKernel()
        user.isRoot = false
        let unprivileged = KernelAvailability.probe(user, files: try files([:]))
        #expect(unprivileged.userNamespaces == nil)
        #expect(unprivileged.capabilityWalk == KernelRefusal.capabilityWalkNeedsRoot)
    }
}
