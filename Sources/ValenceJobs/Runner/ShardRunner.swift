import Foundation
import ValenceCore

/// Runs one shard of a sharded job (decisions/0004): the same pipeline and the same commit order
/// as ``JobRunner``, on the shard's pieces of the input, into the shard's part
/// (`<home>/shards/<JobId>/part-<index>`, ``ArchiveWriter/Layout/part``) instead of the archive.
///
/// 1. claim the shard's lease (``JobStore/claimShard(jobId:index:worker:)``); a shard held by a
///    live worker, a finished part or an ended job: nothing to do;
/// 2. the plan: the stored one, else one made from the input now and stored (the first shard's
///    wins); a selection unlike the plan's fails the job;
/// 3. a temporary part of this worker's own, from the shard's checkpoint when there is one;
/// 4. chunks, each renewal an `fsync` then the shard's checkpoint;
/// 5. under the store lock, while the shard is still this worker's: the part renamed into place,
///    the shard done;
/// 6. when every part is done: the merge (``ShardMerge``), which ends the job.
struct ShardRunner {
    var runner: JobRunner
    var index: Int

    /// What the worker did, for its output line.
    enum Result {
        /// The job's manifest after this shard (and, if it was the last, the merge).
        case ran(JobManifest)
        /// Nothing to do, and why.
        case skipped(String)
    }

    func run(jobId: String) throws(ServiceError) -> Result {
        let store = runner.store
        let worker = WorkerIdentity.current()
        let log = JobLog(layout: store.layout, jobId: jobId)
        let manifest: JobManifest
        switch try claim(jobId: jobId, worker: worker) {
        case .busy(let reason, _):
            return .skipped(reason)
        case .finished(let ended, let reason):
            // A re-run of a finished shard completes a merge that did not happen (it died).
            if ended.status.isActive, ended.shards?.unfinished.isEmpty == true {
                return .ran(try ShardMerge(store: store, objects: runner.objects).merge(jobId: jobId))
            }
            return .skipped(reason)
        case .claimed(let claimed, let attempt):
            manifest = claimed
            CrashInjection.reach(.claimed)
            if attempt > 1 { log.append("valence worker: job \(jobId) shard \(index): attempt \(attempt) by \(worker.description)") }
        }
        let outcome = execute(manifest, worker: worker)
        do throws(ServiceError) {
            switch outcome {
            case .finished(let archive, let documents, let inputBytes, let stopped):
                let part = JobShards.Part(documents: documents, memberBytes: archive.memberSize,
                                          checksum: archive.recordChecksum, stopped: stopped)
                let done = try store.finishShard(jobId: jobId, index: index, holder: worker, part: part, inputBytes: inputBytes) {
                    () throws(ServiceError) in
                    do throws(ArchiveError) { try archive.publish() } catch { throw ServiceError(.internalServer, error.message) }
                }
                CrashInjection.reach(.ended)
                guard done.shards?.unfinished.isEmpty == true else { return .ran(done) }
                return .ran(try ShardMerge(store: store, objects: runner.objects).merge(jobId: jobId))
            case .failed(let message, let cause):
                log.append("valence worker: job \(jobId) shard \(index) FAILED: \(message)\(cause.map { "\n  cause: \($0)" } ?? "")")
                let failed = try store.failShard(jobId: jobId, index: index, holder: worker, message: message, cause: cause)
                try? FileManager.default.removeItem(atPath: store.layout.shardsDirectory(jobId: jobId))
                return .ran(failed)
            case .leaseLost(let reason):
                log.append("valence worker: job \(jobId) shard \(index): stopping without writing: \(reason)")
                return .ran(try store.manifest(jobId: jobId))
            case .storeFailed(let error):
                log.append("valence worker: job \(jobId) shard \(index): cannot record progress, leaving it to be resumed: \(error.message)")
                throw error
            }
        } catch {
            guard JobStore.isLeaseLost(error) else { throw error }
            if case .finished(let archive, _, _, _) = outcome { archive.abandon() }
            log.append("valence worker: job \(jobId) shard \(index): stopping without writing: \(error.message)")
            return .ran(try store.manifest(jobId: jobId))
        }
    }

    /// Claims the shard. A lease held by another worker is watched: renewed, its holder is alive
    /// and this worker has nothing to do (a second process for the index); left to expire, the
    /// holder is dead (an engine re-running the index after a node failure, before the lease ran
    /// out: pods and nodes cannot see each other's processes) and this worker takes the shard over.
    private func claim(jobId: String, worker: WorkerIdentity) throws(ServiceError) -> JobStore.ShardClaim {
        let store = runner.store
        var claim = try store.claimShard(jobId: jobId, index: index, worker: worker)
        guard case .busy(_, let first) = claim else { return claim }
        let interval = max(0.05, min(store.leases.renewalInterval, 1))
        while case .busy(_, let lease) = claim, lease == first {
            usleep(useconds_t(interval * 1e6))
            claim = try store.claimShard(jobId: jobId, index: index, worker: worker)
        }
        return claim
    }

    enum Outcome {
        case finished(ArchiveWriter, documents: Int, inputBytes: Int64, stopped: Bool)
        case failed(String, cause: String?)
        case leaseLost(String)
        case storeFailed(ServiceError)
    }

