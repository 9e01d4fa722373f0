import Support

/// The kernel's CPU list notation ("0-3,8,10-11"), used by sysfs files such as
/// `online` and `thread_siblings_list`, and for printing CPU sets compactly.
public enum CPUList {
    /// CPU ids in ascending order without duplicates, or nil when the text is
    /// not a CPU list. Empty text is the empty list.
    public static func parse(_ text: String) -> [Int]? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return [] }
        var cpus = Set<Int>()
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count),
                  let low = Int(bounds[0]), low >= 0,
                  let high = Int(bounds[bounds.count - 1]), high >= low else { return nil }
            cpus.formUnion(low...high)
        }
        return cpus.sorted()
    }

    /// Compact notation for a set of CPU ids; "" for none.
    public static func format<CPUs: Sequence<Int>>(_ cpus: CPUs) -> String {
        let sorted = Set(cpus).sorted()
        var ranges: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            ranges.append(end == index ? "\(sorted[index])" : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return ranges.joined(separator: ",")
    }
}
