import Support
import Testing

struct ByteSizeTests {
    @Test(arguments: [
        (0, "0 B"), (100, "100 B"), (896, "896 B"), (1023, "1023 B"),
        (1024, "1 KiB"), (4_096, "4 KiB"), (6_144, "6 KiB"), (29_491, "28.8 KiB"),
        (1 << 20, "1 MiB"), (3 << 19, "1.5 MiB"), (512 << 20, "512 MiB"),
        (1 << 30, "1 GiB"), (3 << 29, "1.5 GiB"), (2 << 30, "2 GiB"),
    ])
    func largestUnitReached(count: Int, text: String) {
        #expect(ByteSize.text(count) == text)
    }

    @Test func inexactSizesShowOneDecimal() {
        #expect(ByteSize.text(1025) == "1.0 KiB")
        #expect(ByteSize.text((1 << 20) + (1 << 19) + 1) == "1.5 MiB")
    }
}
