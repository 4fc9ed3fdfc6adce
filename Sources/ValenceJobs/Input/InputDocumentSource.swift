/// Something that hands out input documents one at a time, in input order.
public protocol InputDocumentSource {
    /// The next document, or nil when there are no more. Throws only job-level failures.
    mutating func next() throws(StorageError) -> InputDocument?

    /// Appends the next document to `batch`, exactly as ``next()`` would return it; false (and
    /// nothing appended) when there are no more. The pipeline's path: no `String` per document.
    mutating func next(into batch: inout DocumentBatch) throws(StorageError) -> Bool

    /// Appends documents to `batch` (as ``next(into:)`` would, one after another) while it holds
    /// fewer than `maxDocuments` documents and fewer than `maxBytes` bytes of text; false when the
    /// source ran out. A source may do this in one loop, without a call per document.
    mutating func fill(_ batch: inout DocumentBatch, maxDocuments: Int, maxBytes: Int) throws(StorageError) -> Bool
}

extension InputDocumentSource {
    public mutating func next(into batch: inout DocumentBatch) throws(StorageError) -> Bool {
        guard let document = try next() else { return false }
        batch.append(document)
        return true
    }

    public mutating func fill(_ batch: inout DocumentBatch, maxDocuments: Int, maxBytes: Int) throws(StorageError) -> Bool {
        while batch.hasRoom(maxDocuments: maxDocuments, maxBytes: maxBytes) {
            guard try next(into: &batch) else { return false }
        }
        return true
    }

    /// Up to `maxDocuments` documents, stopping early once their text adds up to `maxBytes` or more
    /// (error records count 0 bytes). Empty only at the end of the input.
    public mutating func nextBatch(maxDocuments: Int, maxBytes: Int = .max) throws(StorageError) -> DocumentBatch {
        var batch = DocumentBatch()
        try nextBatch(into: &batch, maxDocuments: maxDocuments, maxBytes: maxBytes)
        return batch
    }

    /// Empties `batch` (``DocumentBatch/removeAll()``, its room kept) and fills it as
    /// ``nextBatch(maxDocuments:maxBytes:)`` would.
    public mutating func nextBatch(into batch: inout DocumentBatch, maxDocuments: Int, maxBytes: Int = .max) throws(StorageError) {
        precondition(maxDocuments > 0, "a batch holds at least one document")
        batch.removeAll()
        // Room for a full batch of short documents, and for the one that crosses `maxBytes`.
        let room = min(maxBytes, maxDocuments < 4096 ? maxDocuments * 256 : 1 << 20, 1 << 20)
        batch.reserve(documents: min(maxDocuments, 1 << 16), textBytes: max(0, room) &+ DocumentReader.maxDocumentBytes)
        _ = try fill(&batch, maxDocuments: maxDocuments, maxBytes: maxBytes)
    }
}
