/// A raw deflate (RFC 1951) encoder made for job records: one chunk at a time, each chunk a
/// byte-aligned piece of one longer stream (non-final pieces end as zlib's `Z_SYNC_FLUSH` ends
/// them), so that chunks compressed on any thread concatenate into a single gzip member.
///
/// Records are a fixed template (`{"File": "…", "Line": …, "Sentiment": "…", "SentimentScore":
/// {"Mixed": …`) around numbers whose digits are close to random. What pays on them is to copy the
/// template from the records before and to spell the digits as literals: a short match inside the
/// digits costs more bits than the digits. So the parse is greedy with a high minimum match
/// length (``minimumMatch``) and two candidate positions per hash of eight bytes, positions inside a
/// match or starting with a digit are not indexed, and each chunk (each 1 MiB of it) is one block,
/// dynamic, fixed or stored, whichever is smallest. On job records this gives archives 11–13 % smaller than zlib's level 6 (Comprehend's) at
/// several times libdeflate's level-5 speed, and no scan of the output is needed to chain the
/// pieces, because the encoder writes the block ends itself
/// (docs/decisions/0002-job-pipeline-performance.md has the measurements).
///
/// Level 0 writes stored blocks only; levels 1, 2 (the default) and 3 compress, looking at 1, 2 and 4
/// earlier positions for a match. An encoder owns its tables (about 130 KiB) and is
/// used by one thread at a time. Chunks are independent: a match never reaches into an earlier
/// chunk, so the bytes of a chunk do not depend on what the encoder compressed before.
final class DeflateEncoder {
    /// The shortest match taken.
    static let minimumMatch = 10
    static let levels = 0...3

    private static let hashBits = 14
    private static let windowSize = 32768
    private static let maximumMatch = 258

    private let level: Int
    private let candidates: Int
    /// `candidates` positions per hash bucket, most recent first, each plus `positionOffset` (an
    /// entry below the offset belongs to an earlier chunk and is stale; 0 is never a position).
    private let table: UnsafeMutablePointer<UInt32>
    private var positionOffset: UInt32 = 1
    /// `positionOffset` when the current chunk began.
    private var chunkOffset: UInt32 = 1
    /// The most input bytes parsed into one block.
    let segmentSize: Int
    /// The parse of the chunk: a literal byte, or `matchFlag | length << 16 | (distance - 1)`.
    private var symbols: UnsafeMutablePointer<UInt32>
    private var symbolCapacity: Int
    private static let matchFlag: UInt32 = 1 << 31
    private let literalFrequencies = UnsafeMutablePointer<UInt32>.allocate(capacity: 288)
    private let distanceFrequencies = UnsafeMutablePointer<UInt32>.allocate(capacity: 32)
    private let huffman = HuffmanScratch()

    init(level: Int, segmentSize: Int = 1 << 20) {
        precondition(Self.levels.contains(level), "deflate level \(level) outside \(Self.levels)")
        precondition(segmentSize >= 1024, "segments of at least 1 KiB")
        self.level = level
        self.segmentSize = segmentSize
        candidates = level >= 3 ? 4 : level
        let entries = candidates << Self.hashBits
        table = .allocate(capacity: entries)
        table.initialize(repeating: 0, count: entries)
        symbolCapacity = 0
        symbols = .allocate(capacity: 0)
    }

    deinit {
        table.deallocate()
        symbols.deallocate()
        literalFrequencies.deallocate()
        distanceFrequencies.deallocate()
    }

    /// The most bytes ``compress(_:into:isLast:)`` writes for `count` input bytes: stored blocks
    /// (the largest choice, each segment's first block perhaps a byte late) and the empty block
    /// that ends a piece, plus room for the bit writer's word-wide stores.
    func bound(_ count: Int) -> Int {
        count + 5 * (count / 65535 + 1) + 6 * (count / segmentSize + 1) + 5 + 16
    }

