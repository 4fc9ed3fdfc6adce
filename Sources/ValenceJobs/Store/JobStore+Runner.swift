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
/// | call             | from                                  | to              |
/// | ---------------- | ------------------------------------- | --------------- |
/// | `markInProgress` | SUBMITTED                             | IN_PROGRESS     |
/// | `markInProgress` | STOP_REQUESTED (stopped while queued) | STOP_REQUESTED  |
/// | `markCompleted`  | IN_PROGRESS, STOP_REQUESTED           | COMPLETED       |
/// | `markFailed`     | SUBMITTED, IN_PROGRESS, STOP_REQUESTED| FAILED          |
/// | `markStopped`    | STOP_REQUESTED                        | STOPPED         |
///
/// `EndTime` is set exactly when a job enters COMPLETED, FAILED or STOPPED; `Message` only on
/// FAILED. Repeating a terminal transition (`markCompleted` on a COMPLETED job, ...) returns the
/// job unchanged; any other transition from the wrong state throws `InvalidRequestException`.
/// Every call returns the manifest as stored afterwards: a worker checks `isStopRequested` in it.
extension JobStore {
    /// Claims a queued job for the worker `pid`.
    public func markInProgress(jobId: String, pid: Int32) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            switch manifest.status {
            case .submitted:
                manifest.properties.jobStatus = .inProgress
            case .stopRequested where manifest.workerPID == nil:
                break
            default:
                throw Self.wrongState(manifest, "start")
            }
            manifest.workerPID = pid
            manifest.heartbeatTime = time
        }
    }

    /// The worker is alive and has finished `documentsProcessed` documents (unchanged if nil).
    /// A job that is no longer active is returned unchanged.
    public func recordHeartbeat(jobId: String, documentsProcessed: Int? = nil) throws(ServiceError) -> JobManifest {
        let time = now()
        return try update(jobId: jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            guard manifest.status.isActive else { return }
            manifest.heartbeatTime = time
            if let documentsProcessed { manifest.documentsProcessed = documentsProcessed }
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

    /// Fails the IN_PROGRESS and STOP_REQUESTED jobs whose worker is gone: no heartbeat for
    /// `heartbeatTimeoutMilliseconds` and `isProcessAlive(pid)` false. Their `Message` is
    /// `INTERNAL_SERVER_ERROR: The job's worker process stopped unexpectedly.` Returns their ids.
    public func failAbandonedJobs(
        heartbeatTimeoutMilliseconds: Int64,
        isProcessAlive: (Int32) -> Bool = JobStore.isProcessAlive
    ) throws(ServiceError) -> [String] {
        let time = now()
        return try withLock { () throws(ServiceError) -> [String] in
            var failed: [String] = []
            for var manifest in try allManifests() where manifest.status == .inProgress || manifest.status == .stopRequested {
                guard let pid = manifest.workerPID else { continue }
                let last = manifest.heartbeatTime?.milliseconds ?? manifest.properties.submitTime.milliseconds
                guard time.milliseconds - last > heartbeatTimeoutMilliseconds, !isProcessAlive(pid) else { continue }
                manifest.properties.jobStatus = .failed
                manifest.properties.message = "INTERNAL_SERVER_ERROR: The job's worker process stopped unexpectedly."
                manifest.properties.endTime = time
                try write(manifest)
                failed.append(manifest.jobId)
            }
            return failed
        }
    }

    /// `kill(pid, 0)`: the process exists (possibly owned by someone else).
    public static func isProcessAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    static func wrongState(_ manifest: JobManifest, _ verb: String) -> ServiceError {
        ServiceError(.invalidRequest, "Cannot \(verb) job \(manifest.jobId): it is \(manifest.status.rawValue).")
    }
}
