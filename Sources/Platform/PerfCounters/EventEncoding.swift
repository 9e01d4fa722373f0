import CPerfEvents

/// An event that libpfm4 translated into the attribute block
/// perf_event_open(2) takes, ready to be configured as a group member.
public struct EncodedEvent: Sendable {
    public let name: EventName
    /// libpfm4's spelled-out form, e.g.
    /// `perf::PERF_COUNT_HW_CPU_CYCLES:u=1:k=1:...`, worth logging next to
    /// results because it says exactly what was counted.
    public let fullyQualifiedName: String
    let attributes: perf_event_attr

    /// perf_event_attr.type: the kernel PMU that will count the event.
    public var perfType: UInt32 { attributes.type }
    /// perf_event_attr.config: the event's code within that PMU.
    public var perfConfig: UInt64 { attributes.config }

    /// Whether the event needs a hardware PMU (generic hardware and cache
    /// events, raw CPU events, dynamic PMUs) rather than the kernel's software
    /// or tracepoint counters, which work everywhere, virtual machines
    /// included.
    public var needsHardwarePMU: Bool {
        switch perfType {
        case PERF_TYPE_SOFTWARE.rawValue, PERF_TYPE_TRACEPOINT.rawValue, PERF_TYPE_BREAKPOINT.rawValue:
            false
        default:
            true
        }
    }

    /// Asks libpfm4 for the encoding; fails with the reason libpfm gives,
    /// phrased for the user.
    public init(encoding name: EventName) throws(UnavailabilityReason) {
        let initStatus = hb_pfm_initialize()
        guard initStatus == HB_PFM_SUCCESS else {
            throw .libpfmUnavailable(event: name.spelling, libpfmMessage: Self.message(for: initStatus))
        }

        var privilegeMask: UInt32 = 0
        if name.privilege.countsUser { privilegeMask |= HB_COUNT_USER }
        if name.privilege.countsKernel { privilegeMask |= HB_COUNT_KERNEL }

        var attributes = perf_event_attr()
        // libpfm's fully qualified names are well under this size; a longer
        // one is only truncated in logs, never in what gets counted.
        let capacity = 512
        let (status, qualified) = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            buffer.initialize(repeating: 0)
            let status = hb_encode_event(name.libpfmName, privilegeMask, &attributes, buffer.baseAddress, capacity)
            return (status, status == HB_PFM_SUCCESS ? String(cString: buffer.baseAddress!) : "")
        }

        switch status {
        case HB_PFM_SUCCESS:
            self.name = name
            self.fullyQualifiedName = qualified
            self.attributes = attributes
        case HB_PFM_ERR_NOTFOUND:
            throw .unknownEvent(event: name.spelling, libpfmMessage: Self.message(for: status))
        case HB_PFM_ERR_ATTR, HB_PFM_ERR_ATTR_VAL, HB_PFM_ERR_ATTR_SET, HB_PFM_ERR_UMASK, HB_PFM_ERR_FEATCOMB:
            throw .invalidEventAttributes(event: name.spelling, libpfmMessage: Self.message(for: status))
        default:
            throw .encodingFailed(event: name.spelling, libpfmMessage: Self.message(for: status))
        }
    }

    private static func message(for status: Int32) -> String {
        hb_pfm_strerror(status).map { String(cString: $0) } ?? "libpfm error \(status)"
    }
}
