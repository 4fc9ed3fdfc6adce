import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// Shorthands for expected records of a file named `doc.txt`.
private let file = "doc.txt"
private func text(_ line: Int?, _ text: String) -> InputDocument { .text(file: file, line: line, text: text) }
private func tooBig(_ line: Int?) -> InputDocument { .documentSizeExceeded(file: file, line: line) }
private func notUTF8(_ line: Int?) -> InputDocument { .unsupportedEncoding(file: file, line: line) }
private func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }

/// Writes `content` to a scratch file and reads every record with the given chunk size.
private func readAll(_ content: [UInt8], _ format: InputFormat, chunkSize: Int = DocumentReader.defaultChunkSize) throws -> [InputDocument] {
    let scratch = try TemporaryDirectory()
    let path = try scratch.write(file, content)
    var reader = try DocumentReader(path: path, fileName: file, format: format, chunkSize: chunkSize)
    var documents: [InputDocument] = []
    while let document = try reader.next() { documents.append(document) }
    #expect(try reader.next() == nil)
    // The pipeline's path (texts appended to a batch, no String per document) reads the same records,
    // in batches of any size.
    for batchSize in [1, 3, 512] {
        var batched = try DocumentReader(path: path, fileName: file, format: format, chunkSize: chunkSize)
        var batches: [InputDocument] = []
        while case let batch = try batched.nextBatch(maxDocuments: batchSize), !batch.isEmpty {
            #expect(batch.count <= batchSize)
            batches += batch.documents
        }
        #expect(batches == documents, "batches of \(batchSize)")
    }
    // And so does one batch filled again and again (the pipeline's reader reuses scored batches),
    // starting with the room, and stale bytes, of another file's long document.
    var refilling = try DocumentReader(path: path, fileName: file, format: format, chunkSize: chunkSize)
    var batch = DocumentBatch()
    batch.append(.text(file: "other.txt", line: 7, text: String(repeating: "stale ", count: 1000)))
    var refilled: [InputDocument] = []
    while true {
        try refilling.nextBatch(into: &batch, maxDocuments: 3)
        if batch.isEmpty { break }
        refilled += batch.documents
    }
    #expect(refilled == documents, "one batch refilled")
    return documents
}

/// Chunk sizes that put chunk boundaries everywhere: inside CRLF, inside multi-byte characters,
/// inside the BOM, at and around the 5120-byte limit.
private let chunkSizes = [1, 2, 3, 5, 7, 64, 5120, 5121, DocumentReader.defaultChunkSize]

struct DocumentReaderCase: Sendable, CustomTestStringConvertible {
    var name: String
    var content: [UInt8]
    var expected: [InputDocument]
    var testDescription: String { name }

    init(_ name: String, _ content: [UInt8], _ expected: [InputDocument]) {
        self.name = name
        self.content = content
        self.expected = expected
    }

    init(_ name: String, _ content: String, _ expected: [InputDocument]) {
        self.init(name, Array(content.utf8), expected)
    }
}

@Suite struct OneDocumentPerLineTests {
    static let lineCases: [DocumentReaderCase] = [
        DocumentReaderCase("LF", "first\nsecond\n", [text(0, "first"), text(1, "second")]),
        DocumentReaderCase("CRLF", "first\r\nsecond\r\n", [text(0, "first"), text(1, "second")]),
        DocumentReaderCase("bare CR", "first\rsecond\r", [text(0, "first"), text(1, "second")]),
        DocumentReaderCase("mixed terminators", "a\nb\r\nc\rd", [text(0, "a"), text(1, "b"), text(2, "c"), text(3, "d")]),
        DocumentReaderCase("last line without terminator", "first\nlast", [text(0, "first"), text(1, "last")]),
        DocumentReaderCase("single line without terminator", "only", [text(0, "only")]),
        DocumentReaderCase("empty lines are counted, not emitted", "a\n\n\nb\n\n", [text(0, "a"), text(3, "b")]),
        DocumentReaderCase("leading empty lines", "\n\r\n\rx", [text(3, "x")]),
        DocumentReaderCase("CR CR LF is two lines", "a\r\r\nb", [text(0, "a"), text(2, "b")]),
        DocumentReaderCase("LF CR is two terminators", "a\n\rb", [text(0, "a"), text(2, "b")]),
        DocumentReaderCase("U+2028, U+2029, U+0085, VT and FF do not end lines",
            "a\u{2028}b\u{2029}c\u{85}d\u{0B}e\u{0C}f\nnext",
            [text(0, "a\u{2028}b\u{2029}c\u{85}d\u{0B}e\u{0C}f"), text(1, "next")]),
        DocumentReaderCase("whitespace-only lines are documents", "  \t \n\u{3000}\n", [text(0, "  \t "), text(1, "\u{3000}")]),
        DocumentReaderCase("empty file", "", []),
        DocumentReaderCase("only LF", "\n", []),
        DocumentReaderCase("only CRLF", "\r\n", []),
        DocumentReaderCase("only CR", "\r", []),
        DocumentReaderCase("BOM is dropped", "\u{FEFF}hello\r\nworld", [text(0, "hello"), text(1, "world")]),
        DocumentReaderCase("BOM alone", "\u{FEFF}", []),
        DocumentReaderCase("BOM then newline", "\u{FEFF}\nx", [text(1, "x")]),
        DocumentReaderCase("BOM later is text", "a\n\u{FEFF}b", [text(0, "a"), text(1, "\u{FEFF}b")]),
        DocumentReaderCase("NUL is a character", [0x61, 0x00, 0x62, 0x0A], [text(0, "a\u{0}b")]),
        DocumentReaderCase("multi-byte text", "é😀\r\n日本語", [text(0, "é😀"), text(1, "日本語")]),
    ]

