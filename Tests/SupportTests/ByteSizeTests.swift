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

    @Test(arguments: [
        ("32K", 32 << 10), ("32K\n", 32 << 10), (" 48K ", 48 << 10), ("1024K", 1 << 20), ("1M", 1 << 20),
        ("2M", 2 << 20), ("32M", 32 << 20), ("1G", 1 << 30), ("512", 512), ("0K", 0),
    ])
    func sysfsSizes(text: String, bytes: Int) {
        #expect(ByteSize.parseSysfs(text) == bytes)
    }

    @Test(arguments: ["bad", "", "K", "12Q", "1.5M", "-4K", "+4K", "4 K", "4KiB", "4k", "99999999999999999999G", "9999999999999G"])
    func notSysfsSizes(text: String) {
        #expect(ByteSize.parseSysfs(text) == nil)
    }

    @Test func sysfsSpelling() {
        #expect(ByteSize.sysfsText(48 << 10) == "48K")
        #expect(ByteSize.sysfsText(1280 << 10) == "1280K")
        #expect(ByteSize.sysfsText(2 << 20) == "2M")
        #expect(ByteSize.sysfsText(1 << 30) == "1G")
        #expect(ByteSize.sysfsText(100) == "100B")
        #expect(ByteSize.sysfsText(1023) == "1023B")
        for bytes in [32 << 10, 42 << 20, 3 << 30, 4_096] {
            #expect(ByteSize.parseSysfs(ByteSize.sysfsText(bytes)) == bytes)
        }
    }
}
