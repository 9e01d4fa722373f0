/// One kind of CPU cache as sysfs describes it: its level, type and size,
/// and how many instances the machine has (e.g. one L3 per socket, one L2
/// per core). The machine fingerprint records it in meta.json as JSON;
/// the latency ladder uses it to name its plateaus.
public struct CacheDescription: Sendable, Equatable, Codable {
    /// 1 for L1, 2 for L2, ...
    public let level: Int
    /// "Data", "Instruction" or "Unified", as sysfs spells it.
    public let type: String
    public let sizeBytes: Int
    /// Distinct copies on the machine; 1 when only one CPU's caches were read.
    public let instances: Int

    public init(level: Int, type: String, sizeBytes: Int, instances: Int = 1) {
        self.level = level
        self.type = type
        self.sizeBytes = sizeBytes
        self.instances = instances
    }

    /// e.g. "L1d 48K x4", "L3 60M x2".
    public var shortText: String {
        let suffix = type == "Data" ? "d" : type == "Instruction" ? "i" : ""
        return "L\(level)\(suffix) \(ByteSize.sysfsText(sizeBytes)) x\(instances)"
    }
}