    /// Compresses `input` as a piece of one deflate stream into the start of `output` (which
    /// holds ``bound(_:)`` bytes): byte-aligned and not final, or, when `isLast`, ending with the
    /// stream's final block. Returns the byte count.
    ///
    /// The input is parsed a segment (``segmentSize``, 1 MiB) at a time, each segment one block,
    /// so that memory stays bounded whatever the input; matches reach back into earlier segments.
    func compress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isLast: Bool) -> Int {
        precondition(output.count >= bound(input.count), "deflate output needs \(bound(input.count)) bytes")
        let count = input.count
        let source = input.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) }
        var writer = BitWriter(output.baseAddress!.assumingMemoryBound(to: UInt8.self))
        if level > 0 { startChunk(count) }
        var segmentStart = 0
        repeat {
            let segmentEnd = min(count, segmentStart + segmentSize)
            writeBlock(source, from: segmentStart, to: segmentEnd, count: count,
                       isFinal: isLast && segmentEnd == count, &writer)
            segmentStart = segmentEnd
        } while segmentStart < count
        if !isLast {
            // An empty stored block ends the piece on a byte boundary (what Z_SYNC_FLUSH writes).
            writer.put(0, 3)
            writer.alignToByte()
            writer.put(0xFFFF_0000, 32)
        }
        return writer.finish()
    }

    /// One block for `source[start..<end]` (of a chunk of `count` bytes): dynamic, fixed or stored,
    /// whichever is smallest.
    private func writeBlock(
        _ source: UnsafePointer<UInt8>?, from start: Int, to end: Int, count: Int, isFinal: Bool, _ writer: inout BitWriter
    ) {
        literalFrequencies.initialize(repeating: 0, count: 288)
        distanceFrequencies.initialize(repeating: 0, count: 32)
        var symbolCount = 0
        if level > 0, let source, end > start {
            symbolCount = parse(source, from: start, to: end)
        }
        literalFrequencies[256] = 1
        let final: UInt64 = isFinal ? 1 : 0
        var blockBits = Self.storedBits(end - start, fromBit: writer.bitOffset)
        var usesDynamic = false, usesFixed = false
        if level > 0 {
            let extraBits = Self.extraBits(literalFrequencies, distanceFrequencies)
            let fixedBits = 3 + extraBits + Self.fixedBits(literalFrequencies, distanceFrequencies)
            let dynamicBits = 3 + extraBits + huffman.prepare(literals: literalFrequencies, distances: distanceFrequencies)
            if dynamicBits < blockBits { blockBits = dynamicBits; usesDynamic = true }
            if fixedBits <= blockBits { blockBits = fixedBits; usesFixed = true; usesDynamic = false }
        }
        if usesDynamic {
            writer.put(final | 2 << 1, 3)
            huffman.writeHeader(&writer)
            writeSymbols(count: symbolCount, &writer, literalCodes: huffman.literalCodes, literalLengths: huffman.literalLengths,
                         distanceCodes: huffman.distanceCodes, distanceLengths: huffman.distanceLengths)
        } else if usesFixed {
            writer.put(final | 1 << 1, 3)
            Self.fixed.withCodes { literalCodes, literalLengths, distanceCodes, distanceLengths in
                writeSymbols(count: symbolCount, &writer, literalCodes: literalCodes, literalLengths: literalLengths,
                             distanceCodes: distanceCodes, distanceLengths: distanceLengths)
            }
        } else {
            // Stored blocks of at most 65535 bytes; the last one carries BFINAL.
            var position = start
            repeat {
                let length = min(65535, end - position)
                let isLastBlock = position + length == end
                writer.put(isLastBlock ? final : 0, 3)
                writer.alignToByte()
                writer.put(UInt64(length) | UInt64(~UInt16(length)) << 16, 32)
                if length > 0, let source { writer.copyBytes(source + position, count: length) }
                position += length
            } while position < end
        }
    }

    // MARK: - Parse

    /// Makes the table's entries from earlier chunks stale: positions of this chunk are stored as
    /// `position + chunkOffset`, and the chunk after moves the offset past them. Near the top of
    /// the range, the table starts over empty.
    private func startChunk(_ count: Int) {
        if UInt64(positionOffset) + UInt64(count) + 1 >= UInt64(UInt32.max) {
            table.update(repeating: 0, count: candidates << Self.hashBits)
            positionOffset = 1
        }
        chunkOffset = positionOffset
        positionOffset &+= UInt32(count) &+ 1
    }

    /// Greedy LZ77 over `source[start..<end]` (matches may reach back to the chunk's start) into
    /// `symbols`, counting the frequencies; returns the symbol count.
    private func parse(_ source: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        switch candidates {
        case 1: parse(source, from: start, to: end, candidates: 1)
        case 2: parse(source, from: start, to: end, candidates: 2)
        default: parse(source, from: start, to: end, candidates: 4)
        }
    }

    @inline(__always)
    private func parse(_ source: UnsafePointer<UInt8>, from start: Int, to count: Int, candidates: Int) -> Int {
        if symbolCapacity < count - start {
            symbols.deallocate()
            symbolCapacity = count - start
            symbols = .allocate(capacity: symbolCapacity)
        }
        let offset = chunkOffset
        let raw = UnsafeRawPointer(source)
        let table = self.table, symbols = self.symbols
        let literalFrequencies = self.literalFrequencies, distanceFrequencies = self.distanceFrequencies
        let shift = UInt64(64 - Self.hashBits)
        let lengthSymbols = DeflateTables.lengthSymbol, distanceSymbols = DeflateTables.distanceSymbols
        var produced = 0
        var index = start
        // A match needs at least `minimumMatch` bytes left; the last few bytes are literals.
        let lastStart = count - Self.minimumMatch
        while index <= lastStart {
            // A position that starts with a digit is neither looked up nor indexed: in records,
            // digits are the scores' (near random) digits, and a match seldom starts among them.
            let first = source[index]
            if first &- 0x30 < 10 {
                symbols[produced] = UInt32(first)
                literalFrequencies[Int(first)] &+= 1
                index &+= 1
                produced &+= 1
                continue
            }
            // A match is at least `minimumMatch` (10) bytes, so positions are hashed and compared
            // by their first eight: a bucket holds few positions that cannot give a match.
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let bucket = table + Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> shift) &* candidates
            let here = UInt32(truncatingIfNeeded: index) &+ offset
            let limit = min(Self.maximumMatch, count &- index)
            var bestLength = 0, bestDistance = 0
            // Each bucket keeps its positions newest first; this one goes in front and the oldest
            // drops out. (`candidates` is a constant here: the loop is unrolled.)
            var carried = here
            for slot in 0..<candidates {
                let stored = bucket[slot]
                bucket[slot] = carried
                carried = stored
                guard stored >= offset else { continue }
                let position = Int(truncatingIfNeeded: stored &- offset)
                let distance = index &- position
                guard distance <= Self.windowSize,
                      raw.loadUnaligned(fromByteOffset: position, as: UInt64.self) == word else { continue }
                let length = Self.matchLength(raw + position, raw + index, from: 8, limit: limit)
                if length > bestLength { bestLength = length; bestDistance = distance }
            }
            if bestLength >= Self.minimumMatch {
                symbols[produced] = Self.matchFlag | UInt32(truncatingIfNeeded: bestLength) << 16
                    | UInt32(truncatingIfNeeded: bestDistance &- 1)
                literalFrequencies[257 &+ Int(lengthSymbols[bestLength])] &+= 1
                distanceFrequencies[Int(DeflateTables.distanceSymbol(bestDistance, in: distanceSymbols))] &+= 1
                index &+= bestLength
            } else {
                let byte = source[index]
                symbols[produced] = UInt32(byte)
                literalFrequencies[Int(byte)] &+= 1
                index &+= 1
            }
            produced &+= 1
        }
        while index < count {
            let byte = source[index]
            symbols[produced] = UInt32(byte)
            literalFrequencies[Int(byte)] &+= 1
            index &+= 1
            produced &+= 1
        }
        return produced
    }

    /// How many bytes from `a` and `b` are equal, up to `limit`, knowing that the first `known`
    /// are (`b` is after `a`; both hold `limit` bytes).
    @inline(__always)
    private static func matchLength(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, from known: Int, limit: Int) -> Int {
        var length = known
        while length &+ 8 <= limit {
            let difference = a.loadUnaligned(fromByteOffset: length, as: UInt64.self)
                ^ b.loadUnaligned(fromByteOffset: length, as: UInt64.self)
            if difference != 0 { return length &+ difference.trailingZeroBitCount >> 3 }
            length &+= 8
        }
        while length < limit && a.load(fromByteOffset: length, as: UInt8.self) == b.load(fromByteOffset: length, as: UInt8.self) {
            length &+= 1
        }
        return length
    }

    // MARK: - Output

    private func writeSymbols(
        count: Int, _ output: inout BitWriter,
        literalCodes: UnsafePointer<UInt16>, literalLengths: UnsafePointer<UInt8>,
        distanceCodes: UnsafePointer<UInt16>, distanceLengths: UnsafePointer<UInt8>
    ) {
        let symbols = self.symbols
        let lengthSymbols = DeflateTables.lengthSymbol, distanceSymbols = DeflateTables.distanceSymbols
        let lengthBase = DeflateTables.lengthBase, lengthExtra = DeflateTables.lengthExtra
        let distanceBase = DeflateTables.distanceBase, distanceExtra = DeflateTables.distanceExtra
        // A local copy, so that the bit buffer stays in registers.
        var writer = output
        defer { output = writer }
        var index = 0
        while index < count {
            let symbol = symbols[index]
            index &+= 1
            if symbol & Self.matchFlag == 0 {
                let literal = Int(symbol)
                writer.put(UInt64(literalCodes[literal]), Int(literalLengths[literal]))
                continue
            }
            let length = Int(truncatingIfNeeded: (symbol >> 16) & 0x1FF)
            let lengthIndex = Int(lengthSymbols[length])
            let lengthSymbol = 257 &+ lengthIndex
            writer.put(UInt64(literalCodes[lengthSymbol]) | UInt64(length &- Int(lengthBase[lengthIndex]))
                            << UInt64(literalLengths[lengthSymbol]),
                       Int(literalLengths[lengthSymbol]) &+ Int(lengthExtra[lengthIndex]))
            let distance = Int(truncatingIfNeeded: symbol & 0xFFFF)  // distance - 1
            let distanceSymbol = Int(DeflateTables.distanceSymbol(distance &+ 1, in: distanceSymbols))
            writer.put(UInt64(distanceCodes[distanceSymbol])
                            | UInt64(distance &+ 1 &- Int(distanceBase[distanceSymbol])) << UInt64(distanceLengths[distanceSymbol]),
                       Int(distanceLengths[distanceSymbol]) &+ Int(distanceExtra[distanceSymbol]))
        }
        writer.put(UInt64(literalCodes[256]), Int(literalLengths[256]))
    }

    /// The bits of the stored blocks holding `count` bytes, written from `bit` bits past a byte
    /// boundary (0–7): the first header is padded to the byte, each later block starts on one.
    private static func storedBits(_ count: Int, fromBit bit: Int) -> Int {
        let blocks = max(1, (count + 65534) / 65535)
        let firstPadding = (8 - (bit + 3) & 7) & 7
        return 3 + firstPadding + 32 + (blocks - 1) * 40 + count * 8
    }

    /// The extra bits of the lengths and distances counted (the same in any block type).
    private static func extraBits(_ literals: UnsafePointer<UInt32>, _ distances: UnsafePointer<UInt32>) -> Int {
        var bits = 0
        for index in 0..<29 { bits += Int(literals[257 + index]) * Int(DeflateTables.lengthExtra[index]) }
        for index in 0..<30 { bits += Int(distances[index]) * Int(DeflateTables.distanceExtra[index]) }
        return bits
    }

    /// The code bits of the symbols counted in the fixed Huffman codes.
    private static func fixedBits(_ literals: UnsafePointer<UInt32>, _ distances: UnsafePointer<UInt32>) -> Int {
        var bits = 0
        for symbol in 0..<288 { bits += Int(literals[symbol]) * Int(DeflateTables.fixedLiteralLength(symbol)) }
        for symbol in 0..<30 { bits += Int(distances[symbol]) * 5 }
        return bits
    }

    private static let fixed = FixedCodes()
}

