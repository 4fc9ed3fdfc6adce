import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// `JobService` driven directly, as a server would: JSON bodies in and out, a job run in-process,
/// dead workers swept, a worker that cannot start.
@Suite struct JobServiceTests {
    typealias F = JobStoreFixtures
    let directory: TemporaryDirectory
    let service: JobService

    init() throws {
        directory = try TemporaryDirectory()
        let configuration = ValenceConfiguration(
            environment: ["VALENCE_HOME": directory.path, "AWS_REGION": "us-west-2", "VALENCE_LEXICONS": SentimentServiceTests.lexicons],
            flags: .init(threads: 2), currentDirectory: directory.path, executablePath: "", processorCount: 1)
        service = try JobService(configuration: configuration)
    }

    static func array(_ value: JSONValue?) -> [JSONValue]? {
        guard case .array(let items)? = value else { return nil }
        return items
    }

    func status(_ jobId: String) throws -> String? {
        try service.describe(.object([("JobId", .string(jobId))]))["SentimentDetectionJobProperties"]?["JobStatus"]?.stringValue
    }

    @Test func aQueuedJobRunsInProcessToCompletion() throws {
        try directory.write("s3/amzn-s3-demo-bucket/MovieData/a.txt", "I love this movie.")
        let response = try service.start(F.startBody(), launchesWorker: false)
        #expect(response.jobStatus == .submitted)
        #expect(response.jobArn == "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/" + response.jobId)
        #expect(try status(response.jobId) == "SUBMITTED")
        let manifest = try service.runJob(jobId: response.jobId)
        #expect(manifest.status == .completed && manifest.documentsProcessed == 1)
        #expect(try status(response.jobId) == "COMPLETED")
        let archive = directory.path("s3/amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-\(response.jobId)/output/output.tar.gz")
        #expect(FileManager.default.fileExists(atPath: archive))
    }

    @Test func theAWSCLIPaginatorFollowsEveryPageAndResumes() throws {
        let ids = try (0..<3).map { _ in try service.start(F.startBody(), launchesWorker: false).jobId }
        let page = try service.list(.object([("MaxResults", .int(1))]))
        #expect(Self.array(page["SentimentDetectionJobPropertiesList"])?.count == 1)
        #expect(page["NextToken"]?.stringValue != nil)
        let paginator = try #require(ServiceModel.comprehend.operation("ListSentimentDetectionJobs").paginator)
        func listed(_ options: PagingOptions) throws -> (ids: [String], token: String?) {
            let paged = try ListPaginator.pages(.object([]), paginator: paginator, options: options) { try service.list($0) }
            let full = paged.fullResult
            return (Self.array(full["SentimentDetectionJobPropertiesList"])?.compactMap { $0["JobId"]?.stringValue } ?? [],
                    full["NextToken"]?.stringValue)
        }
        let all = try listed(PagingOptions(pageSize: 1))
        #expect(Set(all.ids) == Set(ids) && all.ids.count == 3 && all.token == nil)
        // --max-items on a page boundary, then in the middle of a page (botocore's boto_truncate_amount).
        for (maxItems, pageSize) in [(2, 1), (1, 2), (2, 2)] {
            let first = try listed(PagingOptions(maxItems: maxItems, pageSize: pageSize))
            #expect(first.ids == Array(all.ids.prefix(maxItems)))
            let token = try #require(first.token)
            let rest = try listed(PagingOptions(startingToken: token, pageSize: pageSize))
            #expect(first.ids + rest.ids == all.ids, "max-items \(maxItems), page size \(pageSize)")
        }
    }

    /// A service whose workers die as soon as they start (`/bin/false`): what a job whose
    /// workers keep crashing looks like to the sweeps.
    func dyingWorkers() throws -> JobService {
        try JobService(configuration: service.configuration, workerExecutable: "/bin/false")
    }

    /// Describes the job until it leaves the active states (each describe sweeps, and resumes the
    /// job with a new worker that dies at once).
    func finalStatus(_ service: JobService, _ jobId: String) throws -> JSONValue? {
        for _ in 0..<200 {
            let properties = try service.describe(.object([("JobId", .string(jobId))]))["SentimentDetectionJobProperties"]
            if let status = properties?["JobStatus"]?.stringValue, !["SUBMITTED", "IN_PROGRESS", "STOP_REQUESTED"].contains(status) {
                return properties
            }
            usleep(20_000)
        }
        return nil
    }

