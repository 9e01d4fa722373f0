// The table of run parameters: one entry per parameter, in the order
// `--help`, suite-file errors and meta.json list them. Adding a parameter
// means a field in RunRequest, an entry here, the code that uses the value
// (RunRequest.options, usually), and a test.

import Calibration
import LSMModel
import Measurement
import NUMA
import PerfCounters
import Strategies
import Support

public enum RunParameters {
    public static let all: [RunParameter] = [
        .list("strategies", \.strategies, takes: "list of strategy names",
              help: "Strategies to measure (see 'hookbench list strategies').", .strategy),
        .list("depths", \.depths, takes: "list of depths 0-\(Limits.maxDepthLimit)",
              help: "Namespace depths of each task's credential (0 to \(Limits.maxDepthLimit)).",
              .integer.checked { depth, _ in
                  (0...Limits.maxDepthLimit).contains(depth) ? nil
                      : "depth \(depth) is beyond the limit; valid depths are 0 to \(Limits.maxDepthLimit)"
              }),
        .list("lsms", \.lsms, takes: "list of stack sizes 1-\(Limits.maxLSMs)",
              help: "Stacked LSMs (1 to \(Limits.maxLSMs)).",
              .integer.checked { count, _ in
                  (1...Limits.maxLSMs).contains(count) ? nil
                      : "\(count) LSMs is not a possible stack; valid values are 1 to \(Limits.maxLSMs) (MAX_LSM_COUNT)"
              }),
        .list("namespaced_lsms", \.namespacedLSMs, takes: "list of counts",
              help: "How many of the stacked LSMs are namespaced.",
              .integer.checked { count, _ in
                  (0...Limits.maxLSMs).contains(count) ? nil
                      : "\(count) namespaced LSMs is out of range; valid values are 0 to \(Limits.maxLSMs)"
              }),
        .list("hooks", \.hooks, flag: "--hook", takes: "list of hook names",
              help: "Hooks to call (see 'hookbench list hooks').", .hook),
        .list("tasks", \.tasks, takes: "list of task counts",
              help: "Distinct tasks (credentials, each with its own namespace chain).",
              .integer.checked { count, _ in
                  count < 1 ? "\(count) tasks: at least one task is needed"
                      : count > maxTasks ? "\(count) tasks is beyond the limit; valid task counts are 1 to \(maxTasks)" : nil
              }),
        .list("modes", \.modes, flag: "--mode", takes: "list of throughput, latency",
              help: "throughput (independent checks) and/or latency (a dependent chain).",
              .choice(CallMode.self, "a mode")),
        .list("caches", \.caches, flag: "--cache", takes: "list of hot, warm, cold",
              help: "hot, warm and/or cold.", .choice(CacheState.self, "a cache state")),
        .list("labels", \.labels, takes: "list of label counts 1-\(maxLabels)",
              help: "Distinct object labels (object SIDs) the checks are called on; 1 is one label for every object.",
              .integer.checked { count, _ in
                  (1...maxLabels).contains(count) ? nil
                      : "\(count) labels is out of range; valid label counts are 1 to \(maxLabels)"
              }),
        .list("skew", \.skews, takes: "list of uniform, zipf:S",
              help: "How checks draw their objects' labels: uniform, or zipf:S (rank k with weight 1/k^S).", .skew),
        .single("avc", \.avc, takes: "SLOTS:THRESHOLD:RECLAIM",
                help: "Bounds of every decision cache, as SELinux's AVC: hash slots (a power of two), live entries before reclaim, entries reclaimed at once (default 512:512:16).",
                .cacheGeometry),
        .list("ops", \.ops, flag: "--op", takes: "list of \(PointOperation.allCases.map(\.rawValue).joined(separator: ", "))",
              help: "What to time: check (the read side), or write-side operations, each timed alone into a histogram: create, create-refused, create-unwound, setns, reload (with the miss storm after it), destroy.",
              .choice(PointOperation.self, "an operation")),
        .list("descendants", \.descendants, takes: "list of counts 0-\(maxDescendants)",
              help: "Namespaces below task 0's own namespace (what a reload must reach).",
              .integer.checked { count, _ in
                  (0...maxDescendants).contains(count) ? nil
                      : "\(count) descendants is out of range; valid counts are 0 to \(maxDescendants)"
              }),
        .list("threads", \.threads, takes: "list of reader counts 1-\(maxThreads)",
              help: "Reader threads checking at once, each pinned to a CPU of its own while there are CPUs; with threads or write-rate, every check point runs readers under churn.",
              .integer.checked { count, _ in
                  (1...maxThreads).contains(count) ? nil
                      : "\(count) reader threads is out of range; valid counts are 1 to \(maxThreads)"
              }),
        .list("write_rates", \.writeRates, flag: "--write-rate", takes: "list of writes per second, or max",
              help: "Churn: one writer thread reloads task 0's namespace and creates a namespace, alternately, this many times a second (0: readers alone; max: as fast as it can).",
              .writeRate),
        .single("thread_placement", \.threadPlacement, flag: "--placement", takes: "spread or packed",
                help: "Churn readers on a machine of several NUMA nodes: spread (dealt over the nodes in turn) or packed (one node's CPUs first).",
                .choice(ThreadPlacement.self, "a thread placement")),
        .list("world_copies", \.worldCopies, flag: "--copies", takes: "shared and/or per-node",
              help: "Churn: every reader checks one shared world, or (per-node) a copy of the world on each node with readers, its own node's; the writer writes to every copy.",
              .choice(WorldCopies.self, "a world copy")),
        .single("seed", \.seed, takes: "whole number", help: "Seed of the worlds and call orders.", .seed),
        .single("target_ci", \.targetCI, takes: "percentage, e.g. 1%",
                help: "Stop sampling a point once its 95% CI is within this of the median, e.g. 1%.", .percentage),
        .single("max_time", \.maxTime, takes: "duration, e.g. 2s", help: "Time budget per point, e.g. 3s.", .duration),
        .single("warmup", \.warmup, takes: "duration, e.g. 10ms",
                help: "Checks run untimed for this long in each repeat before sampling starts (default 10ms).", .duration),
        .single("repeats", \.repeats, takes: "whole number",
                help: "Independent worlds (fresh allocations, new placement) per point.",
                .integer.checked { count, _ in count < 1 ? "\(count) repeats: at least one is needed" : nil }),
        .single("events", \.events, takes: "auto, none or libpfm4 names",
                help: "Perf events: auto, none, or libpfm4 names (e.g. perf::PAGE-FAULTS,cycles:u).", .events),
        .toggle("require_counters", \.requireCounters,
                help: "Fail instead of running without a requested counter."),
        .single("numa", \.numa, takes: "local, remote or cpu:mem pairs",
                help: "Placements to sweep: local, remote, pairs (every ordered pair), or cpu:mem pairs such as 0:1,1:0.",
                group: "placement", .numa),
        .single("cpu_node", \.cpuNode, takes: "node number",
                help: "Pin the measuring thread to a CPU of this NUMA node.", group: "placement", .node),
        .single("mem_node", \.memNode, takes: "node number",
                help: "Allocate everything a check touches on this NUMA node.", group: "placement", .node),
        .single("page_size", \.pageSize, takes: "4k or thp",
                help: "4k or thp (transparent huge pages, madvise).", .pageSize),
        .single("calibration_size", \.calibrationBytes, takes: "size such as 64MiB, or 0",
                help: "Largest latency-ladder size for OUT/calibration.csv, or 0 to skip.", .calibrationSize),
    ]

