import ValenceCore
internal import CICUShim

/// Reads the documents of one input file, streaming: the file is read in chunks with `pread`, and
/// of the document in progress at most ``maxDocumentBytes`` bytes are kept, so memory stays at one
/// chunk plus 5 KiB whatever the size of the file or of its longest line (``peakBufferedBytes``).
///
/// Rules (spec §6.2, §7.3, §7.4, §13 #26, #29, #30):
///
/// - **Encoding.** Every byte of every document is checked as UTF-8 (RFC 3629). The first invalid
///   byte makes the document it is in an `UNSUPPORTED_ENCODING` record and ends the file: nothing
///   after it produces a record, neither in `ONE_DOC_PER_LINE` ("all subsequent lines are
///   ignored") nor in `ONE_DOC_PER_FILE`. NUL and other control characters are valid UTF-8, so a
///   binary file is either invalid UTF-8 or an odd but valid document.
/// - **Check order: encoding before size.** A document that is both over 5120 bytes and invalid
///   is `UNSUPPORTED_ENCODING` (and ends the file), because the bytes are decoded before a document
///   exists to be measured; the validation goes on past the 5120th byte to the end of the document
///   even though the bytes are no longer kept.
/// - **Size.** A valid document of more than ``maxDocumentBytes`` (5120) UTF-8 bytes is a
///   `DOCUMENT_SIZE_EXCEEDED` record; exactly 5120 bytes is a document.
/// - **Byte order mark.** A UTF-8 BOM (`EF BB BF`) at the very start of the file is dropped, in both
///   formats (editors on Windows write one; it is an encoding signature, not text). It does not
///   count towards the size of the first document. A BOM anywhere else is kept as U+FEFF.
///
/// `ONE_DOC_PER_LINE`:
/// - a line ends at LF, CRLF or a bare CR; U+2028, U+2029 and U+0085 do not end a line (they stay
///   in the text), nor do VT or FF;
/// - `Line` is the zero-based physical line index, counting every line including empty ones;
/// - a last line without a terminator is still a document; a terminator at the very end of the
///   file does not start another (empty) line;
/// - **an empty line is counted but produces no record** (an empty string is not a valid
///   document: Comprehend's `CustomerInputString` has minimum length 1; spec §6.2 recommendation);
/// - **a line of only whitespace is a document** and is scored: it is not empty, and Comprehend's
///   synchronous API accepts and scores such text.
///
/// `ONE_DOC_PER_FILE`:
/// - the whole file, terminators included and nothing trimmed, is one document without `Line`;
/// - **an empty file (or one holding only a BOM) produces no record**, for the same reason as an
///   empty line; a file of only whitespace or newlines is a document.
public struct DocumentReader: Sendable, InputDocumentSource {
    /// The asynchronous per-document limit in UTF-8 bytes (spec §8, §12 item 3).
    public static let maxDocumentBytes = 5120
    /// Bytes asked of each `pread`.
    public static let defaultChunkSize = 1 << 20

    /// The `File` of this file's records.
    public let fileName: String
    public let format: InputFormat
    /// How many bytes of the file have been consumed (the BOM included): progress.
    public var bytesConsumed: Int64 { chunkFileOffset + Int64(chunkStart) }
    /// The most bytes this reader has held at once: its chunk buffer plus the kept document bytes
    /// (allocated capacities).
    public private(set) var peakBufferedBytes = 0

    private let file: ReadOnlyFile
    private let maxChunkSize: Int
    private var chunk: [UInt8]
    /// Unconsumed bytes are `chunk[chunkStart..<chunkEnd]`; `chunk[0]` is at `chunkFileOffset`.
    private var chunkStart = 0
    private var chunkEnd = 0
    private var chunkFileOffset: Int64 = 0
    /// Where reading stops (a shard's part of the file), or nil for the end of the file.
    private var endOffset: Int64?
    private var isAtEndOfFile = false
    private var isFinished = false
    private var lineIndex = 0
    private var scan = ScanState()
    /// `chunkStart` when the last scan began (``ScanState/direct`` is relative to it).
    private var chunkStartBefore = 0

