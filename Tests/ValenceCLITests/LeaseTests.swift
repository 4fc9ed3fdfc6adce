import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// Issue #11 defect 1: a live worker is never declared dead because of its pid. Its lease (host,
/// boot id, PID namespace, pid, expiry) decides: a command in another PID namespace, where the
/// worker's pid means nothing, leaves a running job alone; a worker stalled beyond its lease is
/// replaced by a new one, and when it wakes up it stops without touching the archive or the
/// manifest, and the job completes with every record.
@Suite(.serialized) struct LeaseTests {
    /// Lines of input: a job of this size runs for several seconds on one thread, long enough for
    /// the commands below to find it running (30,000 lines became too few once packs loaded 2–5×
    /// faster: the job could end before the command in the new namespace ran).
    #if DEBUG
    static let lines = 150_000
    #else
    static let lines = 1_600_000
    #endif

    /// Whether this machine lets us make a PID namespace (root, or user namespaces).
    static let canUnshare: Bool = (try? ToolRun.run("/usr/bin/unshare", ["--pid", "--fork", "--mount-proc", "true"]).status) == 0

    static func sandbox(leaseSeconds: String? = nil) throws -> JobSandbox {
        let sandbox = try JobSandbox(threads: 1)
        if let leaseSeconds {
            sandbox.environment["VALENCE_LEASE_SECONDS"] = leaseSeconds
            sandbox.environment["VALENCE_LEASE_RENEWAL_SECONDS"] = "0.1"
        }
        sandbox.put("in-bucket/lease/reviews.txt", JobSandbox.reviewLines(count: lines))
        return sandbox
    }

    static func manifest(_ sandbox: JobSandbox, _ jobId: String) throws -> JSONValue {
        let data = try #require(FileManager.default.contents(atPath: sandbox.home + "/jobs/\(jobId).json"))
        return try JSONValue.parse(String(decoding: data, as: UTF8.self))
    }

    static func number(_ value: JSONValue?) -> Int? {
        guard case .number(let literal)? = value else { return nil }
        return Int(literal)
    }

    /// Waits until the job's worker has recorded some progress; returns its pid.
    static func runningWorker(_ sandbox: JobSandbox, _ jobId: String) throws -> Int32 {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let manifest = try manifest(sandbox, jobId)
            if manifest["SentimentDetectionJobProperties"]?["JobStatus"]?.stringValue == "IN_PROGRESS",
               (number(manifest["DocumentsProcessed"]) ?? 0) > 0, let pid = number(manifest["WorkerPid"]) {
                return Int32(pid)
            }
            usleep(20_000)
        }
        throw ExpectationFailedError()
    }

    struct ExpectationFailedError: Error {}

    @Test(.enabled(if: canUnshare, "unshare --pid is not permitted here"))
    func defect1_aCommandInAnotherPIDNamespaceLeavesARunningJobAlone() throws {
        let sandbox = try Self.sandbox()
        let jobId = try sandbox.start(input: "s3://in-bucket/lease/")
        let pid = try Self.runningWorker(sandbox, jobId)
        var environment = ProcessInfo.processInfo.environment
        environment["VALENCE_LEXICONS"] = Repository.lexicons.path
        environment.merge(sandbox.environment) { _, new in new }
        for command in ["list-sentiment-detection-jobs", "describe-sentiment-detection-job"] {
            let arguments = ["--pid", "--fork", "--mount-proc", CLIRunner.binary.path, command]
                + (command.hasPrefix("describe") ? ["--job-id", jobId] : [])
            let result = try ToolRun.run("/usr/bin/unshare", arguments, environment: environment)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("\"JobStatus\": \"IN_PROGRESS\""), "\(command) in a new PID namespace: \(result.stdout)")
        }
        let manifest = try Self.manifest(sandbox, jobId)
        #expect(Self.number(manifest["Attempt"]) == 1)
        #expect(Self.number(manifest["WorkerPid"]) == Int(pid))
        let job = try sandbox.waitForEnd(jobId)
        #expect(job["JobStatus"]?.stringValue == "COMPLETED")
        // One worker did it all: nothing was resumed.
        #expect(Self.number(try Self.manifest(sandbox, jobId)["Attempt"]) == 1)
        #expect(try sandbox.records(job).count == Self.lines)
    }

    @Test func defect1_aWorkerStoppedBeyondItsLeaseIsReplacedAndStopsWithoutWriting() throws {
        let sandbox = try Self.sandbox(leaseSeconds: "5")
        let jobId = try sandbox.start(input: "s3://in-bucket/lease/")
        let pid = try Self.runningWorker(sandbox, jobId)
        // Stopped outside the store's lock (a worker stopped while it holds the lock for a manifest
        // write keeps every writer waiting, up to FileLock's limit, and sweeps skip their turn).
        let lock = open(sandbox.home + "/jobs/.lock", O_RDWR | O_CLOEXEC)
        defer { close(lock) }
        while true {
            #expect(kill(pid, SIGSTOP) == 0)
            usleep(50_000)
            if flock(lock, LOCK_EX | LOCK_NB) == 0 {
                flock(lock, LOCK_UN)
                break
            }
            kill(pid, SIGCONT)
            usleep(10_000)
        }
        usleep(5_500_000)
        // Its lease has expired: the next command hands the job to a new worker.
        let resumed = try sandbox.describe(jobId)
        #expect(resumed["JobStatus"]?.stringValue == "IN_PROGRESS")
        #expect(Self.number(try Self.manifest(sandbox, jobId)["Attempt"]) == 2)
        #expect(kill(pid, SIGCONT) == 0)
        // The stalled worker wakes up, finds the lease taken at its next renewal, and exits.
        let deadline = Date().addingTimeInterval(60)
        while JobStore.isProcessAlive(pid) && Date() < deadline { usleep(20_000) }
        #expect(!JobStore.isProcessAlive(pid), "the replaced worker is still running")
        let job = try sandbox.waitForEnd(jobId)
        #expect(job["JobStatus"]?.stringValue == "COMPLETED", "\(job) \(sandbox.log(jobId))")
        #expect(sandbox.log(jobId).contains("stopping without writing: Job \(jobId) is no longer run by"))
        let records = try sandbox.records(job)
        #expect(records.count == Self.lines)
        #expect(records.first?.hasPrefix("{\"File\": \"reviews.txt\", \"Line\": 0,") == true)
        #expect(records.last?.hasPrefix("{\"File\": \"reviews.txt\", \"Line\": \(Self.lines - 1),") == true)
        let directory = (sandbox.localPath(job["OutputDataConfig"]?["S3Uri"]?.stringValue ?? "") as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["output.tar.gz"])
    }
}
