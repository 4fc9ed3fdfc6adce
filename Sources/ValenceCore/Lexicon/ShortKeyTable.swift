/// An open-addressing table of keys of 1 to 8 bytes, each with two `Double`s (a learned unit's
/// polarity and subjectivity), all inline in one 32-byte slot: the key's bytes as one word, its
/// length, and the two values. A probe that hits reads one slot, usually one cache line, where
/// a ``ByteTable`` lookup then reads the key's span, its bytes and the values' arrays (the
/// character n-grams of de, ja and zh are most of their scoring's table probes, and the tables
/// are larger than the caches).
public struct ShortKeyTable: Sendable {
    /// The longest key the table holds.
    public static let maximumKeyLength = 8

    /// Four words per slot: key bytes (little-endian, zero above the key), length (0 = empty),
    /// polarity bits, subjectivity bits.
    private var slots: [UInt64]
    private let shift: UInt64
    private let mask: Int

    /// A table for up to `capacity` keys, at most two thirds full.
    public init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity + capacity / 2 + 1 { bits += 1 }
        slots = [UInt64](repeating: 0, count: 4 << bits)
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

    @inline(__always)
    private func home(_ word: UInt64, length: Int) -> Int {
        Int(truncatingIfNeeded: ((word ^ UInt64(length) << 59) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Sets the values of `key` (1 to 8 bytes), inserting it if it is new.
    public mutating func set(_ key: UnsafeBufferPointer<UInt8>, _ first: Double, _ second: Double) {
        precondition((1...Self.maximumKeyLength).contains(key.count))
        let word = Self.word(key)
        var slot = home(word, length: key.count)
        while slots[4 * slot + 1] != 0 && !(slots[4 * slot] == word && slots[4 * slot + 1] == UInt64(key.count)) {
            slot = (slot + 1) & mask
        }
        slots[4 * slot] = word
        slots[4 * slot + 1] = UInt64(key.count)
        slots[4 * slot + 2] = first.bitPattern
        slots[4 * slot + 3] = second.bitPattern
    }

    /// The values of the key whose bytes, as ``word(_:)`` packs them, are `word` and whose length
    /// is `length` (1 to 8), or nil.
    @inline(__always)
    public func values(word: UInt64, length: Int) -> (Double, Double)? {
        slots.withUnsafeBufferPointer { slots in
            // `slot` stays below the slot count (`mask`), so the index arithmetic is unchecked.
            var slot = home(word, length: length)
            while true {
                let base = slot &<< 2
                let stored = slots[base &+ 1]
                if stored == 0 { return nil }
                if stored == UInt64(truncatingIfNeeded: length) && slots[base] == word {
                    return (Double(bitPattern: slots[base &+ 2]), Double(bitPattern: slots[base &+ 3]))
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// The values of `key` (1 to 8 bytes), or nil.
    @inline(__always)
    public func values(_ key: UnsafeBufferPointer<UInt8>) -> (Double, Double)? {
        values(word: Self.word(key), length: key.count)
    }
}
