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
///
/// ## Leases, checkpoints and the commit order (issue #11)
///
/// The worker holds the job's lease (``JobLease``) from its claim to its last transition, and
/// renews it with a checkpoint (``JobCheckpoint``) every ``ValenceConfiguration/Leases/renewalInterval``.
/// A worker whose lease died is replaced by a new one (``DeadWorkerSweep``), which resumes from
/// the last checkpoint. Each step below is durable before the next begins (a ``CrashPoint``
/// follows each):
///
/// 1. claim: the manifest names this worker as the lease holder (IN_PROGRESS);
/// 2. a temporary archive of this worker's own: empty, or the previous holder's chunks up to its
///    checkpoint copied and `fsync`ed (the previous file is only read: its writer may be alive);
/// 3. the manifest's checkpoint names that file; then older temporary archives are removed;
/// 4. chunks are appended; at each renewal the file is `fsync`ed, then the manifest records the
///    checkpoint (archive length, CRC-32 and size of the records, input position, documents);
/// 5. at the end the trailer and header are written and the file `fsync`ed;
/// 6. under the store lock, while the lease is still this worker's: the rename to
///    `output.tar.gz`, the directory's `fsync`, then the manifest COMPLETED (or STOPPED).
///
/// The invariant, after a crash at any point: the manifest's checkpoint names a file holding at
/// least its `bytes` of whole chunks, holding exactly the records of the documents before its
/// input position; a job is COMPLETED (or STOPPED) only if its archive is in place, and an archive
/// in place belongs to a job that is COMPLETED or STOPPED, or whose worker died between the rename
/// and the manifest (the sweep then completes it); no other process writes either while a live
/// worker holds the lease, and a worker that lost its lease writes neither.
public struct JobRunner: Sendable {
    public var store: JobStore
    public var objects: ObjectStore
    public var analyzers: AnalyzerCatalog
    public var threads: Int
    public var batchDocuments = JobRunner.defaultBatchDocuments
    public var batchBytes = 512 << 10

    /// Documents a batch holds at most (and at most `batchBytes` of text): the unit the reader hands
    /// to a scoring worker and the archive's chunk. 2,048 rather than 512: a fourth of the hand-offs
    /// between the pipeline's threads (a context switch each), 4–7 % faster jobs at two threads and
    /// ~1 % smaller archives, for ~7 MB more memory in flight (docs/decisions/0002).
    public static let defaultBatchDocuments = 2048

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
    /// (then the manifest may still say IN_PROGRESS until the lease expires, and the next
    /// `valence` command resumes the job or reports why it cannot).
    @discardableResult
    public func run(jobId: String, progress: ((Progress) -> Void)? = nil) throws(ServiceError) -> JobManifest {
        let worker = WorkerIdentity.current()
        let manifest = try store.markInProgress(jobId: jobId, worker: worker, launcher: worker.sibling(pid: getppid()))
        CrashInjection.reach(.claimed)
        let log = JobLog(layout: store.layout, jobId: jobId)
        if manifest.attempt > 1 { log.append("valence worker: job \(jobId): attempt \(manifest.attempt) by \(worker.description)") }
        let (outcome, archive) = execute(manifest, worker: worker, progress: progress)
        var publishFailure: ArchiveError?
        func publish() throws(ServiceError) {
            do throws(ArchiveError) { try archive?.publish() } catch {
                publishFailure = error
                throw ServiceError(.internalServer, error.message)
            }
        }
        do throws(ServiceError) {
            let ended: JobManifest
            switch outcome {
            case .completed(let documents):
                ended = try store.markCompleted(jobId: jobId, documentsProcessed: documents, holder: worker, publish: publish)
            case .stopped(let documents):
                ended = try store.markStopped(jobId: jobId, documentsProcessed: documents, holder: worker, publish: publish)
            case .failed(let message, let cause):
                // The manifest keeps AWS's public sentence; the cause (path, errno, what failed) goes
                // to the job's log (<home>/logs/<JobId>.log).
                log.append("valence worker: job \(jobId) FAILED: \(message)\(cause.map { "\n  cause: \($0)" } ?? "")")
                ended = try store.markFailed(jobId: jobId, message: message, holder: worker)
            case .leaseLost(let reason):
                log.append("valence worker: job \(jobId): stopping without writing: \(reason)")
                return try store.manifest(jobId: jobId)
            case .storeFailed(let error):
                // The lease runs out, and the next command resumes the job from its checkpoint (or
                // says why it cannot record that either).
                log.append("valence worker: job \(jobId): cannot record progress, leaving the job to be resumed: \(error.message)")
                throw error
            }
            CrashInjection.reach(.ended)
            return ended
        } catch {
            if JobStore.isLeaseLost(error) {
                archive?.abandon()
                log.append("valence worker: job \(jobId): stopping without writing: \(error.message)")
                return try store.manifest(jobId: jobId)
            }
            guard let publishFailure else { throw error }
            let message = StorageError.Code.noWriteAccessToOutput.jobMessage + " (\(publishFailure.message))"
            log.append("valence worker: job \(jobId) FAILED: \(message)\(publishFailure.path.map { "\n  cause: \($0)" } ?? "")")
            return try store.markFailed(jobId: jobId, message: message, holder: worker)
        }
    }

    enum Outcome {
        /// The archive is finished (not yet published) with this many documents.
        case completed(Int), stopped(Int)
        /// AWS's public message, and what actually went wrong on this machine when it is known.
        case failed(String, cause: String? = nil)
        /// Another worker holds the job now: nothing more may be written.
        case leaseLost(String)
        /// The job store could not record a checkpoint: the archive is left for a resume.
        case storeFailed(ServiceError)
    }

