import Support

/// How much of a region the kernel backs with transparent huge pages,
/// from the AnonHugePages line of the region's /proc/self/smaps entry.
public struct HugePageReport: Sendable, Equatable, Codable, CustomStringConvertible {
    public let pageSize: PageSize
    /// Bytes mapped for the region.
    public let regionBytes: Int
    /// Bytes of the region currently backed by transparent huge pages.
    public let grantedBytes: Int
    /// System policy at the time of the report; nil on kernels without THP.
    public let systemSettings: TransparentHugePageSettings?

    public init(pageSize: PageSize, regionBytes: Int, grantedBytes: Int, systemSettings: TransparentHugePageSettings?) {
        self.pageSize = pageSize
        self.regionBytes = regionBytes
        self.grantedBytes = grantedBytes
        self.systemSettings = systemSettings
    }

    public var isFullyGranted: Bool { grantedBytes == regionBytes }

    public var description: String {
        var text = pageSize == .transparentHuge
            ? "thp requested, granted \(grantedBytes) of \(regionBytes) bytes"
            : "4k pages requested (MADV_NOHUGEPAGE), \(grantedBytes) of \(regionBytes) bytes in huge pages"
        if let systemSettings {
            if systemSettings.isDisabledSystemWide {
                text += "; transparent huge pages are disabled system-wide "
                    + "(\(TransparentHugePageSettings.enabledPath) is [never])"
            }
        } else {
            text += "; this kernel has no transparent huge page support "
                + "(\(TransparentHugePageSettings.enabledPath) is missing)"
        }
        return text
    }
}

extension NodeMemory {
    /// Whether, and for how many bytes, the kernel granted transparent huge
    /// pages to this region. Meaningful after allocation has faulted it in;
    /// khugepaged may raise the count later.
    public func hugePagesGranted(reader: SystemFileReader = .live) throws(NUMAError) -> HugePageReport {
        precondition(!isReleased, "huge pages queried after release()")
        let smapsPath = "/proc/self/smaps"
        let smaps: String
        do { smaps = try reader.read(smapsPath) } catch { throw .unreadableFile(error) }
        let start = UInt(bitPattern: base)
        guard let granted = SmapsParser.anonHugePageBytes(in: smaps, overlapping: start..<(start + UInt(mappedByteCount))) else {
            throw .mappingNotFound(path: smapsPath)
        }
        return HugePageReport(
            pageSize: pageSize,
            regionBytes: mappedByteCount,
            grantedBytes: min(granted, mappedByteCount),
            systemSettings: try? TransparentHugePageSettings.read(using: reader)
        )
    }
}

/// Reading /proc/<pid>/smaps.
enum SmapsParser {
    /// Sum of AnonHugePages over the mappings that overlap `range`, in bytes;
    /// nil when no mapping overlaps it. NodeMemory's guard pages keep its
    /// region a mapping of its own, so normally exactly one entry matches.
    static func anonHugePageBytes(in smaps: String, overlapping range: Range<UInt>) -> Int? {
        var total: Int?
        var insideMatch = false
        for line in smaps.split(separator: "\n") {
            if let mapping = mappingRange(fromHeader: line) {
                insideMatch = mapping.overlaps(range)
                if insideMatch && total == nil { total = 0 }
            } else if insideMatch, line.hasPrefix("AnonHugePages:") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                if fields.count >= 3, let kilobytes = Int(fields[1]), fields[2] == "kB" {
                    total! += kilobytes * 1024
                }
            }
        }
        return total
    }

    /// The address range of a mapping header such as
    /// "7f12a0000000-7f12a0200000 rw-p 00000000 00:00 0"; nil for field lines.
    static func mappingRange(fromHeader line: Substring) -> Range<UInt>? {
        guard let firstField = line.split(separator: " ", maxSplits: 1).first else { return nil }
        let bounds = firstField.split(separator: "-")
        guard bounds.count == 2,
              let low = UInt(bounds[0], radix: 16), let high = UInt(bounds[1], radix: 16), low < high else { return nil }
        return low..<high
    }
}
