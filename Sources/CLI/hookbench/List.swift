import ArgumentParser
import Foundation
import NUMA
import Reports
import Runs
import Suites
import LSMModel
import Measurement
import Strategies

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List strategies, hooks, or suites (each with the question it answers).")

    enum What: String, ExpressibleByArgument, CaseIterable {
        case strategies, hooks, suites
    }

    @Argument(help: "What to list: \(What.allCases.map(\.rawValue).joined(separator: ", ")).")
    var what: What

    func run() {
        switch what {
        case .strategies:
            let column = (StrategyRegistry.names.map(\.count).max() ?? 0) + 2
            let designs = StrategyRegistry.all.filter { $0.info.implementation == "swift" }
            let twins = StrategyRegistry.all.filter { $0.info.implementation != "swift" }
            for (heading, group) in [("\(designs.count) designs:", designs),
                                     ("\(twins.count) C twins (the same algorithm over the same memory, in C):", twins)] {
                print(heading)
                for descriptor in group {
                    let info = descriptor.info
                    print("  \(info.name.padding(column))\(info.summary)")
                    print("  \("".padding(column))models: \(info.models)")
                }
            }
        case .suites:
            let topology = Topology.current()
            for (index, name) in SuiteLibrary.names().enumerated() {
                if index > 0 { print("") }
                do {
                    let suite = try SuiteFile(path: try SuiteLibrary.path(for: name))
                    let request = RunRequest.defaults.overriding(with: suite.request)
                    let (options, _) = try request.options(topology: topology, command: [])
                    let points = options.axes.points.count
                    // Sampling stops at the CI target or max-time, whichever
                    // comes first: max-time bounds the run.
                    let seconds = Double(points) * options.sampling.maxSecondsPerPoint
                    // The question the suite answers first, then what it
                    // measures and how long it takes.
                    let (question, details) = Self.question(suite.description)
                    let indent = "".padding(10)
                    print(TextLayout.wrap(question, width: 79, indent: name.padding(10), continuation: indent).joined(separator: "\n"))
                    if !details.isEmpty {
                        print(TextLayout.wrap(details, width: 79, indent: indent, continuation: indent).joined(separator: "\n"))
                    }
                    var bound = "\(points) points, at most \(Self.duration(seconds))"
                    if options.axes.ops.contains(where: \.isLifecycle) {
                        // A write-side repeat takes its minimum samples past
                        // max-time, and builds a world with every descendant.
                        bound += " of sampling; each write-side repeat also takes at least \(options.sampling.minimumSamples) operations however long they are, and builds its world (up to \(options.axes.descendants.max() ?? 0) descendants) first"
                    }
                    print(TextLayout.wrap(bound, width: 79, indent: indent, continuation: indent).joined(separator: "\n"))
                } catch {
                    print("\(name.padding(10))\(error)")
                }
            }
        case .hooks:
            for hook in HookCatalogue.all {
                print("\(hook.name.padding(24))\(hook.kind == .int ? "int " : "void")  \(hook.typicalClass)")
            }
        }
    }
}

extension List {
    /// A suite's description split after the question it answers ("What
    /// does each ancestor level cost?") from what follows; all of it is the
    /// question when it asks none.
    static func question(_ description: String) -> (question: String, details: String) {
        guard let mark = description.firstIndex(of: "?") else { return (description, "") }
        let question = String(description[...mark])
        let details = description[description.index(after: mark)...].trimmingCharacters(in: .whitespaces)
        return (question, details)
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        return total < 120 ? "\(total) s" : total < 7200 ? "\(total / 60) min" : "\(total / 3600) h \(total % 3600 / 60) min"
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
