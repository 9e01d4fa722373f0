import Support

/// The system-wide transparent huge page policy from
/// /sys/kernel/mm/transparent_hugepage.
public struct TransparentHugePageSettings: Sendable, Equatable, Codable {
    public static let enabledPath = "/sys/kernel/mm/transparent_hugepage/enabled"
    public static let defragPath = "/sys/kernel/mm/transparent_hugepage/defrag"
    public static let pmdSizePath = "/sys/kernel/mm/transparent_hugepage/hpage_pmd_size"

    /// Selected value of `enabled`: "always", "madvise" or "never".
    public let enabled: String
    /// Selected value of `defrag`, e.g. "madvise".
    public let defrag: String

    public init(enabled: String, defrag: String) {
        self.enabled = enabled
        self.defrag = defrag
    }

    /// Reads both files; fails if `enabled` is unreadable (kernel without THP).
    public static func read(using reader: SystemFileReader = .live) throws(FileReadError) -> TransparentHugePageSettings {
        let enabledText = try reader.readValue(enabledPath)
        let defragText = (try? reader.readValue(defragPath)) ?? ""
        return TransparentHugePageSettings(
            enabled: selectedValue(in: enabledText) ?? enabledText,
            defrag: selectedValue(in: defragText) ?? defragText
        )
    }

    /// The bracketed choice in a sysfs selector such as
    /// "always [madvise] never"; nil when nothing is bracketed.
    public static func selectedValue(in text: String) -> String? {
        guard let open = text.firstIndex(of: "["),
              let close = text[open...].firstIndex(of: "]") else { return nil }
        return String(text[text.index(after: open)..<close])
    }

    /// THP is switched off for every process, whatever madvise says.
    public var isDisabledSystemWide: Bool { enabled == "never" }

    /// Size of a PMD-mapped transparent huge page in bytes. x86-64 kernels
    /// before hpage_pmd_size existed (4.x) always used 2 MiB.
    public static func hugePageBytes(using reader: SystemFileReader = .live) -> Int {
        if let text = try? reader.readValue(pmdSizePath), let bytes = Int(text), bytes > 0 {
            return bytes
        }
        return 2 << 20
    }
}
