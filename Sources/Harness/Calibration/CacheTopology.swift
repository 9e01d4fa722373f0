import Support

/// One data or unified cache as the kernel describes it.
public struct CacheDescription: Sendable, Equatable {
    /// 1 for L1, 2 for L2, ...
    public let level: Int
    /// "Data", "Instruction" or "Unified".
    public let type: String
    public let sizeBytes: Int

    public init(level: Int, type: String, sizeBytes: Int) {
        self.level = level
        self.type = type
        self.sizeBytes = sizeBytes
    }
}

/// Reads the cache hierarchy of a CPU from sysfs.
public enum CacheTopology {
    public static let defaultDirectory = "/sys/devices/system/cpu/cpu0/cache"

    /// Caches that hold data (types Data and Unified; instruction caches
    /// do not serve loads), one per level, ascending. Reads
    /// `<directory>/index*/{level,type,size}`; returns an empty array when
    /// the directory is missing or unreadable, as in some containers and VMs.
    public static func dataCaches(directory: String = defaultDirectory,
                                  reader: SystemFileReader = .live) -> [CacheDescription] {
        var caches: [CacheDescription] = []
        // sysfs numbers the index directories densely from 0.
        var index = 0
        while let levelText = try? reader.readValue("\(directory)/index\(index)/level") {
            defer { index += 1 }
            guard let level = Int(levelText),
                  let type = try? reader.readValue("\(directory)/index\(index)/type"),
                  let sizeText = try? reader.readValue("\(directory)/index\(index)/size"),
                  let size = parseSysfsSize(sizeText) else { continue }
            if type == "Data" || type == "Unified" {
                caches.append(CacheDescription(level: level, type: type, sizeBytes: size))
            }
        }
        // Keep the largest description per level (there is normally one).
        var byLevel: [Int: CacheDescription] = [:]
        for cache in caches where (byLevel[cache.level]?.sizeBytes ?? 0) < cache.sizeBytes {
            byLevel[cache.level] = cache
        }
        return byLevel.values.sorted { $0.level < $1.level }
    }

    /// sysfs sizes look like "32K", "1024K" or "32768K" (binary units).
    static func parseSysfsSize(_ text: String) -> Int? {
        let trimmed = text.trimmingWhitespace()
        guard let last = trimmed.last else { return nil }
        let multiplier: Int
        var digits = Substring(trimmed)
        switch last {
        case "K": multiplier = 1 << 10; digits.removeLast()
        case "M": multiplier = 1 << 20; digits.removeLast()
        case "G": multiplier = 1 << 30; digits.removeLast()
        default: multiplier = 1
        }
        guard let value = Int(digits), value > 0 else { return nil }
        return value * multiplier
    }
}
