#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Why one event cannot be counted, as a value a harness can print: each
/// description says what is missing, why, and how to get it.
public enum UnavailabilityReason: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name failed validation before anything was opened.
    case invalidName(event: String, EventNameError)
    /// libpfm4 could not initialise, so no name can be translated.
    case libpfmUnavailable(event: String, libpfmMessage: String)
    /// libpfm4 has no event of this name for any PMU it detected.
    case unknownEvent(event: String, libpfmMessage: String)
    /// libpfm4 knows the event but not its unit masks or modifiers.
    case invalidEventAttributes(event: String, libpfmMessage: String)
    /// Any other libpfm4 encoding failure.
    case encodingFailed(event: String, libpfmMessage: String)
    /// A hardware event on a machine whose kernel registered no CPU PMU.
    case noHardwarePMU(event: String, runsUnderHypervisor: Bool)
    /// The PMU exists but cannot count this event.
    case notSupportedByCPU(event: String, errno: Int32)
    /// perf_event_open refused for lack of privilege.
    case permissionDenied(event: String, errno: Int32, paranoidLevel: Int?, countsKernel: Bool, isRoot: Bool)
    /// The event opens alone but not as a member of this group.
    case doesNotFitInGroup(event: String, groupSize: Int)
    /// The group was enabled but never got onto the PMU (coverage 0).
    case neverScheduled(event: String, groupSize: Int, timeEnabled: UInt64)
    /// Another user holds the counters exclusively.
    case pmuBusy(event: String)
    /// The process ran out of file descriptors (one per event).
    case tooManyOpenFiles(event: String, errno: Int32)
    /// Any other system call failure.
    case systemError(event: String, operation: String, errno: Int32)
    /// The group opened, but operating it failed.
    case groupOperationFailed(event: String, detail: String)

    /// The event the reason is about, as the user spelled it.
    public var event: String {
        switch self {
        case .invalidName(let event, _), .libpfmUnavailable(let event, _), .unknownEvent(let event, _),
             .invalidEventAttributes(let event, _), .encodingFailed(let event, _), .noHardwarePMU(let event, _),
             .notSupportedByCPU(let event, _), .permissionDenied(let event, _, _, _, _),
             .doesNotFitInGroup(let event, _), .neverScheduled(let event, _, _), .pmuBusy(let event),
             .tooManyOpenFiles(let event, _), .systemError(let event, _, _), .groupOperationFailed(let event, _):
            event
        }
    }

    public var description: String {
        switch self {
        case .invalidName(let event, let error):
            return "'\(event)' is not a valid event name: \(error)."
        case .libpfmUnavailable(let event, let message):
            return "\(event): libpfm4 could not initialise (\(message)), so no event name can be "
                + "translated for the kernel. Run with LIBPFM_VERBOSE=1 LIBPFM_DEBUG=1 to see which "
                + "PMUs libpfm4 detected, and update libpfm4 if this CPU is newer than it."
        case .unknownEvent(let event, let message):
            return "\(event): libpfm4 knows no event of that name on the PMUs it detected here "
                + "(libpfm4: \(message)). List the names this machine supports with `perf list` or "
                + "libpfm4's `showevtinfo`; generic names such as perf::CYCLES work on every CPU."
        case .invalidEventAttributes(let event, let message):
            return "\(event): libpfm4 knows the event but rejects its unit mask or modifier "
                + "(libpfm4: \(message)). `showevtinfo` lists the unit masks and modifiers each event takes."
        case .encodingFailed(let event, let message):
            return "\(event): libpfm4 could not encode the event (libpfm4: \(message))."
        case .noHardwarePMU(let event, let runsUnderHypervisor):
            if runsUnderHypervisor {
                return "\(event) is a hardware event, but this machine is a virtual machine whose "
                    + "hypervisor exposes no virtual PMU, so the kernel has no CPU counters to program "
                    + "(no CPU PMU under /sys/bus/event_source/devices; dmesg says \"PMU not available "
                    + "due to virtualization\"). Enable the guest PMU (QEMU/KVM: -cpu host or pmu=on; "
                    + "VMware: \"Virtualize CPU performance counters\"; cloud: a bare-metal or "
                    + "PMU-enabled instance type) or run on bare metal. Software events such as "
                    + "perf::TASK-CLOCK and perf::PAGE-FAULTS still work here."
            }
            return "\(event) is a hardware event, but the kernel registered no CPU PMU (none under "
                + "/sys/bus/event_source/devices), so there are no counters to program. The kernel may "
                + "not know this CPU model or may be built without its perf driver; `dmesg | grep "
                + "'Performance Events'` says which, and a newer kernel usually fixes it."
        case .notSupportedByCPU(let event, let errno):
            return "\(event): the kernel cannot count this event on this CPU's PMU "
                + "(\(errnoDescription(errno)) from perf_event_open). Pick an event this CPU supports "
                + "from `perf list` or libpfm4's `showevtinfo`."
        case .permissionDenied(let event, let errno, let paranoidLevel, let countsKernel, let isRoot):
            var sentence = "\(event): perf_event_open was refused (\(errnoDescription(errno)))"
            if isRoot {
                return sentence + " even though this process runs as root: a seccomp filter (container "
                    + "runtimes block perf_event_open by default), kernel lockdown or an LSM policy "
                    + "forbids it. Allow perf_event_open in the container's seccomp profile (or run "
                    + "with --privileged / CAP_PERFMON) and check `dmesg` for lockdown messages."
            }
            if let paranoidLevel {
                sentence += ": kernel.perf_event_paranoid is \(paranoidLevel) ("
                    + paranoidMeaning(paranoidLevel) + ")"
            } else {
                sentence += ": /proc/sys/kernel/perf_event_paranoid could not be read"
            }
            if countsKernel {
                sentence += ", and this event also counts kernel mode, which needs "
                    + "perf_event_paranoid <= 1"
            }
            sentence += ". Run as root (or with CAP_PERFMON) or `sysctl kernel.perf_event_paranoid=1`"
            if countsKernel {
                sentence += "; ':u' would count user mode only, which misses the LSM hooks themselves"
            }
            return sentence + "."
        case .doesNotFitInGroup(let event, let groupSize):
            return "\(event) can be counted on its own but not together with the other events of "
                + "this \(groupSize)-event group: together they need more hardware counters than the "
                + "PMU has, or they mix PMUs that cannot share a group. Measure fewer events at once "
                + "(drop this one or split the set across runs)."
        case .neverScheduled(let event, let groupSize, let timeEnabled):
            return "\(event): the \(groupSize)-event group was enabled for \(timeEnabled) ns but never "
                + "ran on the PMU (time running 0, coverage 0), so its count is unknown: the group "
                + "needs more hardware counters than are free. The NMI watchdog and other perf users "
                + "hold counters too; free them with `sysctl kernel.nmi_watchdog=0` or measure fewer "
                + "events at once."
        case .pmuBusy(let event):
            return "\(event): the PMU counters are busy (EBUSY): another user holds them exclusively, "
                + "e.g. another perf session with exclusive or pinned events. Stop it and retry."
        case .tooManyOpenFiles(let event, let errno):
            return "\(event): out of file descriptors (\(errnoDescription(errno))); every counted "
                + "event needs one. Raise the limit with `ulimit -n`."
        case .systemError(let event, let operation, let errno):
            return "\(event): \(operation) failed (\(errnoDescription(errno)))."
        case .groupOperationFailed(let event, let detail):
            return "\(event): the counter group opened, but \(detail)."
        }
    }

    /// Classifies a failed perf_event_open(2). `opensAlone` says whether the
    /// same event opened as its own group, which separates "this CPU cannot
    /// count it" from "it does not fit with the others".
    static func openFailure(
        errno error: Int32,
        event: EncodedEvent,
        groupSize: Int,
        opensAlone: Bool,
        facts: PerfSystemFacts
    ) -> UnavailabilityReason {
        let spelling = event.name.spelling
        switch error {
        case EACCES, EPERM:
            return .permissionDenied(
                event: spelling, errno: error, paranoidLevel: facts.paranoidLevel,
                countsKernel: event.name.privilege.countsKernel, isRoot: facts.isRoot)
        case EMFILE, ENFILE:
            return .tooManyOpenFiles(event: spelling, errno: error)
        case EBUSY:
            return .pmuBusy(event: spelling)
        default:
            break
        }
        if event.needsHardwarePMU && !facts.hasHardwarePMU {
            return .noHardwarePMU(event: spelling, runsUnderHypervisor: facts.runsUnderHypervisor)
        }
        if opensAlone {
            return .doesNotFitInGroup(event: spelling, groupSize: groupSize)
        }
        switch error {
        case ENOENT, EOPNOTSUPP, ENODEV, EINVAL:
            return .notSupportedByCPU(event: spelling, errno: error)
        default:
            return .systemError(event: spelling, operation: "perf_event_open", errno: error)
        }
    }
}

