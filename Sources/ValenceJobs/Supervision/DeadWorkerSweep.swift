import Foundation

/// Ends the jobs whose worker died (SIGKILL, a crash, a reboot) as FAILED with a message, instead
/// of leaving them IN_PROGRESS forever. Run before every job operation.
struct DeadWorkerSweep: Sendable {
    /// A worker whose pid is gone (or a zombie) is dead at once, whatever its last heartbeat.
    static let goneWorkerTimeoutMilliseconds: Int64 = 0
    /// A worker not heard from for ten minutes is dead whatever its pid says: the pid may have
    /// been reused by another process, or may belong to another PID namespace.
    static let silentWorkerTimeoutMilliseconds: Int64 = 600_000
    /// A job whose `start` meant to launch a worker but recorded none for a minute: `start` died
    /// in between (launching takes milliseconds).
    static let unlaunchedWorkerTimeoutMilliseconds: Int64 = 60_000

    let store: JobStore
    let objects: ObjectStore

    /// Fails the abandoned jobs and removes the temporary archive file each such worker was
    /// writing in the job's output directory (a committed archive is never touched). Returns
    /// their ids. A store that cannot be read is left for the operation itself to report.
    @discardableResult
    func run() -> [String] {
        // The archive's rename is the commit: a worker that died after it finished the job.
        let objects = self.objects
        let committed = { (manifest: JobManifest) -> Bool in
            guard let location = try? objects.outputLocation(objectURI: manifest.outputURI) else { return false }
            return FileManager.default.fileExists(atPath: location.path)
        }
        var failed = (try? store.failAbandonedJobs(
            heartbeatTimeoutMilliseconds: Self.goneWorkerTimeoutMilliseconds, hasCommittedArchive: committed)) ?? []
        failed += (try? store.failAbandonedJobs(
            heartbeatTimeoutMilliseconds: Self.silentWorkerTimeoutMilliseconds, isProcessAlive: { _ in false },
            hasCommittedArchive: committed)) ?? []
        failed += (try? store.failUnlaunchedJobs(afterMilliseconds: Self.unlaunchedWorkerTimeoutMilliseconds)) ?? []
        for jobId in failed {
            guard let manifest = try? store.manifest(jobId: jobId),
                  let location = try? objects.outputLocation(objectURI: manifest.outputURI) else { continue }
            location.removeTemporaryArchiveFiles()
        }
        return failed
    }
}
