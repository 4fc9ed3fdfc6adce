import Dispatch
import Foundation
import ValenceCore

/// The streaming pipeline of a job, with no job store: a reader thread cuts the input into batches
/// and puts them on a bounded queue; `threads` scoring workers each take a batch, score, encode and
/// compress it into an independent chunk; the calling thread writes the chunks to the archive in
/// input order (a reorder buffer holds those that finish early) and, on its own timer, reports
/// progress and asks whether to stop. Reading, scoring and writing overlap.
///
/// Memory is bounded by ``inFlightLimit`` batches between the reader and the writer (each at most
/// `batchDocuments` documents and `batchBytes` bytes of text, and its compressed chunk), never by
/// the input size. The archive's bytes do not depend on the thread count: the reader cuts batches
/// the same way whatever runs them, each batch is its own chunk, and chunks are written in order.
///
/// Nor do they depend on restarts. A batch is cut from the input by document count and text size
/// alone (``InputDocumentSource/nextBatch(maxDocuments:maxBytes:)``), never by time, so a reader
/// started at a batch boundary (``InputPosition``) cuts the same batches as one that read the
/// input from its start. With `checkpoints`, each heartbeat first makes the archive durable
/// (`fsync`) and then hands `heartbeat` a ``Point``: the archive at the last written chunk, the
/// input position right after that chunk's last document, and the documents written; the job's
/// worker records it in the manifest with its lease (see ``JobRunner`` for the commit order).
struct JobPipeline {
    var analyzer: SentimentAnalyzer
    var threads: Int
    var batchDocuments: Int
    var batchBytes: Int
    /// Seconds between two calls of `heartbeat`; 0 calls it after every chunk and only then (for
    /// tests: the heartbeats fall at the same places on every run).
    var heartbeatInterval: Double
    /// Whether heartbeats `fsync` the archive and carry a ``Point``.
    var checkpoints = false

    /// A chunk boundary of the archive, with the input position and documents it holds.
    struct Point {
        var archive: ArchiveCheckpoint
        var input: InputPosition
        var documents: Int
    }

    /// Batches read but not yet written, at most: the queue, the batches being scored and the
    /// reorder buffer together.
    var inFlightLimit: Int { 3 * threads }

    /// Loads the language's analyzer and runs the pipeline over `objects` into `archive`.
    /// With `pieces` (a shard's, ``ShardPlan``), only those parts of `objects` are read.
    static func run(
        _ objects: [InputObject], pieces: [ShardPlan.Piece]? = nil, format: InputFormat, language: LanguageCode,
        analyzers: AnalyzerCatalog, threads: Int, batchDocuments: Int, batchBytes: Int, heartbeatInterval: Double, into archive: ArchiveWriter,
        resumingAt start: Point? = nil, heartbeat: (JobRunner.Progress, Point?) throws -> Bool,
        progress: ((JobRunner.Progress) -> Void)?
    ) -> JobRunner.Outcome {
        let analyzer: SentimentAnalyzer
        do {
            analyzer = try analyzers.analyzer(for: language)
        } catch {
            archive.discard()
            return .failed("UNSUPPORTED_LANGUAGE: \(error.message)")
        }
        let pipeline = JobPipeline(analyzer: analyzer, threads: max(1, threads), batchDocuments: batchDocuments,
                                   batchBytes: batchBytes, heartbeatInterval: heartbeatInterval, checkpoints: start != nil)
        let input = InputReader(pieces: pieces ?? objects.map { ShardPlan.Piece(object: $0) }, format: format,
                                resumingAt: start?.input ?? .start)
        return pipeline.run(input, into: archive, documents: start?.documents ?? 0, heartbeat: heartbeat, progress: progress)
    }

    /// Reads `input` to its end (or until `heartbeat` returns true) into `archive`, and finishes it
    /// (``ArchiveWriter/finish()``: the caller publishes it). On failure the archive is discarded;
    /// when `heartbeat` finds the job taken over (``JobStore/isLeaseLost(_:)``), it is abandoned.
    /// `documents`: those already in the archive (a resumed job).
    func run(
        _ input: InputReader, into archive: ArchiveWriter, documents: Int = 0,
        heartbeat: (JobRunner.Progress, Point?) throws -> Bool, progress: ((JobRunner.Progress) -> Void)?
    ) -> JobRunner.Outcome {
        let workers: [Worker]
        do {
            workers = try (0..<threads).map { _ in try Worker(analyzer: analyzer, compression: archive.compression) }
        } catch {
            archive.discard()
            return .failed("INTERNAL_SERVER_ERROR: \(error)")
        }
        let state = PipelineState(totalBytes: input.totalBytes, position: input.position, bytesProcessed: input.bytesProcessed)
        let group = DispatchGroup()
        let batchDocuments = batchDocuments, batchBytes = batchBytes, limit = inFlightLimit
        start(group) { state.read(input, batchDocuments: batchDocuments, batchBytes: batchBytes, inFlightLimit: limit) }
        for worker in workers {
            let owned = WorkerBox(worker)
            start(group) { state.score(with: owned.worker) }
        }
        let outcome = write(state, into: archive, documents: documents, heartbeat: heartbeat, progress: progress)
        state.cancel()
        group.wait()
        return outcome
    }

