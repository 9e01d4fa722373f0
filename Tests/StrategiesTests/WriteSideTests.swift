// The write side, strategy by strategy: unwinding leaks nothing, reloads
// reach every descendant, and the tables the checks read stay consistent.

import LSMModel
import Strategies
import Testing

private let fileOpen = HookCatalogue.id(named: "file_open")!

private func chainWorld(_ descriptor: StrategyDescriptor, depth: Int, lsms: Int = 3, namespaced: Int = 2) throws
    -> (strategy: any DispatchStrategy, arena: Arena, creds: [CredentialID]) {
    let setup = try WorldSetup(stack: .uniform(count: lsms, namespaced: namespaced),
                               rootPolicies: Array(repeating: .permissive, count: lsms),
                               initSids: Array(repeating: 1, count: lsms))
    let arena = Arena()
    let strategy = descriptor.instantiate(setup: setup, arena: arena)
    var creds = [0]
    for level in 0..<depth {
        let ns = Array(0..<namespaced)
        let outcome = strategy.apply(.create(creator: creds.last!, lsms: ns, policies: ns.map { _ in .permissive },
                                             sids: ns.map { _ in SID(level + 2) }, failAt: nil))
        guard case .credential(let id, _) = outcome else { throw ModelError.malformed("chain: \(outcome)") }
        creds.append(id)
    }
    return (strategy, arena, creds)
}

struct WriteSideTests {
    @Test(arguments: StrategyRegistry.names)
    func failedCreationsLeakNothing(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        let (strategy, arena, creds) = try chainWorld(descriptor, depth: 4)
        let before = arena.liveBytes
        for failAt in 0..<2 {
            let outcome = strategy.apply(.create(creator: creds.last!, lsms: [0, 1], policies: [.permissive, .permissive],
                                                 sids: [7, 7], failAt: failAt))
            #expect(outcome == .failed(.transitionFailed(lsm: failAt)))
            #expect(arena.liveBytes == before, "\(name) kept \(arena.liveBytes - before) bytes after unwinding at \(failAt)")
        }
        strategy.tearDown()
        #expect(arena.liveBytes == 0)
    }

    @Test(arguments: StrategyRegistry.names)
    func destroyingANamespaceFreesIt(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        let (strategy, arena, creds) = try chainWorld(descriptor, depth: 2)
        let before = arena.liveBytes
        guard case .credential(let child, let created) = strategy.apply(
            .create(creator: creds.last!, lsms: [0], policies: [.permissive], sids: [3], failAt: nil)) else {
            Issue.record("create failed"); return
        }
        #expect(arena.liveBytes > before)
        #expect(strategy.apply(.release(cred: child)) == .done)
        #expect(strategy.apply(.destroy(namespace: created[0])) == .done)
        #expect(arena.liveBytes == before)
    }

    @Test(arguments: StrategyRegistry.names)
    func reloadingTheRootReachesTheDeepestDescendant(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        let (strategy, _, creds) = try chainWorld(descriptor, depth: 12)
        let deepest = creds.last!
        #expect(strategy.check(deepest, hook: fileOpen, object: ObjectRef(.file, label: testLabel)) == 0)
        // The root of LSM 1 is namespace 2; the level below it was created
        // by init, whose SID there is 1.
        let denyInit = PolicyRules(rules: [RuleKey(sid: 1, target: testLabel, objectClass: .file): .allBut(fileOpen)])
        #expect(strategy.apply(.reload(namespace: 2, policy: denyInit)) == .done)
        #expect(strategy.check(deepest, hook: fileOpen, object: ObjectRef(.file, label: testLabel)) == -13)
        #expect(strategy.apply(.reload(namespace: 2, policy: .permissive)) == .done)
        #expect(strategy.check(deepest, hook: fileOpen, object: ObjectRef(.file, label: testLabel)) == 0)
    }

    @Test(arguments: StrategyRegistry.names)
    func enteringAnotherSetCallsBackEveryParticipatingLSM(strategy name: String) throws {
        let descriptor = try #require(StrategyRegistry.named(name))
        let (strategy, _, creds) = try chainWorld(descriptor, depth: 3)
        // A namespace under init whose policy denies file_open for SID 5.
        let deny5 = PolicyRules(rules: [RuleKey(sid: 5, target: testLabel, objectClass: .file): .allBut(fileOpen)])
        guard case .credential(let target, _) = strategy.apply(
            .create(creator: 0, lsms: [0, 1], policies: [.permissive, deny5], sids: [5, 5], failAt: nil)) else {
            Issue.record("create failed"); return
        }
        // Joining only LSM 0's namespace keeps LSM 1's permissive chain.
        guard case .credential(let joined0, _) = strategy.apply(.enter(cred: creds.last!, target: target, lsms: [0])) else {
            Issue.record("enter failed"); return
        }
        #expect(strategy.check(joined0, hook: fileOpen, object: ObjectRef(.file, label: testLabel)) == 0)
        guard case .credential(let joinedBoth, _) = strategy.apply(.enter(cred: creds.last!, target: target, lsms: [0, 1])) else {
            Issue.record("enter failed"); return
        }
        #expect(strategy.check(joinedBoth, hook: fileOpen, object: ObjectRef(.file, label: testLabel)) == -13)
        #expect(strategy.apply(.enter(cred: 0, target: target, lsms: [2])) == .failed(.notNamespaced(lsm: 2)))
    }
}
