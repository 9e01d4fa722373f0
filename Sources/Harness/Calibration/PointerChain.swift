import CHarness
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A random single-cycle pointer chain with one pointer per 64-byte cache
/// line, the access pattern of lmbench's lat_mem_rd in random mode: each
/// load's address comes from the previous load, so loads cannot overlap
/// and hardware prefetchers cannot predict the next line.
public enum PointerChain {
    /// Bytes per cache line, and the distance between chain elements.
    public static let lineSize = 64

    /// Writes a fresh chain into the first `byteCount` bytes of `base` and
    /// returns its first element (which is `base`). `byteCount` is rounded
    /// down to whole lines and must cover at least two.
    ///
    /// Sattolo's algorithm shuffles the line indices into a permutation
    /// with exactly one cycle, so a walk from any line visits every line
    /// once before returning. The permutation is built in the buffer itself
    /// (each line first holds its own index, the shuffle swaps those, then
    /// a linear pass turns indices into addresses), so building a 512 MiB
    /// chain needs no memory beyond the buffer and O(lines) time.
    @discardableResult
    public static func build(
        in base: UnsafeMutableRawPointer, byteCount: Int, using generator: inout some RandomNumberGenerator
    ) -> UnsafeRawPointer {
        let lineCount = byteCount / lineSize
        precondition(lineCount >= 2, "a pointer chain needs at least two cache lines")
        for line in 0..<lineCount {
            base.storeBytes(of: line, toByteOffset: line * lineSize, as: Int.self)
        }
        var line = lineCount - 1
        while line > 0 {
            // j < line (never equal) is what makes the result one cycle.
            let other = Int.random(in: 0..<line, using: &generator)
            let lineOffset = line * lineSize
            let otherOffset = other * lineSize
            let lineValue = base.load(fromByteOffset: lineOffset, as: Int.self)
            let otherValue = base.load(fromByteOffset: otherOffset, as: Int.self)
            base.storeBytes(of: otherValue, toByteOffset: lineOffset, as: Int.self)
            base.storeBytes(of: lineValue, toByteOffset: otherOffset, as: Int.self)
            line -= 1
        }
        for line in 0..<lineCount {
            let offset = line * lineSize
            let successor = base.load(fromByteOffset: offset, as: Int.self)
            base.storeBytes(of: UnsafeRawPointer(base + successor * lineSize), toByteOffset: offset,
                            as: UnsafeRawPointer.self)
        }
        return UnsafeRawPointer(base)
    }

    /// Follows the chain for `loads` dependent loads and returns where it
    /// stopped. Unrolled by eight so that loop overhead stays off the
    /// critical path; the loads themselves are strictly serial.
    @inlinable @inline(__always)
    public static func chase(from start: UnsafeRawPointer, loads: Int) -> UnsafeRawPointer {
        var pointer = start
        var remaining = loads
        while remaining >= 8 {
            pointer = pointer.load(as: UnsafeRawPointer.self)
            pointer = pointer.load(as: UnsafeRawPointer.self)
            pointer = pointer.load(as: UnsafeRawPointer.self)
            pointer = pointer.load(as: UnsafeRawPointer.self)
            pointer = pointer.load(as: UnsafeRawPointer.self)
            pointer = pointer.load(as: UnsafeRawPointer.self)
            pointer = pointer.load(as: UnsafeRawPointer.self)
            pointer = pointer.load(as: UnsafeRawPointer.self)
            remaining -= 8
        }
        while remaining > 0 {
            pointer = pointer.load(as: UnsafeRawPointer.self)
            remaining -= 1
        }
        return pointer
    }

    /// Writes one byte in every page of the buffer so that page faults
    /// happen here and not inside a timed walk.
    public static func faultInPages(_ base: UnsafeMutableRawPointer, byteCount: Int) {
        let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4_096)
        var offset = 0
        while offset < byteCount {
            base.storeBytes(of: 0, toByteOffset: offset, as: UInt8.self)
            offset += pageSize
        }
        // The chain build overwrites these bytes; the barrier keeps the
        // optimiser from treating the touches as dead stores.
        hb_compiler_barrier()
    }
}
