import Support

#if canImport(Glibc)
import Glibc
#endif

/// Everything the NUMA module can refuse or fail at, each with a sentence for
/// the user as its `description`.
public enum NUMAError: Error, Equatable, Sendable, CustomStringConvertible {
    case nodeDoesNotExist(node: Int, existingNodes: [Int])
    case nodeHasNoCPUs(node: Int)
    case nodeHasNoMemory(node: Int)
    case cpuNotOnNode(cpu: Int, node: Int, nodeCPUs: [Int])
    case noAllowedCPUOnNode(node: Int, nodeCPUs: [Int])
    case cpuNotAllowed(cpu: Int, allowedCPUs: [Int])
    case invalidNUMAArgument(argument: String, reason: String)
    case invalidByteCount(Int)
    case exceedsNodeMemory(node: Int, requestedBytes: Int, nodeTotalBytes: UInt64)
    case systemCallFailed(operation: String, errno: Int32)
    case unreadableFile(FileReadError)
    case mappingNotFound(path: String)

    public var description: String {
        switch self {
        case let .nodeDoesNotExist(node, existing):
            return "NUMA node \(node) does not exist on this machine; nodes: "
                + existing.map(String.init).joined(separator: ", ")
        case let .nodeHasNoCPUs(node):
            return "NUMA node \(node) has no CPUs, so the measuring thread cannot run there; "
                + "choose a node with CPUs for the cpu side"
        case let .nodeHasNoMemory(node):
            return "NUMA node \(node) has no memory, so nothing can be allocated there; "
                + "choose a node with memory for the mem side"
        case let .cpuNotOnNode(cpu, node, nodeCPUs):
            return "CPU \(cpu) is not on NUMA node \(node); node \(node) has CPUs "
                + (nodeCPUs.isEmpty ? "none" : CPUList.format(nodeCPUs))
        case let .noAllowedCPUOnNode(node, nodeCPUs):
            return "none of NUMA node \(node)'s CPUs (\(CPUList.format(nodeCPUs))) are in this "
                + "process's allowed CPU set; widen it (taskset, cgroup cpuset) or choose another node"
        case let .cpuNotAllowed(cpu, allowed):
            return "CPU \(cpu) is not in this process's allowed CPU set (\(CPUList.format(allowed))); "
                + "widen it (taskset, cgroup cpuset) or choose another CPU"
        case let .invalidNUMAArgument(argument, reason):
            return "invalid --numa value '\(argument)': \(reason)"
        case let .invalidByteCount(count):
            return "cannot allocate \(count) bytes; the size must be positive"
        case let .exceedsNodeMemory(node, requested, total):
            return "cannot allocate \(requested) bytes on NUMA node \(node): the node has only "
                + "\(total) bytes of memory in total"
        case let .systemCallFailed(operation, code):
            return "\(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
        case let .unreadableFile(error):
            return error.description
        case let .mappingNotFound(path):
            return "the memory region has no entry in \(path), so its huge pages cannot be counted"
        }
    }
}