    /// The writer's loop, on the calling thread.
    private func write(
        _ state: PipelineState, into archive: ArchiveWriter, documents: Int,
        heartbeat: (JobRunner.Progress, Point?) throws -> Bool, progress: ((JobRunner.Progress) -> Void)?
    ) -> JobRunner.Outcome {
        var documents = documents
        var bytesProcessed = state.startBytes
        var position = state.startPosition
        let interval = UInt64(heartbeatInterval * 1e9)
        var nextBeat = PipelineLock.uptimeNanoseconds() + interval
        // A heartbeat: progress, and with checkpoints the archive made durable up to its last
        // chunk before the point naming it is handed on. True: stop.
        func beat() throws -> Bool {
            let current = JobRunner.Progress(documents: documents, bytesProcessed: bytesProcessed, totalBytes: state.totalBytes)
            progress?(current)
            var point: Point?
            if checkpoints {
                try archive.sync()
                CrashInjection.reach(.archiveSynced)
                point = Point(archive: try archive.checkpoint(), input: position, documents: documents)
            }
            let stops = try heartbeat(current, point)
            if point != nil { CrashInjection.reach(.checkpointRecorded) }
            return stops
        }
        do {
            var stops = false
            while !stops {
                // (With no interval the writer beats after each chunk, and waits for chunks only.)
                let (ready, isFinished) = try state.takeReady(
                    until: interval == 0 ? PipelineLock.uptimeNanoseconds() + 1_000_000_000 : nextBeat)
                for batch in ready where !stops {
                    try archive.write(batch.chunk)
                    documents += batch.documents
                    bytesProcessed = batch.bytesProcessed
                    position = batch.position
                    if interval == 0 { stops = try beat() }
                }
                state.release(ready.count)
                if isFinished || stops { break }
                let now = PipelineLock.uptimeNanoseconds()
                if interval > 0, now >= nextBeat {
                    nextBeat = now + interval
                    stops = try beat()
                }
            }
            if stops {
                state.cancel()
                try archive.finish()
                return .stopped(documents)
            }
            progress?(JobRunner.Progress(documents: documents, bytesProcessed: state.totalBytesRead, totalBytes: state.totalBytes))
            try archive.finish()
            return .completed(documents)
        } catch let error as ServiceError {
            // The job store failed (or another worker took over): the archive stays for whoever
            // resumes the job from its last checkpoint.
            archive.abandon()
            return JobStore.isLeaseLost(error) ? .leaseLost(error.message) : .storeFailed(error)
        } catch let error as StorageError {
            archive.discard()
            return .failed(error.jobMessage, cause: error.reason)
        } catch let error as ArchiveError {
            archive.discard()
            return .failed(StorageError.Code.noWriteAccessToOutput.jobMessage + " (\(error.message))", cause: error.path.map { "\($0): \(error.message)" })
        } catch {
            archive.discard()
            return .failed("INTERNAL_SERVER_ERROR: \(error)")
        }
    }

