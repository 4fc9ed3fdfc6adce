/// An open-addressing hash table keyed by raw UTF-8 bytes, mapping each key to a dense entry
/// index. Keys live back to back in one byte arena; a lookup hashes the bytes and compares
/// them in place, so no `String` is built or hashed on the scoring path.
public struct ByteTable: Sendable {
    private var arena: [UInt8] = []
    /// Per entry: where its key starts in the arena (high 32 bits) and its length (low 32 bits).
    private var spans: [UInt64] = []
    private var hashes: [UInt64] = []
    /// Slot -> the top 8 bits of the key's hash (high 8 bits) and entry index + 1 (low 24 bits;
    /// 0 = empty): a probe compares hash bits without leaving the slot array, so a miss or a
    /// collision costs one cache line, and a hit one more for the span and one for the key bytes.
    /// Four bytes a slot keep the array small (English's 64 Ki slots, 256 KiB, sit in L2 beside
    /// the lexicon's records). (Slots of two words, with the span beside the hash, cut an English
    /// job's first-level misses by 7 % in cachegrind but not its time, and doubled the slot array.)
    private var slots: [UInt32]
    private var mask: Int

    public init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    /// The number of keys.
    public var count: Int { spans.count }

    /// Makes room for `keys` more keys (of `bytes` bytes in all, when known), so that inserting
    /// them neither regrows the per-key arrays nor rehashes the slots.
    public mutating func reserve(keys: Int, bytes: Int = 0) {
        spans.reserveCapacity(count + keys)
        hashes.reserveCapacity(count + keys)
        if bytes > 0 { arena.reserveCapacity(arena.count + bytes) }
        var size = mask + 1
        while size < (count + keys) * 2 { size <<= 1 }
        if size > mask + 1 { rehash(size: size) }
    }

    /// The entry index for `key`, inserting it as a new entry if it is not there yet.
    @discardableResult
    public mutating func insert(_ key: some Collection<UInt8>) -> (index: Int, inserted: Bool) {
        Array(key).withUnsafeBufferPointer { insert($0) }
    }

    /// The entry index for `key`, inserting it as a new entry if it is not there yet (no copy of
    /// the key is made unless it is inserted: packs insert tens of thousands of keys when they load).
    @discardableResult
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        let hash = Self.hash(key)
        if let found = find(key, hash: hash) {
            return (found, false)
        }
        precondition(count < Self.maximumCount, "ByteTable: more than \(Self.maximumCount) keys")
        if (count + 1) * 2 > mask + 1 { grow() }
        let index = count
        spans.append(UInt64(arena.count) << 32 | UInt64(key.count))
        hashes.append(hash)
        arena.append(contentsOf: key)
        place(index, hash: hash)
        return (index, true)
    }

    /// The entry index of `key`, or nil.
    @inlinable
    public func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        find(key, hash: Self.hash(key))
    }

    /// The entry index of `key`, or nil. For set-up; the hot path uses buffers.
    public func index(of key: [UInt8]) -> Int? {
        key.withUnsafeBufferPointer { index(of: $0) }
    }

    /// The entry index of a string key, or nil. For set-up and tests; the hot path uses bytes.
    public func index(of key: String) -> Int? {
        var copy = key
        return copy.withUTF8 { index(of: $0) }
    }

    /// Calls `body` with the key bytes of an entry.
    public func withKeyBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = Int(spans[index] >> 32), count = Int(spans[index] & 0xFFFF_FFFF)
        return try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<start + count])) }
    }

    /// The key bytes of an entry, as a string.
    public func key(at index: Int) -> String {
        let start = Int(spans[index] >> 32)
        return String(decoding: arena[start..<start + Int(spans[index] & 0xFFFF_FFFF)], as: UTF8.self)
    }

    @usableFromInline
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        firstIndex(hash: hash) { keyEquals($0, key) }
    }

    /// The first entry, in probe order, whose slot carries `hash`'s tag and that `matches` accepts,
    /// or nil: for a caller that keeps something of each key beside its own data and compares that
    /// first (``CompiledLexicon/entry(of:)``); ``keyEquals(_:_:)`` settles the rest.
    @inline(__always)
    func firstIndex(hash: UInt64, where matches: (Int) -> Bool) -> Int? {
        let tag = Self.tag(hash)
        let mask = self.mask
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let stored = slots[slot]
                if stored == 0 { return nil }
                if stored & 0xFF00_0000 == tag {
                    let index = Int(truncatingIfNeeded: stored & 0x00FF_FFFF) &- 1
                    if matches(index) { return index }
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// Whether entry `index`'s key is `key`.
    @inline(__always)
    func keyEquals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        spans.withUnsafeBufferPointer { spans in
            arena.withUnsafeBufferPointer { arena in
                let span = spans[index]
                return Int(truncatingIfNeeded: span & 0xFFFF_FFFF) == key.count
                    && (key.count == 0 || memoryEqual(arena.baseAddress! + Int(truncatingIfNeeded: span >> 32), key.baseAddress!, key.count))
            }
        }
    }

    private mutating func place(_ index: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Self.tag(hash) | UInt32(index + 1)
    }

    /// The most keys a table holds: an entry index + 1 has 24 bits in a slot.
    public static let maximumCount = 0x00FF_FFFE

    /// A slot's hash bits: the hash's top 8 (the slot comes from its low bits).
    @inline(__always)
    static func tag(_ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: hash >> 56) << 24
    }

    private mutating func grow() {
        rehash(size: (mask + 1) * 2)
    }

    /// Every key placed again in `size` (a power of two) slots.
    private mutating func rehash(size: Int) {
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
        for index in 0..<count { place(index, hash: hashes[index]) }
    }

    /// A fast 64-bit hash of a byte string: 8 bytes at a time, multiply-xorshift mixing.
    @inlinable
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let k0: UInt64 = 0xA076_1D64_78BD_642F
        let k1: UInt64 = 0xE703_7ED1_A0B4_28DB
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count) &* k0
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return h }
        var offset = 0
        let n = bytes.count
        while offset + 8 <= n {
            let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            h = mix(h ^ word, k1)
            offset += 8
        }
        if offset < n {
            // The last 1 to 7 bytes in at most two loads, never past the end (as wyhash reads
            // them): the last eight bytes when the key has eight (overlapping the word before),
            // two overlapping 4-byte reads for 4 to 7 bytes, three single bytes for 1 to 3.
            let tail: UInt64
            if n >= 8 {
                tail = base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else if n >= 4 {
                tail = UInt64(base.loadUnaligned(as: UInt32.self)) | UInt64(base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
            } else {
                tail = UInt64(bytes[0]) | UInt64(bytes[n >> 1]) << 8 | UInt64(bytes[n - 1]) << 16
            }
            h = mix(h ^ tail, k0)
        }
        return mix(h, k1)
    }

    @inlinable
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}

/// Whether `count` bytes at `a` and `b` are equal: eight bytes at a time, the last eight (or four)
/// read overlapping the ones before, so that nothing outside the two ranges is read.
@inline(__always)
func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
    if count >= 8 {
        var offset = 0
        while offset &+ 8 < count {
            if x.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != y.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset &+= 8
        }
        return x.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
    }
    if count >= 4 {
        return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
            && x.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
    }
    var index = 0
    while index < count {
        if a[index] != b[index] { return false }
        index &+= 1
    }
    return true
}
