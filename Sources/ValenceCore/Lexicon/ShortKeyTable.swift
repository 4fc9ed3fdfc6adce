internal import CICUShim

/// An open-addressing table of keys of 1 to 8 bytes, each with two `Double`s (a learned unit's
/// polarity and subjectivity). The character n-grams of ja, ko, zh and zh-TW are most of their
/// scoring's table probes, and the larger tables (up to ~70,000 units) do not fit a core's L2
/// cache. So the probe runs over a dense array of 16-bit tags (the key's length and 12 bits of its
/// hash; 256 KiB for the largest pack), and only a tag that matches reads the slot's record: the
/// key's bytes as one word and the two values, 24 bytes.
public struct ShortKeyTable: Sendable {
    /// The longest key the table holds.
    public static let maximumKeyLength = 8

    /// One per slot: 0 for an empty slot, else `0x8000 | hash bits << 3 | (length - 1)`.
    private var tags: [UInt16]
    /// Three words per slot: key bytes (little-endian, zero above the key), polarity bits,
    /// subjectivity bits.
    private var records: [UInt64]
    private let shift: UInt64
    private let mask: Int
    /// Keys held; kept below the slot count, so that every probe meets an empty slot.
    private var count = 0

    /// A table for up to `capacity` keys, at most two thirds full.
    public init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity + capacity / 2 + 1 { bits += 1 }
        tags = [UInt16](repeating: 0, count: 1 << bits)
        records = [UInt64](repeating: 0, count: 3 << bits)
        shift = 64 - bits
        mask = (1 << Int(bits)) - 1
    }

    /// The bytes of `key` (1 to 8 of them) as one word.
    @inline(__always)
    static func word(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = key.count
        let base = UnsafeRawPointer(key.baseAddress!)
        if count >= 4 {
            // Two overlapping 4-byte loads; the bytes they share land on the same bits.
            let low = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            return low | high << (8 * UInt64(count - 4))
        }
        let middle = count / 2
        return UInt64(key[0]) | UInt64(key[middle]) << (8 * UInt64(middle)) | UInt64(key[count - 1]) << (8 * UInt64(count - 1))
    }

    /// The mask that keeps the low `length` bytes of a word (all of them from 8 on): ``word(_:)`` of
    /// a key is its first eight bytes loaded at once and masked so, for a caller with bytes to spare
    /// after the key (a longer key's word is never read).
    @inline(__always)
    static func mask(length: Int) -> UInt64 {
        length >= 8 ? ~0 : (1 &<< UInt64(8 &* length)) &- 1
    }

    /// The home slot of a key and its tag: the slot from the hash's top bits, the tag from the
    /// 12 bits below them (with the length, which the hash also mixes in).
    @inline(__always)
    private func place(_ word: UInt64, length: Int) -> (slot: Int, tag: UInt16) {
        Self.place(word, length: length, shift: shift)
    }

    @inline(__always)
    static func place(_ word: UInt64, length: Int, shift: UInt64) -> (slot: Int, tag: UInt16) {
        let hash = (word ^ UInt64(truncatingIfNeeded: length) &<< 59) &* 0x9E37_79B9_7F4A_7C15
        let tagBits = UInt16(truncatingIfNeeded: (hash &<< (64 &- shift)) >> 52)
        return (Int(truncatingIfNeeded: hash &>> shift),
                0x8000 | tagBits &<< 3 | UInt16(truncatingIfNeeded: length &- 1))
    }

    /// Sets the values of `key` (1 to 8 bytes), inserting it if it is new.
    public mutating func set(_ key: UnsafeBufferPointer<UInt8>, _ first: Double, _ second: Double) {
        precondition((1...Self.maximumKeyLength).contains(key.count))
        let word = Self.word(key)
        var (slot, tag) = place(word, length: key.count)
        while tags[slot] != 0 && !(tags[slot] == tag && records[3 * slot] == word) {
            slot = (slot + 1) & mask
        }
        if tags[slot] == 0 {
            precondition(count < mask, "ShortKeyTable: more keys than its capacity")
            count += 1
        }
        tags[slot] = tag
        records[3 * slot] = word
        records[3 * slot + 1] = first.bitPattern
        records[3 * slot + 2] = second.bitPattern
    }

    /// The values of the key whose bytes, as ``word(_:)`` packs them, are `word` and whose length
    /// is `length` (1 to 8), or nil.
    @inline(__always)
    public func values(word: UInt64, length: Int) -> (Double, Double)? {
        withProbe { $0.values(word: word, length: length) }
    }

    /// The table's slots as buffers, for many lookups in a row (``Probe/values(word:length:)``).
    @inline(__always)
    func withProbe<R>(_ body: (Probe) -> R) -> R {
        tags.withUnsafeBufferPointer { tags in
            records.withUnsafeBufferPointer { records in
                body(Probe(tags: tags, records: records, shift: shift, mask: mask))
            }
        }
    }

    /// The slots of a table, valid inside ``withProbe(_:)``.
    struct Probe {
        let tags: UnsafeBufferPointer<UInt16>
        let records: UnsafeBufferPointer<UInt64>
        let shift: UInt64
        let mask: Int

        /// ``values(word:length:)`` with no branch on whether the key is there, for callers that add
        /// up many lookups: its values and 1, or 0, 0 and 0 (the probe stops at the key or at an empty
        /// slot, which for most keys, found or not, is the first slot it reads).
        @inline(__always)
        func valuesOrZero(word: UInt64, length: Int) -> (Double, Double, Int) {
            var (slot, tag) = ShortKeyTable.place(word, length: length, shift: shift)
            while true {
                let stored = tags[slot]
                let base = slot &* 3
                // The record is read whatever the tag (any slot's can be), so that both tests are
                // done and combined rather than branched on.
                let keyMatches = records[base] == word
                let found = stored == tag && keyMatches
                if found || stored == 0 {
                    let first = found ? records[base &+ 1] : 0, second = found ? records[base &+ 2] : 0
                    return (Double(bitPattern: first), Double(bitPattern: second), found ? 1 : 0)
                }
                slot = (slot &+ 1) & mask
            }
        }

        /// ``ShortKeyTable/values(word:length:)``.
        @inline(__always)
        func values(word: UInt64, length: Int) -> (Double, Double)? {
            // `slot` stays below the slot count (`mask`), so the index arithmetic is unchecked.
            var (slot, tag) = ShortKeyTable.place(word, length: length, shift: shift)
            while true {
                let stored = tags[slot]
                if stored == 0 { return nil }
                if stored == tag {
                    let base = slot &* 3
                    if records[base] == word {
                        return (Double(bitPattern: records[base &+ 1]), Double(bitPattern: records[base &+ 2]))
                    }
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// Starts fetching the lines a lookup of the key reads first: its home slot's tag and record.
    /// `word` is the key's bytes as ``word(_:)`` packs them, `length` its length (1 to 8).
    @inline(__always)
    public func prefetch(word: UInt64, length: Int) {
        let (slot, _) = place(word, length: length)
        tags.withUnsafeBufferPointer { vx_prefetch($0.baseAddress! + slot) }
        records.withUnsafeBufferPointer { vx_prefetch($0.baseAddress! + slot &* 3) }
    }

    /// The values of `key` (1 to 8 bytes), or nil.
    @inline(__always)
    public func values(_ key: UnsafeBufferPointer<UInt8>) -> (Double, Double)? {
        values(word: Self.word(key), length: key.count)
    }
}
