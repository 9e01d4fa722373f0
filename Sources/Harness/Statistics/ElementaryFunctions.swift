// The elementary functions the distributions need, from the C library:
// the standard library has none.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func libcExp(_ x: Double) -> Double { exp(x) }
private func libcLog(_ x: Double) -> Double { log(x) }
private func libcLog1p(_ x: Double) -> Double { log1p(x) }
private func libcErfc(_ x: Double) -> Double { erfc(x) }

enum Elementary {
    static func exp(_ x: Double) -> Double { libcExp(x) }
    static func log(_ x: Double) -> Double { libcLog(x) }
    static func log1p(_ x: Double) -> Double { libcLog1p(x) }
    /// The complementary error function, accurate in the far tail where
    /// 1 - erf(x) would cancel.
    static func erfc(_ x: Double) -> Double { libcErfc(x) }
}
