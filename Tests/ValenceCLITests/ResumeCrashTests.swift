import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// Issue #11, acceptance item 2: a job's worker killed with SIGKILL at any step of a job (every
/// commit step included: ``CrashPoint`` through the test-only `VALENCE_CRASH_AT=<point>:<n>`)
/// either ends COMPLETED, resumed by a new worker from its last checkpoint, with an archive
/// byte-identical to an uninterrupted run of the same job, or ends FAILED with the cause in its log
/// after its three attempts: never both (no archive beside a FAILED job), never neither (no job
/// left active, no temporary archive left behind).
///
/// Everything runs through the binary as a user runs it: `start` launches the worker with the
/// crash point set; the test then only runs `describe` until the job ends: each describe sweeps,
/// finds the worker's lease dead, and launches the next attempt (without the crash point). The
/// uninterrupted run is a second job over the same input, queued (`--no-worker`) with the first
/// one's `SubmitTime` (the tar member's mtime) and run by `valence worker`. Leases are renewed
/// after every chunk (`VALENCE_LEASE_RENEWAL_SECONDS=0`) and a chunk holds 64 documents
/// (`VALENCE_BATCH_DOCUMENTS`), so the numbered points (`chunk-written:5`, the fifth chunk) fall
/// at the same place on every run, and the input stays small.
@Suite struct ResumeCrashTests {
    /// Every crash point, at the start, middle and end of the job where it recurs. The input gives
    /// 13 chunks; a job writes its manifest at its claim, at the checkpoint naming its archive, at
    /// each chunk's checkpoint and at its end (16 times).
    static let points = [
        "claimed:1", "archive-created:1", "archive-recorded:1",
        "chunk-written:1", "chunk-written:5", "chunk-written:13",
        "archive-synced:1", "archive-synced:6", "archive-synced:13",
        "checkpoint-recorded:1", "checkpoint-recorded:7", "checkpoint-recorded:13",
        "manifest-written:1", "manifest-written:2", "manifest-written:8", "manifest-written:16",
        "manifest-renamed:1", "manifest-renamed:9", "manifest-renamed:16",
        "archive-finished:1", "archive-flushed:1", "archive-renamed:1", "archive-published:1", "ended:1",
    ]
    /// The points after the archive's commit (its rename): nothing is left to resume.
    static let afterCommit: Set = ["archive-renamed:1", "archive-published:1", "ended:1", "manifest-written:16", "manifest-renamed:16"]

    static let crashMessage = "INTERNAL_SERVER_ERROR: The job's worker process stopped unexpectedly."

    @Test(arguments: points)
    func aWorkerKilledAtAnyStepIsResumedToTheSameArchive(point: String) throws {
        let sandbox = try ResumeSandbox()
        let jobId = try sandbox.start(crashAt: point)
        let job = try sandbox.waitForEnd(jobId)
        let name = String(point.prefix { $0 != ":" })
        #expect(sandbox.jobs.log(jobId).contains("crash point \(name) reached"), "\(point) not reached: \(sandbox.jobs.log(jobId))")
        #expect(job["JobStatus"]?.stringValue == "COMPLETED", "\(point): \(job) \(sandbox.jobs.log(jobId))")
        #expect(job["Message"] == nil)
        let attempt = sandbox.manifestMember(jobId, "Attempt")
        #expect(attempt == (Self.afterCommit.contains(point) ? "1" : "2"), "\(point): attempt \(attempt ?? "none")")
        #expect(try sandbox.temporaryFiles(job).isEmpty, "\(point): temporary archives left")
        let expected = try sandbox.archive(sandbox.uninterruptedJob(like: jobId))
        #expect(try sandbox.archive(job) == expected, "\(point): the archive differs from the uninterrupted run's")
    }

    /// A job stopped after its worker died is resumed to its end as STOPPED, with the records of
    /// its last checkpoint or more: the start of the uninterrupted run's records, none missing.
    @Test func aJobStoppedAfterItsWorkerDiedEndsStoppedWithTheRecordsSoFar() throws {
        let sandbox = try ResumeSandbox()
        let jobId = try sandbox.start(crashAt: "chunk-written:5")
        let deadline = Date().addingTimeInterval(60)
        while !sandbox.jobs.log(jobId).contains("crash point chunk-written reached") && Date() < deadline { usleep(20_000) }
        // The stop sweeps first: the job is resumed, then asked to stop.
        let stop = try sandbox.jobs.run("stop-sentiment-detection-job", "--job-id", jobId)
        #expect(stop.status == 0, "\(stop)")
        let job = try sandbox.waitForEnd(jobId)
        #expect(job["JobStatus"]?.stringValue == "STOPPED", "\(job) \(sandbox.jobs.log(jobId))")
        let records = try sandbox.jobs.records(job)
        let all = try sandbox.jobs.records(sandbox.uninterruptedJob(like: jobId))
        #expect(records.count >= 4 * 64 && records.count <= all.count, "\(records.count) records")
        #expect(Array(all.prefix(records.count)) == records)
        #expect(try sandbox.temporaryFiles(job).isEmpty)
    }

