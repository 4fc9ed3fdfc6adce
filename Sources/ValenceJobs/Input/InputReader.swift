/// Reads the documents of a job's selected objects, file after file in the order given (the
/// ``InputSelector`` order: by key bytes), each with a ``DocumentReader``. One file is open at a
/// time.
///
/// An object that cannot be opened or read when its turn comes (removed, permissions, I/O error)
/// fails the job with `NO_READ_ACCESS_TO_INPUT`, thrown from ``next()``: the job's data access is
/// all or nothing, as in Comprehend, rather than silently producing output without that file.
/// A file whose content stops early (`UNSUPPORTED_ENCODING`) does not stop the files after it.
///
/// A shard reads parts of objects instead (``init(pieces:format:chunkSize:)``): the pieces of its
/// ``ShardPlan``, each a byte range of a file starting at a line boundary.
public struct InputReader: Sendable, InputDocumentSource {
    public let pieces: [ShardPlan.Piece]
    public var objects: [InputObject] { pieces.map(\.object) }
    public let format: InputFormat
    public let chunkSize: Int
    /// The selected objects' sizes added up.
    public let totalBytes: Int64
    /// The largest ``DocumentReader/peakBufferedBytes`` of the files read so far.
    public private(set) var peakBufferedBytes = 0

    private var nextObjectIndex = 0
    private var current: DocumentReader?
    private var completedBytes: Int64 = 0

    public init(objects: [InputObject], format: InputFormat, chunkSize: Int = DocumentReader.defaultChunkSize) {
        self.init(pieces: objects.map { ShardPlan.Piece(object: $0) }, format: format, chunkSize: chunkSize)
    }

    public init(pieces: [ShardPlan.Piece], format: InputFormat, chunkSize: Int = DocumentReader.defaultChunkSize) {
        self.pieces = pieces
        self.format = format
        self.chunkSize = chunkSize
        self.totalBytes = pieces.reduce(0) { $0 + Self.size(of: $1) }
    }

    /// The object being read, if any.
    public var currentObject: InputObject? {
        current == nil ? nil : pieces[nextObjectIndex - 1].object
    }

    /// The bytes of a piece as selected.
    private static func size(of piece: ShardPlan.Piece) -> Int64 {
        max(0, (piece.end ?? piece.object.size) - piece.start)
    }

    /// Bytes read so far, out of ``totalBytes``: the selected sizes of the finished files plus the
    /// position in the current one (a file that ends early counts whole once it is finished).
    public var bytesProcessed: Int64 {
        guard let current else { return completedBytes }
        let piece = pieces[nextObjectIndex - 1]
        return completedBytes + min(max(0, current.bytesConsumed - piece.start), Self.size(of: piece))
    }

    /// The next document of the input, nil after the last file.
    public mutating func next() throws(StorageError) -> InputDocument? {
        while true {
            if current != nil {
                let document = try current!.next()
                peakBufferedBytes = max(peakBufferedBytes, current!.peakBufferedBytes)
                if let document { return document }
                completedBytes += Self.size(of: pieces[nextObjectIndex - 1])
                current = nil
            }
            guard nextObjectIndex < pieces.count else { return nil }
            let piece = pieces[nextObjectIndex]
            nextObjectIndex += 1
            current = try DocumentReader(piece: piece, format: format, chunkSize: chunkSize)
        }
    }
}
