import Dispatch
import Foundation
import ValenceCore

/// Runs one sentiment job from its manifest to a final state: reads the input in order, scores
/// documents on `threads` threads, writes records in input order into the archive, and commits
/// it atomically. Per-document problems become error records; job-level problems end the job
/// FAILED with a `CODE: text` message; a stop request ends it STOPPED with the records so far.
///
/// Memory is bounded by the batches in flight (``JobPipeline``), never by the input size. The
/// archive's bytes do not depend on the thread count: batches are cut the same way whatever the
/// threads, and each is encoded and compressed on its own.
public struct JobRunner: Sendable {
    public var store: JobStore
    public var objects: ObjectStore
    public var analyzers: AnalyzerCatalog
    public var threads: Int
    public var batchDocuments = 512
    public var batchBytes = 512 << 10
    /// How often (seconds) the worker records progress (documents and input bytes) and looks for a
    /// stop request.
    public var heartbeatInterval = 0.5

    /// What a progress display needs.
    public struct Progress: Sendable {
        public var documents: Int
        public var bytesProcessed: Int64
        public var totalBytes: Int64
    }

    /// A job's archive format comes from its manifest (``JobManifest/outputCompression``).
    public init(store: JobStore, objects: ObjectStore, analyzers: AnalyzerCatalog, threads: Int = 2) {
        self.store = store
        self.objects = objects
        self.analyzers = analyzers
        self.threads = max(1, threads)
    }

    /// Runs the job and returns its final manifest. Throws only when the store itself fails
    /// (then the manifest may still say IN_PROGRESS, and the next `valence` command notices).
    @discardableResult
    public func run(jobId: String, progress: ((Progress) -> Void)? = nil) throws(ServiceError) -> JobManifest {
        let manifest = try store.markInProgress(jobId: jobId, pid: getpid())
        let outcome = execute(manifest, progress: progress)
        switch outcome {
        case .completed(let documents): return try store.markCompleted(jobId: jobId, documentsProcessed: documents)
        case .stopped(let documents): return try store.markStopped(jobId: jobId, documentsProcessed: documents)
        case .failed(let message, let cause):
            // The manifest keeps AWS's public sentence; the cause (path, errno, what failed) goes to
            // the worker's stderr, which is the job's log (<home>/logs/<JobId>.log).
            FileHandle.standardError.write(Data("valence worker: job \(jobId) FAILED: \(message)\(cause.map { "\n  cause: \($0)" } ?? "")\n".utf8))
            return try store.markFailed(jobId: jobId, message: message)
        }
    }

    enum Outcome {
        case completed(Int), stopped(Int)
        /// AWS's public message, and what actually went wrong on this machine when it is known.
        case failed(String, cause: String? = nil)
    }

    private func execute(_ manifest: JobManifest, progress: ((Progress) -> Void)?) -> Outcome {
        let writeFailure = StorageError.Code.noWriteAccessToOutput
        let readFailure = StorageError.Code.noReadAccessToInput

        // Input selection: a missing or unreadable location fails the job (§13 #31).
        guard let inputURI = S3URI(manifest.inputURI) else { return .failed(readFailure.jobMessage) }
        let objectsToRead: [InputObject]
        do { objectsToRead = try InputSelector(store: objects).select(inputURI) } catch { return .failed(error.jobMessage, cause: error.reason) }

        // Output location and archive (§7.1): unwritable -> FAILED.
        let archive: ArchiveWriter
        do {
            let location = try objects.outputLocation(objectURI: manifest.outputURI)
            try location.createDirectory()
            archive = try ArchiveWriter(path: location.path, compression: ArchiveCompression(codec: manifest.outputCompression),
                                        modificationTime: manifest.properties.submitTime.milliseconds / 1000)
        } catch let error as StorageError {
            return .failed(error.jobMessage, cause: error.reason)
        } catch {
            return .failed(writeFailure.jobMessage, cause: "\(error)")
        }

        if manifest.status == .stopRequested {
            // Stopped while queued: an archive with no records.
            do { try archive.commit() } catch { return .failed(writeFailure.jobMessage, cause: error.message) }
            return .stopped(0)
        }

        let beat: (Progress) throws -> Bool = { progress in
            try store.recordHeartbeat(
                jobId: manifest.jobId, documentsProcessed: progress.documents,
                inputBytes: JobManifest.ByteProgress(processed: progress.bytesProcessed, total: progress.totalBytes)
            ).isStopRequested
        }
        return process(objectsToRead, format: manifest.inputFormat, language: manifest.properties.languageCode,
                       archive: archive, heartbeat: beat, progress: progress)
    }

    /// The pipeline (``JobPipeline``): read -> score -> encode -> compress -> append, the stages
    /// overlapping. `heartbeat(progress)` is called every `heartbeatInterval` and returns true to stop.
    private func process(
        _ objectsToRead: [InputObject], format: InputFormat, language: LanguageCode, archive: ArchiveWriter,
        heartbeat: (Progress) throws -> Bool, progress: ((Progress) -> Void)?
    ) -> Outcome {
        JobPipeline.run(objectsToRead, format: format, language: language, analyzers: analyzers, threads: threads,
                        batchDocuments: batchDocuments, batchBytes: batchBytes, heartbeatInterval: heartbeatInterval,
                        into: archive, heartbeat: heartbeat, progress: progress)
    }
}

/// One thread's scorer, record encoder and compressor.
final class Worker {
    let session: SentimentAnalyzer.Session
    var encoder = RecordEncoder()
    let compressor: ChunkCompressor
    var buffer: [UInt8] = []

    init(analyzer: SentimentAnalyzer, compression: ArchiveCompression) throws {
        session = try analyzer.makeSession()
        compressor = try ChunkCompressor(compression)
    }

    func process(_ batch: [InputDocument]) throws -> CompressedChunk {
        buffer.removeAll(keepingCapacity: true)
        for document in batch {
            switch document {
            case .text(let file, let line, let text):
                let analysis = session.analyze(text)
                encoder.appendSuccess(file: file, line: line, sentiment: analysis.sentiment, score: analysis.score, to: &buffer)
            case .error(let file, let line, let code, let message):
                encoder.appendError(file: file, line: line, code: code.name, message: message, to: &buffer)
            }
        }
        return try compressor.compress(buffer)
    }
}