    /// The most tasks a world may have: each is a credential with its own
    /// namespace chain, built whole before the first check.
    public static let maxTasks = 1_000_000
    /// The most object labels a world may have (a distribution's targeted
    /// policy has about 5000 types; this is ample room above it).
    public static let maxLabels = 1 << 20
    /// The most descendants a world may have: each is a namespace per
    /// namespaced LSM with a credential of its own.
    public static let maxDescendants = 1_000_000
    /// The most reader threads of a churn point.
    public static let maxThreads = 4_096
    /// The most namespaces one world may have (tasks x depth x namespaced
    /// LSMs), whatever the machine's memory: about 3.6 KiB each.
    public static let maxNamespacesPerWorld = 16_000_000

    public static func named(_ key: String) -> RunParameter? { all.first { $0.key == key } }

    public static func flagged(_ flag: String) -> RunParameter? { all.first { $0.flag == flag } }

    /// What `hookbench run` accepts besides its own options, for `--help`:
    /// the flag, then its help wrapped to fit 80 columns.
    public static var helpText: String {
        let column = 28
        return all.map { parameter in
            let usage = "  " + parameter.flag + (parameter.shape == .toggle ? "" : parameter.shape == .list ? " LIST" : " VALUE")
            var lines: [String] = []
            var line = ""
            for word in parameter.help.split(separator: " ") {
                if !line.isEmpty && line.count + 1 + word.count > 78 - column {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line)
            let first = usage.count < column ? usage + String(repeating: " ", count: column - usage.count) : usage + "\n" + String(repeating: " ", count: column)
            return first + lines.joined(separator: "\n" + String(repeating: " ", count: column))
        }.joined(separator: "\n")
    }

    /// Reads a command line's parameter flags, and at most one word that is
    /// not a flag (the suite). Each flag takes the word after it (or
    /// `--flag=value`), except switches.
    public static func parseCommandLine(_ words: [String]) throws(ParameterProblem) -> (suite: String?, request: RunRequest) {
        var request = RunRequest()
        var suite: String?
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("-") else {
                guard suite == nil else {
                    throw ParameterProblem(key: "suite", message: "unexpected argument '\(word)': give one suite (already '\(suite!)')")
                }
                suite = word
                continue
            }
            let (flag, attached) = word.firstIndex(of: "=").map { (String(word[..<$0]), String(word[word.index(after: $0)...])) }
                ?? (word, nil)
            guard let parameter = flagged(flag) else {
                throw ParameterProblem(key: "suite", message: "unknown option '\(flag)'; see 'hookbench run --help' for the options")
            }
            let text: String
            if parameter.shape == .toggle {
                text = attached ?? "true"
            } else if let attached {
                text = attached
            } else {
                guard index < words.count else {
                    throw ParameterProblem(key: parameter.key, message: "missing value; \(parameter.flag) takes \(parameter.takes)")
                }
                text = words[index]
                index += 1
            }
            let items = parameter.shape == .list ? ValueSyntaxes.items(text) : [text]
            try parameter.read(items, into: &request)
        }
        return (suite, request)
    }
}