    /// A job whose worker is gone is resumed by the next operations (a new worker each, up to
    /// three in all), then FAILED with AWS's message; its log says what happened to each attempt.
    @Test func aJobWhoseWorkersAreGoneIsResumedThenFailed() throws {
        let dying = try dyingWorkers()
        let jobId = try dying.start(F.startBody(), launchesWorker: false).jobId
        _ = try dying.store.recordWorkerLaunch(jobId: jobId, pid: try WorkerCrashTests.deadPid())
        let properties = try finalStatus(dying, jobId)
        #expect(properties?["JobStatus"]?.stringValue == "FAILED")
        #expect(properties?["Message"]?.stringValue == "INTERNAL_SERVER_ERROR: The job's worker process stopped unexpectedly.")
        #expect(try dying.store.manifest(jobId: jobId).attempt == 3)
        let log = try String(contentsOfFile: dying.store.layout.logPath(jobId: jobId), encoding: .utf8)
        #expect(log.contains("attempt 2 of 3 resumes the job from the start"))
        #expect(log.contains("attempt 3 of 3 resumes the job from the start"))
        #expect(log.contains("no attempts left (3)"))
    }

    /// A process stalled while it holds the store's lock (a worker stopped in the middle of a
    /// manifest write) does not hang the reading operations: their sweep waits a second for the
    /// lock and skips its turn; Describe and List read without it.
    @Test func aStalledLockHolderDoesNotHangDescribeOrList() throws {
        let jobId = try service.start(F.startBody(), launchesWorker: false).jobId
        let lock = open(service.store.layout.lockPath, O_RDWR | O_CLOEXEC)
        try #require(lock >= 0)
        defer { close(lock) }
        try #require(flock(lock, LOCK_EX) == 0)
        let started = Date()
        #expect(try status(jobId) == "SUBMITTED")
        #expect(Self.array(try service.list(.object([]))["SentimentDetectionJobPropertiesList"])?.count == 1)
        #expect(Date().timeIntervalSince(started) < 10)
        let error = F.error { _ = try service.store.reclaimDeadLeases() }
        #expect(error?.code == .internalServer && error?.message.contains("has been locked by another process") == true)
        flock(lock, LOCK_UN)
    }

    /// Issue #11 defect 5: `start` wrote the manifest and died before it launched the worker.
    /// Such a job is failed after a minute instead of staying SUBMITTED for ever (ten of them
    /// blocked every new start); a job queued for `valence worker` (`--no-worker`) is not.
    @Test func defect5_aJobWhoseStartDiedBeforeLaunchingItsWorkerIsFailedAfterAMinute() throws {
        let twoMinutesAgo = EpochTime(milliseconds: EpochTime.now().milliseconds - 120_000)
        let earlier = JobStore(home: directory.path, region: "us-west-2", now: { twoMinutesAgo })
        let request = try StartSentimentDetectionJobRequest(json: F.startBody())
        let orphan = try earlier.start(request, awaitsWorker: true).jobId
        let queued = try earlier.start(request, awaitsWorker: false).jobId
        let recent = try service.store.start(request, awaitsWorker: true).jobId
        #expect(try status(orphan) == "FAILED")
        let message = try service.describe(.object([("JobId", .string(orphan))]))["SentimentDetectionJobProperties"]?["Message"]?.stringValue
        #expect(message == "INTERNAL_SERVER_ERROR: The job's worker process was never started.")
        #expect(try status(queued) == "SUBMITTED")
        #expect(try status(recent) == "SUBMITTED")
        // A recorded launch ends the wait: the dead-worker rules take over from there.
        _ = try service.store.recordWorkerLaunch(jobId: recent, pid: getpid())
        #expect(try service.store.manifest(jobId: recent).awaitsWorker == false)
    }

