import Foundation
import Support
import Testing

/// A reader rooted at a throwaway directory that stands in for "/".
private final class FakeRoot {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hb-support-\(UUID().uuidString)")
    var reader: SystemFileReader { SystemFileReader(root: url.path) }

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ contents: String) throws {
        let file = url.appendingPathComponent(String(path.dropFirst()))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
    }
}

struct SystemFileReaderTests {
    @Test func pathsLiveUnderTheRoot() {
        #expect(SystemFileReader.live.location(of: "/proc/cpuinfo") == "/proc/cpuinfo")
        #expect(SystemFileReader(root: "/tmp/tree").location(of: "/proc/cpuinfo") == "/tmp/tree/proc/cpuinfo")
        #expect(SystemFileReader(root: "/tmp/tree/").location(of: "/proc/cpuinfo") == "/tmp/tree/proc/cpuinfo")
        #expect(SystemFileReader(root: "/tmp/tree").location(of: "sys/x") == "/tmp/tree/sys/x")
    }

    @Test func readsWholeFilesAndTrimmedValues() throws {
        let root = try FakeRoot()
        try root.write("/sys/devices/system/cpu/online", "0-3\n")
        let big = String(repeating: "0123456789abcdef", count: 10_000)
        try root.write("/proc/big", big)
        #expect(try root.reader.read("/sys/devices/system/cpu/online") == "0-3\n")
        #expect(try root.reader.readValue("/sys/devices/system/cpu/online") == "0-3")
        #expect(try root.reader.read("/proc/big") == big)
    }

    @Test func listsDirectoriesSorted() throws {
        let root = try FakeRoot()
        for name in ["index2", "index0", "index1"] { try root.write("/cache/\(name)/level", "1\n") }
        #expect(try root.reader.entries(of: "/cache") == ["index0", "index1", "index2"])
        #expect(root.reader.exists("/cache/index1/level"))
        #expect(!root.reader.exists("/cache/index3"))
    }

    @Test func missingFilesSayWhichPathWasAskedFor() throws {
        let root = try FakeRoot()
        do {
            _ = try root.reader.read("/sys/kernel/mm/transparent_hugepage/enabled")
            Issue.record("a missing file was read")
        } catch {
            #expect(error.path == "/sys/kernel/mm/transparent_hugepage/enabled")
            #expect(error.isMissing)
            #expect(error.description.hasPrefix("cannot read /sys/kernel/mm/transparent_hugepage/enabled: "))
        }
        #expect(throws: FileReadError.self) { try root.reader.entries(of: "/nowhere") }
    }
}

struct SystemMemoryTests {
    @Test func availableMemoryIsMemAvailableInBytes() throws {
        let root = try FakeRoot()
        try root.write("/proc/meminfo", "MemTotal:       16384000 kB\nMemFree:   1000 kB\nMemAvailable:    8192000 kB\n")
        #expect(SystemMemory.availableBytes(reader: root.reader) == 8_192_000 * 1024)
    }

    @Test func withoutMemAvailableNothingIsKnown() throws {
        let root = try FakeRoot()
        try root.write("/proc/meminfo", "MemTotal:       16384000 kB\n")
        #expect(SystemMemory.availableBytes(reader: root.reader) == nil)
        #expect(SystemMemory.availableBytes(reader: SystemFileReader(root: root.url.path + "/absent")) == nil)
    }
}
