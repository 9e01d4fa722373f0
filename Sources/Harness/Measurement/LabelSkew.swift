// How often each object label is used: the popularity the checks of a
// point draw their objects' labels from. Real label use is skewed (a few
// types, such as etc_t or lib_t, take most file checks), and the skew,
// with the number of labels and the caches' bounds, decides hit rates.

import SeededRandom
#if canImport(Glibc)
import Glibc
#endif

public enum LabelSkew: Hashable, Sendable, CustomStringConvertible {
    /// Every label equally likely.
    case uniform
    /// Label of rank k (from 1) with probability proportional to 1 / k^s.
    case zipf(Double)

    public var description: String {
        switch self {
        case .uniform: return "uniform"
        case .zipf(let s): return "zipf:\(s)"
        }
    }

    public static func parse(_ text: String) -> LabelSkew? {
        if text == "uniform" { return .uniform }
        guard text.hasPrefix("zipf:"), let s = Double(text.dropFirst(5)), s > 0, s <= 8 else { return nil }
        return .zipf(s)
    }

    public static let forms = "give uniform or zipf:S with 0 < S <= 8, such as zipf:1.0"

    /// A distribution's targeted policy has about 5000 types, and file
    /// checks crowd onto a few of them: the labels and skew a run uses
    /// unless told otherwise, and the ones a digest shows first.
    public static let realistic = LabelSkew.zipf(1.0)
    public static let realisticLabels = 4096

    /// `count` draws of label indices in 0..<labels.
    func draws(_ count: Int, labels: Int, using rng: inout SeededGenerator) -> [Int] {
        guard labels > 1 else { return Array(repeating: 0, count: count) }
        switch self {
        case .uniform:
            return (0..<count).map { _ in Int.random(in: 0..<labels, using: &rng) }
        case .zipf(let s):
            // Inverse of the cumulative distribution, by binary search.
            var cumulative = [Double](repeating: 0, count: labels)
            var total = 0.0
            for rank in 0..<labels {
                total += 1 / pow(Double(rank + 1), s)
                cumulative[rank] = total
            }
            return (0..<count).map { _ in
                let u = Double.random(in: 0..<total, using: &rng)
                var low = 0
                var high = labels - 1
                while low < high {
                    let mid = (low + high) / 2
                    if cumulative[mid] > u { high = mid } else { low = mid + 1 }
                }
                return low
            }
        }
    }
}