    /// Issue #11 defect 3: the worker was killed after the archive's rename (the commit) and before
    /// the manifest said so. The job ends COMPLETED (STOPPED when a stop was asked), never FAILED
    /// beside a complete archive; without the archive it is FAILED as before.
    @Test(arguments: [(false, true, "COMPLETED"), (true, true, "STOPPED"), (false, false, "FAILED")])
    func defect3_aWorkerKilledAfterItsCommitLeavesTheJobFinished(stopAsked: Bool, archived: Bool, expected: String) throws {
        let dying = try dyingWorkers()
        let jobId = try dying.start(F.startBody(), launchesWorker: false).jobId
        _ = try dying.store.markInProgress(jobId: jobId, pid: try WorkerCrashTests.deadPid())
        if stopAsked { _ = try dying.store.perform(.stopSentimentDetectionJob, body: .object([("JobId", .string(jobId))])) }
        if archived {
            _ = try directory.write("s3/amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-\(jobId)/output/output.tar.gz", "archive")
        }
        #expect(try finalStatus(dying, jobId)?["JobStatus"]?.stringValue == expected)
    }

    @Test func aWorkerThatCannotStartFailsTheJob() throws {
        let broken = try JobService(configuration: service.configuration, workerExecutable: directory.path("no-such-valence"))
        let error = #expect(throws: WorkerLaunchError.self) { try broken.start(F.startBody()) }
        #expect(error?.message == "could not start a worker process: No such file or directory")
        let jobs = Self.array(try broken.list(.object([]))["SentimentDetectionJobPropertiesList"]) ?? []
        #expect(jobs.count == 1)
        #expect(jobs.first?["Message"]?.stringValue == "INTERNAL_SERVER_ERROR: could not start a worker process (No such file or directory)")
    }

    @Test func detectSentimentAnswersWithComprehendsBody() throws {
        let response = try service.detectSentiment(text: "I love this movie.", languageCode: "en")
        #expect(response == .object([
            ("Sentiment", .string("POSITIVE")),
            ("SentimentScore", .object([
                // The English calibration of issue #15 (a fitted MIXED row reading mixed-units.tsv); same as
                // `valence detect-sentiment`.
                ("Positive", .number("0.8277360796928406")), ("Negative", .number("0.03193095326423645")),
                ("Neutral", .number("0.1062094196677208")), ("Mixed", .number("0.03412355110049248")),
            ])),
        ]))
        let batch = try service.batchDetectSentiment(textList: ["good", "bad"], languageCode: "en")
        let sentiments = Self.array(batch["ResultList"])?.map { [$0["Index"], $0["Sentiment"]] }
        #expect(sentiments == [[.number("0"), .string("POSITIVE")], [.number("1"), .string("NEGATIVE")]])
        #expect(Self.array(batch["ErrorList"]) == [])
    }
}

/// Issue #11 defect 7: a truncated manifest no longer vanishes from List, nor frees its token.
@Suite struct DamagedManifestTests {
    typealias F = JobStoreFixtures

    @Test func defect7_aTruncatedManifestIsReportedByListAndDescribeAndBlocksItsToken() throws {
        let directory = try TemporaryDirectory()
        let store = JobStore(home: directory.path, region: "us-west-2")
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(extra: #""ClientRequestToken": "token-1""#))
        let damaged = try store.start(request).jobId
        let other = try store.start(StartSentimentDetectionJobRequest(json: F.startBody())).jobId
        let path = store.layout.manifestPath(jobId: damaged)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try String(text.prefix(text.count / 2)).write(toFile: path, atomically: false, encoding: .utf8)

        let listed = #expect(throws: ServiceError.self) { _ = try store.list(ListSentimentDetectionJobsRequest(json: .object([]))) }
        #expect(listed?.code == .internalServer)
        #expect(listed?.message.contains("job manifest \(path) is unreadable") == true, "\(String(describing: listed))")
        let described = #expect(throws: ServiceError.self) { _ = try store.manifest(jobId: damaged) }
        #expect(described?.message.contains(path) == true)
        // The same token again: refused, not a second job.
        let retried = #expect(throws: ServiceError.self) { _ = try store.start(request) }
        #expect(retried?.code == .internalServer)
        // Other jobs are still there, and a request without a token still starts.
        #expect(try store.manifest(jobId: other).status == .submitted)
        _ = try store.start(StartSentimentDetectionJobRequest(json: F.startBody()))
    }
}
