// swift-tools-version:6.1
// hookbench: what LSM hook dispatch designs cost once LSMs get namespaces.
//
// Dependency direction, bottom up:
//   SeededRandom        the seeded generator everything random draws from
//   LSMModel            the model and the reference evaluator (no platform code)
//   Strategies          the dispatch designs (LSMModel, swift-atomics)
//   Verification        every design against the reference on random worlds
//   Timing, Statistics  the cycle timer; medians, intervals, comparisons, fits
//   Calibration         the memory-latency ladder (lat_mem_rd style)
//   Measurement         points: worlds, call plans, timed loops, baseline, repeats
//   Reports             results.csv, samples.csv, meta.json; summary, plots, comparisons
//   PerfCounters        perf_event_open groups, events named and encoded by libpfm4
//   NUMA                topology, pinning, node-bound memory (libnuma)
//   MachineInfo         the machine fingerprint and pre-run warnings
//   Runs                a sweep into a results directory (the run session)
//   Suites              YAML suite files, checked with file:line:column errors
//   hookbench           the command line (thin)
import PackageDescription

let package = Package(
    name: "hookbench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hookbench", targets: ["hookbench"]),
        // The model and the strategies, for the benchmarks in Benchmarks/.
        .library(name: "HookbenchCore", targets: ["LSMModel", "Strategies"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.2.0"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .target(name: "SeededRandom"),
        .target(name: "LSMModel", dependencies: ["SeededRandom"]),
        // Kernel-style C twins of three strategies, over the same memory;
        // -O2 as the kernel builds, and once more with retpolines.
        .target(name: "CStrategies", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "CStrategiesRetpoline", cSettings: [.unsafeFlags(["-O2", "-mretpoline"])]),
        .target(
            name: "Strategies",
            dependencies: [
                "LSMModel", "SeededRandom", "CStrategies", "CStrategiesRetpoline",
                .product(name: "Atomics", package: "swift-atomics"),
            ]),
        .target(name: "Verification", dependencies: ["LSMModel", "Strategies"]),

        // Measurement: the timer, the statistics, the latency ladder.
        .target(name: "CTimer"),
        .target(name: "Timing", dependencies: ["CTimer"]),
        .target(name: "Statistics"),
        .target(name: "Calibration", dependencies: ["Timing", "CTimer", "SeededRandom", "Statistics"]),
        .target(
            name: "Measurement",
            dependencies: ["LSMModel", "Strategies", "CStrategies", "CTimer", "Timing", "Statistics", "SeededRandom"]),

        .target(
            name: "Reports",
            dependencies: [
                "LSMModel", "Strategies", "Measurement", "Statistics", "SeededRandom", "Calibration",
                .product(name: "CSV", package: "CSV.swift"),
            ]),

        .target(
            name: "Runs",
            dependencies: [
                "LSMModel", "Strategies", "Measurement", "Reports", "Timing", "Calibration",
                "PerfCounters", "NUMA", "MachineInfo", .product(name: "Atomics", package: "swift-atomics"),
            ]),

        .target(name: "Suites", dependencies: ["Runs", "NUMA", .product(name: "Yams", package: "Yams")]),

        // Platform: each behind a small Swift type over a C shim.
        .target(name: "CPerfEvents", linkerSettings: [.linkedLibrary("pfm")]),
        .target(name: "PerfCounters", dependencies: ["CPerfEvents"]),
        .target(name: "CNUMA", linkerSettings: [.linkedLibrary("numa")]),
        .target(name: "NUMA", dependencies: ["CNUMA"]),
        .target(name: "MachineInfo", dependencies: ["NUMA"]),
        .executableTarget(
            name: "hookbench",
            dependencies: [
                "LSMModel", "Strategies", "Verification", "Runs", "Reports", "Measurement", "Timing", "Calibration",
                "NUMA", "MachineInfo", "PerfCounters", "Suites",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "LSMModelTests", dependencies: ["LSMModel", "SeededRandom"]),
        .testTarget(
            name: "StrategiesTests",
            dependencies: [
                "LSMModel", "Strategies", "Verification",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ]),
        .testTarget(name: "VerificationTests", dependencies: ["LSMModel", "Strategies", "Verification", "SeededRandom"]),
        .testTarget(name: "MeasurementTests", dependencies: ["Measurement", "LSMModel", "Strategies", "Timing"]),
        .testTarget(name: "RunsTests", dependencies: ["Runs", "Measurement", "Reports", "LSMModel", "Timing", "PerfCounters"]),
        .testTarget(name: "CommandLineTests", dependencies: ["Reports"]),
        .testTarget(name: "SuitesTests", dependencies: ["Suites", "Runs"]),
        .testTarget(name: "CTimerTests", dependencies: ["CTimer"]),
        .testTarget(name: "TimingTests", dependencies: ["Timing", "CTimer"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "SeededRandom"]),
        .testTarget(name: "CalibrationTests", dependencies: ["Calibration", "Timing", "SeededRandom"]),
        .testTarget(name: "PerfCountersTests", dependencies: ["PerfCounters", "CPerfEvents"]),
        .testTarget(name: "NUMATests", dependencies: ["NUMA"]),
        .testTarget(name: "MachineInfoTests", dependencies: ["MachineInfo", "NUMA"]),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Runs", "Measurement", "Statistics", "SeededRandom", "Calibration", "Timing", "PerfCounters"]),
    ]
)
