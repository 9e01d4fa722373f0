import LSMModel
import Testing

/// The label of the objects these tests check.
private let testLabel: SID = 1_000

/// Worlds small enough to reason about by hand.
private func world(_ lsms: [LSMSpec], policies: [PolicyRules]? = nil, sids: [SID]? = nil, depthLimit: Int = 32) throws -> ReferenceWorld {
    let stack = try StackSpec(lsms: lsms, depthLimit: depthLimit)
    return ReferenceWorld(WorldSetup(stack: stack,
                                     rootPolicies: policies ?? lsms.map { _ in .permissive },
                                     initSids: sids ?? lsms.map { _ in 1 }))
}

private let fileOpen = HookCatalogue.id(named: "file_open")!
private let taskToInode = HookCatalogue.id(named: "task_to_inode")!
private func deny(_ sid: SID, _ hook: HookID, _ cls: ObjectClass = .file) -> PolicyRules {
    // userns_create asks about the namespace to be made, whose label is its own.
    let target = cls == .userNamespace ? ObjectRef.newUserNamespace.label : testLabel
    return PolicyRules(rules: [RuleKey(sid: sid, target: target, objectClass: cls): .allBut(hook)])
}

struct ReferenceWorldTests {
    @Test func aRuleDecidesOnlyItsObjectLabelAndClass() throws {
        let w = try world([LSMSpec(name: "a", namespaced: false, hooks: LSMSpec.allHooks)], policies: [deny(1, fileOpen)])
        #expect(w.apply(.check(cred: 0, hook: fileOpen, object: ObjectRef(.file, label: testLabel))) == .decision(-13))
        #expect(w.apply(.check(cred: 0, hook: fileOpen, object: ObjectRef(.file, label: testLabel + 1))) == .decision(0))
        #expect(w.apply(.check(cred: 0, hook: fileOpen, object: ObjectRef(.socket, label: testLabel))) == .decision(0))
        // The vector refuses only file_open's permission.
        let other = HookCatalogue.id(named: "file_permission")!
        #expect(w.apply(.check(cred: 0, hook: other, object: ObjectRef(.file, label: testLabel))) == .decision(0))
    }

    @Test func firstRefusalInStackOrderWins() throws {
        let w = try world([LSMSpec(name: "a", namespaced: false, hooks: LSMSpec.allHooks, denyErrno: 13),
                           LSMSpec(name: "b", namespaced: false, hooks: LSMSpec.allHooks, denyErrno: 1),
                           LSMSpec(name: "c", namespaced: false, hooks: LSMSpec.allHooks, denyErrno: 13)],
                          policies: [.permissive, deny(1, fileOpen), deny(1, fileOpen)])
        #expect(w.apply(.check(cred: 0, hook: fileOpen, object: ObjectRef(.file, label: testLabel))) == .decision(-1))
        #expect(w.apply(.check(cred: 0, hook: fileOpen, object: ObjectRef(.socket, label: testLabel))) == .decision(0))
    }

    @Test func voidHooksCallEveryLSMAndCountRefusals() throws {
        let w = try world((0..<3).map { LSMSpec(name: "l\($0)", namespaced: false, hooks: LSMSpec.allHooks) },
                          policies: [deny(1, taskToInode, .process), .permissive, deny(1, taskToInode, .process)])
        #expect(w.apply(.check(cred: 0, hook: taskToInode, object: ObjectRef(.process, label: testLabel))) == .decision(2))
    }

    @Test func hooksAnLSMLacksAreNotAsked() throws {
        let w = try world([LSMSpec(name: "a", namespaced: false, hooks: 0)], policies: [deny(1, fileOpen)])
        #expect(w.apply(.check(cred: 0, hook: fileOpen, object: ObjectRef(.file, label: testLabel))) == .decision(0))
    }

