// swift-tools-version:6.1
// hookbench's allocation-gated micro-benchmarks, run with the ordo-one
// `benchmark` plugin: `swift package benchmark` from this directory.
//
// A package of its own so that the root package's build, tests and CI never
// resolve or compile the benchmark plugin, its tools and their dependencies.
import PackageDescription

let package = Package(
    name: "hookbench-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "hookbench", path: ".."),
        // The malloc interposer backs the malloc metrics on Swift 6.3 and needs
        // no system library; naming the trait alone also leaves the default
        // RuntimeInterposer trait (and its package, not mirrored here) off.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        // The same interposer the benchmark package preloads: the suite reads
        // its counters to fail a benchmark whose measured loop allocates.
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.0"),
    ],
    targets: [
        // The plugin runs executable targets whose directory sits in a folder
        // named Benchmarks/ at the package root, hence Benchmarks/Benchmarks/.
        .executableTarget(
            name: "HookDispatch",
            dependencies: [
                .product(name: "HookbenchCore", package: "hookbench"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "Benchmarks/HookDispatch",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]),
    ]
)
