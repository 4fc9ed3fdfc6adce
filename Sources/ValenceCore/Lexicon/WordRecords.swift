/// The ``CompiledLexicon/WordRecord`` of every entry of a compiled lexicon, each in a 64-byte line
/// aligned to a cache line together with the entry key's length and first eight bytes.
///
/// A token's lookup used to follow four dependent loads: the table's slot, the key's span, the
/// key's bytes in the arena, then the record, each a likely cache miss in English (84 % of its
/// tokens are found, in a table of ~16,000 keys whose arrays are larger than a core's L2). With the
/// key's bytes beside the record, a key of at most eight bytes is confirmed and its record read in
/// one line after the slot (``CompiledLexicon/entry(of:)``); longer keys compare the rest of their
/// bytes in the table's arena. Immutable once built, so shared by every scoring thread.
public final class WordRecords: @unchecked Sendable {
    /// One entry's line. Stored fields in this order make 64 bytes, no padding.
    struct Line {
        var valence: Double
        var booster: Double
        var learnedPolarity: Double
        var learnedSubjectivity: Double
        var mixedPolarity: Double
        var mixedness: Double
        var roles: UInt32
        /// Bit 0: has a second-layer word unit; bit 1: has a `mixed-units.tsv` word unit.
        var flags: UInt16
        /// The key's byte count, or 0xFFFF from there on.
        var keyLength: UInt16
        /// The key's first eight bytes, little-endian, zero after the key (``prefix(_:)``).
        var keyPrefix: UInt64
    }

    let lines: UnsafeMutablePointer<Line>
    /// The number of entries.
    public let count: Int

    /// The records of `table`'s entries, `record(i)` for entry `i`.
    init(table: ByteTable, record: (Int) -> CompiledLexicon.WordRecord) {
        precondition(MemoryLayout<Line>.stride == 64)
        count = table.count
        lines = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 64, alignment: 64)
            .bindMemory(to: Line.self, capacity: max(count, 1))
        for entry in 0..<count {
            let record = record(entry)
            let (length, prefix) = table.withKeyBytes(at: entry) { (min($0.count, 0xFFFF), Self.prefix($0)) }
            (lines + entry).initialize(to: Line(
                valence: record.valence, booster: record.booster,
                learnedPolarity: record.learnedPolarity, learnedSubjectivity: record.learnedSubjectivity,
                mixedPolarity: record.mixedPolarity, mixedness: record.mixedness,
                roles: record.roles.rawValue,
                flags: (record.hasLearned ? 1 : 0) | (record.hasMixed ? 2 : 0),
                keyLength: UInt16(length), keyPrefix: prefix))
        }
    }

    deinit {
        lines.deinitialize(count: count)
        lines.deallocate()
    }

    /// The record of `entry`.
    @inline(__always)
    public subscript(entry: Int) -> CompiledLexicon.WordRecord {
        precondition(entry >= 0 && entry < count, "WordRecords: entry out of range")
        let line = lines[entry]
        return CompiledLexicon.WordRecord(
            valence: line.valence, booster: line.booster,
            learnedPolarity: line.learnedPolarity, learnedSubjectivity: line.learnedSubjectivity,
            mixedPolarity: line.mixedPolarity, mixedness: line.mixedness,
            roles: CompiledLexicon.Roles(rawValue: line.roles),
            hasLearned: line.flags & 1 != 0, hasMixed: line.flags & 2 != 0)
    }

    /// Whether entry `entry`'s key could be `key`, whose ``prefix(_:)`` is `prefix`: same length
    /// and same first eight bytes, which settles it for a key of at most eight bytes.
    @inline(__always)
    func keyStarts(_ entry: Int, count: Int, prefix: UInt64) -> Bool {
        let line = lines + entry
        return Int(line.pointee.keyLength) == Swift.min(count, 0xFFFF) && line.pointee.keyPrefix == prefix
    }

    /// The first eight bytes of `key` (fewer when it is shorter) as one little-endian word, zero
    /// above the key's bytes (``ShortKeyTable/word(_:)`` of them); nothing outside the key is read.
    @inline(__always)
    static func prefix(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        key.isEmpty ? 0 : ShortKeyTable.word(UnsafeBufferPointer(rebasing: key[..<Swift.min(key.count, 8)]))
    }
}
