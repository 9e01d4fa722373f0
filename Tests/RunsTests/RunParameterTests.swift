// The table of run parameters: every parameter reads back what it writes,
// the command line and a suite file give the same request for the same
// text, and groups replace each other whole.

import Foundation
import LSMModel
import Measurement
import NUMA
import Runs
import Testing

/// A value text for every parameter, as a user would type it.
private let sampleTexts: [String: String] = [
    "strategies": "hlist,ns-table", "depths": "0,8,32", "lsms": "4", "namespaced_lsms": "2", "hooks": "file_open,task_kill",
    "tasks": "16", "modes": "throughput,latency", "caches": "hot,cold", "seed": "7", "target_ci": "2%",
    "max_time": "500ms", "warmup": "20ms", "repeats": "2", "events": "none", "require_counters": "true",
    "numa": "local", "cpu_node": "0", "mem_node": "0", "page_size": "thp", "calibration_size": "32MiB",
    "labels": "16,4096", "skew": "uniform,zipf:1.0", "avc": "256:128:8", "ops": "check,reload,create-unwound",
    "descendants": "0,100", "threads": "1,2", "write_rates": "0,1000,max", "thread_placement": "packed", "world_copies": "shared,per-node",
]

private func read(_ key: String, _ text: String) throws -> RunRequest {
    let parameter = try #require(RunParameters.named(key))
    var request = RunRequest()
    try parameter.read(parameter.shape == .list ? text.split(separator: ",").map(String.init) : [text], into: &request)
    return request
}

struct RunParameterTests {
    @Test func threadsOrAWriteRateMakeEveryCheckPointAChurnPoint() throws {
        var request = try read("threads", "1,2").overriding(with: try read("write_rates", "0,max"))
        request.strategies = ["hlist"]
        request.depths = [8]
        request.lsms = [2]
        request.namespacedLSMs = [1]
        request.hooks = [1]
        request.tasks = [1]
        request.modes = [.throughput]
        request.caches = [.hot]
        request.ops = [.check, .reload]
        let axes = try request.options(topology: Topology(nodes: [NUMANode(id: 0, cpus: [0, 1], memoryTotalBytes: 1 << 30, memoryFreeBytes: 1 << 29)],
                                                         distances: [[10]]), command: []).options.axes
        let churn = axes.points.compactMap(\.churn)
        #expect(churn.map(\.readers) == [1, 1, 2, 2])
        #expect(churn.map(\.writeRate) == [.perSecond(0), .max, .perSecond(0), .max])
        #expect(axes.points.filter { $0.op == .reload }.allSatisfy { $0.churn == nil }, "a write-side operation is timed alone")
    }

    @Test func aWriteRateMustBeARateOrMax() {
        #expect { try read("write_rates", "fast") } throws: { "\($0)".contains("give writes per second") }
        let none = try? read("threads", "0")
        #expect(none.map { RunParameters.named("threads")!.problems(in: $0, topology: nil).count } == 1)
    }

    @Test func everyParameterHasASampleAndAUniqueKeyAndFlag() {
        #expect(Set(RunParameters.all.map(\.key)) == Set(sampleTexts.keys))
        #expect(Set(RunParameters.all.map(\.flag)).count == RunParameters.all.count)
        #expect(RunParameters.named("namespaced_lsms")?.flag == "--namespaced-lsms")
        #expect(RunParameters.named("hooks")?.flag == "--hook")
    }

    @Test(arguments: Array(sampleTexts.keys).sorted())
    func aParameterReadsBackWhatItWrites(key: String) throws {
        let parameter = try #require(RunParameters.named(key))
        let request = try read(key, sampleTexts[key]!)
        let written = try #require(parameter.text(in: request))
        var again = RunRequest()
        try parameter.read(written, into: &again)
        #expect(again == request, "\(key): \(written)")
        #expect(parameter.problems(in: request, topology: nil).isEmpty)
    }

    @Test func theCommandLineReadsTheSameValuesAsTheTable() throws {
        var words: [String] = ["depth"]
        var expected = RunRequest()
        for parameter in RunParameters.all where parameter.group == nil {
            let text = sampleTexts[parameter.key]!
            words += parameter.shape == .toggle ? [parameter.flag] : [parameter.flag + "=" + text]
            expected = expected.overriding(with: try read(parameter.key, text))
        }
        let (suite, request) = try RunParameters.parseCommandLine(words)
        #expect(suite == "depth")
        #expect(request == expected)
        #expect(request.hooks == [HookCatalogue.id(named: "file_open")!, HookCatalogue.id(named: "task_kill")!])
        #expect(request.modes == [.throughput, .latency])
        #expect(request.warmup == 0.02)
        #expect(request.calibrationBytes == 32 << 20)
        #expect(request.labels == [16, 4096])
        #expect(request.skews == [.uniform, .zipf(1.0)])
        #expect(request.avc == (try CacheGeometry(slots: 256, threshold: 128, reclaim: 8)))
    }