    @Test func ancestorsAreCheckedWithTheCreatorsSid() throws {
        // Root denies SID 1 (init's) file_open; the child namespace allows
        // everything and its credential has SID 9. The root level is checked
        // with the creator's SID 1, so the child is refused.
        let w = try world([LSMSpec(name: "ns", namespaced: true, hooks: LSMSpec.allHooks)], policies: [deny(1, fileOpen)])
        // init cannot open files but may create namespaces.
        let created = w.apply(.create(creator: 0, lsms: [0], policies: [.permissive], sids: [9], failAt: nil))
        #expect(created == .credential(1, created: [2]))
        #expect(w.apply(.check(cred: 1, hook: fileOpen, object: ObjectRef(.file, label: testLabel))) == .decision(-13))
        // A root rule about SID 9 itself does not matter at the root level.
        #expect(w.apply(.reload(namespace: 1, policy: deny(9, fileOpen))) == .done)
        #expect(w.apply(.check(cred: 1, hook: fileOpen, object: ObjectRef(.file, label: testLabel))) == .decision(0))
        // The child's own rule about SID 9 does.
        #expect(w.apply(.reload(namespace: 2, policy: deny(9, fileOpen))) == .done)
        #expect(w.apply(.check(cred: 1, hook: fileOpen, object: ObjectRef(.file, label: testLabel))) == .decision(-13))
    }

    @Test func creationIsRefusedByAnyLSMsPermissionStep() throws {
        let userns = HookCatalogue.namespaceCreation
        let w = try world([LSMSpec(name: "ns", namespaced: true, hooks: LSMSpec.allHooks),
                           LSMSpec(name: "g", namespaced: false, hooks: LSMSpec.allHooks, denyErrno: 1)],
                          policies: [.permissive, deny(1, userns, .userNamespace)])
        #expect(w.apply(.create(creator: 0, lsms: [0], policies: [.permissive], sids: [2], failAt: nil))
                == .failed(.permissionDenied(errno: 1)))
    }

    @Test func failedTransitionsUnwindAndIdsAreNeverReused() throws {
        let lsms = (0..<3).map { LSMSpec(name: "n\($0)", namespaced: true, hooks: LSMSpec.allHooks) }
        let w = try world(lsms)
        // Roots are 1, 2, 3. Two namespaces are allocated (4, 5), then the third LSM fails.
        let failed = w.apply(.create(creator: 0, lsms: [0, 1, 2], policies: Array(repeating: .permissive, count: 3),
                                     sids: [1, 1, 1], failAt: 2))
        #expect(failed == .failed(.transitionFailed(lsm: 2)))
        #expect(w.liveNamespaces == [1, 2, 3])
        let ok = w.apply(.create(creator: 0, lsms: [0, 2], policies: [.permissive, .permissive], sids: [1, 1], failAt: nil))
        #expect(ok == .credential(1, created: [6, 7]))
    }

    @Test func theDepthLimitStopsNesting() throws {
        let w = try world([LSMSpec(name: "n", namespaced: true, hooks: LSMSpec.allHooks)], depthLimit: 2)
        var cred = 0
        for expectedDepth in 1...2 {
            guard case .credential(let id, _) = w.apply(.create(creator: cred, lsms: [0], policies: [.permissive], sids: [1], failAt: nil)) else {
                Issue.record("create at depth \(expectedDepth) failed"); return
            }
            #expect(w.depth(of: id, lsm: 0) == expectedDepth)
            cred = id
        }
        #expect(w.apply(.create(creator: cred, lsms: [0], policies: [.permissive], sids: [1], failAt: nil))
                == .failed(.depthLimit(lsm: 0, limit: 2)))
    }

    @Test func namespacesInUseCannotBeDestroyed() throws {
        let w = try world([LSMSpec(name: "n", namespaced: true, hooks: LSMSpec.allHooks)])
        #expect(w.apply(.destroy(namespace: 1)) == .failed(.rootNamespace(1)))
        _ = w.apply(.create(creator: 0, lsms: [0], policies: [.permissive], sids: [1], failAt: nil))
        _ = w.apply(.create(creator: 1, lsms: [0], policies: [.permissive], sids: [1], failAt: nil))
        #expect(w.apply(.destroy(namespace: 2)) == .failed(.busy(2)))
        #expect(w.apply(.release(cred: 2)) == .done)
        #expect(w.apply(.destroy(namespace: 3)) == .done)
        // Credential 1 still lives in namespace 2.
        #expect(w.apply(.destroy(namespace: 2)) == .failed(.busy(2)))
        #expect(w.apply(.release(cred: 1)) == .done)
        #expect(w.apply(.destroy(namespace: 2)) == .done)
        #expect(w.apply(.check(cred: 1, hook: 0, object: ObjectRef(.file, label: testLabel))) == .failed(.noSuchCredential(1)))
    }

    @Test func enteringTakesTheTargetsNamespacesAndSids() throws {
        let w = try world([LSMSpec(name: "n", namespaced: true, hooks: LSMSpec.allHooks)])
        _ = w.apply(.create(creator: 0, lsms: [0], policies: [deny(4, fileOpen)], sids: [4], failAt: nil))
        #expect(w.apply(.enter(cred: 0, target: 1, lsms: [0])) == .credential(2, created: []))
        #expect(w.namespace(of: 2, lsm: 0) == 2)
        #expect(w.apply(.check(cred: 2, hook: fileOpen, object: ObjectRef(.file, label: testLabel))) == .decision(-13))
    }

    @Test func randomWorldsAreReproducible() {
        let a = RandomWorld(seed: 99), b = RandomWorld(seed: 99), c = RandomWorld(seed: 100)
        #expect(a.operations == b.operations && a.setup == b.setup)
        #expect(a.operations != c.operations)
    }
}