/// The answer of CounterGroup.probe(events:).
public enum CounterAvailability: Sendable, Hashable, CustomStringConvertible {
    case available
    /// One reason per event that cannot be counted, in the order requested.
    case unavailable([UnavailabilityReason])

    public var isAvailable: Bool { self == .available }

    public var reasons: [UnavailabilityReason] {
        switch self {
        case .available: []
        case .unavailable(let reasons): reasons
        }
    }

    public var description: String {
        switch self {
        case .available:
            "performance counters available"
        case .unavailable(let reasons):
            "performance counters unavailable:\n" + reasons.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}

/// Errors of CounterGroup. `unavailable` is what `--require-counters` turns
/// into a hard failure; the others mean the kernel refused an operation on a
/// group that had opened fine, which only happens if the process tampered
/// with the descriptors.
public enum CounterError: Error, Sendable, Hashable, CustomStringConvertible {
    case unavailable([UnavailabilityReason])
    case systemCallFailed(operation: String, errno: Int32)
    case unexpectedReadLayout(expectedWords: Int, receivedWords: Int)

    public var description: String {
        switch self {
        case .unavailable(let reasons):
            "performance counters unavailable:\n" + reasons.map { "  - \($0)" }.joined(separator: "\n")
        case .systemCallFailed(let operation, let errno):
            "\(operation) on the counter group failed (\(errnoDescription(errno)))"
        case .unexpectedReadLayout(let expected, let received):
            "reading the counter group returned \(received) words where \(expected) were expected"
        }
    }
}

/// "ENOENT, No such file or directory": the symbolic name is what people
/// search for, the text is what they understand.
func errnoDescription(_ error: Int32) -> String {
    let symbol: String? = switch error {
    case ENOENT: "ENOENT"
    case EOPNOTSUPP: "EOPNOTSUPP"
    case ENODEV: "ENODEV"
    case EINVAL: "EINVAL"
    case EACCES: "EACCES"
    case EPERM: "EPERM"
    case EBUSY: "EBUSY"
    case EMFILE: "EMFILE"
    case ENFILE: "ENFILE"
    case E2BIG: "E2BIG"
    case ESRCH: "ESRCH"
    case EBADF: "EBADF"
    case EFAULT: "EFAULT"
    case ENOSPC: "ENOSPC"
    default: nil
    }
    let text = strerror(error).map { String(cString: $0) } ?? "error \(error)"
    return symbol.map { "\($0), \(text)" } ?? text
}

private func paranoidMeaning(_ level: Int) -> String {
    switch level {
    case ..<0: "no restrictions"
    case 0: "unprivileged users may count user and kernel mode, but not raw tracepoints"
    case 1: "unprivileged users may count user and kernel mode of their own processes"
    case 2: "unprivileged users may count user mode of their own processes only"
    default: "unprivileged users may not use perf_event_open at all"
    }
}
