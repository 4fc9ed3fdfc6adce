/// Something that hands out input documents one at a time, in input order.
public protocol InputDocumentSource {
    /// The next document, or nil when there are no more. Throws only job-level failures.
    mutating func next() throws(StorageError) -> InputDocument?
}

extension InputDocumentSource {
    /// Up to `maxDocuments` documents, stopping early once their text adds up to `maxBytes` or more
    /// (error records count 0 bytes). Empty only at the end of the input.
    public mutating func nextBatch(maxDocuments: Int, maxBytes: Int = .max) throws(StorageError) -> [InputDocument] {
        precondition(maxDocuments > 0, "a batch holds at least one document")
        var batch: [InputDocument] = []
        var bytes = 0
        while batch.count < maxDocuments, bytes < maxBytes {
            guard let document = try next() else { break }
            bytes += document.textByteCount
            batch.append(document)
        }
        return batch
    }
}
