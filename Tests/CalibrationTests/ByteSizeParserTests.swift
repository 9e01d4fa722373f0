import Testing
import Calibration

@Test func acceptsDocumentedForms() throws {
    #expect(try ByteSizeParser.parse("4KiB") == 4_096)
    #expect(try ByteSizeParser.parse("64MiB") == 64 << 20)
    #expect(try ByteSizeParser.parse("512M") == 512 << 20)
    #expect(try ByteSizeParser.parse("1GiB") == 1 << 30)
    #expect(try ByteSizeParser.parse("65536") == 65_536)
    #expect(try ByteSizeParser.parse("4k") == 4_096)
    #expect(try ByteSizeParser.parse("2g") == 2 << 30)
    #expect(try ByteSizeParser.parse("3kib") == 3_072)
}

@Test func rejectsJunkWithHelpfulMessage() {
    for junk in ["", "abc", "4KB", "4 KiB", "-4K", "+4K", "1.5MiB", "0", "0KiB", "4KiBs", "K",
                 "99999999999999999999", "9999999999999G", " 4K", "4T"] {
        do {
            let value = try ByteSizeParser.parse(junk)
            Issue.record("\"\(junk)\" parsed as \(value)")
        } catch {
            #expect(error.input == junk)
            #expect(error.description.contains("4KiB, 64MiB, 512M, 1GiB"))
            #expect(error.description.contains("65536"))
        }
    }
}

@Test func problemNamesTheFault() {
    #expect(throws: ByteSizeParseError.self) { try ByteSizeParser.parse("4KB") }
    do {
        _ = try ByteSizeParser.parse("4KB")
    } catch {
        #expect(error.problem.contains("unknown unit"))
    }
    do {
        _ = try ByteSizeParser.parse("0")
    } catch {
        #expect(error.problem.contains("positive"))
    }
}
