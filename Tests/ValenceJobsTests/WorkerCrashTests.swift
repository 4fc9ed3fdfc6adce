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

    /// A pid that no process has: a child that has exited and been reaped.
    static func deadPid() throws -> Int32 {
        var pid: pid_t = 0
        let arguments = ["/bin/true"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        try #require(posix_spawn(&pid, "/bin/true", nil, nil, &argv, environ) == 0)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        return pid
    }

    /// Issue #11 defect 1: liveness is the lease, not the pid. A lease held by a process of
    /// another host, boot or PID namespace is dead only once it expires, whatever its pid is here
    /// (the pid means nothing outside its namespace); a holder of this host, boot and namespace
    /// whose process is gone (killed) is dead at once; a live one (a stopped one too) is not.
    @Test func defect1_onlyAnExpiredLeaseOrAHolderProvablyGoneMakesAWorkerDead() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let clock = StoreTestClock(1_000_000)
        let store = home.store(clock: clock)
        let here = WorkerIdentity.current()
        let dead = try Self.deadPid()
        var otherNamespace = here.sibling(pid: dead)
        otherNamespace.pidNamespace = "pid:[1]"
        var otherHost = here.sibling(pid: dead)
        otherHost.host = "another-host"
        var rebooted = here.sibling(pid: dead)
        rebooted.bootId = "00000000-0000-0000-0000-000000000000"
        let holders = [here.sibling(pid: getpid()), otherNamespace, otherHost, rebooted, here.sibling(pid: dead)]
        var ids: [String] = []
        for holder in holders {
            let id = try store.start(F.startBody()).jobId
            ids.append(id)
            let claimed = try store.markInProgress(jobId: id, worker: holder)
            #expect(claimed.lease == JobLease(holder: holder, expires: EpochTime(milliseconds: 1_030_000)))
            #expect(claimed.attempt == 1)
        }
        let queued = try store.start(F.startBody()).jobId
        clock.advance(29_999)
        // Only the killed worker of this namespace is dead before its lease expires.
        let early = try store.reclaimDeadLeases(observer: here)
        #expect(early.map(\.jobId) == [ids[4]])
        #expect(early.first?.action == .resume(attempt: 2))
        // Its lease is now the observer's, for the worker it launches.
        #expect(try store.manifest(jobId: ids[4]).lease?.holder == here)
        #expect(try store.manifest(jobId: ids[4]).status == .inProgress)
        clock.advance(1)
        // Expired: every other lease but the one just taken, and never the queued job without one.
        let late = try store.reclaimDeadLeases(observer: here)
        #expect(late.map(\.jobId) == Array(ids[0..<4]))
        #expect(try store.manifest(jobId: queued).status == .submitted)
    }

    /// Issue #11 defect 1: a worker stalled past its lease (SIGSTOP, then SIGCONT) finds the
    /// lease taken at its next renewal, and can neither record a checkpoint nor end the job: every
    /// transition it asks for throws `ResourceInUseException` and changes nothing, and the archive
    /// publication it would do under the lock never runs.
    @Test func defect1_aWorkerWhoseLeaseWasTakenCannotWriteAnything() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let clock = StoreTestClock(1_000_000)
        let store = home.store(clock: clock)
        let here = WorkerIdentity.current()
        var stalled = here.sibling(pid: getpid())
        stalled.host = "stalled-host"
        let id = try store.start(F.startBody()).jobId
        _ = try store.markInProgress(jobId: id, worker: stalled)
        _ = try store.renewLease(jobId: id, holder: stalled, checkpoint: nil, inputBytes: nil)
        clock.advance(30_000)
        #expect(try store.reclaimDeadLeases(observer: here).map(\.action) == [.resume(attempt: 2)])
        let taken = try store.manifest(jobId: id)
        var published = false
        for attempt in [
            { _ = try store.renewLease(jobId: id, holder: stalled, checkpoint: nil, inputBytes: nil) },
            { _ = try store.markCompleted(jobId: id, documentsProcessed: 1, holder: stalled) { published = true } },
            { _ = try store.markStopped(jobId: id, holder: stalled) { published = true } },
            { _ = try store.markFailed(jobId: id, message: "x", holder: stalled) },
        ] as [() throws -> Void] {
            let error = F.error(attempt)
            #expect(error?.code == .resourceInUse)
            #expect(error.map(JobStore.isLeaseLost) == true)
        }
        #expect(!published)
        #expect(try store.manifest(jobId: id) == taken)
        // The new worker claims the lease its launcher handed over, and finishes the job.
        let child = try store.recordWorkerLaunch(jobId: id, pid: getpid())
        #expect(child.lease?.holder == here.sibling(pid: getpid()))
        let resumed = try store.markInProgress(jobId: id, worker: here.sibling(pid: getpid()))
        #expect(resumed.status == .inProgress && resumed.attempt == 2)
        let done = try store.markCompleted(jobId: id, holder: here.sibling(pid: getpid())) { published = true }
        #expect(published && done.status == .completed && done.lease == nil && done.checkpoint == nil)
    }

    /// Resume, not FAIL: a job whose workers keep dying gets `maxAttempts` workers (the first
    /// and two resumes), then ends FAILED with AWS's public message.
    @Test func aJobIsResumedUpToItsLastAttemptThenFailed() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let clock = StoreTestClock(1_000_000)
        let store = home.store(clock: clock)
        let here = WorkerIdentity.current()
        let id = try store.start(F.startBody()).jobId
        try store.recordWorkerLaunch(jobId: id, pid: try Self.deadPid())
        #expect(try store.reclaimDeadLeases(observer: here).map(\.action) == [.resume(attempt: 2)])
        try store.recordWorkerLaunch(jobId: id, pid: try Self.deadPid())
        #expect(try store.reclaimDeadLeases(observer: here).map(\.action) == [.resume(attempt: 3)])
        try store.recordWorkerLaunch(jobId: id, pid: try Self.deadPid())
        #expect(try store.reclaimDeadLeases(observer: here).map(\.action) == [.failed])
        let job = try store.manifest(jobId: id)
        #expect(job.status == .failed && job.properties.message == Self.crashMessage && job.lease == nil)
        #expect(try store.reclaimDeadLeases(observer: here).isEmpty)
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
