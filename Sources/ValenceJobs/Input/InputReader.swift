/// Reads the documents of a job's selected objects, file after file in the order given (the
/// ``InputSelector`` order: by key bytes), each with a ``DocumentReader``. One file is open at a
/// time.
///
/// An object that cannot be opened or read when its turn comes (removed, permissions, I/O error)
/// fails the job with `NO_READ_ACCESS_TO_INPUT`, thrown from ``next()``: the job's data access is
/// all or nothing, as in Comprehend, rather than silently producing output without that file.
/// A file whose content stops early (`UNSUPPORTED_ENCODING`) does not stop the files after it.
public struct InputReader: Sendable, InputDocumentSource {
    public let objects: [InputObject]
    public let format: InputFormat
    public let chunkSize: Int
    /// The selected objects' sizes added up.
    public let totalBytes: Int64
    /// The largest ``DocumentReader/peakBufferedBytes`` of the files read so far.
    public private(set) var peakBufferedBytes = 0

    private var nextObjectIndex = 0
    private var current: DocumentReader?
    private var completedBytes: Int64 = 0
    /// Where to start reading the object at `resume.object` when its turn comes.
    private var resume: InputPosition?

    /// A reader of `objects` from their start, or from `position` (a ``position`` an earlier
    /// reader of the same objects had between two documents): it then returns exactly the
    /// documents that reader would have returned after that point.
    public init(
        objects: [InputObject], format: InputFormat, chunkSize: Int = DocumentReader.defaultChunkSize,
        resumingAt position: InputPosition = .start
    ) {
        self.objects = objects
        self.format = format
        self.chunkSize = chunkSize
        self.totalBytes = objects.reduce(0) { $0 + $1.size }
        let start = min(max(position.object, 0), objects.count)
        nextObjectIndex = start
        completedBytes = objects[..<start].reduce(0) { $0 + $1.size }
        resume = start < objects.count ? position : nil
    }

    /// Where the reader stands after the last document it returned (``InputPosition``).
    public var position: InputPosition {
        guard let current, let inFile = current.position else { return InputPosition(object: nextObjectIndex) }
        return InputPosition(object: nextObjectIndex - 1, offset: inFile.offset, line: inFile.line,
                             afterCarriageReturn: inFile.afterCarriageReturn)
    }

    /// The object being read, if any.
    public var currentObject: InputObject? {
        current == nil ? nil : objects[nextObjectIndex - 1]
    }

    /// Bytes read so far, out of ``totalBytes``: the selected sizes of the finished files plus the
    /// position in the current one (a file that ends early counts whole once it is finished).
    public var bytesProcessed: Int64 {
        guard let current else { return completedBytes }
        return completedBytes + min(current.bytesConsumed, objects[nextObjectIndex - 1].size)
    }

    /// The next document of the input, nil after the last file.
    public mutating func next() throws(StorageError) -> InputDocument? {
        while true {
            if current != nil {
                let document = try current!.next()
                peakBufferedBytes = max(peakBufferedBytes, current!.peakBufferedBytes)
                if let document { return document }
                completedBytes += objects[nextObjectIndex - 1].size
                current = nil
            }
            guard nextObjectIndex < objects.count else { return nil }
            let object = objects[nextObjectIndex]
            let start = resume.flatMap { $0.object == nextObjectIndex
                ? DocumentReader.Position(offset: $0.offset, line: $0.line, afterCarriageReturn: $0.afterCarriageReturn) : nil }
            resume = nil
            nextObjectIndex += 1
            current = try DocumentReader(object: object, format: format, chunkSize: chunkSize, resumingAt: start)
        }
    }
}
