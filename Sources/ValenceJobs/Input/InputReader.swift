/// Reads the documents of a job's selected objects, file after file in the order given (the
/// ``InputSelector`` order: by key bytes), each with a ``DocumentReader``. One file is open at a
/// time.
///
/// An object that cannot be opened or read when its turn comes (removed, permissions, I/O error)
/// fails the job with `NO_READ_ACCESS_TO_INPUT`, thrown from ``next()``: the job's data access is
/// all or nothing, as in Comprehend, rather than silently producing output without that file.
/// A file whose content stops early (`UNSUPPORTED_ENCODING`) does not stop the files after it.
///
/// A shard reads parts of objects instead (``init(pieces:format:chunkSize:resumingAt:)``): the
/// pieces of its ``ShardPlan``, each a byte range of a file that starts at a line boundary. A
/// whole job is the special case of one piece per object.
public struct InputReader: Sendable, InputDocumentSource {
    public let pieces: [ShardPlan.Piece]
    public let format: InputFormat
    public let chunkSize: Int
    /// The selected bytes added up (objects' sizes, or pieces' lengths).
    public let totalBytes: Int64
    /// The largest ``DocumentReader/peakBufferedBytes`` of the files read so far.
    public var peakBufferedBytes: Int { max(finishedPeakBufferedBytes, current?.peakBufferedBytes ?? 0) }
    /// That of the files finished (read once a file ends: per document, a copy of the open
    /// reader's state would cost retains and releases).
    private var finishedPeakBufferedBytes = 0

    private var nextObjectIndex = 0
    private var current: DocumentReader?
    private var completedBytes: Int64 = 0
    /// Where to start reading the piece at `resume.object` when its turn comes.
    private var resume: InputPosition?

    /// A reader of `objects` from their start, or from `position` (a ``position`` an earlier
    /// reader of the same objects had between two documents): it then returns exactly the
    /// documents that reader would have returned after that point.
    public init(
        objects: [InputObject], format: InputFormat, chunkSize: Int = DocumentReader.defaultChunkSize,
        resumingAt position: InputPosition = .start
    ) {
        self.init(pieces: objects.map { ShardPlan.Piece(object: $0) }, format: format, chunkSize: chunkSize, resumingAt: position)
    }

    /// A reader of a shard's pieces; ``InputPosition/object`` then counts pieces.
    public init(
        pieces: [ShardPlan.Piece], format: InputFormat, chunkSize: Int = DocumentReader.defaultChunkSize,
        resumingAt position: InputPosition = .start
    ) {
        self.pieces = pieces
        self.format = format
        self.chunkSize = chunkSize
        self.totalBytes = pieces.reduce(0) { $0 + Self.size(of: $1) }
        let start = min(max(position.object, 0), pieces.count)
        nextObjectIndex = start
        completedBytes = pieces[..<start].reduce(0) { $0 + Self.size(of: $1) }
        resume = start < pieces.count ? position : nil
    }

    /// The objects read, in order (a split object once per piece).
    public var objects: [InputObject] { pieces.map(\.object) }

    /// Where the reader stands after the last document it returned (``InputPosition``).
    public var position: InputPosition {
        guard let current, let inFile = current.position else { return InputPosition(object: nextObjectIndex) }
        return InputPosition(object: nextObjectIndex - 1, offset: inFile.offset, line: inFile.line,
                             afterCarriageReturn: inFile.afterCarriageReturn)
    }

    /// The object being read, if any.
    public var currentObject: InputObject? {
        current == nil ? nil : pieces[nextObjectIndex - 1].object
    }

    /// Bytes read so far, out of ``totalBytes``: the selected sizes of the finished pieces plus the
    /// position in the current one (a file that ends early counts whole once it is finished).
    public var bytesProcessed: Int64 {
        guard let current else { return completedBytes }
        let piece = pieces[nextObjectIndex - 1]
        return completedBytes + min(max(0, current.bytesConsumed - piece.start), Self.size(of: piece))
    }

    /// The next document of the input, nil after the last file.
    public mutating func next() throws(StorageError) -> InputDocument? {
        while try openNextFileIfNeeded() {
            if let document = try current!.next() { return document }
            finishFile()
        }
        return nil
    }

    /// Appends the next document of the input to `batch`; false after the last file.
    public mutating func next(into batch: inout DocumentBatch) throws(StorageError) -> Bool {
        while try openNextFileIfNeeded() {
            if try current!.next(into: &batch) { return true }
            finishFile()
        }
        return false
    }

    /// Fills `batch` from the files in turn, each file's records in one loop.
    public mutating func fill(_ batch: inout DocumentBatch, maxDocuments: Int, maxBytes: Int) throws(StorageError) -> Bool {
        while batch.hasRoom(maxDocuments: maxDocuments, maxBytes: maxBytes) {
            guard try openNextFileIfNeeded() else { return false }
            if try !current!.fill(&batch, maxDocuments: maxDocuments, maxBytes: maxBytes) { finishFile() }
        }
        return true
    }

    private mutating func finishFile() {
        finishedPeakBufferedBytes = peakBufferedBytes
        completedBytes += Self.size(of: pieces[nextObjectIndex - 1])
        current = nil
    }

    /// Opens the next piece unless one is open; false when every piece has been read.
    private mutating func openNextFileIfNeeded() throws(StorageError) -> Bool {
        if current != nil { return true }
        guard nextObjectIndex < pieces.count else { return false }
        let piece = pieces[nextObjectIndex]
        var start = piece.start > 0 ? DocumentReader.Position(offset: piece.start, line: piece.firstLine, afterCarriageReturn: false) : nil
        // A resume position inside the piece (a checkpoint) wins over the piece's start.
        if let resume, resume.object == nextObjectIndex, resume.offset > piece.start || resume.line > piece.firstLine || resume.afterCarriageReturn {
            start = DocumentReader.Position(offset: resume.offset, line: resume.line, afterCarriageReturn: resume.afterCarriageReturn)
        }
        resume = nil
        nextObjectIndex += 1
        current = try DocumentReader(object: piece.object, format: format, chunkSize: chunkSize, resumingAt: start, endingAt: piece.end)
        return true
    }

    /// The bytes of a piece as selected.
    private static func size(of piece: ShardPlan.Piece) -> Int64 {
        max(0, (piece.end ?? piece.object.size) - piece.start)
    }
}
