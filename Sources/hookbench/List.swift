import ArgumentParser
import LSMModel
import Strategies

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List strategies or hooks.")

    enum What: String, ExpressibleByArgument, CaseIterable {
        case strategies, hooks
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
        case .hooks:
            for hook in HookCatalogue.all {
                print("\(hook.name.padding(24))\(hook.kind == .int ? "int " : "void")  \(hook.typicalClass)")
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
