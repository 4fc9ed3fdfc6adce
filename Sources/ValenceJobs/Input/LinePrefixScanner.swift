/// Finds where a `ONE_DOC_PER_LINE` file may be cut between documents, and what a reader that
/// starts at such a cut must know of the bytes before it.
///
/// A cut is a byte offset just after a line terminator (LF, CRLF, or a bare CR — the terminators
/// ``DocumentReader`` splits on), so every line lies wholly on one side. For each cut the scanner
/// reports, from the bytes before it:
/// - the number of line terminators: the zero-based `Line` of the first line after the cut;
/// - whether they are valid UTF-8: the first invalid byte of a file ends it (spec §7.4), so a
///   reader starting after an invalid byte must produce nothing.
///
/// The file is read once, sequentially, in chunks, up to the last cut.
public struct LinePrefixScanner {
    /// What lies before one cut.
    public struct Cut: Sendable, Equatable {
        /// The cut's byte offset: 0, the file's size, or just after a line terminator.
        public var offset: Int64
        /// Line terminators before `offset` (a CRLF counts once).
        public var lineCount: Int
        /// Whether the bytes before `offset` are valid UTF-8 (a BOM at the start is).
        public var prefixIsValid: Bool

        public init(offset: Int64, lineCount: Int, prefixIsValid: Bool) {
            self.offset = offset
            self.lineCount = lineCount
            self.prefixIsValid = prefixIsValid
        }
    }

    private static let chunkSize = 1 << 20

    /// For each target offset (ascending), the first cut at or after it: the smallest offset
    /// `p >= target` that ends a line, or the file's size when no line ends after `target`.
    /// A target of 0 gives the cut at 0. Reads `path` as it is now.
    public static func cuts(in path: String, fileName: String, atOrAfter targets: [Int64]) throws(StorageError) -> [Cut] {
        precondition(zip(targets, targets.dropFirst()).allSatisfy { $0 <= $1 }, "targets must ascend")
        let file: ReadOnlyFile
        do {
            file = try ReadOnlyFile(path: path)
        } catch {
            throw StorageError(.noReadAccessToInput, reason: "'\(fileName)': \(error)", path: path, underlying: error)
        }
        var scan = State()
        var cuts: [Cut] = []
        cuts.reserveCapacity(targets.count)
        var remaining = targets[...]
        // Targets at 0 (or below) cut before the first byte.
        while let target = remaining.first, target <= 0 {
            cuts.append(Cut(offset: 0, lineCount: 0, prefixIsValid: true))
            remaining = remaining.dropFirst()
        }
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        var offset: Int64 = 0
        while !remaining.isEmpty {
            let count: Int
            do {
                count = try buffer.withUnsafeMutableBytes { raw throws(SystemCallError) in try file.read(into: raw, at: offset) }
            } catch {
                throw StorageError(.noReadAccessToInput, reason: "'\(fileName)': \(error)", path: path, underlying: error)
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { raw in
                var index = 0
                while index < count, !remaining.isEmpty {
                    // Eight ASCII bytes at a time, none a CR, outside any UTF-8 sequence and short of
                    // the byte before the next target (an LF there would make a cut): only their
                    // LFs count.
                    if !scan.pendingCR, !scan.validator.isInsideSequence, let target = remaining.first {
                        let limit = Int(clamping: min(Int64(count), target - 1 - offset))
                        while index &+ 8 <= limit {
                            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                            if word & 0x8080_8080_8080_8080 != 0 || DocumentReader.hasZeroByte(word ^ 0x0D0D_0D0D_0D0D_0D0D) { break }
                            scan.lineCount += Self.zeroByteCount(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                            index &+= 8
                        }
                        if index >= count { break }
                    }
                    let byte = raw[index]
                    let position = offset + Int64(index)
                    // A bare CR ends its line only once the next byte shows it is not a CRLF.
                    if scan.pendingCR, byte != 0x0A {
                        scan.pendingCR = false
                        takeCuts(at: position, &remaining, &cuts, scan)
                    }
                    scan.consume(byte)
                    if byte == 0x0A { takeCuts(at: position + 1, &remaining, &cuts, scan) }
                    index += 1
                }
            }
            offset += Int64(count)
        }
        // The end of the file is a cut too (a trailing bare CR has ended its line there).
        let end = Cut(offset: offset, lineCount: scan.lineCount, prefixIsValid: scan.isValid && !scan.validator.isInsideSequence)
        cuts.append(contentsOf: remaining.map { _ in end })
        return cuts
    }

    /// How many of the eight bytes of `word` are zero (exactly: no borrow runs between bytes).
    @inline(__always)
    static func zeroByteCount(_ word: UInt64) -> Int {
        let low = UInt64(0x7F7F_7F7F_7F7F_7F7F)
        return (~(((word & low) &+ low) | word | low)).nonzeroBitCount
    }

    private static func takeCuts(at position: Int64, _ remaining: inout ArraySlice<Int64>, _ cuts: inout [Cut], _ scan: State) {
        while let target = remaining.first, target <= position {
            cuts.append(Cut(offset: position, lineCount: scan.lineCount, prefixIsValid: scan.isValid))
            remaining = remaining.dropFirst()
        }
    }

    private struct State {
        var lineCount = 0
        var pendingCR = false
        var isValid = true
        var validator = UTF8StreamValidator()

        mutating func consume(_ byte: UInt8) {
            switch byte {
            case 0x0D:
                lineCount += 1
                pendingCR = true
            case 0x0A:
                if pendingCR { pendingCR = false } else { lineCount += 1 }
            default:
                pendingCR = false
            }
            guard isValid else { return }
            if byte < 0x80 {
                if validator.isInsideSequence { isValid = false }
            } else if !validator.accept(nonASCII: byte) {
                isValid = false
            }
        }
    }
}
