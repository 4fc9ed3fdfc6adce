#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The transitions a worker makes (spec §5, §13 #18, #21), each one read-modify-write under the
/// store lock, so a Stop from another process is never lost:
///
/// | call                 | from                                                  | to             |
/// | -------------------- | ----------------------------------------------------- | -------------- |
/// | `recordWorkerLaunch` | SUBMITTED, STOP_REQUESTED (no lease); any active job   | unchanged      |
/// |                      | whose lease this launcher holds (a resume)            |                |
/// | `markInProgress`     | SUBMITTED                                             | IN_PROGRESS    |
/// | `markInProgress`     | STOP_REQUESTED, IN_PROGRESS (a resume)                | unchanged      |
/// | `renewLease`         | any active job whose lease the worker holds           | unchanged      |
/// | `markCompleted`      | IN_PROGRESS, STOP_REQUESTED                           | COMPLETED      |
/// | `markFailed`         | SUBMITTED, IN_PROGRESS, STOP_REQUESTED                | FAILED         |
/// | `markStopped`        | STOP_REQUESTED                                        | STOPPED        |
/// | `reclaimDeadLeases`  | any active job whose lease is dead                    | see there      |
///
/// `EndTime` is set exactly when a job enters COMPLETED, FAILED or STOPPED; `Message` only on
/// FAILED. Repeating a terminal transition (`markCompleted` on a COMPLETED job, ...) returns the
/// job unchanged; any other transition from the wrong state throws `InvalidRequestException`.
/// Every call returns the manifest as stored afterwards: a worker checks `isStopRequested` in it.
///
/// A worker passes its ``WorkerIdentity`` as `holder`: then the transition happens only while
/// that worker holds the job's lease, and throws `ResourceInUseException` (``isLeaseLost(_:)``)
/// once another worker has taken the job over (issue #11 defect 1).
extension JobStore {
    /// The launcher has just spawned the worker process `pid` for a job: hands the lease to it at
    /// once (from nobody, or from this launching process when it reserved the lease for a resume),
    /// so that a worker that dies before it claims the job is noticed too. Does nothing when the
    /// lease is someone else's (the worker may have been quicker) or the job is no longer active.
    @discardableResult
    public func recordWorkerLaunch(jobId: String, pid: Int32) throws(ServiceError) -> JobManifest {
        let time = now()
        let launcher = WorkerIdentity.current()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            let isFirst = (manifest.status == .submitted || manifest.status == .stopRequested)
                && manifest.lease == nil && manifest.workerPID == nil
            guard manifest.status.isActive, isFirst || manifest.lease?.holder == launcher else { return }
            manifest.lease = JobLease(holder: launcher.sibling(pid: pid), expires: leaseExpiry(after: time))
            manifest.workerPID = pid
            manifest.heartbeatTime = time
            manifest.awaitsWorker = false
        }
    }

    /// Claims a queued job for the worker process `pid` of this host, boot and PID namespace.
    public func markInProgress(jobId: String, pid: Int32) throws(ServiceError) -> JobManifest {
        try markInProgress(jobId: jobId, worker: WorkerIdentity.current().sibling(pid: pid))
    }

    /// Claims a job for `worker` and gives it the lease: a queued job nobody holds (or whose
    /// launcher handed the lease to `worker`), or a job being resumed whose lease was handed to
    /// `worker`. The attempt is at least 1.
    public func markInProgress(jobId: String, worker: WorkerIdentity) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            let mayClaim = manifest.lease.map { $0.holder == worker } ?? (manifest.workerPID == nil || manifest.workerPID == worker.pid)
            switch manifest.status {
            case .submitted where mayClaim:
                manifest.properties.jobStatus = .inProgress
            case .stopRequested where mayClaim, .inProgress where mayClaim && manifest.lease != nil:
                break
            default:
                throw Self.wrongState(manifest, "start")
            }
            manifest.attempt = max(manifest.attempt, 1)
            manifest.lease = JobLease(holder: worker, expires: leaseExpiry(after: time))
            manifest.workerPID = worker.pid
            manifest.heartbeatTime = time
            manifest.awaitsWorker = false
        }
    }

    /// The worker `holder` is alive: renews its lease and records its checkpoint (when given) and
    /// progress. Throws ``isLeaseLost(_:)`` errors when the lease is no longer `holder`'s or the
    /// job is no longer active: the worker must then stop without writing anything.
    public func renewLease(
        jobId: String, holder: WorkerIdentity, checkpoint: JobCheckpoint?, inputBytes: JobManifest.ByteProgress?
    ) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            try Self.checkLease(manifest, holder: holder)
            manifest.lease?.expires = leaseExpiry(after: time)
            manifest.heartbeatTime = time
            if let checkpoint {
                manifest.checkpoint = checkpoint
                manifest.documentsProcessed = checkpoint.documents
            }
            if let inputBytes { manifest.inputBytes = inputBytes }
        }
    }

    /// The worker is alive, has finished `documentsProcessed` documents and read `inputBytes` of
    /// its input (each unchanged if nil). A job that is no longer active is returned unchanged.
    public func recordHeartbeat(
        jobId: String, documentsProcessed: Int? = nil, inputBytes: JobManifest.ByteProgress? = nil
    ) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            guard manifest.status.isActive else { return }
            manifest.heartbeatTime = time
            if let documentsProcessed { manifest.documentsProcessed = documentsProcessed }
            if let inputBytes { manifest.inputBytes = inputBytes }
        }
    }

    /// The output is written: COMPLETED (also when a stop was requested too late to take effect).
    /// With `holder`, only while that worker holds the lease; `publish` (the archive's rename)
    /// then runs under the store lock after that check, right before the manifest is written, so
    /// no other worker can take the job over in between.
    public func markCompleted(
        jobId: String, documentsProcessed: Int? = nil, holder: WorkerIdentity? = nil,
        publish: () throws(ServiceError) -> Void = {}
    ) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            if let holder { try Self.checkLease(manifest, holder: holder) }
            switch manifest.status {
            case .inProgress, .stopRequested:
                try publish()
                manifest.properties.jobStatus = .completed
                manifest.properties.endTime = time
                if let documentsProcessed { manifest.documentsProcessed = documentsProcessed }
                // Every input byte was read; the last heartbeat may have come before the end.
                if let bytes = manifest.inputBytes { manifest.inputBytes?.processed = bytes.total }
                manifest.endLease()
            case .completed:
                break
            default:
                throw Self.wrongState(manifest, "complete")
            }
        }
    }

    /// The job cannot finish: FAILED with `message`, which reads `CODE: text`
    /// (e.g. `NO_READ_ACCESS_TO_INPUT: The provided data access role does not have proper access to the input data.`).
    public func markFailed(jobId: String, message: String, holder: WorkerIdentity? = nil) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            if let holder { try Self.checkLease(manifest, holder: holder) }
            switch manifest.status {
            case .submitted, .inProgress, .stopRequested:
                manifest.properties.jobStatus = .failed
                manifest.properties.message = message
                manifest.properties.endTime = time
                manifest.endLease()
            case .failed:
                break
            default:
                throw Self.wrongState(manifest, "fail")
            }
        }
    }

    /// The worker honoured a stop request and wrote the records processed so far: STOPPED.
    /// `holder` and `publish` as for ``markCompleted(jobId:documentsProcessed:holder:publish:)``.
    public func markStopped(
        jobId: String, documentsProcessed: Int? = nil, holder: WorkerIdentity? = nil,
        publish: () throws(ServiceError) -> Void = {}
    ) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            if let holder { try Self.checkLease(manifest, holder: holder) }
            switch manifest.status {
            case .stopRequested:
                try publish()
                manifest.properties.jobStatus = .stopped
                manifest.properties.endTime = time
                if let documentsProcessed { manifest.documentsProcessed = documentsProcessed }
                manifest.endLease()
            case .stopped:
                break
            default:
                throw Self.wrongState(manifest, "stop")
            }
        }
    }

    /// What ``reclaimDeadLeases(observer:hasCommittedArchive:)`` did with one job.
    public struct Reclaim: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            /// The archive was committed before the worker died: COMPLETED (STOPPED if asked).
            case ended
            /// The job had its last attempt: FAILED.
            case failed
            /// The lease is now the observer's, for a new worker to resume the job (attempt `n`).
            case resume(attempt: Int)
            /// The manifest could not be updated (a full or read-only `VALENCE_HOME`): the job's
            /// worker is dead but the manifest still says otherwise.
            case unrecorded(ServiceError)
        }

        public var jobId: String
        public var action: Action
        /// The dead lease (its holder and expiry), for the job's log.
        public var lease: JobLease
        /// The checkpoint the job resumes from, if any.
        public var checkpoint: JobCheckpoint?
    }

    /// The `Message` of a job whose workers all died.
    public static let workerStoppedMessage = "INTERNAL_SERVER_ERROR: The job's worker process stopped unexpectedly."

    /// Deals with every active job whose lease is dead (``JobLease/isDead(at:seenFrom:)``), as seen
    /// by `observer`:
    ///
    /// * the worker committed the archive before it died (`hasCommittedArchive`, issue #11 defect
    ///   3): COMPLETED, or STOPPED if a stop was requested, so status and archive agree;
    /// * the job had its last attempt (``ValenceConfiguration/Leases/maxAttempts``): FAILED with
    ///   ``workerStoppedMessage``;
    /// * otherwise the next attempt: `observer` takes the lease, for the worker it launches next
    ///   (``recordWorkerLaunch(jobId:pid:)`` hands it over), which resumes from the checkpoint.
    ///
    /// A manifest of an older version, with a worker pid but no lease, counts as leased by an
    /// unknown process until its last heartbeat plus the lease duration.
    public func reclaimDeadLeases(
        observer: WorkerIdentity = .current(), hasCommittedArchive: (JobManifest) -> Bool = { _ in false }
    ) throws(ServiceError) -> [Reclaim] {
        let time = now()
        return try withLock { () throws(ServiceError) -> [Reclaim] in
            var reclaimed: [Reclaim] = []
            for var manifest in scanManifests().manifests where manifest.jobType == JobManifest.sentimentJobType && manifest.status.isActive {
                guard let lease = manifest.lease ?? manifest.workerPID.map({ pid in
                    JobLease(holder: WorkerIdentity(host: "", bootId: "", pidNamespace: "", pid: pid),
                             expires: leaseExpiry(after: manifest.heartbeatTime ?? manifest.properties.submitTime))
                }), lease.isDead(at: time, seenFrom: observer) else { continue }
                let action: Reclaim.Action
                if manifest.status != .submitted, hasCommittedArchive(manifest) {
                    manifest.properties.jobStatus = manifest.isStopRequested ? .stopped : .completed
                    manifest.properties.endTime = time
                    action = .ended
                } else if manifest.attempt >= leases.maxAttempts {
                    manifest.properties.jobStatus = .failed
                    manifest.properties.message = Self.workerStoppedMessage
                    manifest.properties.endTime = time
                    action = .failed
                } else {
                    manifest.attempt = max(manifest.attempt, 1) + 1
                    manifest.lease = JobLease(holder: observer, expires: leaseExpiry(after: time))
                    manifest.workerPID = nil
                    manifest.heartbeatTime = time
                    action = .resume(attempt: manifest.attempt)
                }
                let checkpoint = manifest.checkpoint
                if case .resume = action {} else { manifest.endLease() }
                do throws(ServiceError) {
                    try write(manifest)
                    reclaimed.append(Reclaim(jobId: manifest.jobId, action: action, lease: lease, checkpoint: checkpoint))
                } catch {
                    // The job must not look alive for ever without a word (issue #11 defect 6).
                    reclaimed.append(Reclaim(jobId: manifest.jobId, action: .unrecorded(error), lease: lease, checkpoint: checkpoint))
                }
            }
            return reclaimed
        }
    }

    /// Whether `error` says that the worker's lease was taken over (or its job ended).
    public static func isLeaseLost(_ error: ServiceError) -> Bool { error.code == .resourceInUse }

    static func checkLease(_ manifest: JobManifest, holder: WorkerIdentity) throws(ServiceError) {
        guard manifest.status.isActive, let lease = manifest.lease, lease.holder == holder else {
            throw ServiceError(.resourceInUse,
                "Job \(manifest.jobId) is no longer run by \(holder.description): it is \(manifest.status.rawValue)"
                + (manifest.lease.map { ", leased to \($0.holder.description)" } ?? "") + ".")
        }
    }

    func leaseExpiry(after time: EpochTime) -> EpochTime {
        EpochTime(milliseconds: time.milliseconds + leases.durationMilliseconds)
    }

    /// Fails the queued jobs whose `start` died before it launched their worker (issue #11 defect
    /// 5): active, ``JobManifest/awaitsWorker``, no worker pid, submitted at least
    /// `afterMilliseconds` ago. Their `Message` is
    /// `INTERNAL_SERVER_ERROR: The job's worker process was never started.` Jobs queued for
    /// `valence worker` (`--no-worker`) never await a launch and are left alone. Returns their ids.
    public func failUnlaunchedJobs(afterMilliseconds: Int64) throws(ServiceError) -> [String] {
        let time = now()
        return try withLock { () throws(ServiceError) -> [String] in
            var failed: [String] = []
            for var manifest in scanManifests().manifests where manifest.jobType == JobManifest.sentimentJobType && manifest.status.isActive && manifest.awaitsWorker && manifest.workerPID == nil {
                guard time.milliseconds - manifest.properties.submitTime.milliseconds >= afterMilliseconds else { continue }
                manifest.properties.jobStatus = .failed
                manifest.properties.message = "INTERNAL_SERVER_ERROR: The job's worker process was never started."
                manifest.properties.endTime = time
                manifest.awaitsWorker = false
                try write(manifest)
                failed.append(manifest.jobId)
            }
            return failed
        }
    }

    /// `kill(pid, 0)`: the process exists (possibly owned by someone else) and, on Linux, is not
    /// a zombie. A worker killed with SIGKILL stays a zombie until its parent reaps it, and a
    /// detached worker's parent is init, which in a container often never reaps; `kill(pid, 0)`
    /// alone would call such a worker alive until the heartbeat timeout.
    public static func isProcessAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        #if os(Linux)
        if let state = linuxProcessState(pid), state == UInt8(ascii: "Z") || state == UInt8(ascii: "X") { return false }
        #endif
        return true
    }

    #if os(Linux)
    /// The state letter of `/proc/<pid>/stat` (the field after the command name, which is in
    /// parentheses and may itself hold spaces and parentheses), or nil when it cannot be read.
    static func linuxProcessState(_ pid: Int32) -> UInt8? {
        let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let text = buffer[..<count]
        guard let end = text.lastIndex(of: UInt8(ascii: ")")), end + 2 < count else { return nil }
        return text[end + 2]
    }
    #endif

    static func wrongState(_ manifest: JobManifest, _ verb: String) -> ServiceError {
        ServiceError(.invalidRequest, "Cannot \(verb) job \(manifest.jobId): it is \(manifest.status.rawValue).")
    }
}