    /// When every worker dies (the crash point is set for the workers the sweeps launch too), the
    /// job ends FAILED after its third attempt, with AWS's message, the cause of each attempt in its
    /// log, and no archive: even when each attempt got further than the last.
    @Test(arguments: ["claimed:1", "chunk-written:3"])
    func aJobWhoseEveryWorkerDiesFailsAfterThreeAttempts(point: String) throws {
        let sandbox = try ResumeSandbox()
        let jobId = try sandbox.start(crashAt: point)
        let job = try sandbox.waitForEnd(jobId, crashAt: point)
        #expect(job["JobStatus"]?.stringValue == "FAILED", "\(job) \(sandbox.jobs.log(jobId))")
        #expect(job["Message"]?.stringValue == Self.crashMessage)
        #expect(sandbox.manifestMember(jobId, "Attempt") == "3")
        let log = sandbox.jobs.log(jobId)
        #expect(log.contains("attempt 2 of 3 resumes the job"))
        #expect(log.contains("attempt 3 of 3 resumes the job"))
        #expect(log.contains("no attempts left (3)"))
        if point == "chunk-written:3" {
            // Each attempt went on from the previous one's checkpoint.
            #expect(log.contains("from its checkpoint (128 documents"))
            #expect(log.contains("from its checkpoint (256 documents"))
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.jobs.localPath(job["OutputDataConfig"]?["S3Uri"]?.stringValue ?? "")))
        #expect(try sandbox.temporaryFiles(job).isEmpty)
    }
}

/// A ``JobSandbox`` with the crash tests' input, lease renewal after every chunk, and helpers.
struct ResumeSandbox {
    let jobs: JobSandbox

    init() throws {
        jobs = try JobSandbox(threads: 2)
        jobs.environment["VALENCE_LEASE_RENEWAL_SECONDS"] = "0"
        jobs.environment["VALENCE_BATCH_DOCUMENTS"] = "64"
        // Several files; LF, CRLF and bare CR line ends (a chunk may end between a CR and its LF);
        // an empty line, a BOM, a document over the size limit, invalid UTF-8 ending a file.
        let lines = JobSandbox.reviewLines(count: 780).split(separator: "\n")
        var first = ""
        for (index, line) in lines[..<400].enumerated() { first += line + ["\n", "\r\n", "\r"][index % 3] }
        jobs.put("in-bucket/crash/a.txt", "\u{FEFF}" + first + "\n" + String(repeating: "long ", count: 1_100) + "\n")
        jobs.put("in-bucket/crash/b.txt", lines[400..<780].joined(separator: "\n"))
        jobs.put("in-bucket/crash/c.txt", bytes: Array("fine\nthen bad ".utf8) + [0xC3, 0x28] + Array("\nignored\n".utf8))
    }

    static let input = "s3://in-bucket/crash/"

    /// Starts a job on the input whose worker (launched by `start`) crashes at `point`.
    func start(crashAt point: String) throws -> String {
        let result = try jobs.run(jobs.startArguments(input: Self.input), crashAt: point)
        try #require(result.status == 0, "start: \(result)")
        return try #require(try JobSandbox.field("JobId", in: result.stdout))
    }

    /// The same job run without interruption: a job queued on the same input with `jobId`'s
    /// `SubmitTime`, run by `valence worker`; its properties.
    func uninterruptedJob(like jobId: String) throws -> JSONValue {
        let submitTime = try #require(manifestMember(jobId, "SentimentDetectionJobProperties").flatMap {
            try? JSONValue.parse($0)["SubmitTime"]?.serialized(.line)
        })
        let reference = try jobs.start(input: Self.input, extra: ["--no-worker"])
        let path = jobs.home + "/jobs/\(reference).json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let pinned = text.replacing(try Regex(#""SubmitTime": [0-9.]+"#), with: "\"SubmitTime\": \(submitTime)")
        try pinned.write(toFile: path, atomically: true, encoding: .utf8)
        let worker = try jobs.run("worker", "--job-id", reference)
        try #require(worker.status == 0, "\(worker)")
        let job = try jobs.describe(reference)
        try #require(job["JobStatus"]?.stringValue == "COMPLETED")
        return job
    }

    /// Describes the job until it ends; each describe sweeps, and may launch the next worker.
    func waitForEnd(_ jobId: String, crashAt point: String? = nil) throws -> JSONValue {
        let deadline = Date().addingTimeInterval(120)
        while true {
            let result = try jobs.run(["describe-sentiment-detection-job", "--job-id", jobId], crashAt: point)
            try #require(result.status == 0, "describe: \(result)")
            let properties = try #require(try JSONValue.parse(result.stdout)["SentimentDetectionJobProperties"])
            let status = properties["JobStatus"]?.stringValue ?? ""
            if ["COMPLETED", "FAILED", "STOPPED"].contains(status) || Date() > deadline { return properties }
            usleep(30_000)
        }
    }

    /// The archive's bytes.
    func archive(_ job: JSONValue) throws -> [UInt8] {
        let path = jobs.localPath(try #require(job["OutputDataConfig"]?["S3Uri"]?.stringValue))
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The temporary archives in the job's output directory.
    func temporaryFiles(_ job: JSONValue) throws -> [String] {
        let path = jobs.localPath(try #require(job["OutputDataConfig"]?["S3Uri"]?.stringValue))
        let directory = (path as NSString).deletingLastPathComponent
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".tmp") }
    }

    /// A top-level member of the manifest, as JSON text.
    func manifestMember(_ jobId: String, _ name: String) -> String? {
        guard let data = FileManager.default.contents(atPath: jobs.home + "/jobs/\(jobId).json"),
              let value = try? JSONValue.parse(String(decoding: data, as: UTF8.self))[name] else { return nil }
        return value.serialized(.line)
    }
}

extension JobSandbox {
    /// Runs valence with `VALENCE_CRASH_AT=<point>` (when given) on top of the sandbox's environment.
    func run(_ arguments: [String], crashAt point: String?) throws -> CLIRunner.Result {
        var environment = self.environment
        if let point { environment["VALENCE_CRASH_AT"] = point }
        return try CLIRunner.run(arguments.map { Array($0.utf8) }, environment: environment)
    }
}