/// The item syntaxes the table uses.
enum ValueSyntaxes {
    /// Comma-separated items, blanks around them dropped.
    static func items(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
    }

    static func percentage(_ text: String) -> Result<Double, Refusal> {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(number), value > 0, value < 100 else {
            return .failure(Refusal("'\(text)' is not a percentage; \(percentageForms)"))
        }
        return .success(value / 100)
    }

    static let percentageForms = "give a value between 0% and 100% such as 1% or 0.5%"
    static let durationForms = "give a positive number with s, ms or m, such as 4s or 500ms"
}

extension ValueSyntax where Value == Int {
    static let integer = ValueSyntax(
        parse: { text in Int(text).map { .success($0) } ?? .failure(Refusal("'\(text)' is not a whole number")) },
        format: { String($0) })

    /// A NUMA node, which must exist when the machine's topology is known.
    static let node = integer.checked { node, topology in
        guard let topology else { return nil }
        do { _ = try topology.requireNode(node) } catch { return "\(error)" }
        return nil
    }
}

extension ValueSyntax where Value == UInt64 {
    static let seed = ValueSyntax(
        parse: { text in UInt64(text).map { .success($0) } ?? .failure(Refusal("'\(text)' is not a whole number")) },
        format: { String($0) })
}

extension ValueSyntax where Value == Bool {
    static let bool = ValueSyntax(
        parse: { text in
            switch text.lowercased() {
            case "true", "yes", "on": return .success(true)
            case "false", "no", "off": return .success(false)
            default: return .failure(Refusal("'\(text)' is not true or false"))
            }
        },
        format: { $0 ? "true" : "false" })
}

extension ValueSyntax where Value == String {
    static let strategy = ValueSyntax(parse: { .success($0) }, format: { $0 }, check: { name, _ in
        StrategyRegistry.named(name) != nil ? nil
            : "unknown strategy '\(name)'; valid strategies: \(StrategyRegistry.names.joined(separator: ", "))"
    })
}

extension ValueSyntax where Value == HookID {
    static let hook = ValueSyntax(
        parse: { name in
            HookCatalogue.id(named: name).map { .success($0) }
                ?? .failure(Refusal("unknown hook '\(name)'; valid hooks: \(HookCatalogue.all.map(\.name).joined(separator: ", "))"))
        },
        format: { HookCatalogue.all[$0].name })
}

extension ValueSyntax where Value: RawRepresentable & CaseIterable & Sendable, Value.RawValue == String {
    /// One of an enumeration's raw values.
    static func choice(_ type: Value.Type, _ what: String) -> ValueSyntax {
        ValueSyntax(
            parse: { text in
                Value(rawValue: text).map { .success($0) }
                    ?? .failure(Refusal("'\(text)' is not \(what); choose from \(Value.allCases.map(\.rawValue).joined(separator: ", "))"))
            },
            format: { $0.rawValue })
    }
}

