import Support
import Testing

struct TextPaddingTests {
    @Test func leftPaddingRightAligns() {
        #expect("4 KiB".leftPadded(to: 8) == "   4 KiB")
        #expect("".leftPadded(to: 3) == "   ")
        #expect("exact".leftPadded(to: 5) == "exact")
        #expect("too wide".leftPadded(to: 3) == "too wide")
        #expect("x".leftPadded(to: 0) == "x")
        #expect("x".leftPadded(to: -4) == "x")
    }

    @Test func rightPaddingLeftAligns() {
        #expect("L1".rightPadded(to: 5) == "L1   ")
        #expect("".rightPadded(to: 2) == "  ")
        #expect("exact".rightPadded(to: 5) == "exact")
        #expect("too wide".rightPadded(to: 3) == "too wide")
    }

    @Test func widthCountsCharacters() {
        #expect("é".leftPadded(to: 3) == "  é")
        #expect("±".rightPadded(to: 2) == "± ")
    }

    @Test func trimmingRemovesSurroundingWhitespaceOnly() {
        #expect("  32K\n".trimmingWhitespace() == "32K")
        #expect("\t0-3,8\r\n".trimmingWhitespace() == "0-3,8")
        #expect("model name\t".trimmingWhitespace() == "model name")
        #expect("a b".trimmingWhitespace() == "a b")
        #expect(" \n\t ".trimmingWhitespace() == "")
        #expect("".trimmingWhitespace() == "")
        #expect("x y z"[...].dropFirst(1).trimmingWhitespace() == "y z")
    }
}
