import CPerfEvents
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Opens events as one perf group on the calling thread, leader first, and
/// keeps going past failures so every event that cannot be counted gets its
/// own reason instead of the first failure hiding the rest.
enum GroupOpening {
    struct Member {
        /// Position in the caller's list, so results keep the caller's order.
        let index: Int
        let event: EncodedEvent
    }

    struct OpenedMember {
        let member: Member
        let fileDescriptor: Int32
    }

    struct Result {
        /// Open descriptors, leader first; the caller owns and closes them.
        let opened: [OpenedMember]
        let failures: [(index: Int, reason: UnavailabilityReason)]
    }

    /// The calling thread, on whichever CPU it runs.
    private static let callingThread: pid_t = 0
    private static let anyCPU: Int32 = -1
    private static let noGroup: Int32 = -1

    /// Tries the whole group; when a member fails, classifies it, drops it
    /// and tries again with the rest, so the result is the largest group that
    /// opens from the members in their given order.
    static func openLargestGroup(_ members: [Member], facts: PerfSystemFacts) -> Result {
        var candidates = members
        var failures: [(index: Int, reason: UnavailabilityReason)] = []
        while !candidates.isEmpty {
            var descriptors: [Int32] = []
            var failure: (position: Int, errno: Int32)?
            for (position, candidate) in candidates.enumerated() {
                let result = open(candidate.event, groupLeader: descriptors.first)
                if result < 0 {
                    failure = (position, -result)
                    break
                }
                descriptors.append(result)
            }
            guard let failure else {
                let opened = zip(candidates, descriptors).map { OpenedMember(member: $0, fileDescriptor: $1) }
                return Result(opened: opened, failures: failures)
            }
            descriptors.forEach { _ = close($0) }

            let failed = candidates[failure.position]
            // A leader failing is failing alone; a member failing may only
            // be failing in company.
            let opensAlone = failure.position > 0 && opensAsOwnGroup(failed.event)
            let reason = UnavailabilityReason.openFailure(
                errno: failure.errno, event: failed.event, groupSize: candidates.count,
                opensAlone: opensAlone, facts: facts)
            failures.append((failed.index, reason))
            candidates.remove(at: failure.position)
        }
        return Result(opened: [], failures: failures)
    }

    /// Opens the event as a new group's leader (groupLeader nil) or as a
    /// member of an open group. Returns the new descriptor or -errno.
    private static func open(_ event: EncodedEvent, groupLeader: Int32?) -> Int32 {
        var attributes = event.attributes
        hb_configure_group_counting(&attributes, groupLeader == nil ? 1 : 0)
        return hb_perf_event_open(&attributes, callingThread, anyCPU, groupLeader ?? noGroup)
    }

    private static func opensAsOwnGroup(_ event: EncodedEvent) -> Bool {
        let descriptor = open(event, groupLeader: nil)
        guard descriptor >= 0 else { return false }
        _ = close(descriptor)
        return true
    }
}