/// The fixed Huffman codes of RFC 1951 §3.2.6, bit-reversed for LSB-first output. (Unchecked
/// Sendable: written once in `init`, only read after.)
private final class FixedCodes: @unchecked Sendable {
    private let literalCodes: UnsafeMutablePointer<UInt16>
    private let literalLengths: UnsafeMutablePointer<UInt8>
    private let distanceCodes: UnsafeMutablePointer<UInt16>
    private let distanceLengths: UnsafeMutablePointer<UInt8>

    init() {
        literalCodes = .allocate(capacity: 288)
        literalLengths = .allocate(capacity: 288)
        distanceCodes = .allocate(capacity: 32)
        distanceLengths = .allocate(capacity: 32)
        for symbol in 0..<288 { literalLengths[symbol] = DeflateTables.fixedLiteralLength(symbol) }
        for symbol in 0..<32 { distanceLengths[symbol] = 5 }
        HuffmanScratch.canonicalCodes(lengths: literalLengths, count: 288, into: literalCodes)
        HuffmanScratch.canonicalCodes(lengths: distanceLengths, count: 32, into: distanceCodes)
    }

    func withCodes<R>(
        _ body: (UnsafePointer<UInt16>, UnsafePointer<UInt8>, UnsafePointer<UInt16>, UnsafePointer<UInt8>) -> R
    ) -> R {
        body(literalCodes, literalLengths, distanceCodes, distanceLengths)
    }
}

