import Support

/// The page size a `NodeMemory` region asks the kernel for.
public enum PageSize: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Base pages only: the region is marked MADV_NOHUGEPAGE so that a system
    /// set to THP `always` does not change what is measured.
    case base4K = "4k"
    /// Transparent huge pages: the region is 2 MiB aligned, a multiple of the
    /// huge page size, and marked MADV_HUGEPAGE. The kernel may still decline.
    case transparentHuge = "thp"

    /// Parses the command-line spelling, "4k" or "thp" (any case).
    public init?(argument: String) {
        self.init(rawValue: argument.trimmingWhitespace().lowercased())
    }

    public var description: String { rawValue }
}
