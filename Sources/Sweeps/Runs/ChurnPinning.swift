// Where a churn point's threads run: reader i on the i-th CPU of the
// placement's order (spread: the nodes' CPUs dealt in turn; packed: node
// by node), the writer on the next CPU if one is left. What cannot be
// done as asked is said, never hidden: readers beyond the CPUs share
// them, a writer without a CPU of its own runs unpinned, and on one node
// spread and packed are the same placement.

import Measurement
import NUMA

enum ChurnPinning {
    /// The CPUs this process may use, in the order readers take them.
    static func order(_ placement: ThreadPlacement, topology: Topology, allowed: [Int]?) -> [(cpu: Int, node: Int)] {
        let usable = allowed.map(Set.init)
        let perNode = topology.nodes.map { node in
            node.cpus.filter { usable?.contains($0) ?? true }.map { (cpu: $0, node: node.id) }
        }.filter { !$0.isEmpty }
        switch placement {
        case .packed:
            return perNode.flatMap { $0 }
        case .spread:
            var order: [(cpu: Int, node: Int)] = []
            var round = 0
            while order.count < perNode.reduce(0, { $0 + $1.count }) {
                for cpus in perNode where round < cpus.count { order.append(cpus[round]) }
                round += 1
            }
            return order
        }
    }

    /// The node reader `index` is pinned to (nil: no CPU to pin it to).
    static func readerNode(topology: Topology) -> @Sendable (Int, ChurnSpec) -> Int? {
        let allowed = ThreadPinning.allowedCPUs()
        return { index, churn in
            let cpus = order(churn.placement, topology: topology, allowed: allowed)
            return cpus.isEmpty ? nil : cpus[index % cpus.count].node
        }
    }

    /// Pins the calling thread as its role in the point asks; returns what
    /// it could not do.
    static func pinner(topology: Topology) -> @Sendable (ChurnThread, ChurnSpec) -> String? {
        let allowed = ThreadPinning.allowedCPUs()
        return { thread, churn in
            let cpus = order(churn.placement, topology: topology, allowed: allowed)
            guard !cpus.isEmpty else { return "no CPU this process may use was found: churn threads are not pinned" }
            var notes: [String] = []
            let target: (cpu: Int, node: Int)
            switch thread {
            case .reader(let index):
                if index == 0 && topology.nodes.count == 1 && churn.readers > 1 {
                    notes.append("one NUMA node: spread and packed readers are the same placement")
                }
                if index == 0 && churn.readers > cpus.count {
                    notes.append("\(churn.readers) readers on \(cpus.count) CPUs: readers share CPUs")
                }
                target = cpus[index % cpus.count]
            case .writer:
                guard churn.readers < cpus.count else {
                    return (notes + ["the writer has no CPU of its own (\(churn.readers) readers on \(cpus.count) CPUs): it runs unpinned, sharing the readers' CPUs"])
                        .joined(separator: "; ")
                }
                target = cpus[churn.readers]
            }
            do { try ThreadPinning.pinCurrentThread(toNode: target.node, cpu: target.cpu, in: topology) } catch {
                notes.append("\(thread) could not be pinned to CPU \(target.cpu): \(error)")
            }
            return notes.isEmpty ? nil : notes.joined(separator: "; ")
        }
    }
}
