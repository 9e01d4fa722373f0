// How much memory the machine can give a new process without swapping:
// MemAvailable of /proc/meminfo (the kernel's own estimate), read through
// SystemFileReader so tests can give a fake one.

public enum SystemMemory {
    /// MemAvailable in bytes; nil when /proc/meminfo is absent or has no
    /// such line (kernels before 3.14, or not Linux).
    public static func availableBytes(reader: SystemFileReader = .live) -> Int? {
        guard let text = try? reader.read("/proc/meminfo") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let words = line.split(separator: " ")
            guard words.count >= 2, let value = Int(words[1]) else { return nil }
            let unit = words.count >= 3 ? words[2].lowercased() : ""
            return unit == "kb" ? value * 1024 : value
        }
        return nil
    }
}
