/// Walks a complete raw deflate stream (RFC 1951) block by block, decoding its Huffman codes but
/// producing no output, to learn where, to the bit, its final block starts and the stream ends.
///
/// libdeflate compresses a whole buffer into a *complete* stream: its last block is marked final
/// and the stream ends anywhere inside its last byte. To append such a stream to the one deflate
/// stream of a single-member gzip file, ``makeContinuable(_:count:)`` clears the final block's
/// BFINAL bit and ends the piece with an empty stored block (what zlib's `Z_SYNC_FLUSH` writes), so
/// that it ends on a byte boundary and the next piece can follow. Neither position can be read off
/// the bytes without decoding the codes, hence this scanner; it costs a few percent of what the
/// compression itself costs.
///
/// A scanner owns its decoding tables (about 10 KiB) and is used by one thread at a time. A code of
/// up to ``primaryBits`` bits is decoded by one table lookup; a longer one (a rare symbol: in
/// libdeflate's streams of records, a small fraction of a percent of the symbols) by walking the
/// canonical code's lengths. Full-width tables (2^15 entries) cost more to fill for every block than
/// the rare long codes save, and do not fit the first-level cache beside the compressor's state.
final class DeflateBlockScanner {
    /// Bit offsets in a stream.
    struct Layout: Equatable {
        /// Where the final block's 3-bit header starts (its first bit is BFINAL).
        var finalBlockBit: Int
        /// The first bit after the stream.
        var endBit: Int
    }

    private static let maxCodeBits = 15
    /// The index width of a lookup table: codes up to this long decode in one lookup.
    static let primaryBits = 10
    private let literals = HuffmanTable(symbols: 288)
    private let distances = HuffmanTable(symbols: 32)
    private let codeLengthCodes = HuffmanTable(symbols: 19)
    private let lengths = UnsafeMutablePointer<UInt8>.allocate(capacity: 288 + 32)

    deinit {
        lengths.deallocate()
    }

