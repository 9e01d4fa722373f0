import Foundation
import NUMA
import Runs
import Suites
import Testing

private func suite(_ text: String) throws -> SuiteFile {
    let path = NSTemporaryDirectory() + "suite-\(UInt64.random(in: 0...UInt64.max)).yaml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try SuiteFile(path: path)
}

private func failure(_ text: String) -> SuiteError? {
    do { _ = try suite(text); return nil } catch let error as SuiteError { return error } catch { return nil }
}

struct SuiteFileTests {
    @Test func everyShippedSuiteLoads() throws {
        let names = SuiteLibrary.names()
        for expected in ["quick", "depth", "stacking", "numa", "full"] { #expect(names.contains(expected)) }
        for name in names {
            let file = try SuiteFile(path: try SuiteLibrary.path(for: name))
            #expect(!file.description.isEmpty)
            #expect(file.request.strategies?.isEmpty == false)
        }
    }

    @Test func valuesBecomeTheRequest() throws {
        let file = try suite("""
            strategies: [hlist, ns-table]
            depths: [0, 8]
            target_ci: 2%
            max_time: 500ms
            caches: hot
            """)
        #expect(file.request.strategies == ["hlist", "ns-table"])
        #expect(file.request.depths == [0, 8])
        #expect(file.request.targetCI == 0.02)
        #expect(file.request.maxTime == 0.5)
        #expect(file.request.caches == [.hot])
    }

    @Test func anUnknownKeyNamesItsLineColumnAndTheValidKeys() {
        let error = failure("strategies: [hlist]\ndepht: [1]\n")
        #expect(error?.line == 2 && error?.column == 1)
        #expect(error?.message.contains("unknown key 'depht'; valid keys: description, strategies, depths") == true)
    }

    @Test func anUnknownStrategyPointsAtItsValue() {
        let error = failure("depths: [1]\nstrategies: [hlist, turbo]\n")
        #expect(error?.line == 2 && error?.column == 13)
        #expect(error?.message.contains("unknown strategy 'turbo'; valid strategies: hlist") == true)
    }

    @Test func impossibleValuesAreRefused() {
        #expect(failure("depths: [0, 99]\n")?.message.contains("valid depths are 0 to 64") == true)
        #expect(failure("lsms: [15]\n")?.message.contains("1 to 14") == true)
        #expect(failure("target_ci: lots\n")?.message.contains("not a percentage") == true)
        #expect(failure("depths: [zero]\n")?.message.contains("'zero' is not a whole number") == true)
        #expect(failure("caches: [tepid]\n")?.message.contains("choose from hot, warm, cold") == true)
    }

    @Test func badYAMLSaysWhere() {
        let error = failure("strategies: [hlist\ndepths: [1]\n")
        #expect(error != nil)
        #expect(error?.message.hasPrefix("not valid YAML") == true)
        #expect((error?.line ?? 0) >= 1)
        #expect(error?.description.contains(":\(error?.line ?? 0):") == true)
    }
}

struct RunRequestTests {
    @Test func laterLevelsOverrideEarlierOnes() {
        var suite = RunRequest()
        suite.depths = [0, 8]
        suite.cpuNode = 0
        var flags = RunRequest()
        flags.depths = [32]
        flags.numa = try! NUMARequest.parse("local")
        let merged = RunRequest.defaults.overriding(with: suite).overriding(with: flags)
        #expect(merged.depths == [32])
        #expect(merged.strategies == RunRequest.defaults.strategies)
        #expect(merged.numa?.text == "local" && merged.cpuNode == nil, "a placement replaces the earlier one whole")
    }

    @Test func theRequestSurvivesMetaJSON() throws {
        var request = RunRequest.defaults
        request.suite = "quick"
        let decoded = try JSONDecoder().decode(RunRequest.self, from: JSONEncoder().encode(request))
        #expect(decoded == request)
    }
}