    /// Opens `path`. Throws `NO_READ_ACCESS_TO_INPUT` when it cannot be opened or is not a regular file.
    ///
    /// With `resumingAt` (a ``position`` of an earlier reader of the same file), reading starts
    /// there and goes on exactly as that reader would have.
    public init(
        path: String, fileName: String, format: InputFormat, chunkSize: Int = defaultChunkSize,
        resumingAt resume: Position? = nil
    ) throws(StorageError) {
        precondition(chunkSize > 0, "chunkSize must be positive")
        do {
            file = try ReadOnlyFile(path: path)
        } catch {
            throw StorageError(.noReadAccessToInput, reason: "'\(fileName)': \(error)", path: path, underlying: error)
        }
        self.fileName = fileName
        self.format = format
        // A small file gets a small buffer (a job may read a million of them); the buffer grows
        // towards `chunkSize` if the file turns out longer than it was when opened.
        maxChunkSize = chunkSize
        chunk = [UInt8](repeating: 0, count: min(chunkSize, max(Self.minimumChunkSize, Int(clamping: file.size))))
        scan.kept.reserveCapacity(Self.maxDocumentBytes)

        var head: (UInt8, UInt8, UInt8) = (0, 0, 0)
        let headCount: Int
        do {
            headCount = try withUnsafeMutableBytes(of: &head) { raw throws(SystemCallError) in
                try file.read(into: raw, at: 0)
            }
        } catch {
            throw StorageError(.noReadAccessToInput, reason: "'\(fileName)': \(error)", path: path, underlying: error)
        }
        if headCount == 3, head == (0xEF, 0xBB, 0xBF) { chunkFileOffset = 3 }
        if let resume, resume.offset > 0 || resume.line > 0 {
            chunkFileOffset = resume.offset
            lineIndex = resume.line
            scan.skipsLineFeed = resume.afterCarriageReturn
        }
        notePeak()
    }

    /// Opens an object chosen by ``InputSelector``. With `endingAt`, reading stops at that offset
    /// (a shard's part of the file, ``ShardPlan/Piece``, which ends just after a line terminator).
    public init(
        object: InputObject, format: InputFormat, chunkSize: Int = defaultChunkSize, resumingAt resume: Position? = nil,
        endingAt end: Int64? = nil
    ) throws(StorageError) {
        try self.init(path: object.path, fileName: object.fileName, format: format, chunkSize: chunkSize, resumingAt: resume)
        endOffset = end
    }

    /// Where this reader stands between two documents of the file (see ``InputPosition``).
    public struct Position: Sendable, Hashable {
        public var offset: Int64
        public var line: Int
        public var afterCarriageReturn: Bool
    }

    /// The position after the last document returned; nil once the file is done (nothing after
    /// it can give a record).
    public var position: Position? {
        isFinished ? nil : Position(offset: bytesConsumed, line: lineIndex, afterCarriageReturn: scan.skipsLineFeed)
    }

    /// The next record of the file, nil at its end. Throws `NO_READ_ACCESS_TO_INPUT` when a read fails.
    public mutating func next() throws(StorageError) -> InputDocument? {
        switch try nextRecord() {
        case nil: return nil
        case .text(let line): return .text(file: fileName, line: line, text: withText { String(decoding: $0, as: UTF8.self) })
        case .documentSizeExceeded(let line): return .documentSizeExceeded(file: fileName, line: line)
        case .unsupportedEncoding(let line): return .unsupportedEncoding(file: fileName, line: line)
        }
    }

    /// Appends the next record of the file to `batch` (its text with no `String` made); false at its end.
    public mutating func next(into batch: inout DocumentBatch) throws(StorageError) -> Bool {
        guard let record = try nextRecord() else { return false }
        append(record, to: &batch)
        return true
    }

