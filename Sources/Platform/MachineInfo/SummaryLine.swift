import Foundation

extension MachineFingerprint {
    /// Widest summary a mailing-list report can quote without wrapping.
    public static let summaryWidth = 72

    /// One line of at most 72 columns, e.g.
    /// "Xeon Gold 6348 x2, 56c/112t, 2 nodes, 6.8.0, tsc, gov perf, THP madvise".
    /// The most spelled-out wording that fits is used ("x2 sockets",
    /// "governor performance"); past the tersest wording the CPU model loses
    /// the words before its last one (usually the model number), then
    /// trailing details go.
    public var summary: String {
        let topology = cpuTopology.value
        let socketCount = topology.map { "x\($0.sockets)" } ?? "x?"
        let socketWord = topology.map { $0.sockets == 1 ? " socket" : " sockets" } ?? " sockets"
        let governor = frequencyGovernor.value.map { $0.contains(" ") ? "mixed" : $0 }
        let shortGovernor = governor.map(Self.abbreviatedGovernor)

        func details(governorText: String) -> [String] {
            [
                topology.map { "\($0.cores)c/\($0.logicalCPUs)t" } ?? "?c/?t",
                "\(numa.nodeCount) node\(numa.nodeCount == 1 ? "" : "s")",
                kernelRelease.value.map(Self.shortKernelRelease) ?? "kernel ?",
                clocksource.value ?? "clocksource ?",
                governorText,
                "THP " + (transparentHugePages.value ?? "n/a"),
            ]
        }
        // A bare governor name is still recognisable (performance, powersave,
        // schedutil...), but "n/a" alone would not be.
        let wordings: [(sockets: String, details: [String])] = [
            (socketCount + socketWord, details(governorText: "governor " + (governor ?? "n/a"))),
            (socketCount, details(governorText: "gov " + (governor ?? "n/a"))),
            (socketCount, details(governorText: "gov " + (shortGovernor ?? "n/a"))),
            (socketCount, details(governorText: shortGovernor ?? "gov n/a")),
        ]
        let model = Self.shortCPUModel(cpuModel.value ?? "unknown CPU").split(separator: " ").map(String.init)
        func line(_ modelWords: [String], _ sockets: String, _ details: [String]) -> String {
            ([modelWords.joined(separator: " ") + " " + sockets] + details).joined(separator: ", ")
        }
        for wording in wordings where line(model, wording.sockets, wording.details).count <= Self.summaryWidth {
            return line(model, wording.sockets, wording.details)
        }

        var modelWords = model
        let sockets = wordings[wordings.count - 1].sockets
        var remaining = wordings[wordings.count - 1].details
        while line(modelWords, sockets, remaining).count > Self.summaryWidth {
            if modelWords.count > 2 {
                modelWords.remove(at: modelWords.count - 2)
            } else if !remaining.isEmpty {
                remaining.removeLast()
            } else {
                return String(line(modelWords, sockets, remaining).prefix(Self.summaryWidth))
            }
        }
        return line(modelWords, sockets, remaining)
    }

    /// Shorter names for the two long cpufreq governors; the rest
    /// (powersave, schedutil, ondemand, userspace) are already short.
    static func abbreviatedGovernor(_ governor: String) -> String {
        switch governor {
        case "performance": "perf"
        case "conservative": "conserv"
        default: governor
        }
    }

    /// "6.8.0-45-generic" -> "6.8.0": the upstream version is what readers compare.
    static func shortKernelRelease(_ release: String) -> String {
        String(release.prefix { $0 != "-" && $0 != "+" })
    }

    /// Drops trademark marks, vendor names, clock speeds and filler words:
    /// "Intel(R) Xeon(R) Gold 6348 CPU @ 2.60GHz" -> "Xeon Gold 6348",
    /// "AMD EPYC 7763 64-Core Processor" -> "EPYC 7763".
    static func shortCPUModel(_ model: String) -> String {
        var text = model
        for mark in ["(R)", "(r)", "(TM)", "(tm)"] {
            text = text.replacingOccurrences(of: mark, with: "")
        }
        if let at = text.range(of: " @ ") { text = String(text[..<at.lowerBound]) }
        var words = text.split(separator: " ").map(String.init)
        if let first = words.first, ["Intel", "AMD"].contains(first), words.count > 1 { words.removeFirst() }
        if words.last == "Processor" { words.removeLast() }
        if let last = words.last, last.hasSuffix("-Core") { words.removeLast() }
        if words.last == "CPU", words.count > 1 { words.removeLast() }
        return words.isEmpty ? model : words.joined(separator: " ")
    }
}
