// The sweep a run measures: every combination of its axes is one point.

import LSMModel
import Measurement

public struct RunAxes: Sendable {
    public var strategies: [String]
    public var depths: [Int]
    public var lsms: [Int]
    public var namespacedLSMs: [Int]
    public var hooks: [HookID]
    public var tasks: [Int]
    public var modes: [CallMode]
    public var caches: [CacheState]
    public var labels: [Int] = [1]
    public var skews: [LabelSkew] = [.uniform]
    public var cacheGeometry: CacheGeometry = .selinux
    public var placements: [PlacementRequest] = [.unplaced]
    /// What the points time: checks, and/or write-side operations.
    public var ops: [PointOperation] = [.check]
    /// Namespaces below task 0's own namespace in each world.
    public var descendants: [Int] = [0]
    /// Check points' readers and writer: nil, one thread alone.
    public var churn: [ChurnSpec?] = [nil]
    public var seed: UInt64

    public init(strategies: [String], depths: [Int], lsms: [Int], namespacedLSMs: [Int], hooks: [HookID],
                tasks: [Int], modes: [CallMode], caches: [CacheState], seed: UInt64) {
        self.strategies = strategies
        self.depths = depths
        self.lsms = lsms
        self.namespacedLSMs = namespacedLSMs
        self.hooks = hooks
        self.tasks = tasks
        self.modes = modes
        self.caches = caches
        self.seed = seed
    }

    /// Every point, grouped by world so each world's reference is built once,
    /// strategies innermost so they are measured close together in time.
    /// Stacks with more namespaced LSMs than LSMs are skipped; cold points
    /// are measured in latency mode (one check timed alone), once; a
    /// write-side operation is one point per world and strategy (each
    /// operation timed alone: latency, on a warm cache).
    public var points: [PointSpec] {
        var points: [PointSpec] = []
        for lsms in lsms {
            for namespaced in namespacedLSMs where namespaced <= lsms {
                for hook in hooks {
                    for tasks in tasks {
                        for depth in depths {
                          for descendants in descendants {
                          for labels in labels {
                            // One label has no popularity: uniform stands for every skew.
                            for skew in labels == 1 ? [.uniform] : skews {
                            let world = WorldSpec(lsms: lsms, namespacedLSMs: namespaced, depth: depth,
                                                  hook: hook, tasks: tasks, seed: seed,
                                                  labels: labels, skew: skew, caches: cacheGeometry,
                                                  descendants: descendants)
                            var seen = Set<PointSpec>()
                            for op in ops {
                            let opModes = op.isLifecycle ? [CallMode.latency] : modes
                            let opCaches = op.isLifecycle ? [CacheState.warm] : caches
                            for mode in opModes {
                                for cache in opCaches {
                                    for placement in placements {
                                      // Churn readers check; a write-side operation is timed alone.
                                      for churn in op.isLifecycle ? [nil] : churn {
                                        for strategy in strategies {
                                            // A cold point is a latency whatever the mode:
                                            // asked in both modes, it is measured once.
                                            let point = PointSpec(strategy: strategy, world: world,
                                                                  mode: mode.measured(for: cache),
                                                                  cache: cache, placement: placement, op: op, churn: churn)
                                            if seen.insert(point).inserted { points.append(point) }
                                        }
                                      }
                                    }
                                }
                            }
                            }
                            }
                          }
                          }
                        }
                    }
                }
            }
        }
        return points
    }

    /// The axes as text for meta.json.
    public var description: [String: String] {
        [
            "strategies": strategies.joined(separator: ","),
            "depths": depths.map(String.init).joined(separator: ","),
            "lsms": lsms.map(String.init).joined(separator: ","),
            "namespaced_lsms": namespacedLSMs.map(String.init).joined(separator: ","),
            "hooks": hooks.map { HookCatalogue.all[$0].name }.joined(separator: ","),
            "tasks": tasks.map(String.init).joined(separator: ","),
            "modes": modes.map(\.rawValue).joined(separator: ","),
            "caches": caches.map(\.rawValue).joined(separator: ","),
            "labels": labels.map(String.init).joined(separator: ","),
            "skews": skews.map(\.description).joined(separator: ","),
            "avc": cacheGeometry.description,
            "ops": ops.map(\.rawValue).joined(separator: ","),
            "descendants": descendants.map(String.init).joined(separator: ","),
            "churn": churn.map { c in c.map { "\($0.readers) readers, writes \($0.writeRate)/s, \($0.placement.rawValue), \($0.copies.rawValue) world" } ?? "none" }
                .joined(separator: ","),
            "seed": "\(seed)",
            "placements": placements.map { p in
                p.isUnplaced ? "unplaced" : "cpu \(p.cpuNode.map(String.init) ?? "-") mem \(p.memNode.map(String.init) ?? "-") pages \(p.pageSize ?? "-")"
            }.joined(separator: ","),
        ]
    }
}
