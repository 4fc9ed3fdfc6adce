import Foundation
import Testing
import ValenceTestSupport

/// Issue #3, acceptance item 3, and issue #11 (resume instead of FAIL): a job's worker killed with
/// SIGKILL at any point leaves no partial `output.tar.gz`; the next `valence` command finds its
/// lease dead and launches a new worker, which resumes the job from its last checkpoint and
/// completes it with every record and no temporary archive left behind (ResumeCrashTests kills
/// at every commit step and compares the archives byte for byte).
///
/// Everything runs through the built binary, the way a user runs it: `start` spawns the detached
/// worker, the test reads the worker's pid and progress from the job's manifest, kills the worker,
/// waits until it is dead (a zombie counts: nothing reaps a detached worker in some containers),
/// then runs `describe` until the job ends and checks the output directory.
@Suite(.serialized) struct CrashSafetyTests {
    static let crashMessage = "INTERNAL_SERVER_ERROR: The job's worker process stopped unexpectedly."

    /// A job of this size runs for a few seconds on one thread (debug builds score ~20x slower).
    #if DEBUG
    static let corpusBytes = 1_600_000
    #else
    static let corpusBytes = 24_000_000
    #endif

    enum KillPoint: String, CaseIterable, CustomTestStringConvertible, Sendable {
        /// As soon as `start` returns: the worker is starting up or has just claimed the job.
        case atStart
        /// Once a heartbeat reports at least 35% of the documents.
        case midway
        /// Once a heartbeat reports at least 80% of the documents (the job may beat the kill).
        case late

        var fraction: Double {
            switch self {
            case .atStart: 0
            case .midway: 0.35
            case .late: 0.8
            }
        }

        var testDescription: String { rawValue }
    }

