#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file output on the C library, so the module needs no Foundation
/// for writing its outputs (it reads sysfs through Support's
/// SystemFileReader).
enum TextFile {
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
