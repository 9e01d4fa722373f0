import NUMA
import Testing

@Suite("Thread pinning")
struct ThreadPinningTests {
    @Test("pinning to node 0 leaves only node-0 CPUs in the affinity mask")
    func pinToNodeZero() throws {
        let topology = Topology.current()
        let nodeZeroCPUs = try #require(topology.node(0)).cpus
        // A dedicated thread, so the test runner's shared threads stay unpinned.
        let (pinned, affinity) = try ThreadPinning.runOnPinnedThread(toNode: 0, in: topology) { pinned in
            (pinned, try? ThreadPinning.currentThreadCPUs())
        }
        #expect(pinned.node == 0)
        #expect(pinned.chosenAutomatically)
        #expect(nodeZeroCPUs.contains(pinned.cpu))
        let mask = try #require(affinity)
        #expect(mask == [pinned.cpu])
        #expect(Set(mask).isSubset(of: Set(nodeZeroCPUs)))
        #expect(pinned.description.contains("CPU \(pinned.cpu) on NUMA node 0"))
    }

    @Test("a given CPU of the node is used as asked")
    func pinToGivenCPU() throws {
        let topology = Topology.current()
        let lastCPU = try #require(topology.node(0)?.cpus.last)
        let (pinned, affinity) = try ThreadPinning.runOnPinnedThread(toNode: 0, cpu: lastCPU, in: topology) { pinned in
            (pinned, try? ThreadPinning.currentThreadCPUs())
        }
        #expect(pinned == PinnedCPU(cpu: lastCPU, node: 0, chosenAutomatically: false))
        #expect(affinity == [lastCPU])
    }

    @Test("a CPU outside the node is refused before touching the thread")
    func cpuOutsideNode() {
        #expect(throws: NUMAError.cpuNotOnNode(cpu: 6, node: 0, nodeCPUs: [0, 1, 2, 3])) {
            try ThreadPinning.pinCurrentThread(toNode: 0, cpu: 6, in: FakeTopologies.twoNode)
        }
        #expect(NUMAError.cpuNotOnNode(cpu: 6, node: 0, nodeCPUs: [0, 1, 2, 3]).description
            == "CPU 6 is not on NUMA node 0; node 0 has CPUs 0-3")
    }

    @Test("absent and CPU-less nodes are refused")
    func absentOrCPULessNode() {
        #expect(throws: NUMAError.nodeDoesNotExist(node: 5, existingNodes: [0, 1, 2])) {
            try ThreadPinning.pinCurrentThread(toNode: 5, in: FakeTopologies.withMemoryOnlyNode)
        }
        #expect(throws: NUMAError.nodeHasNoCPUs(node: 2)) {
            try ThreadPinning.pinCurrentThread(toNode: 2, in: FakeTopologies.withMemoryOnlyNode)
        }
    }

    @Test("CPUs outside the process's allowed set are explained")
    func allowedSetSentences() {
        #expect(NUMAError.noAllowedCPUOnNode(node: 1, nodeCPUs: [4, 5, 6, 7]).description
            == "none of NUMA node 1's CPUs (4-7) are in this process's allowed CPU set; "
            + "widen it (taskset, cgroup cpuset) or choose another node")
        #expect(NUMAError.cpuNotAllowed(cpu: 3, allowedCPUs: [0, 1]).description
            == "CPU 3 is not in this process's allowed CPU set (0-1); widen it (taskset, cgroup cpuset) or choose another CPU")
        if let allowed = ThreadPinning.allowedCPUs() {
            #expect(!allowed.isEmpty)
        }
    }
}
