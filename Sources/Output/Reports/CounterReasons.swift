// Why counters are unavailable, one line per reason. meta.json records a
// reason per requested event, and events missing for the same reason (a
// VM without a PMU, a paranoid setting) get the same explanation with only
// the event's name changed: saying it once, naming every event it applies
// to, keeps both the run's output and the summary's notes short.

import Foundation

public enum CounterReasons {
    /// One line per distinct reason: events that are missing for the same
    /// reason are named together instead of repeating the explanation.
    public static func condensed(_ reasons: [String], events: [String]) -> [String] {
        var groups: [(text: String, events: [String])] = []
        for reason in reasons {
            let event = events.first { reason.contains($0) }
            let generic = event.map { reason.replacingOccurrences(of: $0, with: "EVENT") } ?? reason
            if let index = groups.firstIndex(where: { $0.text == generic }) {
                groups[index].events += event.map { [$0] } ?? []
            } else {
                groups.append((generic, event.map { [$0] } ?? []))
            }
        }
        return groups.map { group in
            group.events.count > 1
                ? "\(group.events.joined(separator: ", ")): " + group.text.replacingOccurrences(of: "EVENT", with: "each")
                : group.text.replacingOccurrences(of: "EVENT", with: group.events.first ?? "the event")
        }
    }
}