    /// Turns the complete stream in the first `count` bytes of `buffer` into a non-final,
    /// byte-aligned piece of a longer stream and returns its new length: at most 5 bytes more,
    /// which `buffer` must have room for.
    func makeContinuable(_ buffer: UnsafeMutableRawBufferPointer, count: Int) throws(ArchiveError) -> Int {
        let layout = try self.layout(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        let bytes = buffer.bindMemory(to: UInt8.self)
        bytes[layout.finalBlockBit >> 3] &= ~(1 << UInt8(layout.finalBlockBit & 7))
        // An empty stored block: BFINAL 0 and BTYPE 00 (three zero bits) from the end, zero bits
        // to the byte boundary, then LEN 0 and NLEN 0xFFFF.
        let aligned = (layout.endBit + 3 + 7) >> 3
        guard aligned + 4 <= buffer.count else {
            throw ArchiveError(.compressionFailed, "no room to end a deflate piece (\(buffer.count) bytes)")
        }
        if layout.endBit & 7 != 0 { bytes[layout.endBit >> 3] &= UInt8((1 << (layout.endBit & 7)) - 1) }
        for index in ((layout.endBit + 7) >> 3)..<aligned { bytes[index] = 0 }
        bytes[aligned] = 0x00
        bytes[aligned + 1] = 0x00
        bytes[aligned + 2] = 0xFF
        bytes[aligned + 3] = 0xFF
        return aligned + 4
    }

    /// The bit positions of a complete stream's final block and end.
    func layout(_ stream: UnsafeRawBufferPointer) throws(ArchiveError) -> Layout {
        guard let base = stream.baseAddress?.assumingMemoryBound(to: UInt8.self), stream.count > 0 else {
            throw Self.corrupt("the stream is empty")
        }
        var reader = BitReader(base: base, count: stream.count)
        // Past the end the reader reads zero bits; a stream that needs more than 8 of those bytes
        // to finish is corrupt (and cannot loop for ever).
        let limit = stream.count + 8
        while true {
            reader.refill()
            let header = reader.position
            let isFinal = reader.take(1) == 1
            switch reader.take(2) {
            case 0:
                reader.take(reader.available & 7)
                reader.refill()
                let length = reader.take(16), complement = reader.take(16)
                guard length == ~complement & 0xFFFF else { throw Self.corrupt("a stored block's length check fails") }
                reader.skip(bytes: Int(length))
            case 1:
                let (literalBits, distanceBits) = buildFixedTables()
                try decodeSymbols(&reader, literalBits: literalBits, distanceBits: distanceBits, limit: limit)
            case 2:
                let (literalBits, distanceBits) = try readDynamicTables(&reader)
                try decodeSymbols(&reader, literalBits: literalBits, distanceBits: distanceBits, limit: limit)
            default:
                throw Self.corrupt("block type 3")
            }
            guard reader.position <= stream.count * 8 else { throw Self.corrupt("the stream ends early") }
            if isFinal { return Layout(finalBlockBit: header, endBit: reader.position) }
        }
    }

    // MARK: - Decoding

    /// Table entries: bits 0–3 the code length (0: no such code, or one longer than the table's
    /// index: see `longKind`), 4–7 the extra bits that follow the code, 8–9 the kind (a literal, a
    /// length, the end of the block), 10 set where a code longer than the index starts, 16– the symbol.
    private static let literalKind: UInt32 = 0, lengthKind: UInt32 = 1 << 8, endKind: UInt32 = 2 << 8
    private static let longKind: UInt32 = 1 << 10

    private func decodeSymbols(_ reader: inout BitReader, literalBits: Int, distanceBits: Int, limit: Int) throws(ArchiveError) {
        let literalMask = (UInt64(1) << UInt64(literalBits)) - 1
        let distanceMask = (UInt64(1) << UInt64(distanceBits)) - 1
        let literals = self.literals, distances = self.distances
        let literalTable = literals.entries, distanceTable = distances.entries
        while true {
            // One refill leaves at least 56 bits: enough for a literal/length code (15), its extra
            // bits (5), a distance code (15) and its extra bits (13).
            reader.refill()
            var entry = literalTable[Int(truncatingIfNeeded: reader.buffer & literalMask)]
            if entry & 15 == 0, entry & Self.longKind != 0 { entry = literals.decodeLong(reader.buffer, entry: Self.literalEntry) }
            let codeLength = Int(entry & 15)
            guard codeLength != 0, reader.next <= limit else { throw Self.corrupt("an invalid literal/length code") }
            reader.take(codeLength)
            let kind = entry & (3 << 8)
            if kind == Self.literalKind {
                // At least 41 bits are left: a second literal needs no refill.
                let next = literalTable[Int(truncatingIfNeeded: reader.buffer & literalMask)]
                if next & (3 << 8) == Self.literalKind && next & 15 != 0 { reader.take(Int(next & 15)) }
                continue
            }
            if kind == Self.endKind { return }
            reader.take(Int(entry >> 4 & 15))
            var distance = distanceTable[Int(truncatingIfNeeded: reader.buffer & distanceMask)]
            if distance & 15 == 0, distance & Self.longKind != 0 { distance = distances.decodeLong(reader.buffer, entry: Self.distanceEntry) }
            let distanceLength = Int(distance & 15)
            guard distanceLength != 0 else { throw Self.corrupt("an invalid distance code") }
            reader.take(distanceLength + Int(distance >> 4 & 15))
        }
    }

    private func readDynamicTables(_ reader: inout BitReader) throws(ArchiveError) -> (Int, Int) {
        reader.refill()
        let literalCount = Int(reader.take(5)) + 257
        let distanceCount = Int(reader.take(5)) + 1
        let codeLengthCount = Int(reader.take(4)) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw Self.corrupt("too many codes in a dynamic block") }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        for index in 0..<19 { lengths[index] = 0 }
        for index in 0..<codeLengthCount {
            reader.refill()
            lengths[order[index]] = UInt8(reader.take(3))
        }
        let codeLengthBits = try build(codeLengthCodes, lengths: lengths, count: 19) { symbol in UInt32(symbol) << 16 }
        let codeLengthMask = (UInt64(1) << UInt64(codeLengthBits)) - 1
        let codeLengthTable = codeLengthCodes.entries

        let total = literalCount + distanceCount
        var index = 0
        while index < total {
            reader.refill()
            var entry = codeLengthTable[Int(truncatingIfNeeded: reader.buffer & codeLengthMask)]
            if entry & 15 == 0, entry & Self.longKind != 0 { entry = codeLengthCodes.decodeLong(reader.buffer) { UInt32($0) << 16 } }
            guard entry & 15 != 0 else { throw Self.corrupt("an invalid code length code") }
            reader.take(Int(entry & 15))
            let symbol = Int(entry >> 16)
            var repeated: UInt8 = 0, times = 0
            switch symbol {
            case 0..<16:
                lengths[index] = UInt8(symbol)
                index += 1
                continue
            case 16:
                guard index > 0 else { throw Self.corrupt("a repeat with nothing before it") }
                repeated = lengths[index - 1]
                times = 3 + Int(reader.take(2))
            case 17: times = 3 + Int(reader.take(3))
            default: times = 11 + Int(reader.take(7))
            }
            guard index + times <= total else { throw Self.corrupt("code lengths overrun") }
            for offset in 0..<times { lengths[index + offset] = repeated }
            index += times
        }
        guard lengths[256] != 0 else { throw Self.corrupt("no end-of-block code") }
        let literalBits = try build(literals, lengths: lengths, count: literalCount, entry: Self.literalEntry)
        let distanceBits = try build(distances, lengths: lengths + literalCount, count: distanceCount, entry: Self.distanceEntry)
        return (literalBits, distanceBits)
    }

