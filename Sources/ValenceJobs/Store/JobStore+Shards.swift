/// The transitions of a sharded job (``JobShards``, decisions/0004), each one read-modify-write
/// under the store lock like a job's (``JobStore/markInProgress(jobId:worker:)`` and the rest):
/// a shard's worker claims the shard's lease, renews it with checkpoints, and publishes its part
/// while it still holds it; the merge publishes the archive and ends the job. The job is
/// IN_PROGRESS (or STOP_REQUESTED) from the first claim until the merge, with `DocumentsProcessed`
/// and the input bytes summed over the shards.
extension JobStore {
    /// What a shard's worker may do.
    public enum ShardClaim: Sendable {
        /// The shard is this worker's (attempt `attempt`).
        case claimed(JobManifest, attempt: Int)
        /// Nothing to do: the part is finished or the job ended (the reason, for the user).
        case finished(JobManifest, String)
        /// Another worker holds the shard's lease, which has not expired.
        case busy(String, JobLease)
    }

    /// Claims shard `index` for `worker`: a shard nobody holds, whose launcher handed it to
    /// `worker`, or whose lease is dead (a re-run after a node failure: the next attempt). A shard
    /// with no attempts left fails the job.
    public func claimShard(jobId: String, index: Int, worker: WorkerIdentity) throws(ServiceError) -> ShardClaim {
        let time = now()
        var claim: ShardClaim?
        let manifest = try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            let state = try Self.shardState(manifest, index)
            guard manifest.status.isActive else { claim = .finished(manifest, "the job is \(manifest.status.rawValue)"); return }
            guard state.part == nil else { claim = .finished(manifest, "shard \(index)'s part is finished"); return }
            var attempt = state.attempt
            if let lease = state.lease, lease.holder != worker {
                guard lease.isDead(at: time, seenFrom: worker) else {
                    claim = .busy("shard \(index) of job \(jobId) is run by \(lease.holder.description)", lease); return
                }
                attempt += 1
            } else if state.lease == nil {
                attempt += 1
            }
            attempt = max(attempt, 1)
            guard attempt <= leases.maxAttempts else {
                Self.fail(&manifest, Self.workerStoppedMessage, shard: index, cause: "no attempts left (\(leases.maxAttempts))", at: time)
                claim = .finished(manifest, "shard \(index) had its last attempt: the job FAILED")
                return
            }
            if manifest.status == .submitted { manifest.properties.jobStatus = .inProgress }
            manifest.shards!.states[index].attempt = attempt
            manifest.shards!.states[index].lease = JobLease(holder: worker, expires: leaseExpiry(after: time))
            manifest.heartbeatTime = time
            manifest.awaitsWorker = false
            claim = .claimed(manifest, attempt: attempt)
        }
        if case .claimed = claim { return .claimed(manifest, attempt: manifest.shards!.states[index].attempt) }
        return claim!
    }

    /// The launcher has spawned `pid` for shard `index`: hands the shard's lease to it (from
    /// nobody, before the first attempt, or from this launching process after a sweep).
    public func recordShardLaunch(jobId: String, index: Int, pid: Int32) throws(ServiceError) {
        let time = now()
        let launcher = WorkerIdentity.current()
        _ = try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            let state = try Self.shardState(manifest, index)
            guard manifest.status.isActive, state.part == nil else { return }
            if state.lease == nil, state.attempt == 0 {
                manifest.shards!.states[index].attempt = 1
            } else if state.lease?.holder != launcher {
                return
            }
            manifest.shards!.states[index].lease = JobLease(holder: launcher.sibling(pid: pid), expires: leaseExpiry(after: time))
            manifest.awaitsWorker = false
        }
    }

    /// Stores the plan, unless a shard was quicker: every shard uses the stored one.
    public func recordShardPlan(
        jobId: String, selection: String, plan: [JobShards.ShardRange], totalBytes: Int64
    ) throws(ServiceError) -> JobManifest {
        try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            _ = try Self.shardState(manifest, 0)
            guard manifest.shards!.plan == nil, plan.count == manifest.shards!.count else { return }
            manifest.shards!.selection = selection
            manifest.shards!.plan = plan
            manifest.shards!.totalBytes = totalBytes
            manifest.inputBytes = JobManifest.ByteProgress(processed: 0, total: totalBytes)
        }
    }

    /// Shard `index`'s worker is alive: renews its lease, records its checkpoint and progress.
    /// Throws ``isLeaseLost(_:)`` errors once the shard or the job is no longer `holder`'s.
    public func renewShardLease(
        jobId: String, index: Int, holder: WorkerIdentity, checkpoint: JobCheckpoint?, inputBytes: Int64
    ) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            try Self.checkShardLease(manifest, index, holder: holder)
            manifest.shards!.states[index].lease?.expires = leaseExpiry(after: time)
            if let checkpoint {
                manifest.shards!.states[index].checkpoint = checkpoint
                manifest.shards!.states[index].documents = checkpoint.documents
            }
            manifest.shards!.states[index].inputBytes = inputBytes
            manifest.heartbeatTime = time
            Self.sumProgress(&manifest)
        }
    }

    /// Shard `index`'s part is finished: `publish` (its rename into place) runs under the lock
    /// while `holder` still holds the shard; then the shard is done.
    public func finishShard(
        jobId: String, index: Int, holder: WorkerIdentity, part: JobShards.Part, inputBytes: Int64,
        publish: () throws(ServiceError) -> Void
    ) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            try Self.checkShardLease(manifest, index, holder: holder)
            try publish()
            manifest.shards!.states[index].part = part
            manifest.shards!.states[index].documents = part.documents
            manifest.shards!.states[index].inputBytes = inputBytes
            manifest.shards!.states[index].lease = nil
            manifest.shards!.states[index].checkpoint = nil
            // The last sign of life before the merge: see ``reclaimDeadShards(observer:)``.
            manifest.heartbeatTime = time
            Self.sumProgress(&manifest)
        }
    }

    /// Shard `index` cannot finish: the job FAILED, its `Message` naming the shard and the cause.
    public func failShard(
        jobId: String, index: Int, holder: WorkerIdentity, message: String, cause: String?
    ) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            try Self.checkShardLease(manifest, index, holder: holder)
            Self.fail(&manifest, message, shard: index, cause: cause, at: time)
        }
    }

    /// The merge wrote the archive: `publish` (its rename) runs under the lock, then the job is
    /// COMPLETED, or STOPPED when a stop cut a shard short. A job that already ended COMPLETED or
    /// STOPPED is returned unchanged (`publish` does not run): merging is idempotent. Throws
    /// `InvalidRequestException` for a job that failed or has unfinished shards.
    public func finishMerge(jobId: String, publish: () throws(ServiceError) -> Void) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            _ = try Self.shardState(manifest, 0)
            if manifest.status == .completed || manifest.status == .stopped { return }
            try Self.checkMergeable(manifest)
            try publish()
            let stopped = manifest.shards!.states.contains { $0.part?.stopped == true }
            manifest.properties.jobStatus = stopped ? .stopped : .completed
            manifest.properties.endTime = time
            Self.sumProgress(&manifest)
            if !stopped, let bytes = manifest.inputBytes { manifest.inputBytes?.processed = bytes.total }
            manifest.endLease()
            for index in manifest.shards!.states.indices {
                manifest.shards!.states[index].lease = nil
                manifest.shards!.states[index].checkpoint = nil
            }
        }
    }

    /// Throws unless every part of `manifest`'s active job is finished.
    public static func checkMergeable(_ manifest: JobManifest) throws(ServiceError) {
        guard manifest.status.isActive else { throw wrongState(manifest, "merge") }
        let missing = manifest.shards?.unfinished ?? []
        guard missing.isEmpty else {
            throw ServiceError(.invalidRequest, "Cannot merge job \(manifest.jobId) yet: shard"
                + (missing.count == 1 ? " " : "s ") + missing.map(String.init).joined(separator: ", ")
                + " of \(manifest.shards!.count) \(missing.count == 1 ? "is" : "are") not finished.")
        }
    }

    /// What ``reclaimDeadShards(observer:)`` did with one shard.
    public struct ShardReclaim: Sendable {
        public var jobId: String
        public var index: Int
        /// Nil: the job FAILED (no attempts left); else the attempt the observer's launch makes.
        public var attempt: Int?
        public var lease: JobLease
    }

    /// Every unfinished shard of an active job whose lease is dead: the job FAILED when the shard
    /// had its last attempt; else, for a job whose workers `start` launched here
    /// (``JobShards/isLocal``), the lease is `observer`'s for the worker it launches next (the
    /// shards of other jobs wait for the engine's re-run, which claims the dead lease itself).
    /// Also, from the same scan, the active jobs whose every part is finished and that no merge
    /// ended within a lease of the last part (its worker died between finishing its part and
    /// merging, which takes seconds): the sweep merges them, so such a job does not stay
    /// IN_PROGRESS until someone re-runs a shard.
    public func reclaimDeadShards(observer: WorkerIdentity = .current()) throws(ServiceError) -> (reclaimed: [ShardReclaim], unmerged: [String]) {
        let time = now()
        return try withLock(waitingAtMost: Self.sweepLockWaitSeconds) { () throws(ServiceError) -> ([ShardReclaim], [String]) in
            var reclaimed: [ShardReclaim] = []
            var unmerged: [String] = []
            for var manifest in scanManifests().manifests where manifest.status.isActive && manifest.shards != nil {
                if manifest.shards!.unfinished.isEmpty {
                    let last = manifest.heartbeatTime ?? manifest.properties.submitTime
                    if time.milliseconds - last.milliseconds > leases.durationMilliseconds { unmerged.append(manifest.jobId) }
                    continue
                }
                var changed: [ShardReclaim] = []
                for (index, state) in manifest.shards!.states.enumerated() where state.part == nil {
                    guard manifest.status.isActive, let lease = state.lease, lease.isDead(at: time, seenFrom: observer) else { continue }
                    if state.attempt >= leases.maxAttempts {
                        Self.fail(&manifest, Self.workerStoppedMessage, shard: index,
                                  cause: "its worker \(lease.holder.description) stopped; no attempts left", at: time)
                        changed.append(ShardReclaim(jobId: manifest.jobId, index: index, attempt: nil, lease: lease))
                    } else if manifest.shards!.isLocal {
                        manifest.shards!.states[index].attempt += 1
                        manifest.shards!.states[index].lease = JobLease(holder: observer, expires: leaseExpiry(after: time))
                        changed.append(ShardReclaim(jobId: manifest.jobId, index: index, attempt: state.attempt + 1, lease: lease))
                    }
                }
                guard !changed.isEmpty else { continue }
                try write(manifest)
                reclaimed += changed
            }
            return (reclaimed, unmerged)
        }
    }

    // MARK: - Internals

    static func shardState(_ manifest: JobManifest, _ index: Int) throws(ServiceError) -> JobShards.ShardState {
        guard let shards = manifest.shards else {
            throw ServiceError(.invalidRequest, "Job \(manifest.jobId) was not started with --shards: run it without --shard-index.")
        }
        guard shards.states.indices.contains(index) else {
            throw ServiceError(.invalidRequest, "Job \(manifest.jobId) has \(shards.count) shards (0 to \(shards.count - 1)): there is no shard \(index).")
        }
        return shards.states[index]
    }

    static func checkShardLease(_ manifest: JobManifest, _ index: Int, holder: WorkerIdentity) throws(ServiceError) {
        let state = try shardState(manifest, index)
        guard manifest.status.isActive, state.part == nil, let lease = state.lease, lease.holder == holder else {
            throw ServiceError(.resourceInUse,
                "Shard \(index) of job \(manifest.jobId) is no longer run by \(holder.description): the job is \(manifest.status.rawValue)"
                + (state.lease.map { ", the shard leased to \($0.holder.description)" } ?? "") + ".")
        }
    }

    /// FAILED with `message` and the shard's index and cause.
    static func fail(_ manifest: inout JobManifest, _ message: String, shard: Int, cause: String?, at time: EpochTime) {
        manifest.properties.jobStatus = .failed
        manifest.properties.message = message + " (shard \(shard) of \(manifest.shards?.count ?? 0)" + (cause.map { ": \($0)" } ?? "") + ")"
        manifest.properties.endTime = time
        manifest.endLease()
        for index in manifest.shards?.states.indices ?? 0..<0 {
            manifest.shards!.states[index].lease = nil
            manifest.shards!.states[index].checkpoint = nil
        }
    }

    /// The job's progress is the shards' added up.
    static func sumProgress(_ manifest: inout JobManifest) {
        guard let shards = manifest.shards else { return }
        manifest.documentsProcessed = shards.states.reduce(0) { $0 + $1.documents }
        manifest.inputBytes = JobManifest.ByteProgress(processed: shards.states.reduce(Int64(0)) { $0 + $1.inputBytes },
                                                       total: shards.totalBytes)
    }
}