struct StackSpecTests {
    @Test func rejectsImpossibleStacks() {
        #expect(throws: StackError.lsmCount(0)) { try StackSpec(lsms: []) }
        let fifteen = (0..<15).map { LSMSpec(name: "\($0)", namespaced: false, hooks: 0) }
        #expect(throws: StackError.lsmCount(15)) { try StackSpec(lsms: fifteen) }
        #expect(throws: StackError.depthLimit(65)) { try StackSpec(lsms: [fifteen[0]], depthLimit: 65) }
        #expect(throws: StackError.namespacedCount(3, of: 2)) { try StackSpec.uniform(count: 2, namespaced: 3) }
        #expect(StackError.lsmCount(15).description.contains("1 to 14"))
    }

    @Test func catalogueFitsThePolicyTableEncoding() {
        // Policy tables keep one bit per hook per class in a UInt32.
        #expect(HookCatalogue.count <= 32)
        #expect(HookCatalogue.all.filter { $0.kind == .int }.count >= 12)
        #expect(Set(HookCatalogue.all.map(\.name)).count == HookCatalogue.count)
    }
}

struct ExecTests {
    @Test func execChangesOneSidInTheSameNamespaces() throws {
        let lsms = [LSMSpec(name: "n", namespaced: true, hooks: LSMSpec.allHooks),
                    LSMSpec(name: "g", namespaced: false, hooks: LSMSpec.allHooks)]
        let stack = try StackSpec(lsms: lsms)
        let w = ReferenceWorld(WorldSetup(stack: stack, rootPolicies: [.permissive, deny(8, fileOpen)], initSids: [1, 1]))
        #expect(w.apply(.exec(cred: 0, lsm: 1, sid: 8)) == .credential(1, created: []))
        #expect(w.namespace(of: 1, lsm: 0) == w.namespace(of: 0, lsm: 0))
        #expect(w.apply(.check(cred: 1, hook: fileOpen, object: ObjectRef(.file, label: testLabel))) == .decision(-13))
        #expect(w.apply(.check(cred: 0, hook: fileOpen, object: ObjectRef(.file, label: testLabel))) == .decision(0))
        #expect(w.apply(.exec(cred: 0, lsm: 2, sid: 8)) == .failed(.malformed("LSM index 2 out of range")))
    }
}
