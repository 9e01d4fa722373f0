// swift-tools-version:6.1
// hookbench: what LSM hook dispatch designs cost once LSMs get namespaces.
//
// Sources/ is grouped by layer; each layer depends only on the ones above
// it in this list (Support on nothing, and the core on nothing of the
// harness or the platform):
//
//   Support/    Support        shared helpers: number and byte formatting, text padding,
//                              the median, the procfs/sysfs reader, cache descriptions
//   Core/       SeededRandom   the seeded generator everything random draws from
//               LSMModel       the model and the reference evaluator (no platform code)
//               CStrategies*   kernel-style C twins over the same memory
//               CReclamation   the calling thread's retire slot (thread-local)
//               Strategies     the dispatch designs (LSMModel, swift-atomics)
//               Verification   every design against the reference on random worlds
//   Harness/    CHarness       timer reads, flushes, fences, the empty baseline (C)
//               Timing         the cycle timer
//               Statistics     medians, intervals, comparisons, fits
//               Calibration    the memory-latency ladder (lat_mem_rd style)
//               Measurement    points: worlds, call plans, timed loops, baseline, repeats
//   Platform/   PerfCounters   perf_event_open groups, events named and encoded by libpfm4
//               NUMA           topology, pinning, node-bound memory (libnuma)
//               MachineInfo    the machine fingerprint and pre-run warnings
//               Simulation     valgrind's callgrind: exact instruction and simulated miss counts
//               CKernelProbes, KernelProbes  the running kernel's syscalls, Landlock, user namespaces
//   Output/     ResultsFormat  results.csv, samples.csv, counters.csv, meta.json: the files
//               Reports        what is read from them: summary, plots, comparisons, merges
//   Sweeps/     Runs           run parameters, a sweep into a results directory
//               Suites         YAML suite files, checked with file:line:column errors
//               KernelRuns     hookbench kernel: fresh worker processes, estimates, kernel.csv
//   CLI/        hookbench      the command line (thin)
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
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .target(name: "Support", path: "Sources/Support"),

        // Core: the model and the designs.
        .target(name: "SeededRandom", path: "Sources/Core/SeededRandom"),
        .target(name: "LSMModel", dependencies: ["SeededRandom"], path: "Sources/Core/LSMModel"),
        // Kernel-style C twins of three strategies, over the same memory;
        // -O2 as the kernel builds, and once more with retpolines.
        .target(name: "CStrategies", path: "Sources/Core/CStrategies", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "CStrategiesRetpoline", path: "Sources/Core/CStrategiesRetpoline",
                cSettings: [.unsafeFlags(["-O2", "-mretpoline"])]),
        // The calling thread's retire slot (a C11 thread-local).
        .target(name: "CReclamation", path: "Sources/Core/CReclamation"),
        .target(
            name: "Strategies",
            dependencies: [
                "LSMModel", "SeededRandom", "CStrategies", "CStrategiesRetpoline", "CReclamation",
                .product(name: "Atomics", package: "swift-atomics"),
            ],
            path: "Sources/Core/Strategies"),
        .target(name: "Verification", dependencies: ["LSMModel", "Strategies"], path: "Sources/Core/Verification"),

        // Harness: measuring a point.
        .target(name: "CHarness", path: "Sources/Harness/CHarness", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "Timing", dependencies: ["CHarness", "Support"], path: "Sources/Harness/Timing"),
        .target(name: "Statistics", dependencies: ["Support", .product(name: "Histogram", package: "hdrhistogram-swift")],
                path: "Sources/Harness/Statistics"),
        .target(name: "Calibration", dependencies: ["Timing", "CHarness", "SeededRandom", "Statistics", "Support"],
                path: "Sources/Harness/Calibration"),
        .target(
            name: "Measurement",
            dependencies: ["LSMModel", "Strategies", "CHarness", "Timing", "Statistics", "SeededRandom", "Support",
                           .product(name: "Atomics", package: "swift-atomics")],
            path: "Sources/Harness/Measurement"),

        // Platform: each behind a small Swift type over a C shim.
        .target(name: "CPerfEvents", path: "Sources/Platform/CPerfEvents", linkerSettings: [.linkedLibrary("pfm")]),
        .target(name: "PerfCounters", dependencies: ["CPerfEvents", "Support"], path: "Sources/Platform/PerfCounters"),
        .target(name: "CNUMA", path: "Sources/Platform/CNUMA", linkerSettings: [.linkedLibrary("numa")]),
        .target(name: "NUMA", dependencies: ["CNUMA", "Support"], path: "Sources/Platform/NUMA"),
        .target(name: "MachineInfo", dependencies: ["NUMA", "Support"], path: "Sources/Platform/MachineInfo"),
        .target(name: "Simulation", path: "Sources/Platform/Simulation"),
        // The running kernel: syscall floors, Landlock, nested user namespaces.
        .target(name: "CKernelProbes", dependencies: ["CHarness"], path: "Sources/Platform/CKernelProbes"),
        .target(name: "KernelProbes", dependencies: ["CKernelProbes", "Timing", "Support"],
                path: "Sources/Platform/KernelProbes"),

        // Output: the results files, and what is made of them.
        .target(
            name: "ResultsFormat",
            dependencies: ["Support", .product(name: "CSV", package: "CSV.swift")],
            path: "Sources/Output/ResultsFormat"),
        .target(
            name: "Reports",
            dependencies: ["ResultsFormat", "Statistics", "SeededRandom", "Calibration", "Support", "Measurement", "LSMModel"],
            path: "Sources/Output/Reports"),

        // Sweeps: what a run is asked for, and the run itself.
        .target(
            name: "Runs",
            dependencies: [
                "LSMModel", "Strategies", "Measurement", "ResultsFormat", "Timing", "Calibration",
                "PerfCounters", "NUMA", "MachineInfo", "Support", .product(name: "Atomics", package: "swift-atomics"),
            ],
            path: "Sources/Sweeps/Runs"),
        .target(name: "Suites", dependencies: ["Runs", "NUMA", .product(name: "Yams", package: "Yams")],
                path: "Sources/Sweeps/Suites"),
        .target(
            name: "KernelRuns",
            dependencies: ["KernelProbes", "ResultsFormat", "Statistics", "SeededRandom", "Timing", "NUMA", "MachineInfo",
                           "Runs", "Support"],
            path: "Sources/Sweeps/KernelRuns"),

        .executableTarget(
            name: "hookbench",
            dependencies: [
                "LSMModel", "Strategies", "Verification", "Runs", "Reports", "ResultsFormat", "Timing", "Calibration",
                "NUMA", "MachineInfo", "Suites", "Support", "Measurement", "Simulation", "KernelProbes", "KernelRuns",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CLI/hookbench"),

        .testTarget(name: "SupportTests", dependencies: ["Support"]),
        .testTarget(name: "LSMModelTests", dependencies: ["LSMModel"]),
        .testTarget(
            name: "StrategiesTests",
            dependencies: [
                "LSMModel", "Strategies", "Verification",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ]),
        .testTarget(name: "VerificationTests", dependencies: ["LSMModel"]),
        .testTarget(name: "MeasurementTests", dependencies: ["Measurement", "LSMModel", "Strategies", "Timing"]),
        .testTarget(name: "RunsTests", dependencies: ["Runs", "Measurement", "ResultsFormat", "Reports", "LSMModel", "Timing", "PerfCounters", "NUMA"]),
        .testTarget(name: "CommandLineTests"),
        .testTarget(name: "SuitesTests", dependencies: ["Suites", "Runs", "NUMA"]),
        .testTarget(name: "CHarnessTests", dependencies: ["CHarness"]),
        .testTarget(name: "TimingTests", dependencies: ["Timing"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "SeededRandom", "Support"]),
        .testTarget(name: "CalibrationTests", dependencies: ["Calibration", "Timing", "SeededRandom", "Support"]),
        .testTarget(name: "PerfCountersTests", dependencies: ["PerfCounters", "CPerfEvents"]),
        .testTarget(name: "NUMATests", dependencies: ["NUMA", "Support"]),
        .testTarget(name: "MachineInfoTests", dependencies: ["MachineInfo", "NUMA", "Support"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation"]),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Reports", "ResultsFormat", "Runs", "Measurement", "LSMModel", "SeededRandom", "Timing", "PerfCounters",
            ]),
        .testTarget(
            name: "KernelTests",
            dependencies: ["KernelProbes", "KernelRuns", "Reports", "ResultsFormat", "Timing", "Statistics", "Support"]),
    ]
)