    @Test(arguments: [("labels", "0", "out of range"), ("labels", "2000000", "out of range"),
                      ("skew", "zipf", "is not a label skew"), ("skew", "zipf:-1", "is not a label skew"),
                      ("avc", "500:512:16", "power of two"), ("avc", "512:512", "SLOTS:THRESHOLD:RECLAIM"),
                      ("avc", "512:16:32", "reclaim")])
    func badLabelAndCacheValuesAreRefusedWithTheFix(key: String, text: String, says: String) throws {
        let parameter = try #require(RunParameters.named(key))
        var request = RunRequest()
        var messages: [String] = []
        do {
            try parameter.read(parameter.shape == .list ? [text] : [text], into: &request)
            messages = parameter.problems(in: request, topology: nil).map(\.message)
        } catch {
            messages = [error.message]
        }
        #expect(messages.contains { $0.contains(says) }, "\(key) \(text): \(messages)")
    }

    @Test func oneLabelIsMeasuredOnceWhateverTheSkews() {
        var axes = RunAxes(strategies: ["hlist"], depths: [0], lsms: [2], namespacedLSMs: [1], hooks: [0], tasks: [4],
                           modes: [.throughput], caches: [.hot], seed: 1)
        axes.labels = [1, 64]
        axes.skews = [.zipf(1.0), .uniform]
        let worlds = axes.points.map(\.world)
        #expect(worlds.map(\.labels) == [1, 64, 64])
        #expect(worlds.map(\.skew) == [.uniform, .zipf(1.0), .uniform])
    }

    @Test func theWarmupReachesTheSamplingPlan() throws {
        var request = RunRequest.defaults
        request.warmup = try read("warmup", "250ms").warmup
        let (options, _) = try request.options(topology: .current(), command: [])
        #expect(options.sampling.warmupSeconds == 0.25)
        #expect(try RunRequest.defaults.options(topology: .current(), command: []).options.sampling.warmupSeconds == SamplingPlan().warmupSeconds)
    }

    @Test(arguments: [
        (["--depths"], "--depths: missing value; --depths takes list of depths 0-64"),
        (["--depth", "3"], "unknown option '--depth'"),
        (["quick", "depth"], "give one suite (already 'quick')"),
        (["--depths", "1,x"], "--depths: 'x' is not a whole number"),
        (["--warmup", "soon"], "--warmup: 'soon' is not a duration"),
        (["--require-counters=maybe"], "--require-counters: 'maybe' is not true or false"),
        (["--op", "check,rename"], "--op: 'rename'"),
    ])
    func badCommandLinesSayWhatIsWrong(words: [String], message: String) {
        do {
            _ = try RunParameters.parseCommandLine(words)
            Issue.record("accepted \(words)")
        } catch {
            let text = error.key == "suite" ? error.message : error.commandLineText
            #expect(text.contains(message), "\(text)")
        }
    }

    @Test func descendantsOutOfRangeAreAProblemNamingTheFix() throws {
        var request = RunRequest.defaults
        request.descendants = [100, -1]
        #expect(request.problems().contains { $0.key == "descendants" && $0.message.contains("valid counts are 0 to 1000000") })
        request.descendants = [0, 10_000]
        #expect(!request.problems().contains { $0.key == "descendants" })
    }

    @Test func aPlacementGivenLaterReplacesTheEarlierOneWhole() throws {
        var suite = try read("mem_node", "0")
        try RunParameters.named("cpu_node")!.read(["0"], into: &suite)
        #expect(suite.overriding(with: try read("cpu_node", "0")).memNode == nil, "cpu_node alone replaces cpu_node and mem_node")
        let merged = suite.overriding(with: try read("numa", "local"))
        #expect(merged.numa?.text == "local")
        #expect(merged.cpuNode == nil && merged.memNode == nil)
        #expect(suite.overriding(with: try read("depths", "1")).memNode == 0, "other parameters leave the placement alone")
    }

    @Test func metaJSONKeepsTheRequestAsASuiteWouldSpellIt() throws {
        var request = RunRequest.defaults
        request.suite = "quick"
        request.targetCI = 0.07
        let json = try #require(String(data: JSONEncoder().encode(request), encoding: .utf8))
        #expect(json.contains("\"target_ci\":\"7%\""))
        #expect(json.contains("\"namespaced_lsms\":[\"2\"]"))
        #expect(json.contains("\"hooks\":[\"file_open\"]"))
        #expect(try JSONDecoder().decode(RunRequest.self, from: Data(json.utf8)) == request)
    }
}