extension ValueSyntax where Value == Double {
    /// "1%", "0.5%" or a bare "1" (percent), as a fraction in (0, 1).
    static let percentage = ValueSyntax(
        parse: ValueSyntaxes.percentage,
        format: { fraction in
            // The fewest digits that read back as the same fraction.
            for digits in 0...15 {
                let text = FixedPoint.text(fraction * 100, decimals: digits) + "%"
                if case .success(let value) = ValueSyntaxes.percentage(text), value == fraction { return text }
            }
            return "\(fraction * 100)%"
        },
        check: { value, _ in
            value > 0 && value < 1 ? nil : "target CI \(value * 100)% is not a percentage between 0% and 100%"
        })

    /// "4s", "500ms", "2m" or bare seconds, positive.
    static let duration = ValueSyntax(
        parse: { text in
            for (suffix, scale) in [("ms", 0.001), ("s", 1.0), ("m", 60.0)] where text.hasSuffix(suffix) {
                if let value = Double(text.dropLast(suffix.count)), value > 0 { return .success(value * scale) }
            }
            if let value = Double(text), value > 0 { return .success(value) }
            return .failure(Refusal("'\(text)' is not a duration; \(ValueSyntaxes.durationForms)"))
        },
        format: { "\($0)s" },
        check: { value, _ in value > 0 ? nil : "max time \(value) s must be positive" })
}

extension ValueSyntax where Value == WriteRate {
    static let writeRate = ValueSyntax(
        parse: { text in
            WriteRate(text).map { .success($0) }
                ?? .failure(Refusal("'\(text)' is not a write rate; give writes per second (0 or more, such as 1000) or max"))
        },
        format: { $0.description })
}

extension ValueSyntax where Value == LabelSkew {
    static let skew = ValueSyntax(
        parse: { text in
            LabelSkew.parse(text).map { .success($0) } ?? .failure(Refusal("'\(text)' is not a label skew; \(LabelSkew.forms)"))
        },
        format: { $0.description })
}

extension ValueSyntax where Value == CacheGeometry {
    static let cacheGeometry = ValueSyntax(
        parse: { text in
            do { return .success(try CacheGeometry.parse(text)) } catch { return .failure(Refusal("\(error)")) }
        },
        format: { $0.description })
}

extension ValueSyntax where Value == EventSelection {
    static let events = ValueSyntax(
        parse: { text in
            if text == "none" { return .success(.none) }
            do { return .success(.events(text, try CounterEvent.resolve(text))) } catch {
                return .failure(Refusal("events '\(text)': \(error)"))
            }
        },
        format: { $0.text })
}

extension ValueSyntax where Value == NUMARequest {
    static let numa = ValueSyntax(
        parse: { text in
            do { return .success(try NUMARequest.parse(text)) } catch { return .failure(Refusal("\(error)")) }
        },
        format: { $0.text },
        check: { request, topology in
            guard let topology else { return nil }
            do { _ = try request.expand(for: topology) } catch { return "\(error)" }
            return nil
        })
}

extension ValueSyntax where Value == PageSize {
    static let pageSize = ValueSyntax(
        parse: { text in
            PageSize(argument: text).map { .success($0) } ?? .failure(Refusal("page size '\(text)' is not valid; choose 4k or thp"))
        },
        format: { $0.rawValue })
}

extension ValueSyntax where Value == Int {
    /// A ladder size in bytes ("64MiB"), or 0 for no ladder.
    static let calibrationSize = ValueSyntax(
        parse: { text in
            if text == "0" { return .success(0) }
            do { return .success(try ByteSizeParser.parse(text)) } catch { return .failure(Refusal("\(error)")) }
        },
        format: { bytes in
            for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes > 0 && bytes % size == 0 {
                return "\(bytes / size)\(unit)"
            }
            return "\(bytes)"
        })
}

/// The perf events a run counts: none, or the events a `--events` text
/// resolved to (the text kept, so meta.json says what was asked).
public enum EventSelection: Sendable, Equatable {
    case none
    case events(String, [CounterEvent])

    public var text: String {
        switch self {
        case .none: return "none"
        case .events(let text, _): return text
        }
    }

    public var events: [CounterEvent] {
        switch self {
        case .none: return []
        case .events(_, let events): return events
        }
    }

    public static func == (a: EventSelection, b: EventSelection) -> Bool { a.text == b.text }
}
