// A kernel run over a fake kernel: refused figures are rows with their
// reason while the others are measured, kernel.csv has every column and
// reads back, and the derived figures do the arithmetic they claim.

import Foundation
import Glibc
import KernelProbes
import KernelRuns
import ResultsFormat
import Testing
import Timing

@Suite struct KernelRunTests {
    let timer = CycleTimer(source: .clockGettime, ticksPerNanosecond: 1)
    let identity = KernelRowIdentity(runID: "20260101-000000-test", host: "test", fingerprint: "0123456789ab")

    static let tree = try? ProbeTree.create()

    var smallPlan: KernelRunPlan {
        var plan = KernelRunPlan()
        plan.maxLayers = 3
        plan.maxDepth = 4
        plan.repeats = 2
        plan.samples = 6
        plan.creations = 5
        plan.batchNanoseconds = 1
        return plan
    }

    func run(_ kernel: FakeKernel, availability: KernelAvailability? = nil) -> [KernelRow] {
        let availability = availability ?? KernelAvailability(landlock: kernel.landlockVersion.mapError(KernelRefusal.landlock),
                                                              userNamespaces: nil, capabilityWalk: nil)
        let measurements = KernelRun.measure(smallPlan, availability: availability, tree: Self.tree?.root ?? "/nonexistent",
                                             launcher: InProcessWorkerLauncher(system: kernel, timer: timer))
        return KernelFigures.rows(measurements, identity: identity)
    }

    @Test func refusedLandlockLeavesTheOtherFiguresMeasured() throws {
        var kernel = FakeKernel()
        kernel.landlockVersion = .failure(SystemCallFailure(call: "landlock_create_ruleset", errno: EOPNOTSUPP))
        let rows = run(kernel)
        let points = rows.filter { $0.kind == .point }
        #expect(points.count == smallPlan.points.count)
        for row in points {
            let layered = (row.int("landlock_layers") ?? 0) > 0
            #expect(row.isMeasured == !layered, "\(row.values)")
            if layered {
                #expect(row["reason"].contains("built in but not enabled"))
                #expect(row["how_to_enable"].contains("lsm="))
            } else {
                #expect(row["repeats"] == "2")
                #expect(row.double("ns") != nil)
            }
        }
        for kind in [KernelResultsSchema.Kind.firstLayer, .perLayer] {
            let derived = rows.filter { $0.kind == kind }
            #expect(derived.count == 6)
            #expect(derived.allSatisfy { !$0.isMeasured && $0["reason"].contains("not enabled") })
        }
        #expect(rows.filter { $0.kind == .perLevel }.allSatisfy { $0.isMeasured })
    }

    @Test func aWorkerRefusalBecomesARowWithItsReason() {
        var kernel = FakeKernel()
        kernel.nestedTaskFailure = SystemCallFailure(call: "setresuid/setresgid to another uid", errno: EPERM)
        let rows = run(kernel)
        let walks = rows.filter { $0["figure"] == "cap-walk" }
        #expect(walks.count == 5 + 1)
        #expect(walks.allSatisfy { !$0.isMeasured && $0["reason"] == KernelRefusal.capabilityWalkNeedsRoot.reason })
        #expect(rows.filter { $0["figure"] == "userns-create" }.allSatisfy { $0.isMeasured })
    }

    @Test func refusedUserNamespacesAreNotLaunched() {
        let refusal = KernelRefusal(reason: "user.max_user_namespaces is 0: user namespaces are disabled",
                                    howToEnable: "sysctl -w user.max_user_namespaces=10000")
        let availability = KernelAvailability(landlock: .success(7), userNamespaces: refusal, capabilityWalk: refusal)
        #expect(smallPlan.jobs(availability).count == 4)
        let rows = run(FakeKernel(), availability: availability)
        let nested = rows.filter { ["userns-create", "cap-walk"].contains($0["figure"]) }
        #expect(nested.count == 2 * 5 + 2)
        #expect(nested.allSatisfy { !$0.isMeasured && $0["how_to_enable"] == refusal.howToEnable })
        #expect(rows.filter { $0["figure"] == "open-close" && $0.kind == .point }.allSatisfy { $0.isMeasured })
    }

    @Test func kernelCSVHasEveryColumnAndReadsBack() throws {
        let rows = run(FakeKernel())
        let path = NSTemporaryDirectory() + "hookbench-kernel-csv-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try KernelRow.csv(rows).write(toFile: path, atomically: true, encoding: .utf8)
        let (header, _) = try CSVFile.read(path)
        #expect(header == KernelResultsSchema.columns)
        let back = try KernelRow.read(path)
        #expect(back.count == rows.count)
        #expect(back.allSatisfy { $0["schema_version"] == "1" && $0["run_id"] == identity.runID })
        let firstLayer = back.first { $0.kind == .firstLayer && $0["figure"] == "open-close" && $0["path_depth"] == "4" }
        #expect(firstLayer?["over"] == "landlock_layers 1 minus 0")
        let slope = back.first { $0.kind == .perLevel && $0["figure"] == "userns-create" }
        #expect(slope?["over"] == "userns_depth 1-4")
    }

    /// Synthetic samples with a known line: first layer +300 ns, then 20 ns per layer.
    @Test func derivedFiguresDoTheirArithmetic() {
        var plan = smallPlan
        plan.maxLayers = 16
        plan.pathDepths = [4]
        var measurements = KernelMeasurements(plan: plan, availability: KernelAvailability(
            landlock: .success(7), userNamespaces: nil, capabilityWalk: nil))
        func noisy(_ value: Double) -> [[Double]] {
            (0..<3).map { process in (0..<41).map { value + Double(($0 * 7 + process * 3) % 11) - 5 } }
        }
        for layers in 0...16 {
            let ns = layers == 0 ? 800 : 1100 + 20 * Double(layers - 1)
            measurements.samples[KernelPoint(.openClose, pathDepth: 4, landlockLayers: layers)] = noisy(ns)
        }
        for depth in 0...4 {
            measurements.samples[KernelPoint(.capabilityWalk, userNamespaceDepth: depth)] = noisy(500 + 2 * Double(depth))
        }
        let rows = KernelFigures.rows(measurements, identity: identity)
        let first = rows.first { $0.kind == .firstLayer && $0["figure"] == "open-close" }
        #expect(first.flatMap { $0.double("ns") }.map { abs($0 - 300) < 0.5 } == true)
        let perLayer = rows.first { $0.kind == .perLayer && $0["figure"] == "open-close" }
        #expect(perLayer.flatMap { $0.double("ns") }.map { abs($0 - 20) < 0.5 } == true)
        #expect(perLayer?["over"] == "landlock_layers 1-16")
        #expect((perLayer?.double("ns_ci_low") ?? 99) <= 20 && (perLayer?.double("ns_ci_high") ?? 0) >= 20)
        let walk = rows.first { $0.kind == .perLevel && $0["figure"] == "cap-walk" }
        #expect(walk.flatMap { $0.double("ns") }.map { abs($0 - 2) < 0.5 } == true)
        // Points without samples are refused rather than invented.
        let stat = rows.first { $0.kind == .point && $0["figure"] == "stat" }
        #expect(stat?.isMeasured == false)
    }
}