    /// §6.2, §13 #26: LF, CRLF and bare CR end lines, U+2028 does not; `Line` is zero-based.
    @Test(arguments: lineCases, chunkSizes)
    func item26_linesAndTheirNumbers(_ test: DocumentReaderCase, _ chunkSize: Int) throws {
        #expect(try readAll(test.content, .oneDocPerLine, chunkSize: chunkSize) == test.expected)
    }

    @Test func item26_crLfAndBareCrEndLines() throws {
        let documents = try readAll(bytes("zero\r\none\rtwo\nthree\u{2028}still three\r\n"), .oneDocPerLine)
        #expect(documents == [text(0, "zero"), text(1, "one"), text(2, "two"), text(3, "three\u{2028}still three")])
        #expect(documents.map(\.line) == [0, 1, 2, 3])
    }

    static let sizeCases: [DocumentReaderCase] = [
        DocumentReaderCase("5120 ASCII bytes", String(repeating: "a", count: 5120), [text(0, String(repeating: "a", count: 5120))]),
        DocumentReaderCase("5121 ASCII bytes", String(repeating: "a", count: 5121), [tooBig(0)]),
        DocumentReaderCase("é ends at byte 5120", String(repeating: "a", count: 5118) + "é", [text(0, String(repeating: "a", count: 5118) + "é")]),
        DocumentReaderCase("é straddles the limit", String(repeating: "a", count: 5119) + "é", [tooBig(0)]),
        DocumentReaderCase("😀 ends at byte 5120", String(repeating: "a", count: 5116) + "😀\n", [text(0, String(repeating: "a", count: 5116) + "😀")]),
        DocumentReaderCase("😀 straddles the limit", String(repeating: "a", count: 5117) + "😀\n", [tooBig(0)]),
        DocumentReaderCase("日 straddles the limit", String(repeating: "日", count: 1707), [tooBig(0)]),  // 5121 bytes
        DocumentReaderCase("1706 × 日 + 2 bytes", String(repeating: "日", count: 1706) + "ab", [text(0, String(repeating: "日", count: 1706) + "ab")]),
        DocumentReaderCase("terminator does not count", String(repeating: "a", count: 5120) + "\r\n", [text(0, String(repeating: "a", count: 5120))]),
        DocumentReaderCase("BOM does not count", "\u{FEFF}" + String(repeating: "a", count: 5120), [text(0, String(repeating: "a", count: 5120))]),
        DocumentReaderCase("oversize between good lines",
            "ok\n" + String(repeating: "b", count: 9000) + "\r\n\nlast",
            [text(0, "ok"), tooBig(1), text(3, "last")]),
    ]

    /// §7.4, §13 #29: more than 5120 UTF-8 bytes is DOCUMENT_SIZE_EXCEEDED; exactly 5120 is a document.
    @Test(arguments: sizeCases, chunkSizes)
    func item29_documentSizeLimitIn5120Bytes(_ test: DocumentReaderCase, _ chunkSize: Int) throws {
        #expect(try readAll(test.content, .oneDocPerLine, chunkSize: chunkSize) == test.expected)
    }

