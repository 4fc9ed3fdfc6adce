/// Documents read together for one scoring thread. Their texts sit end to end in one byte buffer,
/// so a batch of hundreds of documents costs a handful of allocations instead of a `String` per
/// document (made by the reader thread, freed by a scoring thread: a cost the pipeline paid off
/// its scoring thread, and the one that kept 1 → 2 shard processes under 1.8×, issue #14).
///
/// The texts are exactly the bytes ``InputDocument/text(file:line:text:)`` would hold: valid
/// UTF-8, already checked by the reader (``DocumentReader``).
public struct DocumentBatch: Sendable, Equatable {
    /// One document of the batch: a text (its bytes are `texts[bytes]`) or an error record.
    public enum Entry: Sendable, Equatable {
        case text(file: String, line: Int?, bytes: Range<Int>)
        case error(file: String, line: Int?, code: DocumentErrorCode, message: String)
    }

    /// The texts of the batch's documents, end to end.
    public private(set) var texts: [UInt8] = []
    /// The documents, in input order.
    public private(set) var entries: [Entry] = []

    public init() {}

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a text document whose bytes (valid UTF-8) are `utf8`.
    mutating func appendText(file: String, line: Int?, utf8: UnsafeBufferPointer<UInt8>) {
        let start = texts.count
        texts.append(contentsOf: utf8)
        entries.append(.text(file: file, line: line, bytes: start..<texts.count))
    }

    /// Adds `document` (for sources that hand out ``InputDocument``s).
    public mutating func append(_ document: InputDocument) {
        switch document {
        case .text(let file, let line, var text):
            text.withUTF8 { appendText(file: file, line: line, utf8: $0) }
        case .error(let file, let line, let code, let message):
            entries.append(.error(file: file, line: line, code: code, message: message))
        }
    }

    /// The documents as ``InputDocument``s (each text becomes a `String`: for tests and tools, not
    /// for the pipeline).
    public var documents: [InputDocument] {
        entries.map { entry in
            switch entry {
            case .text(let file, let line, let bytes):
                .text(file: file, line: line, text: String(decoding: texts[bytes], as: UTF8.self))
            case .error(let file, let line, let code, let message):
                .error(file: file, line: line, code: code, message: message)
            }
        }
    }
}
