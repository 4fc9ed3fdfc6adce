/// Documents read together for one scoring thread. Their texts sit end to end in one byte buffer,
/// so a batch of hundreds of documents costs a handful of allocations instead of a `String` per
/// document (made by the reader thread, freed by a scoring thread: a cost the pipeline paid off
/// its scoring thread, and the one that kept 1 → 2 shard processes under 1.8×, issue #14).
///
/// Each document is a plain record (where its text lies, its line, which file), the file names
/// are kept once per batch and the rare error records beside: adding a document copies its bytes
/// and writes one record, with no reference counted per document. The reader thread's cost per
/// document is what a one-thread job gets free on its idle core and a two-thread job pays on its
/// busy ones (issue #10, 2 threads vs 1).
///
/// The texts are exactly the bytes ``InputDocument/text(file:line:text:)`` would hold: valid
/// UTF-8, already checked by the reader (``DocumentReader``).
public struct DocumentBatch: Sendable {
    /// One document of the batch, as ``forEach(_:)`` hands it out.
    public enum Content {
        /// A document to score: its bytes (valid UTF-8), valid during the call only.
        case text(UnsafeBufferPointer<UInt8>)
        /// A record that stands in for a document that cannot be scored.
        case error(code: DocumentErrorCode, message: String)
    }

    private struct Slot: Sendable {
        /// The text's bytes are `bytes[start..<end]`; for an error record, `errors[start]`.
        var start: Int
        var end: Int
        /// The zero-based line, or -1 for none (``InputFormat/oneDocPerFile``).
        var line: Int
        /// Its index in `files`.
        var file: Int32
        var isError: Bool
    }

    private struct ErrorRecord: Sendable {
        var code: DocumentErrorCode
        var message: String
    }

    /// The texts, end to end, in `bytes[0..<textByteCount]`; the rest is room to copy the next
    /// texts into without growing the array one append at a time (never read: zeros, or the texts
    /// of a batch this one was before ``removeAll()``).
    private var bytes: [UInt8] = []
    /// Bytes of text in the batch.
    public private(set) var textByteCount = 0
    private var slots: [Slot] = []
    /// The batch's file names (most batches hold one file's lines); `slots` index them.
    private var files: [String] = []
    private var errors: [ErrorRecord] = []

    public init() {}

    /// Makes room for `documents` records and `textBytes` bytes of text, unless there is already.
    mutating func reserve(documents: Int, textBytes: Int) {
        if slots.capacity < documents { slots.reserveCapacity(documents) }
        if bytes.count < textBytes { bytes.append(contentsOf: repeatElement(0, count: textBytes - bytes.count)) }
    }

    /// Removes every document and keeps the room, so that the batch can be filled again with no
    /// allocation (the pipeline hands batches back to its reader once they are scored).
    public mutating func removeAll() {
        textByteCount = 0
        slots.removeAll(keepingCapacity: true)
        files.removeAll(keepingCapacity: true)
        errors.removeAll(keepingCapacity: true)
    }

    /// Bytes of text the batch holds before its buffer grows.
    public var textCapacity: Int { bytes.count }

    public var count: Int { slots.count }
    public var isEmpty: Bool { slots.isEmpty }

    /// Whether another document may join a batch cut at `maxDocuments` documents and `maxBytes`
    /// bytes of text: the one rule every source fills batches by (it decides the archive's chunks
    /// and where a resumed job starts, so it must not depend on who fills).
    @inline(__always)
    public func hasRoom(maxDocuments: Int, maxBytes: Int) -> Bool {
        slots.count < maxDocuments && textByteCount < maxBytes
    }

    /// Adds a text document whose bytes (valid UTF-8) are `utf8`.
    @inline(__always)
    mutating func appendText(file: String, line: Int?, utf8: UnsafeBufferPointer<UInt8>) {
        let start = textByteCount, end = start + utf8.count
        if end > bytes.count {
            bytes.append(contentsOf: repeatElement(0, count: max(end, 2 * bytes.count, 4096) - bytes.count))
        }
        if let source = utf8.baseAddress, utf8.count > 0 {
            bytes.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: start).update(from: source, count: utf8.count) }
        }
        textByteCount = end
        slots.append(Slot(start: start, end: end, line: line ?? -1, file: fileIndex(file), isError: false))
    }

    /// Adds an error record.
    mutating func appendError(file: String, line: Int?, code: DocumentErrorCode, message: String) {
        slots.append(Slot(start: errors.count, end: 0, line: line ?? -1, file: fileIndex(file), isError: true))
        errors.append(ErrorRecord(code: code, message: message))
    }

    /// Adds `document` (for sources that hand out ``InputDocument``s).
    public mutating func append(_ document: InputDocument) {
        switch document {
        case .text(let file, let line, var text):
            text.withUTF8 { appendText(file: file, line: line, utf8: $0) }
        case .error(let file, let line, let code, let message):
            appendError(file: file, line: line, code: code, message: message)
        }
    }

    /// The index of `file` in `files`: the last one (the file being read) or a new one.
    @inline(__always)
    private mutating func fileIndex(_ file: String) -> Int32 {
        if let last = files.last, last == file { return Int32(files.count - 1) }
        files.append(file)
        return Int32(files.count - 1)
    }

    /// Calls `body` with each document in input order: its file, its line and its content.
    public func forEach(_ body: (_ file: String, _ line: Int?, _ content: Content) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { texts in
            for slot in slots {
                let line = slot.line < 0 ? nil : slot.line
                if slot.isError {
                    let error = errors[slot.start]
                    try body(files[Int(slot.file)], line, .error(code: error.code, message: error.message))
                } else {
                    try body(files[Int(slot.file)], line, .text(UnsafeBufferPointer(rebasing: texts[slot.start..<slot.end])))
                }
            }
        }
    }

    /// The documents as ``InputDocument``s (each text becomes a `String`: for tests and tools, not
    /// for the pipeline).
    public var documents: [InputDocument] {
        var documents: [InputDocument] = []
        documents.reserveCapacity(count)
        forEach { file, line, content in
            switch content {
            case .text(let utf8): documents.append(.text(file: file, line: line, text: String(decoding: utf8, as: UTF8.self)))
            case .error(let code, let message): documents.append(.error(file: file, line: line, code: code, message: message))
            }
        }
        return documents
    }
}

extension DocumentBatch: Equatable {
    /// The same documents in the same order (whatever room either has left).
    public static func == (lhs: DocumentBatch, rhs: DocumentBatch) -> Bool {
        lhs.documents == rhs.documents
    }
}
