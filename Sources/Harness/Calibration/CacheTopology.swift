import Support

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
                  let size = ByteSize.parseSysfs(sizeText) else { continue }
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
}
