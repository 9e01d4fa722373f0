// How report, plot and compare read a results directory: only whole rows,
// with a warning on standard error for every row left out, so a point a
// crash cut short is never shown and never silently missing either.

import Reports

enum LoadedRun {
    static func load(_ path: String) throws -> RunData {
        let data = try RunData.load(path)
        for warning in data.incompleteRowWarnings { StandardError.print(warning) }
        return data
    }
}
