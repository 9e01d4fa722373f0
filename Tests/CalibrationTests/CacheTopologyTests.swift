#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Support
import Testing
@testable import Calibration

/// Builds a directory shaped like /sys/devices/system/cpu/cpu0/cache.
private func makeFakeSysfs(_ entries: [(level: String, type: String, size: String)]) throws -> String {
    let root = "/tmp/hookbench-fake-cache-\(UInt64.random(in: 0...UInt64.max))"
    #expect(mkdir(root, 0o755) == 0)
    for (index, entry) in entries.enumerated() {
        let directory = "\(root)/index\(index)"
        #expect(mkdir(directory, 0o755) == 0)
        try TextFile.write(entry.level + "\n", to: directory + "/level")
        try TextFile.write(entry.type + "\n", to: directory + "/type")
        try TextFile.write(entry.size + "\n", to: directory + "/size")
    }
    return root
}

private func removeFakeSysfs(_ root: String, entryCount: Int) {
    for index in 0..<entryCount {
        for file in ["level", "type", "size"] { unlink("\(root)/index\(index)/\(file)") }
        rmdir("\(root)/index\(index)")
    }
    rmdir(root)
}

@Test func readsDataAndUnifiedCachesFromSysfsLayout() throws {
    let root = try makeFakeSysfs([
        ("1", "Data", "32K"), ("1", "Instruction", "32K"), ("2", "Unified", "1024K"), ("3", "Unified", "32768K"),
    ])
    defer { removeFakeSysfs(root, entryCount: 4) }
    let caches = CacheTopology.dataCaches(directory: root)
    #expect(caches == [
        CacheDescription(level: 1, type: "Data", sizeBytes: 32 << 10),
        CacheDescription(level: 2, type: "Unified", sizeBytes: 1 << 20),
        CacheDescription(level: 3, type: "Unified", sizeBytes: 32 << 20),
    ])
}

@Test func skipsUnreadableEntries() throws {
    let root = try makeFakeSysfs([("1", "Data", "48K"), ("2", "Unified", "garbage"), ("3", "Unified", "2M")])
    defer { removeFakeSysfs(root, entryCount: 3) }
    let caches = CacheTopology.dataCaches(directory: root)
    #expect(caches.map(\.level) == [1, 3])
    #expect(caches.map(\.sizeBytes) == [48 << 10, 2 << 20])
}

@Test func writtenCSVReadsBack() throws {
    let path = "/tmp/hookbench-calibration-\(UInt64.random(in: 0...UInt64.max)).csv"
    let ladder = LatencyLadder(points: [LadderPoint(sizeBytes: 4_096, nsPerLoad: 1.5)], memoryNode: 3,
                               timerSourceName: "tsc")
    try ladder.writeCSV(to: path)
    defer { unlink(path) }
    #expect(try SystemFileReader.live.read(path) == "size_bytes,ns_per_load,cpu_node,mem_node\n4096,1.5,,3\n")
}
