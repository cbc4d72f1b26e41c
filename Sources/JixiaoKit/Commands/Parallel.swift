import Dispatch

extension Array where Element: Sendable {
    /// `map` on every core: each result stands at its element's place, so the outcome is the
    /// same as a serial `map` for a `transform` without side effects.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }  // an empty array
            // Each iteration initialises only its own slot; concurrentPerform returns after the last.
            nonisolated(unsafe) let slots = base
            DispatchQueue.concurrentPerform(iterations: count) { i in (slots + i).initialize(to: transform(self[i])) }
            initialized = count
        }
    }
}
