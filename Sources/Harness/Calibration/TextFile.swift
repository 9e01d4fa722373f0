#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Minimal whole-file I/O on the C library, so the module needs no
/// Foundation for reading sysfs and writing its outputs.
enum TextFile {
    /// The file's contents, or nil when it cannot be opened or read.
    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count {
                if ferror(file) != 0 { return nil }
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Replaces the file's contents with `text`.
    static func write(_ text: String, to path: String) throws(LadderError) {
        guard let file = fopen(path, "w") else {
            throw .fileWriteFailed(path: path, reason: String(cString: strerror(errno)))
        }
        var utf8 = Array(text.utf8)
        let written = utf8.withUnsafeMutableBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let writeError = written != utf8.count ? errno : 0
        let closeResult = fclose(file)
        if writeError != 0 || closeResult != 0 {
            let code = writeError != 0 ? writeError : errno
            throw .fileWriteFailed(path: path, reason: String(cString: strerror(code)))
        }
    }
}
