/// Something that hands out input documents one at a time, in input order.
public protocol InputDocumentSource {
    /// The next document, or nil when there are no more. Throws only job-level failures.
    mutating func next() throws(StorageError) -> InputDocument?

    /// Appends the next document to `batch`, exactly as ``next()`` would return it; false (and
    /// nothing appended) when there are no more. The pipeline's path: no `String` per document.
    mutating func next(into batch: inout DocumentBatch) throws(StorageError) -> Bool
}

extension InputDocumentSource {
    public mutating func next(into batch: inout DocumentBatch) throws(StorageError) -> Bool {
        guard let document = try next() else { return false }
        batch.append(document)
        return true
    }

    /// Up to `maxDocuments` documents, stopping early once their text adds up to `maxBytes` or more
    /// (error records count 0 bytes). Empty only at the end of the input.
    public mutating func nextBatch(maxDocuments: Int, maxBytes: Int = .max) throws(StorageError) -> DocumentBatch {
        precondition(maxDocuments > 0, "a batch holds at least one document")
        var batch = DocumentBatch()
        while batch.count < maxDocuments, batch.texts.count < maxBytes {
            guard try next(into: &batch) else { break }
        }
        return batch
    }
}
