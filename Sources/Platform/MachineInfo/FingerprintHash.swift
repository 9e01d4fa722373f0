import Foundation

extension MachineFingerprint {
    /// JSON with sorted keys and unescaped slashes: the byte form that
    /// `shortHash` is computed over, and a stable form to store.
    public func canonicalJSON() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            // Only strings, integers, booleans and containers of them are
            // encoded; JSONEncoder fails only for non-finite floats.
            preconditionFailure("encoding a MachineFingerprint cannot fail: \(error)")
        }
    }

    /// The first 12 hex digits of the 64-bit FNV-1a hash of `canonicalJSON()`.
    public var shortHash: String {
        String(FNV1a64.hexDigest(of: canonicalJSON()).prefix(12))
    }
}

/// 64-bit FNV-1a: tiny, dependency-free and fully specified, which is all a
/// configuration label needs (it is not a security hash).
public enum FNV1a64 {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        return hash
    }

    /// 16 lowercase hex digits, zero-padded.
    public static func hexDigest<Bytes: Sequence<UInt8>>(of bytes: Bytes) -> String {
        let digits = String(hash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
