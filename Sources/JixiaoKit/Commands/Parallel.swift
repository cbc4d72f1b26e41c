import Dispatch
import Foundation
import JixiaoModel
import JixiaoRendering

extension Array where Element: Sendable {
    /// `map` on every core: each result stands at its element's place, so the outcome is the
    /// same as a serial `map` for a `transform` without side effects.
    ///
    /// The work runs on libdispatch's threads only, the calling thread waiting: the executable
    /// gives glibc two malloc arenas for two cores (main.swift), and the threads keep the arena
    /// they first allocated in. The calling thread working too made three threads allocate at
    /// once, two of them in one arena and waiting on its lock in some runs and not in others.
    func parallelMap<Result: Sendable>(_ transform: @escaping @Sendable (Element) -> Result) -> [Result] {
        [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }  // an empty array
            // Each iteration initialises only its own slot; concurrentPerform returns after the last,
            // and the block signals after that, so no slot is written once this thread goes on.
            nonisolated(unsafe) let slots = base
            let finished = DispatchSemaphore(value: 0)
            let elements = self
            DispatchQueue.global().async {
                DispatchQueue.concurrentPerform(iterations: elements.count) { i in
                    (slots + i).initialize(to: transform(elements[i]))
                }
                finished.signal()
            }
            finished.wait()
            initialized = count
        }
    }

    /// `parallelMap` that the caller may abandon: the work runs on other threads while this one
    /// calls `check` every 50 ms; when `check` throws (Ctrl-C), the error is thrown at once and the
    /// abandoned results, when they come, are dropped. So Ctrl-C is heard even inside one long file.
    func parallelMap<Result: Sendable>(
        _ transform: @escaping @Sendable (Element) -> Result, checking check: () throws(ShellError) -> Void
    ) throws(ShellError) -> [Result] {
        let results = ResultSlots<Result>(count)
        let finished = DispatchSemaphore(value: 0)
        let elements = self
        DispatchQueue.global().async {
            DispatchQueue.concurrentPerform(iterations: elements.count) { i in results.set(i, transform(elements[i])) }
            finished.signal()
        }
        while finished.wait(timeout: .now() + .milliseconds(50)) == .timedOut { try check() }
        return results.takeAll()
    }
}

/// Results written from many threads, each to its own slot; kept alive by the work that fills
/// them, so work abandoned after Ctrl-C writes into slots nobody reads.
private final class ResultSlots<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result?]

    init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: consuming Result) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// Every result, once all are set, moved out of its slot (a copy would retain every part of a
    /// filing, and the slots release it all again).
    func takeAll() -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        var all: [Result] = []
        all.reserveCapacity(slots.count)
        for index in slots.indices {
            if let result = slots[index].take() { all.append(result) }
        }
        return all
    }
}

/// The rows of a county table worked out on every core, in slices of filings, in filing order.
let everyCore: CountyViews.RowMap = { results, rows in
    let slices = stride(from: 0, to: results.count, by: 256).map { Array(results[$0..<min($0 + 256, results.count)]) }
    return slices.parallelMap { $0.map(rows) }.flatMap { $0 }
}
