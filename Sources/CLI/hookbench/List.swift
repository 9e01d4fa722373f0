import ArgumentParser
import NUMA
import Runs
import Suites
import LSMModel
import Strategies

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List strategies or hooks.")

    enum What: String, ExpressibleByArgument, CaseIterable {
        case strategies, hooks, suites
    }

    @Argument(help: "What to list: \(What.allCases.map(\.rawValue).joined(separator: ", ")).")
    var what: What

    func run() {
        switch what {
        case .strategies:
            for descriptor in StrategyRegistry.all {
                let info = descriptor.info
                print("\(info.name.padding(14))\(info.summary)")
                print("\("".padding(14))models: \(info.models)")
            }
        case .suites:
            let topology = Topology.current()
            for name in SuiteLibrary.names() {
                do {
                    let suite = try SuiteFile(path: try SuiteLibrary.path(for: name))
                    let request = RunRequest.defaults.overriding(with: suite.request)
                    let (options, _) = try request.options(topology: topology, command: [])
                    let points = options.axes.points.count
                    // Sampling stops at the CI target or max-time, whichever
                    // comes first: max-time bounds the run.
                    let seconds = Double(points) * options.sampling.maxSecondsPerPoint
                    print("\(name.padding(10))\(String(points).padding(7))points, at most \(Self.duration(seconds))")
                    print("\("".padding(10))\(suite.description)")
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
