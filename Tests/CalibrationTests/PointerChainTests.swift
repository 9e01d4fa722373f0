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
    for policy in [MmapBufferAllocator.HugePagePolicy.systemDefault, .request, .avoid] {
        let allocator = MmapBufferAllocator(hugePages: policy)
        let buffer = try allocator.allocate(byteCount: 4 << 20)
        buffer.storeBytes(of: 7, toByteOffset: (4 << 20) - 1, as: UInt8.self)
        allocator.deallocate(buffer, byteCount: 4 << 20)
    }
}
