/// SeededGenerator (Steele, Lea and Flood 2014): a tiny, fast, well-mixed
/// generator. Everything random in hookbench is drawn from one of these with
/// a printed seed, so any world, call order or bootstrap can be replayed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed for the i-th member of a family derived from one master seed.
    public static func derive(_ master: UInt64, _ index: UInt64) -> UInt64 {
        var g = SeededGenerator(seed: master ^ (index &* 0xD1B5_4A32_D192_ED03))
        return g.next()
    }
}