    @Test(arguments: KillPoint.allCases)
    func sigkilledWorkerIsResumedAndTheJobCompletes(at point: KillPoint) throws {
        let sandbox = try CrashSandbox()
        let documents = try sandbox.writeCorpus(bytes: Self.corpusBytes)
        let jobId = try sandbox.start()
        // `start` records the worker's pid before it returns. No `valence` command runs between
        // here and the kill (each would sweep).
        var seen = try #require(sandbox.manifest(jobId: jobId))
        let pid = try #require(seen.workerPid, "no WorkerPid in the manifest after start")
        let outputDirectory = try #require(seen.outputDirectory)
        if point != .atStart {
            let target = Int(Double(documents) * point.fraction)
            let reached = CrashSandbox.poll(timeout: 180) { () -> CrashSandbox.Manifest? in
                guard let manifest = sandbox.manifest(jobId: jobId) else { return nil }
                return manifest.documentsProcessed >= target || manifest.isTerminal ? manifest : nil
            }
            seen = try #require(reached, "the job did not reach \(target) of \(documents) documents in time")
        }
        if point == .midway {
            #expect(!seen.isTerminal, "the job ended before the mid-way kill: make the corpus bigger")
        }

        #expect(kill(pid, SIGKILL) == 0 || seen.isTerminal)
        let died = CrashSandbox.poll(timeout: 20) { CrashSandbox.isAlive(pid) ? nil : true }
        #expect(died == true, "worker \(pid) still alive 20 s after SIGKILL")

        let leftovers = sandbox.temporaryFiles(in: outputDirectory)
        if point == .midway {
            // The worker was writing: its temporary archive is there until a new worker takes over.
            #expect(!leftovers.isEmpty, "no temporary archive in \(outputDirectory) after the kill")
        }

        let job = try sandbox.describeUntilEnd(jobId: jobId)
        #expect(job["JobStatus"] as? String == "COMPLETED", "\(job)")
        #expect(job["Message"] == nil)
        #expect(job["EndTime"] != nil)
        #expect(sandbox.temporaryFiles(in: outputDirectory).isEmpty, "temporary archive files remain")
        #expect(try CrashSandbox.archiveRecordCount(outputDirectory + "/output.tar.gz") == documents)
        if point != .late { #expect(sandbox.attempt(jobId: jobId) == 2, "the job was not resumed by a second worker") }

        // The verdict is final: another command changes nothing.
        let again = try sandbox.describe(jobId: jobId)
        #expect(again["JobStatus"] as? String == "COMPLETED")
        #expect(again["EndTime"] as? Double == job["EndTime"] as? Double)
    }

    /// A manifest left IN_PROGRESS (or SUBMITTED with a launched worker's pid) by a worker that
    /// no longer exists, as a version without leases wrote it (a `WorkerPid`, no `Lease`): once
    /// its last sign of life is a lease's duration old, the next `list-sentiment-detection-jobs`
    /// resumes it with a new worker, which replaces the dead one's temporary archive and completes
    /// the job; other files of the output directory stay.
    @Test(arguments: ["IN_PROGRESS", "SUBMITTED"])
    func jobWithAVanishedWorkerIsResumedByTheNextList(status: String) throws {
        let sandbox = try CrashSandbox()
        sandbox.jobs.environment["VALENCE_LEASE_SECONDS"] = "1"
        let documents = try sandbox.writeCorpus(bytes: 10_000)
        let jobId = try sandbox.start(noWorker: true)
        let outputDirectory = try sandbox.outputDirectory(jobId: jobId)
        #expect(sandbox.manifest(jobId: jobId)?.workerPid == nil)

        let pid = try CrashSandbox.deadPid()
        try sandbox.editManifest(jobId: jobId, status: status, workerPid: pid)
        #expect(sandbox.manifest(jobId: jobId)?.status == status)
        #expect(sandbox.manifest(jobId: jobId)?.workerPid == pid)

        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let temporary = outputDirectory + "/.output.tar.gz.valence-00000000deadbeef.tmp"
        let unrelated = outputDirectory + "/notes.txt"
        try Data("partial".utf8).write(to: URL(fileURLWithPath: temporary))
        try Data("keep".utf8).write(to: URL(fileURLWithPath: unrelated))
        usleep(1_100_000)

        let listed = try sandbox.run("list-sentiment-detection-jobs")
        #expect(listed.status == 0, "\(listed.stderr)")
        let list = try #require(CrashSandbox.json(listed.stdout)?["SentimentDetectionJobPropertiesList"] as? [[String: Any]])
        let job = try #require(list.first { $0["JobId"] as? String == jobId })
        #expect(["SUBMITTED", "IN_PROGRESS", "COMPLETED"].contains(job["JobStatus"] as? String), "\(job)")
        #expect(job["Message"] == nil)
        let done = try sandbox.describeUntilEnd(jobId: jobId)
        #expect(done["JobStatus"] as? String == "COMPLETED", "\(done)")
        #expect(sandbox.attempt(jobId: jobId) == 2)
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(FileManager.default.fileExists(atPath: unrelated))
        #expect(try CrashSandbox.archiveRecordCount(outputDirectory + "/output.tar.gz") == documents)
    }

    /// A live worker is left alone: the sweep of other commands never fails a running job.
    @Test func runningJobIsNotFailedBySweeps() throws {
        let sandbox = try CrashSandbox()
        let documents = try sandbox.writeCorpus(bytes: Self.corpusBytes / 8)
        let jobId = try sandbox.start()
        let pid = try #require(sandbox.manifest(jobId: jobId)?.workerPid)
        for _ in 0..<3 {
            let job = try sandbox.describe(jobId: jobId)
            #expect(job["JobStatus"] as? String != "FAILED")
            #expect(job["Message"] == nil)
        }
        let done = CrashSandbox.poll(timeout: 180) { sandbox.manifest(jobId: jobId).flatMap { $0.isTerminal ? $0 : nil } }
        if done == nil { _ = kill(pid, SIGKILL) }  // only a worker known to be still running
        #expect(done?.status == "COMPLETED")
        let archive = try sandbox.outputDirectory(jobId: jobId) + "/output.tar.gz"
        #expect(try CrashSandbox.archiveRecordCount(archive) == documents)
    }

    /// `start --no-worker` queues the job without a worker (hidden flag, for benchmarks and
    /// tests); `valence worker --job-id` then runs it in the foreground.
    @Test func noWorkerQueuesTheJobForAForegroundWorker() throws {
        let sandbox = try CrashSandbox()
        let documents = try sandbox.writeCorpus(bytes: 50_000)
        let jobId = try sandbox.start(noWorker: true)
        #expect(sandbox.manifest(jobId: jobId)?.workerPid == nil)
        #expect(try sandbox.describe(jobId: jobId)["JobStatus"] as? String == "SUBMITTED")
        let worker = try sandbox.run("worker", "--job-id", jobId)
        #expect(worker.status == 0, "\(worker.stderr)")
        let job = try sandbox.describe(jobId: jobId)
        #expect(job["JobStatus"] as? String == "COMPLETED")
        let archive = try sandbox.outputDirectory(jobId: jobId) + "/output.tar.gz"
        #expect(try CrashSandbox.archiveRecordCount(archive) == documents)

        // A cluster user's first command (issue #14: `--shards N --no-worker`, then an array job).
        let help = try sandbox.run("start-sentiment-detection-job", "--help")
        #expect(help.stdout.contains("--no-worker") && help.stdout.contains("--shards"))
        let both = try sandbox.run("start-sentiment-detection-job", "--no-worker", "--wait")
        #expect(both.status == 252)
        #expect(both.stderr == JobCommandTests.usage("--wait cannot be combined with --no-worker: nothing would run the job."))

    }
}

/// A ``JobSandbox`` (one worker thread, us-east-1) with one input prefix, and helpers to crash
/// and inspect its jobs.
private struct CrashSandbox {
    let jobs: JobSandbox
    var home: String { jobs.home }
    var environment: [String: String] { jobs.environment }

