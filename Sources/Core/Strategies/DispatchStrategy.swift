// The one interface every dispatch design implements, so the verifier and
// the harness drive them all through the same code path.

import LSMModel

/// What a measured loop calls: `function(context, credential, hook, object)`.
/// A C function pointer so that the Swift designs, their C twins and the
/// empty baseline are all called the same way.
public typealias CheckFunction = @convention(c) (UnsafeRawPointer?, UnsafeRawPointer?, Int32, UnsafeRawPointer?) -> Int32

/// Immutable: a function pointer and a pointer to read-only tables.
public struct CheckEntry: @unchecked Sendable {
    public let function: CheckFunction
    public let context: UnsafeRawPointer?

    public init(function: CheckFunction, context: UnsafeRawPointer?) {
        self.function = function
        self.context = context
    }

    @inline(__always) public func callAsFunction(_ cred: UnsafeRawPointer, hook: Int32, object: UnsafeRawPointer) -> Int32 {
        function(context, cred, hook, object)
    }
}

public struct StrategyInfo: Sendable {
    public let name: String
    public let summary: String
    /// The kernel structure (or proposal) the design models.
    public let models: String
    /// "swift" or "c".
    public let implementation: String
    /// For a C twin, the Swift strategy it must match in speed.
    public let twinOf: String?

    public init(name: String, summary: String, twinOf: String? = nil, models: String, implementation: String = "swift") {
        self.name = name
        self.summary = summary
        self.twinOf = twinOf
        self.models = models
        self.implementation = implementation
    }
}

public protocol DispatchStrategy: AnyObject {
    var info: StrategyInfo { get }
    func apply(_ op: Operation) -> Outcome
    /// The object a measured loop passes to `checkEntry` for a live credential.
    func credentialObject(_ id: CredentialID) -> UnsafeRawPointer?
    /// The object a measured loop passes to `checkEntry` for `ref`, made in
    /// the world's arena the first time it is asked for.
    func object(_ ref: ObjectRef) -> UnsafeRawPointer
    var checkEntry: CheckEntry { get }
    /// The cache lines one check reads, and its chain of dependent loads:
    /// what the working set is made of, what a cold check flushes first,
    /// and how many memory latencies a cold check must wait at the least.
    /// Computed against the caches as they are now.
    func footprint(_ cred: CredentialID, hook: HookID, object: ObjectRef) -> Footprint
    /// Lookups and misses every decision cache of the world has counted.
    func cacheCounters() -> CacheReport
    /// What the design keeps, in bytes.
    func memoryUse() -> MemoryUse
    /// Frees every object of the world back to the arena.
    func tearDown()
    /// Where the world's unpublished memory waits for its readers: a
    /// thread that checks while another writes registers here and passes
    /// quiescent states between checks (and unregisters before tearDown).
    var reclaimer: QuiescentStateReclaimer { get }
}

/// A design's memory: everything its world holds but the objects checks
/// are called on (the same for every design), and how much of it is caches.
public struct MemoryUse: Sendable, Equatable {
    public var totalBytes: Int
    public var cacheBytes: Int
    public var namespaces: Int
    /// Namespace sets with a table of their own (ns-table), else 0.
    public var sets: Int

    public init(totalBytes: Int, cacheBytes: Int, namespaces: Int, sets: Int = 0) {
        self.totalBytes = totalBytes
        self.cacheBytes = cacheBytes
        self.namespaces = namespaces
        self.sets = sets
    }

    public var bytesPerNamespace: Double { namespaces == 0 ? 0 : Double(totalBytes) / Double(namespaces) }
}

/// A named way to build a strategy's world: root namespaces and the init
/// credential (0) laid out in the given arena.
public struct StrategyDescriptor: Sendable {
    public let info: StrategyInfo
    private let make: @Sendable (StrategyInfo, WorldSetup, Arena) -> any DispatchStrategy

    public init(info: StrategyInfo, make: @escaping @Sendable (StrategyInfo, WorldSetup, Arena) -> any DispatchStrategy) {
        self.info = info
        self.make = make
    }

    public func instantiate(setup: WorldSetup, arena: Arena) -> any DispatchStrategy { make(info, setup, arena) }
}

extension DispatchStrategy {
    /// Dispatches through `checkEntry`, exactly as a measured loop would.
    public func check(_ cred: CredentialID, hook: HookID, object ref: ObjectRef) -> Int32? {
        credentialObject(cred).map { checkEntry($0, hook: Int32(hook), object: object(ref)) }
    }
}

/// Per-LSM check callbacks: does this LSM allow `request` (hook, object
/// class and label; `Request`) for `cred`? `@convention(c)` because the
/// kernel's hook lists hold function pointers.
typealias LSMCheckFunction = @convention(c) (UnsafeRawPointer, Int, UInt64) -> Bool

/// The function pointers a framework table stores for each kind of LSM.
struct ResolverCallbacks {
    let namespaced: LSMCheckFunction
    let global: LSMCheckFunction
}

/// How an LSM resolves its namespaces, as seen by a framework dispatcher.
/// `namespaced` is called directly by static-slots dispatch; `callbacks`
/// are what hook-list nodes point to. Both reach the same C-callable
/// functions (`@c`), so Swift and the C twins make the same calls.
protocol LevelResolver {
    static func namespaced(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool
    /// A global LSM's check; by default its own level's AVC.
    static func global(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool
    static var callbacks: ResolverCallbacks { get }
}

extension LevelResolver {
    /// A global LSM has one level in every design.
    @inline(__always)
    static func global(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
        swiftOwnLevel(cred, partOffset, request)
    }
}

/// One LSM at its own level only, against its own AVC: a global LSM of a
/// per-level design.
@c(hb_swift_own_level) @section(".text.hot.hookbench") @inline(never)
func swiftOwnLevel(_ cred: UnsafeRawPointer, _ partOffset: Int, _ request: UInt64) -> Bool {
    ownLevelAllows(RawCredential.part(of: cred, at: partOffset), request: request)
}

/// The strategies hookbench knows, in the order reports list them.
public enum StrategyRegistry {
    public static let all: [StrategyDescriptor] = [
        .hlist, .staticSlots, .ancestry, .flattened, .namespaceTable, .labelVector, .globalAVC,
        .hlistC, .hlistCRetpoline, .staticSlotsC, .ancestryC, .labelVectorC, .globalAVCC,
    ]

    public static var names: [String] { all.map(\.info.name) }

    /// Designs with a known bug, never measured: `verify` must catch each.
    public static let mutants: [StrategyDescriptor] = [.flattenedForgetfulMutant, .namespaceTableForgetfulMutant]

    /// Designs whose bug only concurrent readers can see: never measured,
    /// run under churn to prove the churn check catches them.
    public static let concurrencyMutants: [StrategyDescriptor] = [.hlistUnsynchronisedMutant]

    public static func named(_ name: String) -> StrategyDescriptor? {
        all.first { $0.info.name == name }
    }
}
