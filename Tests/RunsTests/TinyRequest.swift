// The request of the tests' tiny run, as meta.json keeps it: four points
// (two strategies x two depths), two short repeats each; what
// RunSessionTests' tinyOptions() holds as run options.

import LSMModel
import Measurement
import Runs

func tinyRequest() -> RunRequest {
    var r = RunRequest()
    r.strategies = ["hlist", "ns-table"]
    r.depths = [0, 2]
    r.lsms = [2]
    r.namespacedLSMs = [1]
    r.hooks = [HookCatalogue.id(named: "file_open")!]
    r.tasks = [8]
    r.modes = [.throughput]
    r.caches = [.hot]
    r.seed = 4
    r.maxTime = 0.03
    r.warmup = 0.001
    r.repeats = 2
    r.events = EventSelection.none
    return r
}
