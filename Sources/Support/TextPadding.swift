// Padding and trimming for plain-text tables and for values read from
// files and arguments. Widths count characters, as the text outputs do.

extension String {
    /// Self right-aligned in `width` columns: spaces before it, none when it
    /// is already at least that wide.
    public func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - count)) + self
    }

    /// Self left-aligned in `width` columns: spaces after it, none when it
    /// is already at least that wide.
    public func rightPadded(to width: Int) -> String {
        self + String(repeating: " ", count: Swift.max(0, width - count))
    }
}

extension StringProtocol {
    /// Self without leading and trailing whitespace (spaces, tabs, line
    /// breaks): the form of one-value procfs and sysfs files and of list
    /// items in arguments.
    public func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
