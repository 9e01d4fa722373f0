// The bounds of every decision cache a design keeps (the AVC and the
// caches that stand in for it), as SELinux sizes its access-vector cache:
// `AVC_CACHE_SLOTS` hash slots, `avc_cache_threshold` live entries, and
// `AVC_CACHE_RECLAIM` entries freed at once when an insert passes the
// threshold. Caches never change decisions, so the reference ignores this;
// designs size their caches from it, and it decides their hit rates.

public struct CacheGeometry: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Hash slots: a power of two.
    public let slots: Int
    /// Live entries above which an insert reclaims.
    public let threshold: Int
    /// Entries an over-threshold insert frees.
    public let reclaim: Int

    public static let largestSlots = 1 << 20

    public init(slots: Int, threshold: Int, reclaim: Int) throws(CacheGeometryError) {
        guard slots >= 1, slots <= Self.largestSlots, slots & (slots - 1) == 0 else { throw .slots(slots) }
        guard threshold >= 1, threshold <= 1 << 24 else { throw .threshold(threshold) }
        guard reclaim >= 1, reclaim <= threshold else { throw .reclaim(reclaim, threshold: threshold) }
        self.slots = slots
        self.threshold = threshold
        self.reclaim = reclaim
    }

    /// SELinux's defaults: 512 slots, threshold 512, reclaim 16.
    public static let selinux = try! CacheGeometry(slots: 512, threshold: 512, reclaim: 16)

    /// "SLOTS:THRESHOLD:RECLAIM", as `--avc` takes it.
    public var description: String { "\(slots):\(threshold):\(reclaim)" }

    public static func parse(_ text: String) throws(CacheGeometryError) -> CacheGeometry {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard fields.count == 3, let slots = fields[0], let threshold = fields[1], let reclaim = fields[2] else {
            throw .syntax(text)
        }
        return try CacheGeometry(slots: slots, threshold: threshold, reclaim: reclaim)
    }
}

public enum CacheGeometryError: Error, Equatable, CustomStringConvertible {
    case syntax(String)
    case slots(Int)
    case threshold(Int)
    case reclaim(Int, threshold: Int)

    public var description: String {
        switch self {
        case .syntax(let text):
            return "'\(text)' is not a cache geometry; give SLOTS:THRESHOLD:RECLAIM such as 512:512:16 (SELinux's)"
        case .slots(let n):
            return "\(n) cache slots: give a power of two from 1 to \(CacheGeometry.largestSlots), such as 512"
        case .threshold(let n):
            return "cache threshold \(n): give 1 to \(1 << 24) entries, such as 512"
        case .reclaim(let n, let threshold):
            return "cache reclaim \(n): give 1 to the threshold (\(threshold)) entries, such as 16"
        }
    }
}
