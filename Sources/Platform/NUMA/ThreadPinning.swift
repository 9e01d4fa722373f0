import CNUMA
import Foundation

/// The CPU a thread was pinned to, and how it was chosen.
public struct PinnedCPU: Sendable, Equatable, CustomStringConvertible {
    public let cpu: Int
    public let node: Int
    /// True when the caller named no CPU and the first allowed CPU of the
    /// node was taken.
    public let chosenAutomatically: Bool

    public init(cpu: Int, node: Int, chosenAutomatically: Bool) {
        self.cpu = cpu
        self.node = node
        self.chosenAutomatically = chosenAutomatically
    }

    public var description: String {
        "pinned to CPU \(cpu) on NUMA node \(node)"
            + (chosenAutomatically ? " (first allowed CPU of the node)" : " (as requested)")
    }
}

/// Restricting an OS thread to one CPU of a chosen node.
///
/// Affinity belongs to the OS thread, not to a Swift task: pinning from inside
/// Swift concurrency would pin a shared cooperative-pool thread under other
/// tasks. Use `runOnPinnedThread` to get a dedicated thread.
public enum ThreadPinning {
    /// Pins the calling thread to `cpu`, which must belong to `node`, or,
    /// when `cpu` is nil, to the node's first CPU this process may use.
    @discardableResult
    public static func pinCurrentThread(
        toNode node: Int, cpu: Int? = nil, in topology: Topology
    ) throws(NUMAError) -> PinnedCPU {
        let target = try topology.requireNode(node)
        guard target.hasCPUs else { throw .nodeHasNoCPUs(node: node) }

        let allowed = allowedCPUs()
        let chosen: Int
        if let cpu {
            guard target.cpus.contains(cpu) else {
                throw .cpuNotOnNode(cpu: cpu, node: node, nodeCPUs: target.cpus)
            }
            if let allowed, !allowed.contains(cpu) {
                throw .cpuNotAllowed(cpu: cpu, allowedCPUs: allowed)
            }
            chosen = cpu
        } else {
            let usable = Set(allowed ?? target.cpus)
            guard let first = target.cpus.first(where: usable.contains) else {
                throw .noAllowedCPUOnNode(node: node, nodeCPUs: target.cpus)
            }
            chosen = first
        }

        let result = hb_bind_current_thread_to_cpu(Int32(chosen))
        guard result == 0 else {
            throw .systemCallFailed(operation: "pinning the thread to CPU \(chosen) (pthread_setaffinity_np)", errno: result)
        }
        return PinnedCPU(cpu: chosen, node: node, chosenAutomatically: cpu == nil)
    }

    /// CPUs in the calling thread's affinity mask, ascending.
    public static func currentThreadCPUs() throws(NUMAError) -> [Int] {
        try readCPUs(operation: "reading the thread's CPU affinity (sched_getaffinity)") { buffer, capacity in
            hb_current_thread_cpus(buffer, capacity)
        }
    }

    /// CPUs this process may run on (its cpuset and taskset limits) as libnuma
    /// recorded them at start-up; nil when libnuma is unavailable.
    public static func allowedCPUs() -> [Int]? {
        guard NUMASupport.isAvailable else { return nil }
        return try? readCPUs(operation: "reading the allowed CPUs (libnuma)") { buffer, capacity in
            hb_numa_allowed_cpus(buffer, capacity)
        }
    }

    /// Runs `body` on a new thread pinned as `pinCurrentThread` would pin it,
    /// and waits for it. The calling thread blocks meanwhile, so call this
    /// from a plain thread or accept tying up one cooperative thread.
    public static func runOnPinnedThread<Value: Sendable>(
        toNode node: Int, cpu: Int? = nil, in topology: Topology,
        _ body: @escaping @Sendable (PinnedCPU) -> Value
    ) throws(NUMAError) -> Value {
        let outcome = PinnedRunOutcome<Value>()
        let thread = Thread {
            do throws(NUMAError) {
                let pinned = try pinCurrentThread(toNode: node, cpu: cpu, in: topology)
                outcome.finish(.success(body(pinned)))
            } catch {
                outcome.finish(.failure(error))
            }
        }
        thread.name = "hookbench pinned to node \(node)"
        thread.start()
        return try outcome.wait().get()
    }

    /// Calls a CNUMA "fill an int array, return the full count or -errno"
    /// function, growing the buffer if the first one was too small.
    private static func readCPUs(
        operation: String, _ fill: (UnsafeMutablePointer<Int32>, Int32) -> Int32
    ) throws(NUMAError) -> [Int] {
        // libnuma's possible-CPU count may only be asked once it is known to work.
        var capacity = NUMASupport.isAvailable ? max(Int(hb_numa_possible_cpu_count()), 1024) : 1024
        while true {
            var buffer = [Int32](repeating: 0, count: capacity)
            let count = Int(buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress!, Int32(capacity)) })
            if count < 0 { throw .systemCallFailed(operation: operation, errno: Int32(-count)) }
            if count <= capacity { return buffer.prefix(count).map(Int.init) }
            capacity = count
        }
    }
}

/// Hands the result of the pinned thread back to the waiting caller.
private final class PinnedRunOutcome<Value: Sendable>: @unchecked Sendable {
    // The condition's lock guards `result`, hence @unchecked.
    private let condition = NSCondition()
    private var result: Result<Value, NUMAError>?

    func finish(_ value: Result<Value, NUMAError>) {
        condition.lock()
        result = value
        condition.signal()
        condition.unlock()
    }

    func wait() -> Result<Value, NUMAError> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
