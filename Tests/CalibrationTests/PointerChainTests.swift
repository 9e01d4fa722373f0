#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeededRandom
import Testing
@testable import Calibration

@Test func chainIsOneCycleThroughEveryLine() {
    for lineCount in [2, 3, 64, 1_000] {
        let byteCount = lineCount * PointerChain.lineSize
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 4_096)
        defer { buffer.deallocate() }
        var generator = SeededGenerator(seed: UInt64(lineCount))
        let start = PointerChain.build(in: buffer, byteCount: byteCount, using: &generator)
        #expect(start == UnsafeRawPointer(buffer))

        var visited = [Bool](repeating: false, count: lineCount)
        var pointer = start
        for step in 0..<lineCount {
            let offset = pointer - UnsafeRawPointer(buffer)
            #expect(offset >= 0 && offset < byteCount)
            #expect(offset % PointerChain.lineSize == 0)
            let line = offset / PointerChain.lineSize
            #expect(!visited[line], "line \(line) visited twice at step \(step)")
            visited[line] = true
            pointer = pointer.load(as: UnsafeRawPointer.self)
        }
        #expect(visited.allSatisfy { $0 })
        #expect(pointer == start)
        // chase follows the same links.
        #expect(PointerChain.chase(from: start, loads: lineCount) == start)
        #expect(PointerChain.chase(from: start, loads: 3 * lineCount + 1) == start.load(as: UnsafeRawPointer.self))
    }
}

@Test func chainIgnoresPartialTrailingLine() {
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: 4 * 64, alignment: 64)
    defer { buffer.deallocate() }
    var generator = SeededGenerator(seed: 9)
    let start = PointerChain.build(in: buffer, byteCount: 3 * 64 + 40, using: &generator)
    var pointer = start
    for _ in 0..<3 {
        #expect(pointer - UnsafeRawPointer(buffer) < 3 * 64)
        pointer = pointer.load(as: UnsafeRawPointer.self)
    }
    #expect(pointer == start)
}

@Test func differentSeedsGiveDifferentOrders() {
    let byteCount = 256 * 64
    let first = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
    let second = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
    defer { first.deallocate(); second.deallocate() }
    var a = SeededGenerator(seed: 1)
    var b = SeededGenerator(seed: 2)
    PointerChain.build(in: first, byteCount: byteCount, using: &a)
    PointerChain.build(in: second, byteCount: byteCount, using: &b)
    let firstNext = (0..<256).map { (first + $0 * 64).load(as: UnsafeRawPointer.self) - UnsafeRawPointer(first) }
    let secondNext = (0..<256).map { (second + $0 * 64).load(as: UnsafeRawPointer.self) - UnsafeRawPointer(second) }
    #expect(firstNext != secondNext)
}

@Test func faultingPagesLeavesBufferUsable() throws {
    let allocator = MmapBufferAllocator()
    let byteCount = 1 << 20
    let buffer = try allocator.allocate(byteCount: byteCount)
    defer { allocator.deallocate(buffer, byteCount: byteCount) }
    #expect(Int(bitPattern: buffer) % 4_096 == 0)
    PointerChain.faultInPages(buffer, byteCount: byteCount)
    #expect(buffer.load(fromByteOffset: 8_192, as: UInt8.self) == 0)
}

@Test func hugePagePoliciesAllocate() throws {
    let byteCount = 4 << 20
    let pageBytes = Int(sysconf(Int32(_SC_PAGESIZE)))
    let thpMode = transparentHugePageMode()
    if let thpMode {
        #expect(["always", "madvise", "never"].contains(thpMode), "THP enabled is [\(thpMode)]")
    }
    for policy in [MmapBufferAllocator.HugePagePolicy.systemDefault, .request, .avoid] {
        let allocator = MmapBufferAllocator(hugePages: policy)
        let buffer = try allocator.allocate(byteCount: byteCount)
        defer { allocator.deallocate(buffer, byteCount: byteCount) }
        #expect(Int(bitPattern: buffer) % pageBytes == 0, "\(policy): not page aligned")

        // Every page of the requested size can be written and read back.
        for page in 0..<(byteCount / pageBytes) {
            buffer.storeBytes(of: UInt8(truncatingIfNeeded: page), toByteOffset: page * pageBytes, as: UInt8.self)
        }
        buffer.storeBytes(of: 7, toByteOffset: byteCount - 1, as: UInt8.self)
        let unreadable = (0..<(byteCount / pageBytes)).filter {
            buffer.load(fromByteOffset: $0 * pageBytes, as: UInt8.self) != UInt8(truncatingIfNeeded: $0)
        }
        #expect(unreadable.isEmpty, "\(policy): pages \(unreadable.prefix(4)) did not read back")
        #expect(buffer.load(fromByteOffset: byteCount - 1, as: UInt8.self) == 7)

        // Where the kernel has THP, the mapping covers the requested size
        // and carries the advice: hg for MADV_HUGEPAGE, nh for
        // MADV_NOHUGEPAGE, neither without advice.
        guard thpMode != nil else { continue }
        let mapping = try #require(smapsMapping(containing: UnsafeRawPointer(buffer)), "\(policy): not in /proc/self/smaps")
        #expect(mapping.range.lowerBound <= UInt(bitPattern: buffer)
                && UInt(bitPattern: buffer) + UInt(byteCount) <= mapping.range.upperBound,
                "\(policy): mapping \(mapping.range) is smaller than the \(byteCount) bytes asked for")
        switch policy {
        case .systemDefault: #expect(!mapping.flags.contains("hg") && !mapping.flags.contains("nh"), "\(mapping.flags)")
        case .request: #expect(mapping.flags.contains("hg") && !mapping.flags.contains("nh"), "\(mapping.flags)")
        case .avoid: #expect(mapping.flags.contains("nh") && !mapping.flags.contains("hg"), "\(mapping.flags)")
        }
    }
}

/// The selected value of /sys/kernel/mm/transparent_hugepage/enabled
/// ("always [madvise] never"), or nil when the kernel reports no THP.
private func transparentHugePageMode() -> String? {
    guard let text = readWholeFile("/sys/kernel/mm/transparent_hugepage/enabled"),
          let left = text.firstIndex(of: "["), let right = text.firstIndex(of: "]"), left < right else { return nil }
    return String(text[text.index(after: left)..<right])
}

/// The /proc/self/smaps entry whose range holds `address`: the range and
/// its VmFlags.
private func smapsMapping(containing address: UnsafeRawPointer) -> (range: Range<UInt>, flags: [String])? {
    guard let smaps = readWholeFile("/proc/self/smaps") else { return nil }
    let target = UInt(bitPattern: address)
    var current: Range<UInt>?
    for line in smaps.split(separator: "\n") {
        let bounds = line.split(separator: " ", maxSplits: 1).first?.split(separator: "-") ?? []
        if bounds.count == 2, let low = UInt(bounds[0], radix: 16), let high = UInt(bounds[1], radix: 16) {
            current = low..<high
        } else if let range = current, range.contains(target), line.hasPrefix("VmFlags:") {
            return (range, line.dropFirst("VmFlags:".count).split(separator: " ").map(String.init))
        }
    }
    return nil
}

/// A procfs or sysfs file read to its end (their sizes read as 0 or 4096).
private func readWholeFile(_ path: String) -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count >= 0 else { return nil }
        if count == 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}
