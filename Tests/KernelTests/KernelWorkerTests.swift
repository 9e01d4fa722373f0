// The worker: what it records, and what it reports when the kernel refuses
// (never how long anything took).

import Foundation
import Glibc
import KernelProbes
import Testing
import Timing

@Suite struct KernelWorkerTests {
    let timer = CycleTimer(source: .clockGettime, ticksPerNanosecond: 1)

    /// A real tree: the worker opens its depth-1 file for pread itself.
    static let tree = try? ProbeTree.create()

    func settings(_ job: WorkerJob) -> WorkerSettings {
        WorkerSettings(job: job, tree: Self.tree?.root ?? "/nonexistent", samples: 7, creations: 5, batchNanoseconds: 1)
    }

    @Test func noLayersMeasuresTheFloorsAndTheFileFigures() {
        let lines = KernelWorker(system: FakeKernel(), timer: timer).run(settings(.landlock(layers: 0)))
        let points = KernelWorker<FakeKernel>.points(settings(.landlock(layers: 0)))
        #expect(points.count == 4 + 6)
        for point in points {
            #expect(lines.filter { if case .sample(point, _) = $0 { return true } else { return false } }.count == 7)
            #expect(lines.contains { if case .calls(point, _) = $0 { return true } else { return false } })
        }
        #expect(!lines.contains { if case .refused = $0 { return true } else { return false } })
    }

    @Test func aRefusedRestrictionRefusesEveryPointOfTheJobWithTheLayer() {
        var kernel = FakeKernel()
        kernel.restrictErrno = EPERM
        let lines = KernelWorker(system: kernel, timer: timer).run(settings(.landlock(layers: 3)))
        #expect(lines.count == 6)
        for line in lines {
            guard case .refused(let point, let failure) = line else {
                Issue.record("expected a refusal, got \(line)")
                continue
            }
            #expect(point.landlockLayers == 3)
            #expect(failure.errno == EPERM)
            #expect(failure.call == "landlock_restrict_self, layer 1 of 3")
        }
    }

    @Test func aFailingTimedCallRefusesOnlyItsFigure() {
        var kernel = FakeKernel()
        kernel.openErrno = EACCES
        let lines = KernelWorker(system: kernel, timer: timer).run(settings(.landlock(layers: 1)))
        let refused = lines.compactMap { line -> KernelPoint? in if case .refused(let p, _) = line { return p } else { return nil } }
        #expect(refused.count == 3)
        #expect(refused.allSatisfy { $0.figure == .openClose })
        #expect(lines.contains { if case .calls(let p, _) = $0 { return p.figure == .stat } else { return false } })
    }

    @Test func userNamespaceJobRecordsCreationsAsSingleCalls() {
        let lines = KernelWorker(system: FakeKernel(), timer: timer).run(settings(.userNamespaces(depth: 3)))
        let creation = KernelPoint(.userNamespaceCreation, userNamespaceDepth: 3)
        let samples = lines.compactMap { line -> Double? in if case .sample(creation, let ns) = line { return ns } else { return nil } }
        #expect(samples == [10_300, 10_301, 10_302, 10_303, 10_304])
        #expect(lines.contains(.calls(creation, 1)))
        #expect(lines.contains { if case .calls(let p, _) = $0 { return p.figure == .capabilityWalk } else { return false } })
    }

    @Test func userNamespaceRefusalsAreReportedPerFigure() {
        var kernel = FakeKernel()
        let failure = SystemCallFailure(call: "unshare(CLONE_NEWUSER) at depth 2", errno: ENOSYS)
        kernel.creationFailure = failure
        let lines = KernelWorker(system: kernel, timer: timer).run(settings(.userNamespaces(depth: 2)))
        #expect(lines.first == .refused(KernelPoint(.userNamespaceCreation, userNamespaceDepth: 2), failure))
        #expect(lines.contains { if case .calls(let p, _) = $0 { return p.figure == .capabilityWalk } else { return false } })
    }

    @Test func linesSurviveTheirText() {
        let point = KernelPoint(.openClose, pathDepth: 4, landlockLayers: 16)
        for line in [WorkerLine.sample(point, 812.125), .calls(point, 32),
                     .refused(KernelPoint(.capabilityWalk, userNamespaceDepth: 32),
                              SystemCallFailure(call: "setresuid/setresgid to another uid", errno: EPERM))] {
            #expect(WorkerLine(text: line.text) == line)
        }
        #expect(WorkerLine(text: "sample nonsense 1") == nil)
        #expect(KernelPoint(key: "null/p-/l0/u0") == KernelPoint(.nullSyscall))
    }

    @Test func failuresNameTheErrno() {
        #expect(SystemCallFailure(call: "landlock_create_ruleset", errno: -ENOSYS).description
            == "landlock_create_ruleset: ENOSYS (Function not implemented)")
    }
}
