// What one check reads, and in what order it must read it: every cache
// line its loads touch, and for each load how many loads from memory must
// complete before its value is known. A strategy's footprint walker
// repeats the check's loads through `load(_:bytes:after:)`, passing the
// depth at which the load's address is known (0 for a pointer the check
// is called with, or a table the framework holds), and gets back the depth
// at which its value is known. The deepest value is the check's critical
// path: `dependentLoads`. On a cold check every line is a miss, so the
// critical path, times the memory latency, is what the check must wait at
// the least; other loads overlap with it.
//
// Branches are assumed predicted (they are, warm or cold: a flush does not
// touch the predictors), so control dependencies (a loop that stops at the
// refusing LSM, a hash probe that stops at its key) add no depth; only
// data dependencies (an address computed from a loaded value) do. A line
// loaded again is not loaded from memory again: its value is known when
// both the first load of the line and the new address are.

public struct Footprint {
    /// Distinct lines, in the order the check first touches them.
    public private(set) var lines: [UnsafeRawPointer] = []
    /// The critical path: the longest chain of loads from memory, each
    /// needing the one before it for its address.
    public private(set) var dependentLoads = 0
    private var arrival: [Int: Int] = [:]

    public init() {}

    /// Records a load of `bytes` at `address`, whose address is known at
    /// depth `after`; returns the depth at which the loaded value is known.
    @discardableResult
    public mutating func load(_ address: UnsafeRawPointer, bytes: Int = 8, after: Int) -> Int {
        let first = Int(bitPattern: address) & ~(Arena.lineBytes - 1)
        let last = (Int(bitPattern: address) + max(1, bytes) - 1) & ~(Arena.lineBytes - 1)
        var known = after
        var line = first
        while line <= last {
            if let arrived = arrival[line] {
                known = max(known, arrived)
            } else {
                arrival[line] = after + 1
                lines.append(UnsafeRawPointer(bitPattern: line)!)
                known = max(known, after + 1)
            }
            line += Arena.lineBytes
        }
        dependentLoads = max(dependentLoads, known)
        return known
    }
}
