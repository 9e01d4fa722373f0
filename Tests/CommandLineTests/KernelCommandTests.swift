// hookbench kernel refuses bad input before measuring anything: a clear
// message, a non-zero exit, and no results directory.

import Foundation
import Testing

struct KernelCommandTests {
    @Test(arguments: [
        (["--max-layers", "17"], "--max-layers must be 0 to 16"),
        (["--max-depth", "33"], "--max-depth must be 0 to 32"),
        (["--repeats", "0"], "--repeats must be at least 1"),
        (["--compare", "/nonexistent-hookbench-run"], "--compare /nonexistent-hookbench-run"),
    ])
    func badInputIsRefusedBeforeMeasuring(arguments: [String], message: String) throws {
        let out = NSTemporaryDirectory() + "hookbench-kernel-cli-\(UInt64.random(in: 0...UInt64.max))"
        let result = try hookbench(["kernel"] + arguments + ["--out", out])
        #expect(result.status != 0)
        #expect(result.output.contains(message), "\(result.output)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
