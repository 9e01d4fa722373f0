// In-place selection of order statistics. Bootstrap loops need the median
// of thousands of resamples; selection finds it in linear expected time
// where sorting would cost n log n per resample.

enum Selection {
    /// Median of `buffer[0..<count]` (mean of the two middle values for an
    /// even count). Reorders that part of the buffer. `count` must be > 0.
    static func median(_ buffer: UnsafeMutablePointer<Double>, count: Int) -> Double {
        let upperMiddle = count / 2
        select(buffer, count: count, rank: upperMiddle)
        let upperValue = buffer[upperMiddle]
        if count % 2 == 1 { return upperValue }
        // After selection everything left of upperMiddle is <= it, so the
        // lower middle value is the largest of that part.
        var lowerValue = buffer[0]
        for index in 1..<upperMiddle where buffer[index] > lowerValue {
            lowerValue = buffer[index]
        }
        return (lowerValue + upperValue) / 2
    }

    /// Hoare's quickselect with median-of-three pivots: afterwards
    /// buffer[rank] holds the value it would hold if sorted, with smaller
    /// or equal values before it and larger or equal after it.
    static func select(_ buffer: UnsafeMutablePointer<Double>, count: Int, rank: Int) {
        precondition(rank >= 0 && rank < count)
        var low = 0
        var high = count - 1
        while high > low {
            let middle = low + (high - low) / 2
            // Order buffer[low], buffer[middle], buffer[high] so the pivot is
            // their median; this also makes the ends sentinels.
            if buffer[middle] < buffer[low] { swapValues(buffer, middle, low) }
            if buffer[high] < buffer[low] { swapValues(buffer, high, low) }
            if buffer[high] < buffer[middle] { swapValues(buffer, high, middle) }
            let pivot = buffer[middle]
            var left = low
            var right = high
            while left <= right {
                while buffer[left] < pivot { left += 1 }
                while buffer[right] > pivot { right -= 1 }
                if left <= right {
                    swapValues(buffer, left, right)
                    left += 1
                    right -= 1
                }
            }
            if rank <= right {
                high = right
            } else if rank >= left {
                low = left
            } else {
                return
            }
        }
    }

    @inline(__always)
    private static func swapValues(_ buffer: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int) {
        let temporary = buffer[i]
        buffer[i] = buffer[j]
        buffer[j] = temporary
    }
}
