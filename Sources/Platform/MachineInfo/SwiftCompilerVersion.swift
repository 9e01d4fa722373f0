/// The version of the compiler that built this module, fixed at compile time.
enum SwiftCompilerVersion {
    // `#if compiler` only answers threshold questions, so the chain names
    // every release since the package's minimum tools version (6.1).
    static let text: String = {
        #if compiler(>=6.5)
        return "6.5 or newer"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "older than 6.1"
        #endif
    }()
}
