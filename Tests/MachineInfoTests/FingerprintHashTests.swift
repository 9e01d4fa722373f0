import Foundation
import MachineInfo
import NUMA
import Support
import Testing

@Suite("Fingerprint hash")
struct FingerprintHashTests {
    /// A fingerprint built by hand, so its JSON does not depend on any machine.
    static let fixed = MachineFingerprint(
        hostName: .available("h"), cpuModel: .available("M"), microcode: .unavailable("none"),
        cpuTopology: .available(CPUTopologySummary(sockets: 1, cores: 2, threadsPerCore: 1, logicalCPUs: 2)),
        caches: .available([CacheDescription(level: 1, type: "Data", sizeBytes: 32768, instances: 2)]),
        numa: NUMASummary(nodes: [.init(id: 0, cpus: "0-1", memoryTotalBytes: 1024)]),
        kernelRelease: .available("6.1.0"), clocksource: .available("tsc"),
        frequencyGovernor: .unavailable("x"), turboBoost: TurboBoost(state: .unavailable("y"), controlFile: nil),
        transparentHugePages: .available("never"), transparentHugePageDefrag: .available("madvise"),
        numaBalancing: .available("0"), perfEventParanoid: .available("2"),
        mitigations: .available(["meltdown": "Not affected"]),
        hypervisor: HypervisorInfo(cpuFlag: false, systemVendor: .unavailable("/a/b is absent"), productName: .available("P")),
        swiftCompiler: "6.3", hookbenchRevision: "r1")

    @Test("FNV-1a 64 matches the published test vectors")
    func fnvVectors() {
        #expect(FNV1a64.hash(Array("".utf8)) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.hash(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.hash(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
        #expect(FNV1a64.hexDigest(of: Array("a".utf8)) == "af63dc4c8601ec8c")
    }

    @Test("canonical JSON has sorted keys, omits absent values and does not escape slashes")
    func canonicalJSON() {
        let json = String(decoding: Self.fixed.canonicalJSON(), as: UTF8.self)
        #expect(json == #"{"caches":{"value":[{"instances":2,"level":1,"sizeBytes":32768,"type":"Data"}]},"#
            + #""clocksource":{"value":"tsc"},"cpuModel":{"value":"M"},"#
            + #""cpuTopology":{"value":{"cores":2,"logicalCPUs":2,"sockets":1,"threadsPerCore":1}},"#
            + #""frequencyGovernor":{"unavailableReason":"x"},"hookbenchRevision":"r1","hostName":{"value":"h"},"#
            + #""hypervisor":{"cpuFlag":false,"productName":{"value":"P"},"systemVendor":{"unavailableReason":"/a/b is absent"}},"#
            + #""kernelRelease":{"value":"6.1.0"},"microcode":{"unavailableReason":"none"},"#
            + #""mitigations":{"value":{"meltdown":"Not affected"}},"#
            + #""numa":{"nodeCount":1,"nodes":[{"cpus":"0-1","id":0,"memoryTotalBytes":1024}]},"#
            + #""numaBalancing":{"value":"0"},"perfEventParanoid":{"value":"2"},"swiftCompiler":"6.3","#
            + #""transparentHugePageDefrag":{"value":"madvise"},"transparentHugePages":{"value":"never"},"#
            + #""turboBoost":{"state":{"unavailableReason":"y"}}}"#)
    }

    @Test("short hash is the first 12 hex digits of FNV-1a over the canonical JSON")
    func shortHash() throws {
        let hash = Self.fixed.shortHash
        #expect(hash.count == 12)
        #expect(hash.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(hash == String(FNV1a64.hexDigest(of: Self.fixed.canonicalJSON()).prefix(12)))
        // Computed independently (Python) over the JSON asserted above.
        #expect(hash == "62f2b231e910")

        var changed = Self.fixed
        changed.hookbenchRevision = "r2"
        #expect(changed.shortHash != hash)
        #expect(try JSONDecoder().decode(MachineFingerprint.self, from: Self.fixed.canonicalJSON()) == Self.fixed)
    }

    @Test("the same machine hashes the same twice")
    func deterministic() throws {
        let tree = try FakeSystemTree.twoSocketServer()
        let first = MachineFingerprint.capture(hookbenchRevision: "r", reader: tree.reader, topology: FakeSystemTree.twoSocketTopology)
        let second = MachineFingerprint.capture(hookbenchRevision: "r", reader: tree.reader, topology: FakeSystemTree.twoSocketTopology)
        #expect(first.canonicalJSON() == second.canonicalJSON())
        #expect(first.shortHash == second.shortHash)
    }
}
