import Foundation

/// Deals with the jobs whose worker died (SIGKILL, a crash, a reboot, a stall past its lease):
/// resumes each from its last checkpoint with a new worker, up to the configured attempts, then
/// ends it FAILED with the cause in its log; a job whose archive was committed ends COMPLETED; a
/// sharded job whose parts are all finished but never merged is merged.
/// Run before every job operation. Liveness is the lease (``JobLease``), never a bare pid.
struct DeadWorkerSweep: Sendable {
    /// A job whose `start` meant to launch a worker but recorded none for a minute: `start` died
    /// in between (launching takes milliseconds).
    static let unlaunchedWorkerTimeoutMilliseconds: Int64 = 60_000

    let store: JobStore
    let objects: ObjectStore
    /// Starts the workers of resumed jobs; nil: resumed jobs wait for a `valence worker`.
    let launcher: WorkerLauncher?

    /// What a sweep did: the jobs it failed, and the errors that kept it from recording a dead
    /// worker (the caller reports them: a job must not stay IN_PROGRESS silently).
    struct Outcome {
        var failed: [String] = []
        var resumed: [String] = []
        var errors: [ServiceError] = []
    }

    /// Resumes, completes or fails the jobs with a dead lease, and fails the jobs whose worker was
    /// never launched. A store that cannot be read is left for the operation itself to report.
    @discardableResult
    func run() -> Outcome {
        // The archive's rename is the commit: a worker that died after it finished the job.
        let objects = self.objects
        let committed = { (manifest: JobManifest) -> Bool in
            guard let location = try? objects.outputLocation(objectURI: manifest.outputURI) else { return false }
            return FileManager.default.fileExists(atPath: location.path)
        }
        var outcome = Outcome()
        for reclaim in (try? store.reclaimDeadLeases(hasCommittedArchive: committed)) ?? [] {
            let jobId = reclaim.jobId
            let dead = "worker \(reclaim.lease.holder.description) stopped renewing its lease (expired at \(reclaim.lease.expires))"
            switch reclaim.action {
            case .ended:
                log(jobId, "\(dead) after it committed the archive: the job ended")
            case .failed:
                log(jobId, "FAILED: \(dead); no attempts left (\(store.leases.maxAttempts)): \(JobStore.workerStoppedMessage)")
                removeTemporaryArchives(jobId)
                outcome.failed.append(jobId)
            case .resume(let attempt):
                let from = reclaim.checkpoint.map { "from its checkpoint (\($0.documents) documents, \($0.archive.bytes) archive bytes)" }
                    ?? "from the start"
                log(jobId, "\(dead); attempt \(attempt) of \(store.leases.maxAttempts) resumes the job \(from)")
                outcome.resumed.append(jobId)
                guard let launcher else { continue }
                do { try launcher.launch(jobId: jobId) } catch { log(jobId, "FAILED: \(error.message)") }
            case .unrecorded(let error):
                let prefix = "An internal server error occurred. Retry your request. "
                let reason = error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
                outcome.errors.append(ServiceError(.internalServer,
                    prefix + "(job \(jobId): \(dead), and its manifest cannot be updated: \(reason))"))
            }
        }
        let shards = try? store.reclaimDeadShards()
        for reclaim in shards?.reclaimed ?? [] {
            let jobId = reclaim.jobId
            let dead = "shard \(reclaim.index)'s worker \(reclaim.lease.holder.description) stopped renewing its lease"
            guard let attempt = reclaim.attempt else {
                log(jobId, "FAILED: \(dead); no attempts left (\(store.leases.maxAttempts))")
                try? FileManager.default.removeItem(atPath: store.layout.shardsDirectory(jobId: jobId))
                outcome.failed.append(jobId)
                continue
            }
            log(jobId, "\(dead); attempt \(attempt) of \(store.leases.maxAttempts) resumes the shard from its checkpoint")
            outcome.resumed.append(jobId)
            guard let launcher else { continue }
            do { try launcher.launch(jobId: jobId, shardIndex: reclaim.index) } catch { log(jobId, "FAILED: \(error.message)") }
        }
        for jobId in shards?.unmerged ?? [] {
            log(jobId, "every shard finished its part, but no merge followed within a lease (the last shard's worker ended first): merging")
            do { _ = try ShardMerge(store: store, objects: objects).merge(jobId: jobId) } catch { outcome.errors.append(error) }
        }
        for jobId in (try? store.failUnlaunchedJobs(afterMilliseconds: Self.unlaunchedWorkerTimeoutMilliseconds)) ?? [] {
            removeTemporaryArchives(jobId)
            outcome.failed.append(jobId)
        }
        return outcome
    }

    /// Removes the temporary archives of a job no worker will write any more.
    private func removeTemporaryArchives(_ jobId: String) {
        guard let manifest = try? store.manifest(jobId: jobId),
              let location = try? objects.outputLocation(objectURI: manifest.outputURI) else { return }
        location.removeTemporaryArchiveFiles()
    }

    /// Appends a line to the job's log (`<home>/logs/<JobId>.log`), where its workers write too.
    private func log(_ jobId: String, _ text: String) {
        JobLog(layout: store.layout, jobId: jobId).append("valence: job \(jobId): \(text)")
    }
}

/// A job's log, `<home>/logs/<JobId>.log`: its workers' stdout and stderr, and what the sweeps
/// did to it. Appends are single `write`s to an `O_APPEND` file, so lines from several processes
/// never interleave.
struct JobLog {
    let layout: HomeLayout
    let jobId: String

    func append(_ line: String) {
        try? FileManager.default.createDirectory(atPath: layout.logsDirectory, withIntermediateDirectories: true)
        let fd = open(layout.logPath(jobId: jobId), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