/// Deflate's length and distance alphabets (RFC 1951 §3.2.5).
enum DeflateTables {
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
                                       115, 131, 163, 195, 227, 258]
    static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
                                         1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
                                         12, 12, 13, 13]

    /// The length code index (0–28) of each match length 0–258 (0–2 unused).
    static let lengthSymbol: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 259)
        for length in 3...258 {
            var index = 28
            while Int(lengthBase[index]) > length { index -= 1 }
            // 258 has its own code (28); 227–257 are code 27.
            table[length] = UInt8(length == 258 ? 28 : min(index, 27))
        }
        return table
    }()

    /// Distance codes of distances 1–256, then of (distance − 1) >> 7 for longer ones (see
    /// ``distanceSymbol(_:in:)``).
    static let distanceSymbols: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        func symbol(_ distance: Int) -> UInt8 {
            var index = 29
            while Int(distanceBase[index]) > distance { index -= 1 }
            return UInt8(index)
        }
        for distance in 1...256 { table[distance - 1] = symbol(distance) }
        for high in 2..<256 { table[256 + high] = symbol((high << 7) + 1) }
        return table
    }()

    /// The distance code (0–29) of `distance` (1–32768); `table` is ``distanceSymbols``.
    @inline(__always)
    static func distanceSymbol(_ distance: Int, in distanceSymbols: [UInt8]) -> UInt8 {
        let zeroBased = distance &- 1
        return zeroBased < 256 ? distanceSymbols[zeroBased] : distanceSymbols[256 &+ (zeroBased >> 7)]
    }

    static func fixedLiteralLength(_ symbol: Int) -> UInt8 {
        switch symbol {
        case 0..<144: 8
        case 144..<256: 9
        case 256..<280: 7
        default: 8
        }
    }
}