    @Test func item29_sizeRecordHasTheExactPerLineMessage() throws {
        let documents = try readAll(bytes(String(repeating: "x", count: 5121)), .oneDocPerLine)
        #expect(documents == [.error(file: file, line: 0, code: .documentSizeExceeded,
            message: "Document size is exceeded maximum size limit 5120 bytes.")])
        #expect(DocumentErrorCode.documentSizeExceeded.name == "DOCUMENT_SIZE_EXCEEDED")
    }

    static let encodingCases: [DocumentReaderCase] = [
        DocumentReaderCase("invalid byte mid-file stops the file", bytes("good\nba") + [0xFF] + bytes("d\nafter\nmore\n"),
            [text(0, "good"), notUTF8(1)]),
        DocumentReaderCase("lone continuation byte", bytes("a\n\n") + [0x80], [text(0, "a"), notUTF8(2)]),
        DocumentReaderCase("overlong encoding", bytes("a\n") + [0xC0, 0xAF] + bytes("\nb"), [text(0, "a"), notUTF8(1)]),
        DocumentReaderCase("UTF-16 surrogate", [0xED, 0xA0, 0x80] + bytes("\nb"), [notUTF8(0)]),
        DocumentReaderCase("above U+10FFFF", bytes("a\n") + [0xF4, 0x90, 0x80, 0x80], [text(0, "a"), notUTF8(1)]),
        DocumentReaderCase("sequence cut by LF", bytes("a\n") + [0xE2, 0x82] + bytes("\nb\n"), [text(0, "a"), notUTF8(1)]),
        DocumentReaderCase("sequence cut by CR", [0xE2, 0x0D] + bytes("b\n"), [notUTF8(0)]),
        DocumentReaderCase("sequence cut by the end of the file", bytes("a\nb") + [0xE2, 0x82], [text(0, "a"), notUTF8(1)]),
        DocumentReaderCase("Latin-1 text", [0x63, 0x61, 0x66, 0xE9, 0x0A], [notUTF8(0)]),
        DocumentReaderCase("UTF-16LE with BOM", [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], [notUTF8(0)]),
        // Check order: encoding before size, even past the kept 5120 bytes.
        DocumentReaderCase("oversize and invalid at its end", bytes(String(repeating: "a", count: 6000)) + [0xFF] + bytes("\nnext\n"),
            [notUTF8(0)]),
        DocumentReaderCase("oversize and invalid far past the limit",
            bytes("ok\n" + String(repeating: "a", count: 7000)) + [0xC3] + bytes(String(repeating: "a", count: 3000) + "\nnext"),
            [text(0, "ok"), notUTF8(1)]),
        DocumentReaderCase("invalid after an oversize line is still reported", bytes(String(repeating: "a", count: 6000) + "\n") + [0xFF],
            [tooBig(0), notUTF8(1)]),
    ]

    /// §6.2, §13 #30: UNSUPPORTED_ENCODING, and nothing after it in that file.
    @Test(arguments: encodingCases, chunkSizes)
    func item30_invalidUTF8StopsTheFile(_ test: DocumentReaderCase, _ chunkSize: Int) throws {
        #expect(try readAll(test.content, .oneDocPerLine, chunkSize: chunkSize) == test.expected)
    }

    @Test func item30_encodingRecordHasTheExactPerLineMessage() throws {
        let documents = try readAll([0xFF], .oneDocPerLine)
        #expect(documents == [.error(file: file, line: 0, code: .unsupportedEncoding,
            message: "Document is not in UTF-8 format and all subsequent lines are ignored.")])
        #expect(DocumentErrorCode.unsupportedEncoding.name == "UNSUPPORTED_ENCODING")
    }

    /// Every byte value once, in order: control characters are text, 0x80 is the first invalid byte.
    @Test(arguments: [InputFormat.oneDocPerLine, .oneDocPerFile])
    func binaryFileIsInvalidUTF8OrOddText(_ format: InputFormat) throws {
        let content = (0...255).map { UInt8($0) }
        let documents = try readAll(content, format)
        if format == .oneDocPerLine {
            let first = String(decoding: (0x00...0x09).map { UInt8($0) }, as: UTF8.self)
            #expect(documents == [text(0, first), text(1, "\u{0B}\u{0C}"), notUTF8(2)])
        } else {
            #expect(documents == [notUTF8(nil)])
        }
    }

    /// A line of 20 MB is read in 1 MiB chunks and only its first 5120 bytes are kept.
    @Test func item29_twentyMegabyteLineIsNotBuffered() throws {
        let scratch = try TemporaryDirectory()
        var content = [UInt8](repeating: UInt8(ascii: "a"), count: 20_000_000)
        content += bytes("\nshort line\n")
        let path = try scratch.write(file, content)
        var reader = try DocumentReader(path: path, fileName: file, format: .oneDocPerLine)
        #expect(try reader.next() == tooBig(0))
        #expect(try reader.next() == text(1, "short line"))
        #expect(try reader.next() == nil)
        #expect(reader.bytesConsumed == 20_000_012)
        // One 1 MiB chunk plus the 5120 kept bytes (with allocator rounding), never the line.
        #expect(reader.peakBufferedBytes >= DocumentReader.defaultChunkSize + 5120)
        #expect(reader.peakBufferedBytes <= DocumentReader.defaultChunkSize + 16 * 1024)
    }

    @Test func smallFilesGetSmallBuffers() throws {
        let scratch = try TemporaryDirectory()
        let path = try scratch.write(file, "tiny\n")
        var reader = try DocumentReader(path: path, fileName: file, format: .oneDocPerLine)
        #expect(try reader.next() == text(0, "tiny"))
        #expect(reader.peakBufferedBytes < 16 * 1024)
    }

    @Test func aFileThatGrowsAfterOpeningIsReadToItsEnd() throws {
        let scratch = try TemporaryDirectory()
        let path = try scratch.write(file, "start\n")
        var reader = try DocumentReader(path: path, fileName: file, format: .oneDocPerLine)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((0..<20_000).map { "line \($0)\n" }.joined().utf8))
        try handle.close()
        var documents: [InputDocument] = []
        while let document = try reader.next() { documents.append(document) }
        #expect(documents.count == 20_001)
        #expect(documents.last == text(20_000, "line 19999"))
        #expect(reader.bytesConsumed == 6 + 208_890)
        // The 4 KiB buffer sized for the 6-byte file grew (by doubling) instead of reading 4 KiB at a time.
        #expect(reader.peakBufferedBytes >= 128 * 1024 + 5120)
    }

    /// The same records whatever the chunk size, and the same as a whole-file reference reading,
    /// on generated inputs heavy in terminators, multi-byte characters, invalid bytes and long lines.
    @Test(arguments: 0..<40)
    func matchesAWholeFileReferenceOnGeneratedInput(_ seed: Int) throws {
        var random = TestRandom(seed: UInt64(seed))
        let pieces: [[UInt8]] = [
            bytes("a"), bytes("word "), bytes("\n"), bytes("\r"), bytes("\r\n"), bytes("é"), bytes("😀"),
            bytes("\u{2028}"), bytes(" "), [0x00], bytes(String(repeating: "z", count: 700)), bytes("あ"),
            // Ill-formed sequences, which a whole-sequence check must refuse as the byte-by-byte one
            // does: cut short, a surrogate, overlong, above U+10FFFF, a lone lead byte.
            [0xE3, 0x81], [0xED, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3], [0xF0, 0x9F, 0x98],
        ]
        var content: [UInt8] = random.below(4) == 0 ? [0xEF, 0xBB, 0xBF] : []
        for _ in 0..<random.below(200) {
            content += pieces[random.below(pieces.count)]
            if random.below(400) == 0 { content.append(UInt8(0x80 + random.below(0x80))) }
        }
        let expected = referenceLines(content)
        for chunkSize in [1, 3, 17, 4096] {
            #expect(try readAll(content, .oneDocPerLine, chunkSize: chunkSize) == expected, "chunk \(chunkSize)")
        }
    }

    /// The reader skips ASCII sixteen bytes at a time: a terminator or a non-ASCII byte at any
    /// place of a block (and of the blocks after) stops it exactly there, in either format.
    @Test func aStopAtAnyPlaceOfABlockIsFound() throws {
        let stops: [[UInt8]] = [[0x0A], [0x0D], [0x0D, 0x0A], bytes("é"), bytes("日"), [0xFF], [0x80]]
        for offset in 0..<40 {
            for stop in stops {
                let content = Array(repeating: UInt8(ascii: "a"), count: offset) + stop + Array(repeating: UInt8(ascii: "b"), count: 37) + [0x0A]
                for chunkSize in [7, 4096] {
                    #expect(try readAll(content, .oneDocPerLine, chunkSize: chunkSize) == referenceLines(content), "offset \(offset), stop \(stop), chunk \(chunkSize)")
                    let whole: [InputDocument] = UTF8Validation.isValid(content) ? [text(nil, String(decoding: content, as: UTF8.self))] : [notUTF8(nil)]
                    #expect(try readAll(content, .oneDocPerFile, chunkSize: chunkSize) == whole, "offset \(offset), stop \(stop), chunk \(chunkSize)")
                }
            }
        }
    }

    /// The rules of this suite written the obvious, whole-file way.
    private func referenceLines(_ content: [UInt8]) -> [InputDocument] {
        var content = content[...]
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content = content.dropFirst(3) }
        var lines: [ArraySlice<UInt8>] = []
        var start = content.startIndex
        var index = start
        while index < content.endIndex {
            let byte = content[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(content[start..<index])
                if byte == 0x0D, index + 1 < content.endIndex, content[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < content.endIndex { lines.append(content[start...]) }
        var documents: [InputDocument] = []
        for (number, line) in lines.enumerated() {
            if !UTF8Validation.isValid(Array(line)) {
                documents.append(notUTF8(number))
                break
            }
            if line.isEmpty { continue }
            documents.append(line.count > 5120 ? tooBig(number) : text(number, String(decoding: line, as: UTF8.self)))
        }
        return documents
    }
}

@Suite struct OneDocumentPerFileTests {
    static let fileCases: [DocumentReaderCase] = [
        DocumentReaderCase("whole file, terminators kept", "hello\nworld\r\n", [text(nil, "hello\nworld\r\n")]),
        DocumentReaderCase("U+2028 kept", "a\u{2028}b", [text(nil, "a\u{2028}b")]),
        DocumentReaderCase("empty file: no record", "", []),
        DocumentReaderCase("BOM only: no record", "\u{FEFF}", []),
        DocumentReaderCase("BOM dropped", "\u{FEFF}hi", [text(nil, "hi")]),
        DocumentReaderCase("newline only is a document", "\n", [text(nil, "\n")]),
        DocumentReaderCase("5120 bytes", String(repeating: "a", count: 5120), [text(nil, String(repeating: "a", count: 5120))]),
        DocumentReaderCase("BOM + 5120 bytes", "\u{FEFF}" + String(repeating: "a", count: 5120), [text(nil, String(repeating: "a", count: 5120))]),
        DocumentReaderCase("5121 bytes", String(repeating: "a", count: 5121), [tooBig(nil)]),
        DocumentReaderCase("5120 bytes and a final newline", String(repeating: "a", count: 5120) + "\n", [tooBig(nil)]),
        DocumentReaderCase("😀 straddles the limit", String(repeating: "a", count: 5117) + "😀", [tooBig(nil)]),
        DocumentReaderCase("invalid", bytes("ok\nthen ") + [0xFF] + bytes(" more"), [notUTF8(nil)]),
        DocumentReaderCase("oversize and invalid: encoding wins", bytes(String(repeating: "a", count: 8000)) + [0xFE], [notUTF8(nil)]),
        DocumentReaderCase("cut sequence at the end", bytes("abc") + [0xF0, 0x9F, 0x98], [notUTF8(nil)]),
    ]

    /// §13 #26, #29, #30 for ONE_DOC_PER_FILE: one record per file, no `Line`.
    @Test(arguments: fileCases, chunkSizes)
    func item26_oneRecordPerFileWithoutLine(_ test: DocumentReaderCase, _ chunkSize: Int) throws {
        #expect(try readAll(test.content, .oneDocPerFile, chunkSize: chunkSize) == test.expected)
    }

    /// Issue #11 defect 9: the size error has §13 #29's one message in both formats (a per-file
    /// record is worded as a per-line one, not as AWS's per-file example); the encoding message
    /// keeps its per-file wording (spec §7.4, sic).
    @Test func defect9_item29_item30_perFileMessages() throws {
        let tooBig = bytes(String(repeating: "a", count: 5121))
        let perFile = try readAll(tooBig, .oneDocPerFile)
        let perLine = try readAll(tooBig, .oneDocPerLine)
        #expect(perFile == [.error(
            file: file, line: nil, code: .documentSizeExceeded, message: "Document size is exceeded maximum size limit 5120 bytes.")])
        #expect(perLine.count == 1)
        if case .error(_, _, let code, let lineMessage)? = perLine.first, case .error(_, _, _, let fileMessage)? = perFile.first {
            #expect(code == .documentSizeExceeded)
            #expect(lineMessage == fileMessage)
        } else {
            Issue.record("no size error record: \(perLine) \(perFile)")
        }
        #expect(try readAll([0x61, 0xFF], .oneDocPerFile) == [.error(
            file: file, line: nil, code: .unsupportedEncoding,
            message: "Document is not in UTF-8 format and all subsequent line are ignored.")])
    }

    @Test func item29_twentyMegabyteFileIsNotBuffered() throws {
        let scratch = try TemporaryDirectory()
        let path = try scratch.write(file, [UInt8](repeating: UInt8(ascii: "a"), count: 20_000_000))
        var reader = try DocumentReader(path: path, fileName: file, format: .oneDocPerFile)
        #expect(try reader.next() == tooBig(nil))
        #expect(try reader.next() == nil)
        #expect(reader.peakBufferedBytes <= DocumentReader.defaultChunkSize + 16 * 1024)
    }
}
