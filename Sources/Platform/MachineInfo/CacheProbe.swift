import Support

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
                    guard let level = Int(levelText), let size = ByteSize.parseSysfs(sizeText) else {
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
