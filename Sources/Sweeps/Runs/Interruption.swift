// SIGINT and SIGTERM during a run: the handler only records the signal;
// the run stops between samples, keeps every finished point, records the
// interruption in meta.json and exits 130.

import Atomics
import Foundation

public enum Interruption {
    private static let signal = ManagedAtomic<Int32>(0)

    public static func install() {
        for number in [SIGINT, SIGTERM] {
            Foundation.signal(number) { received in Interruption.signal.store(received, ordering: .relaxed) }
        }
    }

    /// The signal received, if any.
    public static var received: Int32? {
        let value = signal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    public static var name: String {
        switch received {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case let other?: return "signal \(other)"
        case nil: return "nothing"
        }
    }

    /// The exit status of a run stopped by a signal, as shells report it.
    public static let exitStatus: Int32 = 130
}
