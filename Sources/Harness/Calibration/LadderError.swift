/// Why a ladder could not be measured or written.
public enum LadderError: Error, Equatable, CustomStringConvertible {
    case invalidConfiguration(String)
    case allocationFailed(byteCount: Int, reason: String)
    case fileWriteFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message):
            return "invalid ladder configuration: \(message)"
        case .allocationFailed(let byteCount, let reason):
            return "could not allocate \(byteCount) bytes for the latency ladder: \(reason)"
        case .fileWriteFailed(let path, let reason):
            return "could not write \(path): \(reason)"
        }
    }
}