    init() throws {
        jobs = try JobSandbox(region: "us-east-1", threads: 1)
        try FileManager.default.createDirectory(atPath: jobs.s3Root + "/in-bucket/prefix", withIntermediateDirectories: true)
    }

    func run(_ arguments: String...) throws -> CLIRunner.Result {
        try jobs.run(arguments)
    }

    /// Writes about `bytes` of varied English, one document per line, as the job's only input
    /// object; returns the number of lines. Deterministic.
    func writeCorpus(bytes target: Int) throws -> Int {
        let path = jobs.s3Root + "/in-bucket/prefix/corpus.txt"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        let openers = ["", "", "Honestly, ", "Well, ", "Sadly, ", "Wow, ", "To be fair, ", "Update: "]
        let subjects = ["the hotel", "this phone", "the movie", "our waiter", "the update", "the food", "the café",
                        "the service", "this book", "the delivery", "the plot", "the staff", "the app", "the price"]
        let verbs = ["was", "is", "was not", "isn't", "was never", "seems", "looked"]
        let boosters = ["", "", "very ", "extremely ", "kind of ", "so ", "absolutely ", "barely "]
        let adjectives = ["good", "great", "terrible", "awful", "fine", "amazing", "boring", "lovely", "bad",
                          "horrible", "excellent", "okay", "disappointing", "wonderful", "GREAT", "useless"]
        let endings = [".", "!", "!!!", "?", "...", " :)", " :(", " 😀", " 😡", " 👍👍", ""]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func pick(_ items: [String]) -> String {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return items[Int((state >> 33) % UInt64(items.count))]
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var written = 0, lines = 0
        while written + buffer.count < target {
            let sentences = 1 + Int((state >> 40) % 3)
            var line = ""
            for index in 0..<sentences {
                if index > 0 { line += " but " }
                line += pick(openers) + pick(subjects) + " " + pick(verbs) + " " + pick(boosters) + pick(adjectives) + pick(endings)
            }
            buffer += line.utf8
            buffer.append(0x0A)
            lines += 1
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                written += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
        return lines
    }

    /// `start-sentiment-detection-job` on the corpus; returns the job id.
    func start(noWorker: Bool = false) throws -> String {
        var arguments = ["start-sentiment-detection-job", "--language-code", "en",
                         "--input-data-config", "S3Uri=s3://in-bucket/prefix,InputFormat=ONE_DOC_PER_LINE",
                         "--output-data-config", "S3Uri=s3://out-bucket/results/",
                         "--data-access-role-arn", "arn:aws:iam::111122223333:role/r"]
        if noWorker { arguments.append("--no-worker") }
        let result = try CLIRunner.run(arguments.map { Array($0.utf8) }, environment: environment)
        try #require(result.status == 0, "start failed: \(result.stderr)")
        let response = try #require(Self.json(result.stdout))
        #expect(response["JobStatus"] as? String == "SUBMITTED")
        return try #require(response["JobId"] as? String)
    }

    /// Describes the job until it ends (each describe sweeps, and may launch the next worker).
    func describeUntilEnd(jobId: String) throws -> [String: Any] {
        let job = CrashSandbox.poll(timeout: 180) { () -> [String: Any]? in
            guard let job = try? describe(jobId: jobId),
                  ["COMPLETED", "FAILED", "STOPPED"].contains(job["JobStatus"] as? String) else { return nil }
            return job
        }
        return try #require(job, "job \(jobId) did not end; log: \(jobs.log(jobId))")
    }

    /// The manifest's `Attempt`.
    func attempt(jobId: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: "\(home)/jobs/\(jobId).json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["Attempt"] as? Int
    }

    /// The job's properties from `describe-sentiment-detection-job` (which sweeps first).
    func describe(jobId: String) throws -> [String: Any] {
        let result = try run("describe-sentiment-detection-job", "--job-id", jobId)
        try #require(result.status == 0, "describe failed: \(result.stderr)")
        return try #require(Self.json(result.stdout)?["SentimentDetectionJobProperties"] as? [String: Any])
    }

    /// The local directory of the job's `output.tar.gz`, from the URI Describe reports.
    func outputDirectory(jobId: String) throws -> String {
        let job = try describe(jobId: jobId)
        let uri = try #require((job["OutputDataConfig"] as? [String: Any])?["S3Uri"] as? String)
        #expect(uri.hasSuffix("/output/output.tar.gz"))
        return localDirectory(ofObjectURI: uri)
    }

    /// `s3://bucket/key` is `<VALENCE_S3_ROOT>/bucket/key`; the directory holding it.
    func localDirectory(ofObjectURI uri: String) -> String {
        (jobs.localPath(uri) as NSString).deletingLastPathComponent
    }

    /// Names in `directory` that are archive writers' temporary files (`.<name>.valence-<hex>.tmp`).
    func temporaryFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix(".") && $0.hasSuffix(".tmp") && $0.contains(".valence-") }
    }