    private func buildFixedTables() -> (Int, Int) {
        for symbol in 0..<288 {
            lengths[symbol] = symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8
        }
        for symbol in 288..<320 { lengths[symbol] = 5 }
        // The fixed codes are complete: building cannot fail.
        let literalBits = (try? build(literals, lengths: lengths, count: 288, entry: Self.literalEntry)) ?? 0
        let distanceBits = (try? build(distances, lengths: lengths + 288, count: 32, entry: Self.distanceEntry)) ?? 0
        return (literalBits, distanceBits)
    }

    private static func literalEntry(_ symbol: Int) -> UInt32 {
        switch symbol {
        case 0..<256: literalKind
        case 256: endKind
        case 257..<265, 285: lengthKind
        case 265..<285: lengthKind | UInt32((symbol - 261) / 4) << 4
        default: 0  // 286 and 287 never occur in valid data
        }
    }

    private static func distanceEntry(_ symbol: Int) -> UInt32 {
        symbol < 4 ? 0 : symbol < 30 ? UInt32((symbol - 2) / 2) << 4 : 0
    }

    /// Fills `table` for the canonical Huffman code of `lengths`: its lookup entries (indexed by
    /// the next bits of the stream, least significant first) and, for codes longer than the index,
    /// what ``HuffmanTable/decodeLong(_:entry:)`` walks. Returns the index width (the longest code,
    /// at most ``primaryBits``). Entries of codes that the lengths leave unused stay 0 (invalid).
    private func build(
        _ table: HuffmanTable, lengths: UnsafePointer<UInt8>, count: Int, entry: (Int) -> UInt32
    ) throws(ArchiveError) -> Int {
        let counts = table.counts
        counts.update(repeating: 0, count: Self.maxCodeBits + 1)
        var longest = 1
        for symbol in 0..<count where lengths[symbol] != 0 {
            counts[Int(lengths[symbol])] += 1
            longest = max(longest, Int(lengths[symbol]))
        }
        var nextCode = [Int](repeating: 0, count: Self.maxCodeBits + 2)
        var offsets = [Int](repeating: 0, count: Self.maxCodeBits + 2)
        var code = 0
        for bits in 1...Self.maxCodeBits {
            code = (code + Int(counts[bits - 1])) << 1
            nextCode[bits] = code
            offsets[bits + 1] = offsets[bits] + Int(counts[bits])
            guard code + Int(counts[bits]) <= 1 << bits else { throw Self.corrupt("an over-subscribed Huffman code") }
        }
        let width = min(longest, Self.primaryBits)
        let size = 1 << width
        let entries = table.entries
        entries.update(repeating: 0, count: size)
        for symbol in 0..<count where lengths[symbol] != 0 {
            let bits = Int(lengths[symbol])
            // The symbols in canonical order (by length, then by symbol), for long codes.
            table.sorted[offsets[bits]] = UInt16(symbol)
            offsets[bits] += 1
            let assigned = nextCode[bits]
            nextCode[bits] += 1
            var reversed = 0
            for bit in 0..<bits where assigned >> bit & 1 == 1 { reversed |= 1 << (bits - 1 - bit) }
            if bits > width {
                // Only the code's first `width` bits index the table: mark where a long code starts.
                entries[reversed & (size - 1)] = Self.longKind
                continue
            }
            let value = entry(symbol) | UInt32(symbol) << 16 & 0xFFFF_0000 | UInt32(bits)
            var index = reversed
            while index < size {
                entries[index] = value
                index += 1 << bits
            }
        }
        return width
    }

