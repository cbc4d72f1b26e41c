import Foundation

// A county keeps tens of thousands of filings for the session, so the reader hands each over in
// the least memory that holds the same values: arrays without spare room, and one copy of each
// label the filings of a load repeat.

extension Filing {
    /// The filing as the reader hands it over: every array at its element count (appending leaves
    /// up to twice the room needed) and its repeated labels taken from `pool`. Changed in place,
    /// element by element: mapping each array made a copy of every element and freed the old one.
    public func compacted(sharing pool: TextPool) -> Filing {
        var filing = self
        filing.compact(sharing: pool)
        return filing
    }

    public mutating func compact(sharing pool: TextPool) {
        for p in projects.indices {
            projects[p].name = pool.shared(projects[p].name)
            projects[p].table.compact(sharing: pool)
            projects[p].report?.compact()
        }
        projects = projects.exactly
        department?.compact(sharing: pool)
        basic?.compact(sharing: pool)
        report?.compact()
        for r in otherReports.indices { otherReports[r].compact() }
        otherReports = otherReports.exactly
        warnings = warnings.exactly
    }
}

extension Department {
    mutating func compact(sharing pool: TextPool) {
        table.compact(sharing: pool)
        income = income.exactly
        expenditure = expenditure.exactly
    }
}

extension BasicData {
    mutating func compact(sharing pool: TextPool) {
        for r in rows.indices {
            rows[r].label = pool.shared(rows[r].label)
            rows[r].name = pool.shared(rows[r].name)
        }
        rows = rows.exactly
    }
}

extension ScoredTable {
    mutating func compact(sharing pool: TextPool) {
        // Taken out, changed and put back once: every change of `funds.rows` finds the amount and
        // scoring rows again (its didSet), which at each row's label cost more than the pooling.
        var rows = funds.rows
        funds.rows = []
        for r in rows.indices { rows[r].label = pool.shared(rows[r].label) }
        funds.rows = rows.exactly
        for i in indicators.indices {
            indicators[i].level1 = pool.shared(indicators[i].level1)
            indicators[i].level2 = pool.shared(indicators[i].level2)
            indicators[i].level3 = pool.shared(indicators[i].level3)
            indicators[i].target = pool.shared(indicators[i].target)
            indicators[i].actual = pool.shared(indicators[i].actual)
            indicators[i].deviation = pool.shared(indicators[i].deviation)
        }
        indicators = indicators.exactly
        remarks = remarks.exactly
    }
}

extension Narrative {
    mutating func compact() {
        for s in sections.indices { sections[s].trimCapacity() }
        sections = sections.exactly
    }
}

extension Array {
    /// The elements first to last, each moved out of the array: a filing copied from one array
    /// to the next retains each of its parts, and the array it came from releases them again.
    /// (`reverse()` would swap by copies; moving each to a second array does not.)
    @inlinable package consuming func draining() -> Draining<Element> {
        var elements = consume self
        var reversed: [Element] = []
        reversed.reserveCapacity(elements.count)
        while let element = elements.popLast() { reversed.append(element) }
        return Draining(reversed: reversed)
    }

    /// A copy with room for its elements and no more.
    package var exactly: [Element] {
        guard capacity > count else { return self }
        var copy: [Element] = []
        copy.reserveCapacity(count)
        copy.append(contentsOf: self)
        return copy
    }
}

/// One copy of each text that many filings repeat (一级/二级指标, fund rows, common indicator
/// names and targets): a county's tables hold the same few hundred labels tens of thousands of
/// times. Texts of 15 bytes or less are kept inside the `String` value and are left alone.
public final class TextPool: @unchecked Sendable {
    // Readers on every core share one pool; the lock keeps the set whole.
    private let lock = NSLock()
    private var texts: Set<Bytes> = []

    public init() {}

    /// The pool's copy of `text`, which becomes the copy when it is new.
    package func shared(_ text: String) -> String {
        guard text.utf8.count > 15 else { return text }
        lock.lock()
        defer { lock.unlock() }
        return texts.insert(Bytes(text: text)).memberAfterInsert.text
    }

    package func shared(_ text: String?) -> String? { text.map { shared($0) } }

    /// A text compared and hashed as its UTF-8 bytes. `String`'s own `==` and hash work on the
    /// canonical form of non-ASCII text, which cost two thousand instructions a label here, and
    /// would hand one filing a canonically equal label spelled with another filing's bytes.
    private struct Bytes: Hashable {
        let text: String

        static func == (a: Bytes, b: Bytes) -> Bool { a.text.isExactly(b.text) }

        func hash(into hasher: inout Hasher) {
            text.withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}

/// `Array.draining()`: pops from the reversed elements, so each comes out moved, in order.
@usableFromInline package struct Draining<Element>: Sequence, IteratorProtocol {
    @usableFromInline var reversed: [Element]

    @inlinable init(reversed: [Element]) { self.reversed = reversed }

    @inlinable package mutating func next() -> Element? { reversed.popLast() }
}
