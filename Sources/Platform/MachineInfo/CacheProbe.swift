import Support

/// One kind of cache: its level, type and size, and how many instances the
/// machine has (e.g. one L3 per socket, one L2 per core).
public struct CacheDescription: Sendable, Equatable, Codable {
    public let level: Int
    /// "Data", "Instruction" or "Unified", as sysfs spells it.
    public let type: String
    public let sizeBytes: Int
    public let instances: Int

    public init(level: Int, type: String, sizeBytes: Int, instances: Int) {
        self.level = level
        self.type = type
        self.sizeBytes = sizeBytes
        self.instances = instances
    }

    /// e.g. "L1d 48K x4", "L3 60M x2".
    public var shortText: String {
        let suffix = type == "Data" ? "d" : type == "Instruction" ? "i" : ""
        return "L\(level)\(suffix) \(ByteSizeText.compact(sizeBytes)) x\(instances)"
    }
}

/// Reads /sys/devices/system/cpu/cpu*/cache/index*. Caches with the same
/// level, type and size are one kind; distinct shared_cpu_list values count
/// its instances. Size is part of the kind because hybrid CPUs have
/// differently sized caches at the same level.
enum CacheProbe {
    private struct Kind: Hashable {
        let level: Int
        let type: String
        let sizeBytes: Int
    }

    static func read(reader: SystemFileReader) -> Probed<[CacheDescription]> {
        let cpus: [Int]
        switch OnlineCPUs.read(reader: reader) {
        case .failure(let failure): return .unavailable(failure.reason)
        case .success(let online): cpus = online
        }

        var instances: [Kind: Set<String>] = [:]
        for cpu in cpus {
            let cacheDirectory = OnlineCPUs.directory(of: cpu) + "/cache"
            let indexes: [String]
            do {
                indexes = try reader.entries(of: cacheDirectory).filter { $0.hasPrefix("index") }
            } catch {
                return .unavailable(unavailabilityReason(error))
            }
            for index in indexes {
                let directory = cacheDirectory + "/" + index
                do {
                    let levelText = try reader.readValue(directory + "/level")
                    let sizeText = try reader.readValue(directory + "/size")
                    guard let level = Int(levelText), let size = ByteSizeText.parse(sizeText) else {
                        return .unavailable("\(directory) has level '\(levelText)' and size '\(sizeText)', which are not numbers")
                    }
                    let kind = Kind(level: level, type: try reader.readValue(directory + "/type"), sizeBytes: size)
                    let sharedBy = (try? reader.readValue(directory + "/shared_cpu_list")) ?? "cpu\(cpu)"
                    instances[kind, default: []].insert(sharedBy)
                } catch {
                    return .unavailable(unavailabilityReason(error))
                }
            }
        }
        if instances.isEmpty {
            return .unavailable("no cache index directories under /sys/devices/system/cpu/cpu*/cache")
        }
        return .available(instances
            .map { CacheDescription(level: $0.key.level, type: $0.key.type, sizeBytes: $0.key.sizeBytes, instances: $0.value.count) }
            .sorted { ($0.level, $0.type, $0.sizeBytes) < ($1.level, $1.type, $1.sizeBytes) })
    }
}

/// Sizes as sysfs writes them ("48K", "2048K", "32M") and back.
enum ByteSizeText {
    static func parse(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        guard let last = text.last else { return nil }
        if let multiplier = units[last] {
            return Int(text.dropLast()).map { $0 * multiplier }
        }
        return Int(text)
    }

    /// Largest unit that divides the size exactly: 2097152 -> "2M".
    static func compact(_ bytes: Int) -> String {
        for (unit, size) in [("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)] where bytes >= size && bytes % size == 0 {
            return "\(bytes / size)\(unit)"
        }
        return "\(bytes)B"
    }
}