    private static func corrupt(_ what: String) -> ArchiveError {
        ArchiveError(.compressionFailed, "the compressor's deflate stream cannot be read back: \(what)")
    }
}

/// The decoding tables of one canonical Huffman code (RFC 1951 §3.2.2).
private final class HuffmanTable {
    /// Lookup entries, indexed by the next ``DeflateBlockScanner/primaryBits`` bits (or fewer).
    let entries = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << DeflateBlockScanner.primaryBits)
    /// How many codes have each length, 0...15.
    let counts = UnsafeMutablePointer<UInt16>.allocate(capacity: 16)
    /// The symbols in canonical order: by code length, then by symbol.
    let sorted: UnsafeMutablePointer<UInt16>

    init(symbols: Int) {
        sorted = .allocate(capacity: symbols)
        counts.initialize(repeating: 0, count: 16)
    }

    deinit {
        entries.deallocate()
        counts.deallocate()
        sorted.deallocate()
    }

    /// The entry of the code at the start of `bits` (least significant first), found by walking
    /// the code one bit at a time (as zlib's `puff` does); 0 when no code matches (an incomplete code).
    func decodeLong(_ bits: UInt64, entry: (Int) -> UInt32) -> UInt32 {
        var code = 0, first = 0, index = 0
        for length in 1...15 {
            code |= Int(truncatingIfNeeded: bits >> UInt64(length - 1) & 1)
            let count = Int(counts[length])
            if code - first < count {
                let symbol = Int(sorted[index + code - first])
                return entry(symbol) | UInt32(symbol) << 16 | UInt32(length)
            }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        return 0
    }
}

/// Bits of a byte buffer, least significant first, 56 to 63 at a time.
private struct BitReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// The next byte to load (may pass `count`: past the end, bytes read as zero).
    var next = 0
    var buffer: UInt64 = 0
    var available = 0

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// Bits consumed so far.
    var position: Int { next * 8 - available }

    @inline(__always)
    mutating func refill() {
        if next + 8 <= count {
            let word = UnsafeRawPointer(base + next).loadUnaligned(as: UInt64.self).littleEndian
            buffer |= word &<< UInt64(available)
            next += (63 - available) >> 3
            available |= 56
        } else {
            while available <= 56 {
                let byte: UInt64 = next < count ? UInt64(base[next]) : 0
                buffer |= byte &<< UInt64(available)
                next += 1
                available += 8
            }
        }
    }

    @inline(__always) @discardableResult
    mutating func take(_ bits: Int) -> UInt64 {
        let value = buffer & ((UInt64(1) &<< UInt64(bits)) &- 1)
        buffer = bits == 64 ? 0 : buffer &>> UInt64(bits)
        available -= bits
        return value
    }

    /// Skips `bytes` whole bytes from a byte boundary.
    mutating func skip(bytes: Int) {
        let target = position / 8 + bytes
        next = target
        buffer = 0
        available = 0
    }
}