    private func start(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        // ICU's dictionary break and the scorer recurse little; 1 MiB is ample.
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// One batch, scored and compressed, waiting for its turn to be written.
struct ScoredBatch {
    var chunk: CompressedChunk
    var documents: Int
    /// The reader's byte position after this batch.
    var bytesProcessed: Int64
    /// Where the input reader stood right after this batch's last document.
    var position: InputPosition
}

/// What the pipeline's threads share, behind one lock. Batches are numbered in read order; the
/// writer takes them in that order.
///
/// Each kind of thread waits on its own condition and is woken only when what it waits for may
/// have come: a worker when a batch is queued, the writer when the batch it writes next is done,
/// the reader when the writer has made room for ``readerResumeRoom`` batches (not for each one).
/// Every needless wake-up of a sleeping thread preempts a scoring worker on a busy machine.
final class PipelineState: @unchecked Sendable {
    let totalBytes: Int64
    /// The reader's position and bytes read before the first batch (a resumed job's).
    let startPosition: InputPosition
    let startBytes: Int64
    private let lock = PipelineLock()
    private var queue: [(sequence: Int, documents: DocumentBatch, bytesProcessed: Int64, position: InputPosition)] = []
    /// Batches scored, handed back for the reader to fill again (their room kept: no allocation
    /// and no page faults per batch).
    private var spares: [DocumentBatch] = []
    private var queueHead = 0
    private var finished: [Int: Result<ScoredBatch, any Error>] = [:]
    private var nextToWrite = 0
    /// Set when the reader reaches the end: the number of batches in all.
    private var batchCount: Int?
    private var inFlight = 0
    /// Set while the reader sleeps: the count of batches in flight at which it goes on.
    private var readerResumesAt: Int?
    private var isCancelled = false
    private var failure: (any Error)?
    private(set) var totalBytesRead: Int64 = 0

    init(totalBytes: Int64, position: InputPosition = .start, bytesProcessed: Int64 = 0) {
        self.totalBytes = totalBytes
        self.startPosition = position
        self.startBytes = bytesProcessed
    }

    /// The reader thread: batches into the queue, never more than `inFlightLimit` unwritten. Once
    /// it finds them all in flight, it sleeps until the writer has made room for more than one.
    func read(_ input: InputReader, batchDocuments: Int, batchBytes: Int, inFlightLimit: Int) {
        var input = input
        var sequence = 0
        let resumeAt = max(0, inFlightLimit - Self.readerResumeRoom(inFlightLimit))
        do {
            while true {
                lock.lock()
                if inFlight >= inFlightLimit {
                    readerResumesAt = resumeAt
                    while inFlight > resumeAt && !isCancelled { lock.wait(.reader) }
                    readerResumesAt = nil
                }
                if isCancelled {
                    lock.unlock()
                    return
                }
                inFlight += 1
                var documents = spares.popLast() ?? DocumentBatch()
                lock.unlock()

                try input.nextBatch(into: &documents, maxDocuments: batchDocuments, maxBytes: batchBytes)
                lock.lock()
                if documents.isEmpty {
                    inFlight -= 1
                    batchCount = sequence
                    totalBytesRead = input.bytesProcessed
                    // The workers stop; the writer may be waiting for the end.
                    lock.broadcast(.workers)
                    lock.signal(.writer)
                } else {
                    queue.append((sequence, documents, input.bytesProcessed, input.position))
                    sequence += 1
                    lock.signal(.workers)
                }
                lock.unlock()
                if documents.isEmpty { return }
            }
        } catch {
            fail(error)
        }
    }

    /// How many batches the writer must have written before a reader that found every batch in
    /// flight goes on: a third of the limit (the threads' count), at least one.
    static func readerResumeRoom(_ inFlightLimit: Int) -> Int { max(1, inFlightLimit / 3) }

    /// A scoring thread: batches from the queue until it is empty and the reader is done.
    func score(with worker: Worker) {
        while true {
            lock.lock()
            while queueHead == queue.count && batchCount == nil && !isCancelled { lock.wait(.workers) }
            if isCancelled || queueHead == queue.count {
                lock.unlock()
                return
            }
            let (sequence, documents, bytesProcessed, position) = queue[queueHead]
            queue[queueHead].documents = DocumentBatch()
            queueHead += 1
            if queueHead == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueHead = 0
            }
            lock.unlock()

            let result = Result { () throws -> ScoredBatch in
                ScoredBatch(chunk: try worker.process(documents), documents: documents.count,
                            bytesProcessed: bytesProcessed, position: position)
            }
            lock.lock()
            finished[sequence] = result
            spares.append(consume documents)
            // The writer waits for one batch only: the next in order.
            if sequence == nextToWrite { lock.signal(.writer) }
            lock.unlock()
        }
    }

    /// The writer: the batches ready to be written in order (waiting for the next one at most
    /// until `deadline`, in ``PipelineLock/uptimeNanoseconds()``), and whether every batch has been
    /// handed out. Throws the first failure of any thread.
    func takeReady(until deadline: UInt64) throws -> (ready: [ScoredBatch], isFinished: Bool) {
        lock.lock()
        defer { lock.unlock() }
        while failure == nil && finished[nextToWrite] == nil && batchCount != nextToWrite {
            if PipelineLock.uptimeNanoseconds() >= deadline { break }
            lock.wait(.writer, until: deadline)
        }
        if let failure { throw failure }
        var ready: [ScoredBatch] = []
        while let result = finished.removeValue(forKey: nextToWrite) {
            ready.append(try result.get())
            nextToWrite += 1
        }
        return (ready, batchCount == nextToWrite)
    }

    /// The writer wrote `count` batches: the reader may read as many more.
    func release(_ count: Int) {
        guard count > 0 else { return }
        lock.lock()
        inFlight -= count
        if let resumeAt = readerResumesAt, inFlight <= resumeAt { lock.signal(.reader) }
        lock.unlock()
    }

    /// Stops the reader and the workers at their next batch.
    func cancel() {
        lock.lock()
        isCancelled = true
        lock.broadcastAll()
        lock.unlock()
    }

    private func fail(_ error: any Error) {
        lock.lock()
        if failure == nil { failure = error }
        isCancelled = true
        lock.broadcastAll()
        lock.unlock()
    }
}

/// Hands a worker to the one thread that uses it.
private struct WorkerBox: @unchecked Sendable {
    let worker: Worker
    init(_ worker: Worker) { self.worker = worker }
}
