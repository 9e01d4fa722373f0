@testable import NUMA
import Testing

@Suite("smaps and THP settings parsing")
struct HugePageParsingTests {
    static let smaps = """
        55d0c0000000-55d0c0021000 rw-p 00000000 00:00 0                          [heap]
        Size:                132 kB
        AnonHugePages:         0 kB
        VmFlags: rd wr mr mw me ac
        7f0000000000-7f0000001000 ---p 00000000 00:00 0
        AnonHugePages:         0 kB
        7f0000001000-7f0000801000 rw-p 00000000 00:00 0
        Size:               8192 kB
        AnonHugePages:      6144 kB
        THPeligible:    1
        VmFlags: rd wr mr mw me ac hg
        7f0000801000-7f0000802000 ---p 00000000 00:00 0
        AnonHugePages:         0 kB
        """

    @Test("AnonHugePages of the mapping holding the region")
    func regionMapping() {
        let region: Range<UInt> = 0x7f00_0000_1000..<0x7f00_0080_1000
        #expect(SmapsParser.anonHugePageBytes(in: Self.smaps, overlapping: region) == 6144 * 1024)
    }

    @Test("no overlapping mapping gives nil")
    func noMapping() {
        #expect(SmapsParser.anonHugePageBytes(in: Self.smaps, overlapping: 0x1000..<0x2000) == nil)
    }

    @Test("selected value of a sysfs selector")
    func selector() {
        #expect(TransparentHugePageSettings.selectedValue(in: "always [madvise] never") == "madvise")
        #expect(TransparentHugePageSettings.selectedValue(in: "always defer defer+madvise [madvise] never") == "madvise")
        #expect(TransparentHugePageSettings.selectedValue(in: "[never]") == "never")
        #expect(TransparentHugePageSettings.selectedValue(in: "never") == nil)
    }

    @Test("report says when THP is off system-wide or missing")
    func reportSentences() {
        let never = HugePageReport(
            pageSize: .transparentHuge, regionBytes: 4 << 20, grantedBytes: 0,
            systemSettings: TransparentHugePageSettings(enabled: "never", defrag: "madvise"))
        #expect(never.description == "thp requested, granted 0 of 4194304 bytes; transparent huge pages are "
            + "disabled system-wide (/sys/kernel/mm/transparent_hugepage/enabled is [never])")
        let missing = HugePageReport(pageSize: .transparentHuge, regionBytes: 2 << 20, grantedBytes: 0, systemSettings: nil)
        #expect(missing.description.contains("no transparent huge page support"))
    }
}