    struct Manifest {
        var status: String
        var workerPid: Int32?
        var documentsProcessed: Int
        /// The local directory of the job's `output.tar.gz`.
        var outputDirectory: String?
        var isTerminal: Bool { ["COMPLETED", "FAILED", "STOPPED"].contains(status) }
    }

    /// The manifest file as it is now (nil while it cannot be read).
    func manifest(jobId: String) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: "\(home)/jobs/\(jobId).json"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let properties = object["SentimentDetectionJobProperties"] as? [String: Any],
              let status = properties["JobStatus"] as? String,
              let documents = object["DocumentsProcessed"] as? Int else { return nil }
        let uri = (properties["OutputDataConfig"] as? [String: Any])?["S3Uri"] as? String
        return Manifest(status: status, workerPid: (object["WorkerPid"] as? Int).map { Int32($0) }, documentsProcessed: documents,
                        outputDirectory: uri.map(localDirectory(ofObjectURI:)))
    }

    /// Rewrites the manifest as a worker that has since vanished would have left it.
    func editManifest(jobId: String, status: String, workerPid: Int32) throws {
        let path = "\(home)/jobs/\(jobId).json"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let statusRange = try #require(text.range(of: "\"JobStatus\": \"SUBMITTED\""))
        text.replaceSubrange(statusRange, with: "\"JobStatus\": \"\(status)\"")
        let documentsRange = try #require(text.range(of: "\"DocumentsProcessed\""))
        let lineStart = text[..<documentsRange.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        let indent = String(text[lineStart..<documentsRange.lowerBound])
        text.insert(contentsOf: "\"WorkerPid\": \(workerPid),\n" + indent, at: documentsRange.lowerBound)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// Polls `body` every 20 ms until it returns a value or `timeout` seconds pass.
    static func poll<T>(timeout: Double, _ body: () -> T?) -> T? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let value = body() { return value }
            if Date() >= deadline { return nil }
            usleep(20_000)
        }
    }

    /// The process exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")"), stat.distance(from: close, to: stat.endIndex) > 2 {
            let state = stat[stat.index(close, offsetBy: 2)]
            return state != "Z" && state != "X"
        }
        return true
    }

    /// The pid of a process that has exited and been reaped.
    static func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let pid = process.processIdentifier
        try #require(!isAlive(pid))
        return pid
    }

    /// Reads the archive with Python's `tarfile` (which checks every gzip member's CRC): it must
    /// hold exactly one member, `output`, of JSON lines; returns their number.
    static func archiveRecordCount(_ path: String) throws -> Int {
        let script = """
        import json, sys, tarfile
        with tarfile.open(sys.argv[1], "r:gz") as archive:
            members = archive.getmembers()
            assert [m.name for m in members] == ["output"], [m.name for m in members]
            count = 0
            for line in archive.extractfile(members[0]):
                record = json.loads(line)
                assert "File" in record and "Line" in record, record
                count += 1
        print(count)
        """
        let python = try ToolRun.env(["python3", "-c", script, path])
        try #require(python.status == 0, "tarfile rejected \(path): \(python.stderr)")
        return try #require(Int(python.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