/// Writes bits LSB first, four bytes at a time (the buffer has room for the word-wide stores).
struct BitWriter {
    private let start: UnsafeMutablePointer<UInt8>
    private var cursor: UnsafeMutablePointer<UInt8>
    private var bits: UInt64 = 0
    private var bitCount = 0

    init(_ start: UnsafeMutablePointer<UInt8>) {
        self.start = start
        cursor = start
    }

    /// Appends the low `count` bits of `value` (at most 32; the bits above them are zero).
    @inline(__always)
    mutating func put(_ value: UInt64, _ count: Int) {
        bits |= value &<< UInt64(bitCount)
        bitCount &+= count
        if bitCount >= 32 {
            UnsafeMutableRawPointer(cursor).storeBytes(of: UInt32(truncatingIfNeeded: bits).littleEndian, as: UInt32.self)
            cursor += 4
            bits &>>= 32
            bitCount &-= 32
        }
    }

    /// How many bits past a byte boundary the next bit goes (0–7).
    var bitOffset: Int { bitCount & 7 }

    /// Zero bits up to the next byte boundary.
    mutating func alignToByte() {
        bitCount = (bitCount + 7) & ~7
        if bitCount >= 32 { put(0, 0) }
    }

    /// Copies `count` bytes (on a byte boundary).
    mutating func copyBytes(_ source: UnsafePointer<UInt8>, count: Int) {
        precondition(bitCount & 7 == 0)
        writeBufferedBytes()
        cursor.update(from: source, count: count)
        cursor += count
    }

