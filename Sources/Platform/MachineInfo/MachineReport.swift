// What `hookbench info` shows: the NUMA topology, the fingerprint and the
// warnings, as text for a person or JSON for a script.

import Foundation
import NUMA
import Support

public struct MachineReport {
    public let topology: Topology
    public let fingerprint: MachineFingerprint
    public let warnings: [RunWarning]

    public init(topology: Topology, fingerprint: MachineFingerprint, warnings: [RunWarning]) {
        self.topology = topology
        self.fingerprint = fingerprint
        self.warnings = warnings
    }

    public var text: String {
        var lines: [String] = []
        lines.append("NUMA nodes: \(topology.nodes.count)")
        for node in topology.nodes {
            let gib = Double(node.memoryTotalBytes) / Double(1 << 30)
            let freeGib = Double(node.memoryFreeBytes) / Double(1 << 30)
            lines.append("  node \(node.id): cpus \(CPUList.format(node.cpus)), memory \(FixedPoint.text(gib, decimals: 1)) GiB (\(FixedPoint.text(freeGib, decimals: 1)) GiB free)")
        }
        if !topology.distances.isEmpty {
            lines.append("distances:")
            lines.append("  node " + topology.nodeIDs.map { "\($0)".leftPadded(to: 5) }.joined())
            for (row, id) in zip(topology.distances, topology.nodeIDs) {
                lines.append("  " + "\(id)".leftPadded(to: 4) + " " + row.map { "\($0)".leftPadded(to: 5) }.joined())
            }
        }
        for note in topology.notes { lines.append("note: \(note)") }
        lines.append("")
        lines.append("fingerprint \(fingerprint.shortHash): \(fingerprint.summary)")
        if let object = try? JSONSerialization.jsonObject(with: fingerprint.canonicalJSON()) as? [String: Any] {
            for key in object.keys.sorted() {
                lines.append("  \(key): \(Self.flat(object[key]!))")
            }
        }
        if !warnings.isEmpty {
            lines.append("")
            for warning in warnings { lines.append("warning: \(warning.message)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: String {
        let nodes: [[String: Any]] = topology.nodes.map {
            ["id": $0.id, "cpus": $0.cpus, "memory_total_bytes": $0.memoryTotalBytes, "memory_free_bytes": $0.memoryFreeBytes]
        }
        let fingerprintObject = (try? JSONSerialization.jsonObject(with: fingerprint.canonicalJSON())) ?? [:]
        let object: [String: Any] = [
            "topology": ["nodes": nodes, "distances": topology.distances, "notes": topology.notes],
            "fingerprint": fingerprintObject,
            "fingerprint_hash": fingerprint.shortHash,
            "summary": fingerprint.summary,
            "warnings": warnings.map { ["kind": $0.kind.rawValue, "message": $0.message] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func flat(_ value: Any) -> String {
        if let dictionary = value as? [String: Any] {
            // Probed readings are {value} or {unavailableReason}: show them bare.
            if dictionary.count == 1, let only = dictionary["value"] { return flat(only) }
            if dictionary.count == 1, let reason = dictionary["unavailableReason"] { return "unavailable (\(flat(reason)))" }
            return dictionary.keys.sorted().map { "\($0)=\(flat(dictionary[$0]!))" }.joined(separator: ", ")
        }
        if let array = value as? [Any] { return "[" + array.map(flat).joined(separator: ", ") + "]" }
        return "\(value)"
    }
}
