import Support

/// A parsed `--numa` argument: `local`, `remote`, `local,remote`, `pairs`
/// (every ordered pair, the same as local,remote), explicit cpu-node:mem-node
/// pairs such as `0:1,1:0`, or a mix of these.
public struct NUMARequest: Sendable, Equatable {
    public enum Item: Sendable, Equatable {
        /// Every node with itself.
        case local
        /// Every ordered pair of distinct nodes.
        case remote
        /// One explicit pair.
        case placement(NodePlacement)
    }

    public let items: [Item]

    public init(items: [Item]) {
        self.items = items
    }

    /// The request as `parse` reads it back.
    public var text: String {
        items.map { item in
            switch item {
            case .local: return "local"
            case .remote: return "remote"
            case .placement(let pair): return "\(pair.cpuNode):\(pair.memNode)"
            }
        }.joined(separator: ",")
    }

    static let expectedForms = "expected local, remote, local,remote, pairs, or cpu-node:mem-node pairs such as 0:1,1:0"

    /// Parses the text after `--numa`. Words are case-insensitive; blanks
    /// around commas are ignored.
    public static func parse(_ argument: String) throws(NUMAError) -> NUMARequest {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0).trimmingWhitespace() }
        guard !parts.allSatisfy(\.isEmpty) else {
            throw .invalidNUMAArgument(argument: argument, reason: "it is empty; \(expectedForms)")
        }
        var items: [Item] = []
        for part in parts {
            switch part.lowercased() {
            case "":
                throw .invalidNUMAArgument(argument: argument, reason: "it has an empty item between commas")
            case "local":
                items.append(.local)
            case "remote":
                items.append(.remote)
            case "pairs":
                // Every ordered pair of nodes: each with itself, then each with every other.
                items += [.local, .remote]
            default:
                items.append(.placement(try parsePair(part, in: argument)))
            }
        }
        return NUMARequest(items: items)
    }

    private static func parsePair(_ part: String, in argument: String) throws(NUMAError) -> NodePlacement {
        let sides = part.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        guard sides.count == 2 else {
            throw .invalidNUMAArgument(argument: argument, reason: "'\(part)' is not a known word or a pair; \(expectedForms)")
        }
        for side in sides where Int(side).map({ $0 < 0 }) ?? true {
            throw .invalidNUMAArgument(
                argument: argument, reason: "'\(side)' in '\(part)' is not a node number; \(expectedForms)")
        }
        return NodePlacement(cpuNode: Int(sides[0])!, memNode: Int(sides[1])!)
    }

    /// The placements to measure on `topology`, in request order without
    /// repeats. Explicit pairs must be valid (errors otherwise); `local` and
    /// `remote` take what the machine offers and explain in `notes` what they
    /// had to leave out, e.g. remote placement on a one-node machine.
    public func expand(for topology: Topology) throws(NUMAError) -> NUMAPlan {
        var placements: [NodePlacement] = []
        var notes: [String] = []

        for item in items {
            switch item {
            case .placement(let placement):
                placements.append(try placement.validated(against: topology))
            case .local:
                for node in topology.nodes {
                    if !node.hasCPUs {
                        notes.append("NUMA node \(node.id) has no CPUs; local placement on it is skipped")
                    } else if !node.hasMemory {
                        notes.append("NUMA node \(node.id) has no memory; local placement on it is skipped")
                    } else {
                        placements.append(NodePlacement(cpuNode: node.id, memNode: node.id))
                    }
                }
            case .remote:
                if topology.nodes.count == 1, let only = topology.nodes.first {
                    notes.append("this machine has one NUMA node (\(only.id)); "
                        + "remote placement cannot be measured here; skipping it")
                    continue
                }
                for cpuSide in topology.nodes {
                    guard cpuSide.hasCPUs else {
                        notes.append("NUMA node \(cpuSide.id) has no CPUs; remote placements running on it are skipped")
                        continue
                    }
                    for memSide in topology.nodes where memSide.id != cpuSide.id {
                        if memSide.hasMemory {
                            placements.append(NodePlacement(cpuNode: cpuSide.id, memNode: memSide.id))
                        } else {
                            notes.append("NUMA node \(memSide.id) has no memory; remote placements using it are skipped")
                        }
                    }
                }
            }
        }
        return NUMAPlan(placements: placements.uniqued(), notes: notes.uniqued())
    }
}

/// The placements a request expands to on one machine, plus sentences about
/// anything requested that this machine cannot provide.
public struct NUMAPlan: Sendable, Equatable {
    public let placements: [NodePlacement]
    public let notes: [String]

    public init(placements: [NodePlacement], notes: [String]) {
        self.placements = placements
        self.notes = notes
    }
}
