import Foundation
import Support
import Testing

struct CacheDescriptionTests {
    @Test func shortTextNamesLevelTypeSizeAndInstances() {
        #expect(CacheDescription(level: 1, type: "Data", sizeBytes: 48 << 10, instances: 4).shortText == "L1d 48K x4")
        #expect(CacheDescription(level: 1, type: "Instruction", sizeBytes: 32 << 10, instances: 4).shortText == "L1i 32K x4")
        #expect(CacheDescription(level: 3, type: "Unified", sizeBytes: 60 << 20, instances: 2).shortText == "L3 60M x2")
        #expect(CacheDescription(level: 2, type: "Unified", sizeBytes: 1 << 20).shortText == "L2 1M x1")
    }

    @Test func oneInstanceUnlessSaid() {
        #expect(CacheDescription(level: 2, type: "Unified", sizeBytes: 1 << 20).instances == 1)
    }

    /// The machine records in meta.json keep these keys.
    @Test func jsonKeepsItsKeys() throws {
        let cache = CacheDescription(level: 3, type: "Unified", sizeBytes: 44_040_192, instances: 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(cache), as: UTF8.self)
        #expect(json == #"{"instances":2,"level":3,"sizeBytes":44040192,"type":"Unified"}"#)
        #expect(try JSONDecoder().decode(CacheDescription.self, from: Data(json.utf8)) == cache)
    }
}