    /// Writes what is left (zero bits to the byte boundary) and returns the byte count.
    mutating func finish() -> Int {
        writeBufferedBytes()
        return cursor - start
    }

    /// Writes the buffered bits a byte at a time, the last byte padded with zero bits.
    private mutating func writeBufferedBytes() {
        while bitCount > 0 {
            cursor.pointee = UInt8(truncatingIfNeeded: bits)
            cursor += 1
            bits >>= 8
            bitCount -= 8
        }
        bitCount = 0
    }
}

/// Builds the length-limited Huffman codes of a dynamic block and writes its header.
final class HuffmanScratch {
    let literalLengths = UnsafeMutablePointer<UInt8>.allocate(capacity: 288)
    let literalCodes = UnsafeMutablePointer<UInt16>.allocate(capacity: 288)
    let distanceLengths = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)
    let distanceCodes = UnsafeMutablePointer<UInt16>.allocate(capacity: 32)
    private var literalCount = 257
    private var distanceCount = 1
    /// The code-length sequence, run-length coded: symbol (0–18) and its extra bits.
    private var lengthSymbols: [(symbol: UInt8, extra: UInt8)] = []
    private var lengthCodeLengths = [UInt8](repeating: 0, count: 19)
    private var lengthCodeCodes = [UInt16](repeating: 0, count: 19)
    private var lengthCodeCount = 4

    private static let lengthCodeOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    deinit {
        literalLengths.deallocate()
        literalCodes.deallocate()
        distanceLengths.deallocate()
        distanceCodes.deallocate()
    }

    /// Makes the codes for these frequencies and returns the block's size in bits after its 3-bit
    /// block header and without extra bits: the code header and every symbol's code.
    func prepare(literals: UnsafeMutablePointer<UInt32>, distances: UnsafeMutablePointer<UInt32>) -> Int {
        // Every tree gets at least two codes (a lone code would have zero bits, which some
        // inflaters reject); the padding symbols cost one bit in the header at most.
        Self.ensureTwoCodes(literals, count: 286)
        Self.ensureTwoCodes(distances, count: 30)
        Self.limitedLengths(literals, count: 286, limit: 15, into: literalLengths)
        Self.limitedLengths(distances, count: 30, limit: 15, into: distanceLengths)
        literalLengths[286] = 0; literalLengths[287] = 0
        distanceLengths[30] = 0; distanceLengths[31] = 0
        Self.canonicalCodes(lengths: literalLengths, count: 286, into: literalCodes)
        Self.canonicalCodes(lengths: distanceLengths, count: 30, into: distanceCodes)
        literalCount = 286
        while literalCount > 257 && literalLengths[literalCount - 1] == 0 { literalCount -= 1 }
        distanceCount = 30
        while distanceCount > 1 && distanceLengths[distanceCount - 1] == 0 { distanceCount -= 1 }

        // The code lengths of both trees as one sequence, run-length coded (runs may cross from
        // the literal lengths into the distance lengths).
        var sequence = [UInt8](repeating: 0, count: literalCount + distanceCount)
        for index in 0..<literalCount { sequence[index] = literalLengths[index] }
        for index in 0..<distanceCount { sequence[literalCount + index] = distanceLengths[index] }
        lengthSymbols.removeAll(keepingCapacity: true)
        var index = 0
        while index < sequence.count {
            let value = sequence[index]
            var run = 1
            while index + run < sequence.count && sequence[index + run] == value { run += 1 }
            index += run
            if value == 0 {
                while run >= 11 { let take = min(run, 138); lengthSymbols.append((18, UInt8(take - 11))); run -= take }
                if run >= 3 { lengthSymbols.append((17, UInt8(run - 3))); run = 0 }
                while run > 0 { lengthSymbols.append((0, 0)); run -= 1 }
            } else {
                lengthSymbols.append((value, 0))
                run -= 1
                while run >= 3 { let take = min(run, 6); lengthSymbols.append((16, UInt8(take - 3))); run -= take }
                while run > 0 { lengthSymbols.append((value, 0)); run -= 1 }
            }
        }
        var frequencies = [UInt32](repeating: 0, count: 19)
        for entry in lengthSymbols { frequencies[Int(entry.symbol)] += 1 }
        frequencies.withUnsafeMutableBufferPointer { frequencies in
            Self.ensureTwoCodes(frequencies.baseAddress!, count: 19)
            lengthCodeLengths.withUnsafeMutableBufferPointer { lengths in
                Self.limitedLengths(frequencies.baseAddress!, count: 19, limit: 7, into: lengths.baseAddress!)
                lengthCodeCodes.withUnsafeMutableBufferPointer { codes in
                    Self.canonicalCodes(lengths: lengths.baseAddress!, count: 19, into: codes.baseAddress!)
                }
            }
        }
        lengthCodeCount = 19
        while lengthCodeCount > 4 && lengthCodeLengths[Self.lengthCodeOrder[lengthCodeCount - 1]] == 0 { lengthCodeCount -= 1 }

        var bits = 5 + 5 + 4 + 3 * lengthCodeCount
        for entry in lengthSymbols {
            bits += Int(lengthCodeLengths[Int(entry.symbol)])
            switch entry.symbol {
            case 16: bits += 2
            case 17: bits += 3
            case 18: bits += 7
            default: break
            }
        }
        for symbol in 0..<286 { bits += Int(literals[symbol]) * Int(literalLengths[symbol]) }
        for symbol in 0..<30 { bits += Int(distances[symbol]) * Int(distanceLengths[symbol]) }
        return bits
    }

    /// Writes HLIT, HDIST, HCLEN, the code-length code and the run-length coded lengths.
    func writeHeader(_ writer: inout BitWriter) {
        writer.put(UInt64(literalCount - 257), 5)
        writer.put(UInt64(distanceCount - 1), 5)
        writer.put(UInt64(lengthCodeCount - 4), 4)
        for index in 0..<lengthCodeCount { writer.put(UInt64(lengthCodeLengths[Self.lengthCodeOrder[index]]), 3) }
        for entry in lengthSymbols {
            let symbol = Int(entry.symbol)
            writer.put(UInt64(lengthCodeCodes[symbol]), Int(lengthCodeLengths[symbol]))
            switch symbol {
            case 16: writer.put(UInt64(entry.extra), 2)
            case 17: writer.put(UInt64(entry.extra), 3)
            case 18: writer.put(UInt64(entry.extra), 7)
            default: break
            }
        }
    }

    /// Gives frequency 1 to the first unused symbols until at least two are used.
    private static func ensureTwoCodes(_ frequencies: UnsafeMutablePointer<UInt32>, count: Int) {
        var used = 0
        for symbol in 0..<count where frequencies[symbol] > 0 { used += 1 }
        var symbol = 0
        while used < 2 && symbol < count {
            if frequencies[symbol] == 0 { frequencies[symbol] = 1; used += 1 }
            symbol += 1
        }
    }

    /// Huffman code lengths of at most `limit` bits for the symbols of nonzero frequency (others
    /// get 0): an optimal code by pairing the two lightest nodes, then, if it is too deep, the
    /// deepest leaves moved up and shallower ones split until the lengths fit (Kraft's sum stays
    /// exactly one), and the lengths handed out again, the shortest to the most frequent.
    static func limitedLengths(_ frequencies: UnsafePointer<UInt32>, count: Int, limit: Int, into lengths: UnsafeMutablePointer<UInt8>) {
        var leaves: [(weight: UInt32, symbol: Int)] = []
        leaves.reserveCapacity(count)
        for symbol in 0..<count {
            lengths[symbol] = 0
            if frequencies[symbol] > 0 { leaves.append((frequencies[symbol], symbol)) }
        }
        let leafCount = leaves.count
        if leafCount == 0 { return }
        if leafCount == 1 { lengths[leaves[0].symbol] = 1; return }
        leaves.sort { $0.weight != $1.weight ? $0.weight < $1.weight : $0.symbol < $1.symbol }

        // Two queues: the sorted leaves, and the internal nodes in the order they are made (which
        // is also by weight). Nodes 0..<leafCount are leaves, the rest internal.
        var weight = [UInt64](repeating: 0, count: 2 * leafCount - 1)
        var parent = [Int](repeating: 0, count: 2 * leafCount - 1)
        for index in 0..<leafCount { weight[index] = UInt64(leaves[index].weight) }
        var nextLeaf = 0, nextInternal = leafCount, made = leafCount
        func lightest() -> Int {
            if nextLeaf < leafCount && (nextInternal >= made || weight[nextLeaf] <= weight[nextInternal]) {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextInternal += 1
            return nextInternal - 1
        }
        while made < 2 * leafCount - 1 {
            let first = lightest(), second = lightest()
            weight[made] = weight[first] + weight[second]
            parent[first] = made
            parent[second] = made
            made += 1
        }
        // Depths: a parent is made after its children, so walking down from the root sees it first.
        var depth = [Int](repeating: 0, count: 2 * leafCount - 1)
        for node in stride(from: 2 * leafCount - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }

        var lengthCounts = [Int](repeating: 0, count: max(limit, depth.max()!) + 1)
        for leaf in 0..<leafCount { lengthCounts[depth[leaf]] += 1 }
        if lengthCounts.count > limit + 1 {
            for length in (limit + 1)..<lengthCounts.count {
                lengthCounts[limit] += lengthCounts[length]
                lengthCounts[length] = 0
            }
            // Kraft's sum in units of 2^-limit; over one means the code is not a prefix code.
            var total = 0
            for length in 1...limit { total += lengthCounts[length] << (limit - length) }
            while total > 1 << limit && lengthCounts[limit] > 0 {
                // A leaf at the limit goes, and a shallower leaf becomes two one level deeper:
                // the leaf count stays, the sum falls by one unit.
                lengthCounts[limit] -= 1
                for length in stride(from: limit - 1, through: 1, by: -1) where lengthCounts[length] > 0 {
                    lengthCounts[length] -= 1
                    lengthCounts[length + 1] += 2
                    break
                }
                total -= 1
            }
        }
        // The longest lengths to the lightest leaves.
        var leaf = 0
        for length in stride(from: min(limit, lengthCounts.count - 1), through: 1, by: -1) {
            for _ in 0..<lengthCounts[length] {
                lengths[leaves[leaf].symbol] = UInt8(length)
                leaf += 1
            }
        }
    }

    /// The canonical codes of RFC 1951 §3.2.2 for `lengths`, bit-reversed for LSB-first output.
    static func canonicalCodes(lengths: UnsafePointer<UInt8>, count: Int, into codes: UnsafeMutablePointer<UInt16>) {
        var lengthCounts = [Int](repeating: 0, count: 16)
        for symbol in 0..<count { lengthCounts[Int(lengths[symbol])] += 1 }
        lengthCounts[0] = 0
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1..<16 {
            code = (code + lengthCounts[length - 1]) << 1
            next[length] = code
        }
        for symbol in 0..<count {
            let length = Int(lengths[symbol])
            guard length > 0 else { codes[symbol] = 0; continue }
            let value = next[length]
            next[length] += 1
            var reversed = 0
            for bit in 0..<length where value & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
            codes[symbol] = UInt16(reversed)
        }
    }
}
