import ValenceCore

/// A sentiment job on local files, with no job store, manifest or worker process: what
/// `valence run` does. The same selector (``InputSelector/select(localPath:)``), pipeline and
/// archive as a job, so the same files give the same records.
public struct LocalJob: Sendable {
    public var analyzers: AnalyzerCatalog
    public var threads: Int
    public var compression: ArchiveCompression
    public var batchDocuments = JobRunner.defaultBatchDocuments
    public var batchBytes = 512 << 10

    public init(analyzers: AnalyzerCatalog, threads: Int, compression: ArchiveCompression = .gzip) {
        self.analyzers = analyzers
        self.threads = max(1, threads)
        self.compression = compression
    }

    /// A job-level failure (`CODE: text`).
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Scores `objects` into the archive at `archivePath` and returns the documents written.
    public func run(
        _ objects: [InputObject], format: InputFormat, language: LanguageCode, archivePath: String,
        modificationTime: Int64, progress: ((JobRunner.Progress) -> Void)? = nil
    ) throws(Failure) -> Int {
        let archive: ArchiveWriter
        do {
            archive = try ArchiveWriter(path: archivePath, compression: compression, modificationTime: modificationTime)
        } catch {
            throw Failure(message: "NO_WRITE_ACCESS_TO_OUTPUT: cannot write \(archivePath): \(error.message)")
        }
        let outcome = JobPipeline.run(objects, format: format, language: language, analyzers: analyzers, threads: threads,
                                      batchDocuments: batchDocuments, batchBytes: batchBytes, heartbeatInterval: 0.25,
                                      into: archive, heartbeat: { _, _ in false }, progress: progress)
        switch outcome {
        case .completed(let documents), .stopped(let documents):
            do { try archive.publish() } catch {
                throw Failure(message: "NO_WRITE_ACCESS_TO_OUTPUT: cannot write \(archivePath): \(error.message)")
            }
            return documents
        case .failed(let message, let cause): throw Failure(message: cause.map { "\(message) (\($0))" } ?? message)
        case .leaseLost(let message): throw Failure(message: message)
        case .storeFailed(let error): throw Failure(message: error.message)
        }
    }
}