    /// The records of the file, one after another into `batch`, in one loop (the pipeline's path).
    public mutating func fill(_ batch: inout DocumentBatch, maxDocuments: Int, maxBytes: Int) throws(StorageError) -> Bool {
        let splitsLines = format == .oneDocPerLine
        while batch.hasRoom(maxDocuments: maxDocuments, maxBytes: maxBytes) {
            if splitsLines && scan.startsNewDocument && !scan.skipsLineFeed && !scan.validator.isInsideSequence {
                takeASCIILines(into: &batch, maxDocuments: maxDocuments, maxBytes: maxBytes)
                guard batch.hasRoom(maxDocuments: maxDocuments, maxBytes: maxBytes) else { break }
            }
            guard let record = try nextRecord() else { return false }
            append(record, to: &batch)
        }
        return true
    }

    /// `ONE_DOC_PER_LINE`'s common case, taken between two documents before ``nextRecord()``: the
    /// lines ahead in the read buffer that are ASCII and end there (LF, CRLF, or a CR that another
    /// byte follows), each put straight into `batch` (an empty one only counted), up to the first
    /// line that is not such a line or is longer than ``maxDocumentBytes``, which ``nextRecord()``
    /// then takes as before. Such a line is valid UTF-8 with no terminator inside, so it is the
    /// document the general path would make, for about half its instructions: the general path
    /// returns to ``fill(_:maxDocuments:maxBytes:)`` with a ``Record`` per document, and the
    /// reader's cost per document is what a two-thread job pays on its busy cores (issue #10).
    private mutating func takeASCIILines(into batch: inout DocumentBatch, maxDocuments: Int, maxBytes: Int) {
        let fileName = self.fileName
        let end = chunkEnd
        var start = chunkStart, line = lineIndex
        chunk.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            while batch.hasRoom(maxDocuments: maxDocuments, maxBytes: maxBytes) {
                let stop = start &+ vx_ascii_span(base + start, end &- start, true)
                // The terminator and the byte after it are in the buffer (after a CR, that byte says
                // whether the terminator is CRLF).
                guard stop &+ 1 < end, stop &- start <= Self.maxDocumentBytes else { break }
                let terminator = base[stop]
                guard terminator == 0x0A || terminator == 0x0D else { break }
                if stop > start {
                    batch.appendText(file: fileName, line: line, utf8: UnsafeBufferPointer(start: base + start, count: stop &- start))
                }
                line &+= 1
                start = stop &+ (terminator == 0x0D && base[stop &+ 1] == 0x0A ? 2 : 1)
            }
        }
        chunkStart = start
        lineIndex = line
    }

    @inline(__always)
    private mutating func append(_ record: Record, to batch: inout DocumentBatch) {
        switch record {
        case .text(let line):
            let fileName = self.fileName
            withText { batch.appendText(file: fileName, line: line, utf8: $0) }
        case .documentSizeExceeded(let line):
            batch.append(.documentSizeExceeded(file: fileName, line: line))
        case .unsupportedEncoding(let line):
            batch.append(.unsupportedEncoding(file: fileName, line: line))
        }
    }

    /// The bytes of the text ``nextRecord()`` returned last: where they lie in the read buffer
    /// when the whole line was inside it (most lines: no copy), else the kept copy.
    /// (Mutating only so that calling it does not copy the reader.)
    @inline(__always)
    private mutating func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let direct = scan.direct {
            return chunk.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(chunkStartBefore + direct.lowerBound)..<(chunkStartBefore + direct.upperBound)])) }
        }
        return scan.kept.withUnsafeBufferPointer(body)
    }

    /// What the next record is; a text's bytes are ``withText(_:)``'s until the next call.
    private enum Record {
        case text(line: Int?)
        case documentSizeExceeded(line: Int?)
        case unsupportedEncoding(line: Int?)
    }

    private mutating func nextRecord() throws(StorageError) -> Record? {
        let splitsLines = format == .oneDocPerLine
        while !isFinished {
            if chunkStart == chunkEnd {
                if isAtEndOfFile {
                    isFinished = true
                    if scan.validator.isInsideSequence { return .unsupportedEncoding(line: currentLine) }
                    return finishDocument()
                }
                try refill()
                continue
            }
            chunkStartBefore = chunkStart
            let (consumed, event) = Self.scan(&chunk, chunkStart..<chunkEnd, splitsLines: splitsLines, state: &scan)
            chunkStart += consumed
            notePeak()
            switch event {
            case nil:
                continue
            case .invalidEncoding:
                isFinished = true
                return .unsupportedEncoding(line: currentLine)
            case .endOfLine:
                if let record = finishDocument() { return record }
            }
        }
        return nil
    }

    // MARK: - Reading

    private static let minimumChunkSize = 4096

    private mutating func refill() throws(StorageError) {
        if chunkEnd == chunk.count, chunk.count < maxChunkSize, chunkFileOffset + Int64(chunkEnd) > file.size {
            chunk = [UInt8](repeating: 0, count: min(maxChunkSize, 2 * chunk.count))
        }
        chunkFileOffset += Int64(chunkEnd)
        chunkStart = 0
        chunkEnd = 0
        let file = self.file
        let offset = chunkFileOffset
        let limit = endOffset.map { Int(clamping: max(0, $0 - offset)) } ?? .max
        let count: Int
        do {
            count = try chunk.withUnsafeMutableBytes { raw throws(SystemCallError) in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw.prefix(limit)), at: offset)
            }
        } catch {
            throw StorageError(.noReadAccessToInput, reason: "'\(fileName)': \(error)", path: file.path, underlying: error)
        }
        chunkEnd = count
        if count == 0 { isAtEndOfFile = true }
    }

    private mutating func notePeak() {
        peakBufferedBytes = max(peakBufferedBytes, chunk.capacity + scan.kept.capacity)
    }

    // MARK: - Documents

    private var currentLine: Int? { format == .oneDocPerLine ? lineIndex : nil }

    /// Ends the document in progress: its record, or nil for an empty one; moves to the next line.
    /// The kept bytes stay in `scan.kept` until the next document starts (``ScanState/keep(_:_:)``).
    private mutating func finishDocument() -> Record? {
        let line = currentLine
        let length = scan.length
        lineIndex += 1
        scan.length = 0
        scan.startsNewDocument = true
        if length == 0 { return nil }
        if length > Self.maxDocumentBytes { return .documentSizeExceeded(line: line) }
        return .text(line: line)
    }

    // MARK: - Scanning

    struct ScanState: Sendable {
        /// The first `min(length, maxDocumentBytes)` bytes of the document in progress, unless
        /// `direct` holds the whole document.
        var kept: [UInt8] = []
        /// A document that began and ended in one scanned buffer: its range there (nothing is
        /// copied to `kept`).
        var direct: Range<Int>?
        /// The document's length so far in bytes.
        var length = 0
        var validator = UTF8StreamValidator()
        /// The last line ended with CR: an LF right after it belongs to that terminator.
        var skipsLineFeed = false

        /// A new document starts (the file's first, or the one after a document ended): the next bytes kept begin it.
        var startsNewDocument = true

        @inline(__always)
        mutating func keep(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            direct = nil
            if startsNewDocument {
                startsNewDocument = false
                kept.removeAll(keepingCapacity: true)
            }
            let room = DocumentReader.maxDocumentBytes - length
            if room > 0 {
                kept.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<(range.lowerBound + min(room, range.count))]))
            }
            length += range.count
        }
    }

    enum ScanEvent {
        /// A line terminator was consumed (only when splitting lines).
        case endOfLine
        /// The byte at the returned position cannot be UTF-8 here.
        case invalidEncoding
    }

    /// Whether one of the eight bytes of `word` is zero (for words whose bytes are all below 0x80).
    @inline(__always)
    static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// Whether the continuation bytes after the lead byte at `index` (all inside `bytes`) are what
    /// `shape` (``UTF8Validation/leadByte(_:)``) asks for.
    @inline(__always)
    static func continues(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ shape: (continuations: Int, lower: UInt8, upper: UInt8)) -> Bool {
        let first = bytes[index &+ 1]
        guard first >= shape.lower, first <= shape.upper else { return false }
        var offset = 2
        while offset <= shape.continuations {
            guard bytes[index &+ offset] & 0xC0 == 0x80 else { return false }
            offset &+= 1
        }
        return true
    }

    /// ``scan(_:splitsLines:state:)`` of `chunk[range]`. (The buffer passed `inout`, beside the
    /// state: read through a closure over `self`, it was retained and released per document.)
    @inline(__always)
    static func scan(
        _ chunk: inout [UInt8], _ range: Range<Int>, splitsLines: Bool, state: inout ScanState
    ) -> (consumed: Int, event: ScanEvent?) {
        chunk.withUnsafeBufferPointer { scan(UnsafeBufferPointer(rebasing: $0[range]), splitsLines: splitsLines, state: &state) }
    }

    /// Scans `bytes` until the end of a line, an invalid byte or the end of the buffer; returns how
    /// many bytes were consumed (the terminator included).
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, splitsLines: Bool, state: inout ScanState
    ) -> (consumed: Int, event: ScanEvent?) {
        let count = bytes.count
        var index = 0
        if state.skipsLineFeed, count > 0 {
            state.skipsLineFeed = false
            if bytes[0] == 0x0A { index = 1 }
        }
        let start = index
        let base = UnsafeRawPointer(bytes.baseAddress)
        while index < count {
            if !state.validator.isInsideSequence, let base {
                // Skip the ASCII bytes that are (when splitting) not CR or LF, sixteen at a time.
                index &+= vx_ascii_span(base.assumingMemoryBound(to: UInt8.self) + index, count &- index, splitsLines)
                if index >= count { break }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                if state.validator.isInsideSequence {
                    state.keep(bytes, start..<index)
                    return (index, .invalidEncoding)
                }
                if splitsLines, byte == 0x0A || byte == 0x0D {
                    if state.startsNewDocument {
                        // The whole line is in this buffer: it is read from there, not copied.
                        state.startsNewDocument = false
                        state.direct = start..<index
                        state.length = index - start
                    } else {
                        state.keep(bytes, start..<index)
                    }
                    state.skipsLineFeed = byte == 0x0D
                    return (index + 1, .endOfLine)
                }
            } else {
                // A whole sequence inside the buffer is checked at once (the common case: a kana, an
                // umlaut); one that fails, or runs past the buffer, goes byte by byte through the
                // validator, which names the exact byte and carries a split sequence over.
                if !state.validator.isInsideSequence, let shape = UTF8Validation.leadByte(byte),
                   index &+ shape.continuations < count, Self.continues(bytes, at: index, shape) {
                    index &+= shape.continuations &+ 1
                    // Text in a script beyond ASCII (CJK, Arabic, Devanagari) is mostly such
                    // sequences back to back: they are checked here, the three-byte ones of the
                    // BMP above U+0FFF (lead E1...EF but ED: any two continuation bytes) by one test,
                    // until a byte that is ASCII or starts anything else, which the loop above takes.
                    while index &+ 2 < count {
                        let lead = bytes[index]
                        if lead &- 0xE1 < 15 && lead != 0xED {
                            guard bytes[index &+ 1] & 0xC0 == 0x80, bytes[index &+ 2] & 0xC0 == 0x80 else { break }
                            index &+= 3
                            continue
                        }
                        guard lead >= 0x80, let shape = UTF8Validation.leadByte(lead),
                              index &+ shape.continuations < count, Self.continues(bytes, at: index, shape) else { break }
                        index &+= shape.continuations &+ 1
                    }
                    continue
                }
                if !state.validator.accept(nonASCII: byte) {
                    state.keep(bytes, start..<index)
                    return (index, .invalidEncoding)
                }
            }
            index += 1
        }
        state.keep(bytes, start..<count)
        return (count, nil)
    }
}
