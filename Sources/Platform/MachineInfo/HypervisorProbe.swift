import Support

/// Signs that the machine is a virtual machine.
public struct HypervisorInfo: Sendable, Equatable, Codable {
    /// /proc/cpuinfo lists the "hypervisor" flag, which x86 hypervisors set
    /// for their guests; this alone decides `isVirtualMachine`.
    public let cpuFlag: Bool
    /// /sys/class/dmi/id/sys_vendor, e.g. "QEMU"; informative only, since some
    /// clouds report the same vendor for bare-metal and virtual instances.
    public let systemVendor: Probed<String>
    /// /sys/class/dmi/id/product_name.
    public let productName: Probed<String>

    public init(cpuFlag: Bool, systemVendor: Probed<String>, productName: Probed<String>) {
        self.cpuFlag = cpuFlag
        self.systemVendor = systemVendor
        self.productName = productName
    }

    public var isVirtualMachine: Bool { cpuFlag }

    /// "QEMU Standard PC (Q35 + ICH9, 2009)" or nil when DMI says nothing.
    public var platformName: String? {
        let parts = [systemVendor.value, productName.value].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

enum HypervisorProbe {
    static let systemVendorPath = "/sys/class/dmi/id/sys_vendor"
    static let productNamePath = "/sys/class/dmi/id/product_name"

    static func read(cpuFlag: Bool, reader: SystemFileReader) -> HypervisorInfo {
        HypervisorInfo(
            cpuFlag: cpuFlag,
            systemVendor: .file(systemVendorPath, reader: reader),
            productName: .file(productNamePath, reader: reader)
        )
    }
}
