import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

private typealias F = JobStoreFixtures

/// The store and storage pieces of crash safety (issue #3 item 3): the launcher's pid, the sweep's
/// view of dead and zombie workers, and the removal of a killed writer's temporary archive. The
/// whole path through the binary is in ValenceCLITests/CrashSafetyTests.
@Suite struct WorkerCrashTests {
    static let crashMessage = "INTERNAL_SERVER_ERROR: The job's worker process stopped unexpectedly."

    @Test func launcherPidKeepsTheJobQueuedAndOnlyThatWorkerMayClaimIt() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let id = try store.start(F.startBody()).jobId
        let launched = try store.recordWorkerLaunch(jobId: id, pid: 4242)
        #expect(launched.status == .submitted)
        #expect(launched.workerPID == 4242)
        #expect(launched.heartbeatTime != nil)
        // A second launch record does not replace the first.
        #expect(try store.recordWorkerLaunch(jobId: id, pid: 5151).workerPID == 4242)
        // Another process cannot take the job over; the launched worker can.
        #expect(F.error { _ = try store.markInProgress(jobId: id, pid: 5151) }?.code == .invalidRequest)
        let claimed = try store.markInProgress(jobId: id, pid: 4242)
        #expect(claimed.status == .inProgress)
        #expect(claimed.workerPID == 4242)
        // Once the job runs, a late launch record changes nothing.
        #expect(try store.recordWorkerLaunch(jobId: id, pid: 6161) == claimed)
    }

    @Test func jobStoppedWhileQueuedIsStillClaimedByItsLaunchedWorker() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let id = try store.start(F.startBody()).jobId
        try store.recordWorkerLaunch(jobId: id, pid: 4242)
        _ = try store.stop(id)
        let claimed = try store.markInProgress(jobId: id, pid: 4242)
        #expect(claimed.status == .stopRequested)
        #expect(try store.markStopped(jobId: id, documentsProcessed: 0).status == .stopped)
    }

    @Test func sweepFailsQueuedJobsWhoseLaunchedWorkerIsGoneButNotJobsWithoutAWorker() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let clock = StoreTestClock(1_000_000)
        let store = home.store(clock: clock)
        let launched = try store.start(F.startBody()).jobId
        let queued = try store.start(F.startBody()).jobId
        let running = try store.start(F.startBody()).jobId
        try store.recordWorkerLaunch(jobId: launched, pid: 1001)
        _ = try store.markInProgress(jobId: running, pid: 1002)
        clock.advance(1)
        let failed = try store.failAbandonedJobs(heartbeatTimeoutMilliseconds: 0) { $0 == 1002 }
        #expect(failed == [launched])
        let job = try store.describe(launched)
        #expect(job.jobStatus == .failed)
        #expect(job.message == Self.crashMessage)
        #expect(job.endTime == EpochTime(milliseconds: 1_000_001))
        #expect(try store.describe(queued).jobStatus == .submitted)
        #expect(try store.describe(running).jobStatus == .inProgress)
    }

    #if os(Linux)
    /// A killed detached worker stays a zombie while its parent does not reap it (init in many
    /// containers never does); `kill(pid, 0)` succeeds on a zombie, but it is not alive.
    @Test func zombieIsNotAlive() throws {
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", "exit 0"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        try #require(posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0)
        defer { var status: Int32 = 0; _ = waitpid(pid, &status, 0) }
        let deadline = Date().addingTimeInterval(20)
        var isZombie = false
        while Date() < deadline {
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), stat.contains(") Z ") {
                isZombie = true
                break
            }
            usleep(10_000)
        }
        try #require(isZombie)
        #expect(kill(pid, 0) == 0)
        #expect(!JobStore.isProcessAlive(pid))
        #expect(JobStore.isProcessAlive(getpid()))
    }
    #endif

    @Test func removingTemporaryArchiveFilesKeepsEverythingElse() throws {
        let directory = try TemporaryDirectory()
        let objects = directory.store()
        let location = try objects.outputLocation(objectURI: "s3://out-bucket/results/111122223333-SENTIMENT-abc/output/output.tar.gz")
        try location.createDirectory()
        // A finished archive, an unfinished one (its writer still holds the temporary file, as a
        // killed worker would have left it), a stranger's file, and a directory with a temporary name.
        let done = try ArchiveWriter(path: location.path, modificationTime: 0)
        try done.write(Array("{\"File\": \"a\"}\n".utf8))
        try done.commit()
        let unfinished = try ArchiveWriter(path: location.directory + "/other.tar.gz", modificationTime: 0)
        try unfinished.write(Array("{\"File\": \"b\"}\n".utf8))
        try directory.write("s3/out-bucket/results/111122223333-SENTIMENT-abc/output/notes.txt", "keep")
        try directory.makeDirectory("s3/out-bucket/results/111122223333-SENTIMENT-abc/output/.x.valence-0000000000000000.tmp")
        let before = try FileManager.default.contentsOfDirectory(atPath: location.directory)
        let temporaries = before.filter { ArchiveWriter.isTemporaryFileName($0) && $0.hasPrefix(".other.tar.gz.") }
        #expect(temporaries.count == 1)

        let removed = location.removeTemporaryArchiveFiles()
        #expect(removed == temporaries)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: location.directory))
        #expect(after == ["output.tar.gz", "notes.txt", ".x.valence-0000000000000000.tmp"])
        #expect(location.removeTemporaryArchiveFiles().isEmpty)
        unfinished.discard()
        // A location whose directory does not exist yet: nothing to do.
        let fresh = try objects.outputLocation(objectURI: "s3://out-bucket/results/none/output/output.tar.gz")
        #expect(fresh.removeTemporaryArchiveFiles().isEmpty)
    }
}
