import Dispatch

extension Array where Element: Sendable {
    /// `map` on every core: each result stands at its element's place, so the outcome is the
    /// same as a serial `map` for a `transform` without side effects.
    func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes only its own slot.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = transform(self[i]) }
        // Every slot was written above: concurrentPerform returns after the last iteration.
        return results.map { $0! }
    }
}