    /// Steps 2 to 5 of the commit order; the archive is returned finished (or nil) for step 6.
    private func execute(
        _ manifest: JobManifest, worker: WorkerIdentity, progress: ((Progress) -> Void)?
    ) -> (Outcome, ArchiveWriter?) {
        let writeFailure = StorageError.Code.noWriteAccessToOutput
        let readFailure = StorageError.Code.noReadAccessToInput
        let log = JobLog(layout: store.layout, jobId: manifest.jobId)

        // Input selection: a missing or unreadable location fails the job (§13 #31).
        guard let inputURI = S3URI(manifest.inputURI) else { return (.failed(readFailure.jobMessage), nil) }
        let objectsToRead: [InputObject]
        do { objectsToRead = try InputSelector(store: objects).select(inputURI) } catch {
            return (.failed(error.jobMessage, cause: error.reason), nil)
        }
        let selection = JobCheckpoint.selectionDigest(objectsToRead)

        // Output location and archive (§7.1): unwritable -> FAILED. A resumed job copies the
        // chunks of its last checkpoint, when it can (else it starts over).
        let archive: ArchiveWriter
        let location: OutputLocation
        var start = JobPipeline.Point(archive: ArchiveCheckpoint(fileName: "", bytes: 0, memberBytes: 0, checksum: 0),
                                      input: .start, documents: 0)
        var startBytes: Int64 = 0
        do {
            location = try objects.outputLocation(objectURI: manifest.outputURI)
            try location.createDirectory()
            let compression = ArchiveCompression(codec: manifest.outputCompression)
            let time = manifest.properties.submitTime.milliseconds / 1000
            var resumed: ArchiveWriter?
            if let checkpoint = manifest.checkpoint {
                if checkpoint.selection != selection {
                    log.append("valence worker: job \(manifest.jobId): the input changed since the checkpoint; starting over")
                } else {
                    do {
                        resumed = try ArchiveWriter(path: location.path, compression: compression, modificationTime: time,
                                                    resumingFrom: checkpoint.archive)
                        start = JobPipeline.Point(archive: checkpoint.archive, input: checkpoint.input, documents: checkpoint.documents)
                        startBytes = checkpoint.inputBytes
                    } catch {
                        log.append("valence worker: job \(manifest.jobId): cannot resume from the checkpoint (\(error.message)); starting over")
                    }
                }
            }
            archive = try resumed ?? ArchiveWriter(path: location.path, compression: compression, modificationTime: time)
            try archive.sync()
        } catch let error as StorageError {
            return (.failed(error.jobMessage, cause: error.reason), nil)
        } catch {
            return (.failed(writeFailure.jobMessage, cause: "\(error)"), nil)
        }
        CrashInjection.reach(.archiveCreated)

        let total = objectsToRead.reduce(0) { $0 + $1.size }
        let beat: (Progress, JobPipeline.Point?) throws -> Bool = { progress, point in
            try store.renewLease(
                jobId: manifest.jobId, holder: worker,
                checkpoint: point.map {
                    JobCheckpoint(archive: $0.archive, input: $0.input, selection: selection, documents: $0.documents,
                                  inputBytes: progress.bytesProcessed)
                },
                // (No byte progress before the first byte: progress lines show none until then.)
                inputBytes: progress.bytesProcessed > 0
                    ? JobManifest.ByteProgress(processed: progress.bytesProcessed, total: progress.totalBytes) : nil
            ).isStopRequested
        }
        // Step 3: the manifest names this worker's file before any other is removed.
        do {
            start.archive = try archive.checkpoint()
            let stops = try beat(Progress(documents: start.documents, bytesProcessed: startBytes, totalBytes: total), start)
            CrashInjection.reach(.archiveRecorded)
            location.removeTemporaryArchiveFiles(except: archive.temporaryFileName)
            if stops || manifest.status == .stopRequested {
                // Stopped while queued, or before this attempt: the records so far.
                try archive.finish()
                return (.stopped(start.documents), archive)
            }
        } catch let error as ServiceError {
            archive.abandon()
            return (JobStore.isLeaseLost(error) ? .leaseLost(error.message) : .storeFailed(error), nil)
        } catch {
            archive.discard()
            return (.failed(writeFailure.jobMessage, cause: "\(error)"), nil)
        }

        let outcome = JobPipeline.run(
            objectsToRead, format: manifest.inputFormat, language: manifest.properties.languageCode, analyzers: analyzers,
            threads: threads, batchDocuments: batchDocuments, batchBytes: batchBytes,
            heartbeatInterval: store.leases.renewalInterval, into: archive, resumingAt: start, heartbeat: beat, progress: progress)
        switch outcome {
        case .completed, .stopped: return (outcome, archive)
        case .failed, .leaseLost, .storeFailed: return (outcome, nil)
        }
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

    func process(_ batch: DocumentBatch) throws -> CompressedChunk {
        buffer.removeAll(keepingCapacity: true)
        batch.forEach { file, line, content in
            switch content {
            case .text(let utf8):
                let analysis = session.analyze(utf8: utf8)
                encoder.appendSuccess(file: file, line: line, sentiment: analysis.sentiment, score: analysis.score, to: &buffer)
            case .error(let code, let message):
                encoder.appendError(file: file, line: line, code: code.name, message: message, to: &buffer)
            }
        }
        return try compressor.compress(buffer)
    }
}