    /// Steps 2 to 4; the part is returned finished (not yet published).
    private func execute(_ manifest: JobManifest, worker: WorkerIdentity) -> Outcome {
        let store = runner.store
        let jobId = manifest.jobId
        let readFailure = StorageError.Code.noReadAccessToInput
        guard let inputURI = S3URI(manifest.inputURI) else { return .failed(readFailure.jobMessage, cause: nil) }
        let objects: [InputObject]
        do { objects = try InputSelector(store: runner.objects).select(inputURI) } catch {
            return .failed(error.jobMessage, cause: error.reason)
        }
        // An output that cannot be written fails the job now, not after every shard's work (§7.1).
        do { try runner.objects.outputLocation(objectURI: manifest.outputURI).createDirectory() } catch {
            return .failed(error.jobMessage, cause: error.reason)
        }
        let pieces: [ShardPlan.Piece]
        let selection = JobCheckpoint.selectionDigest(objects)
        do throws(ServiceError) {
            var planned = manifest
            if planned.shards?.plan == nil {
                let plan: ShardPlan
                do { plan = try ShardPlan.make(objects: objects, format: manifest.inputFormat, shardCount: manifest.shards!.count) } catch {
                    return .failed(error.jobMessage, cause: error.reason)
                }
                planned = try store.recordShardPlan(
                    jobId: jobId, selection: selection, plan: plan.shards.map { JobShards.ShardRange(pieces: $0, objects: objects) },
                    totalBytes: objects.reduce(0) { $0 + $1.size })
            }
            guard planned.shards?.selection == selection, let range = planned.shards?.plan?[index], let found = range.pieces(of: objects) else {
                return .failed("INTERNAL_SERVER_ERROR: The job's input changed while its shards ran.",
                               cause: "the selected objects are not those the shards were planned on")
            }
            pieces = found
        } catch {
            return JobStore.isLeaseLost(error) ? .leaseLost(error.message) : .storeFailed(error)
        }

        // The part, from the checkpoint when there is one.
        let partPath = store.layout.partPath(jobId: jobId, index: index)
        let compression = ArchiveCompression(codec: manifest.outputCompression)
        let time = manifest.properties.submitTime.milliseconds / 1000
        let checkpoint = manifest.shards?.states[index].checkpoint
        var start = JobPipeline.Point(archive: ArchiveCheckpoint(fileName: "", bytes: 0, memberBytes: 0, checksum: 0),
                                      input: .start, documents: 0)
        var startBytes: Int64 = 0
        let archive: ArchiveWriter
        do {
            try FileManager.default.createDirectory(atPath: store.layout.shardsDirectory(jobId: jobId), withIntermediateDirectories: true)
            var resumed: ArchiveWriter?
            if let checkpoint, checkpoint.selection == selection {
                resumed = try? ArchiveWriter(path: partPath, compression: compression, modificationTime: time, layout: .part,
                                             resumingFrom: checkpoint.archive)
                if resumed != nil {
                    start = JobPipeline.Point(archive: checkpoint.archive, input: checkpoint.input, documents: checkpoint.documents)
                    startBytes = checkpoint.inputBytes
                }
            }
            archive = try resumed ?? ArchiveWriter(path: partPath, compression: compression, modificationTime: time, layout: .part)
            try archive.sync()
        } catch {
            return .failed(StorageError.Code.noWriteAccessToOutput.jobMessage, cause: "\(partPath): \(error)")
        }
        CrashInjection.reach(.archiveCreated)

        let beat: (JobRunner.Progress, JobPipeline.Point?) throws -> Bool = { progress, point in
            try store.renewShardLease(
                jobId: jobId, index: index, holder: worker,
                checkpoint: point.map {
                    JobCheckpoint(archive: $0.archive, input: $0.input, selection: selection, documents: $0.documents,
                                  inputBytes: progress.bytesProcessed)
                },
                inputBytes: progress.bytesProcessed
            ).isStopRequested
        }
        do {
            start.archive = try archive.checkpoint()
            let stops = try beat(JobRunner.Progress(documents: start.documents, bytesProcessed: startBytes, totalBytes: 0), start)
            CrashInjection.reach(.archiveRecorded)
            removeTemporaryParts(jobId: jobId, except: archive.temporaryFileName)
            if stops || manifest.status == .stopRequested {
                try archive.finish()
                return .finished(archive, documents: start.documents, inputBytes: startBytes, stopped: true)
            }
        } catch let error as ServiceError {
            archive.abandon()
            return JobStore.isLeaseLost(error) ? .leaseLost(error.message) : .storeFailed(error)
        } catch {
            archive.discard()
            return .failed(StorageError.Code.noWriteAccessToOutput.jobMessage, cause: "\(error)")
        }

        var last = JobRunner.Progress(documents: start.documents, bytesProcessed: startBytes, totalBytes: 0)
        let outcome = JobPipeline.run(
            objects, pieces: pieces, format: manifest.inputFormat, language: manifest.properties.languageCode,
            analyzers: runner.analyzers, threads: runner.threads, batchDocuments: runner.batchDocuments,
            batchBytes: runner.batchBytes, heartbeatInterval: store.leases.renewalInterval, into: archive, resumingAt: start,
            heartbeat: beat, progress: { last = $0 })
        switch outcome {
        case .completed(let documents):
            return .finished(archive, documents: documents, inputBytes: InputReader(pieces: pieces, format: manifest.inputFormat).totalBytes,
                             stopped: false)
        case .stopped(let documents):
            return .finished(archive, documents: documents, inputBytes: last.bytesProcessed, stopped: true)
        case .failed(let message, let cause): return .failed(message, cause: cause)
        case .leaseLost(let reason): return .leaseLost(reason)
        case .storeFailed(let error): return .storeFailed(error)
        }
    }

    /// Removes this shard's temporary parts other than `kept` (those of its earlier attempts).
    private func removeTemporaryParts(jobId: String, except kept: String) {
        let directory = runner.store.layout.shardsDirectory(jobId: jobId)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name != kept && ArchiveWriter.isTemporaryFileName(name) && name.hasPrefix(".part-\(index).valence-") {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }
}
