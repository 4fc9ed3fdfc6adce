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
/// | call                 | from                                   | to             |
/// | -------------------- | -------------------------------------- | -------------- |
/// | `recordWorkerLaunch` | SUBMITTED, STOP_REQUESTED (no pid yet) | unchanged      |
/// | `markInProgress`     | SUBMITTED                              | IN_PROGRESS    |
/// | `markInProgress`     | STOP_REQUESTED (stopped while queued)  | STOP_REQUESTED |
/// | `markCompleted`      | IN_PROGRESS, STOP_REQUESTED            | COMPLETED      |
/// | `markFailed`         | SUBMITTED, IN_PROGRESS, STOP_REQUESTED | FAILED         |
/// | `markStopped`        | STOP_REQUESTED                         | STOPPED        |
///
/// `EndTime` is set exactly when a job enters COMPLETED, FAILED or STOPPED; `Message` only on
/// FAILED. Repeating a terminal transition (`markCompleted` on a COMPLETED job, ...) returns the
/// job unchanged; any other transition from the wrong state throws `InvalidRequestException`.
/// Every call returns the manifest as stored afterwards: a worker checks `isStopRequested` in it.
extension JobStore {
    /// The launcher has just spawned the worker process `pid` for a queued job: records the pid
    /// at once, so that a worker killed before it claims the job (``markInProgress(jobId:pid:)``)
    /// is still noticed by ``failAbandonedJobs(heartbeatTimeoutMilliseconds:isProcessAlive:)``.
    /// Does nothing when a worker pid is already recorded (the worker may have been quicker) or
    /// the job is no longer queued.
    @discardableResult
    public func recordWorkerLaunch(jobId: String, pid: Int32) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            guard manifest.status == .submitted || manifest.status == .stopRequested, manifest.workerPID == nil else { return }
            manifest.workerPID = pid
            manifest.heartbeatTime = time
            manifest.awaitsWorker = false
        }
    }

    /// Claims a queued job for the worker `pid` (the pid its launcher recorded, if any).
    public func markInProgress(jobId: String, pid: Int32) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            switch manifest.status {
            case .submitted where manifest.workerPID == nil || manifest.workerPID == pid:
                manifest.properties.jobStatus = .inProgress
            case .stopRequested where manifest.workerPID == nil || manifest.workerPID == pid:
                break
            default:
                throw Self.wrongState(manifest, "start")
            }
            manifest.workerPID = pid
            manifest.heartbeatTime = time
            manifest.awaitsWorker = false
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
    public func markCompleted(jobId: String, documentsProcessed: Int? = nil) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            switch manifest.status {
            case .inProgress, .stopRequested:
                manifest.properties.jobStatus = .completed
                manifest.properties.endTime = time
                if let documentsProcessed { manifest.documentsProcessed = documentsProcessed }
                // Every input byte was read; the last heartbeat may have come before the end.
                if let bytes = manifest.inputBytes { manifest.inputBytes?.processed = bytes.total }
            case .completed:
                break
            default:
                throw Self.wrongState(manifest, "complete")
            }
        }
    }

    /// The job cannot finish: FAILED with `message`, which reads `CODE: text`
    /// (e.g. `NO_READ_ACCESS_TO_INPUT: The provided data access role does not have proper access to the input data.`).
    public func markFailed(jobId: String, message: String) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            switch manifest.status {
            case .submitted, .inProgress, .stopRequested:
                manifest.properties.jobStatus = .failed
                manifest.properties.message = message
                manifest.properties.endTime = time
            case .failed:
                break
            default:
                throw Self.wrongState(manifest, "fail")
            }
        }
    }

    /// The worker honoured a stop request and wrote the records processed so far: STOPPED.
    public func markStopped(jobId: String, documentsProcessed: Int? = nil) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            switch manifest.status {
            case .stopRequested:
                manifest.properties.jobStatus = .stopped
                manifest.properties.endTime = time
                if let documentsProcessed { manifest.documentsProcessed = documentsProcessed }
            case .stopped:
                break
            default:
                throw Self.wrongState(manifest, "stop")
            }
        }
    }

    /// Fails the active jobs (SUBMITTED, IN_PROGRESS, STOP_REQUESTED) that have a worker pid and
    /// whose worker is gone: no heartbeat for `heartbeatTimeoutMilliseconds` and
    /// `isProcessAlive(pid)` false. Their `Message` is
    /// `INTERNAL_SERVER_ERROR: The job's worker process stopped unexpectedly.` Returns their ids.
    /// A queued job without a pid (no worker launched yet) is left alone.
    ///
    /// A job whose worker died after it committed the archive (between the archive's rename and
    /// the manifest's update, issue #11 defect 3) is not failed: `hasCommittedArchive` says so, and
    /// the job ends COMPLETED (STOPPED if a stop was requested), so status and archive agree.
    public func failAbandonedJobs(
        heartbeatTimeoutMilliseconds: Int64,
        isProcessAlive: (Int32) -> Bool = JobStore.isProcessAlive,
        hasCommittedArchive: (JobManifest) -> Bool = { _ in false }
    ) throws(ServiceError) -> [String] {
        let time = now()
        return try withLock { () throws(ServiceError) -> [String] in
            var failed: [String] = []
            for var manifest in scanManifests().manifests where manifest.jobType == JobManifest.sentimentJobType && manifest.status.isActive {
                guard let pid = manifest.workerPID else { continue }
                let last = manifest.heartbeatTime?.milliseconds ?? manifest.properties.submitTime.milliseconds
                guard time.milliseconds - last >= heartbeatTimeoutMilliseconds, !isProcessAlive(pid) else { continue }
                if manifest.status != .submitted, hasCommittedArchive(manifest) {
                    manifest.properties.jobStatus = manifest.isStopRequested ? .stopped : .completed
                    manifest.properties.endTime = time
                    try write(manifest)
                    continue
                }
                manifest.properties.jobStatus = .failed
                manifest.properties.message = "INTERNAL_SERVER_ERROR: The job's worker process stopped unexpectedly."
                manifest.properties.endTime = time
                try write(manifest)
                failed.append(manifest.jobId)
            }
            return failed
        }
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
