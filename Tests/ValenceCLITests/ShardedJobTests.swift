import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// Issue #14: one job run as N shards by N `valence worker` processes (as an array job of Slurm,
/// Kubernetes or AWS Batch runs them, each told its index by the engine's variable) gives exactly
/// the records of a one-machine job; a shard killed and re-run resumes; a second process for a
/// shard leaves it to the first; Stop stops every shard; a failing shard fails the job.
@Suite(.serialized) struct ShardedJobTests {
    /// The array-index variables of the three engines, used in turn.
    static let engineVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"]

    #if DEBUG
    static let bigFileBytes = 3 << 19
    static let longJobLines = 60_000
    #else
    static let bigFileBytes = 50 << 20
    static let longJobLines = 600_000
    #endif

    /// Many small files (every line terminator, empty lines, a BOM), one big file that the plan
    /// splits, lines over the size limit, and files with an invalid UTF-8 byte (before and after
    /// where a cut may fall).
    static func sandbox() throws -> JobSandbox {
        let sandbox = try JobSandbox(threads: 1)
        var random = TestRandom(seed: 14)
        let terminators = ["\n", "\r\n", "\r"]
        for file in 0..<24 {
            var text = file % 5 == 0 ? "\u{FEFF}" : ""
            for line in 0..<(5 + random.below(60)) {
                switch random.below(12) {
                case 0: break
                case 1: text += String(repeating: "too long ", count: 600)
                case 2: text += "Ça va très bien, 很好, merci \(line)"
                default: text += "file \(file) line \(line): the film was great but the ending was awful"
                }
                text += terminators[random.below(3)]
            }
            sandbox.put("in-bucket/mixed/small-\(String(file, radix: 10)).txt", text)
        }
        var bad = Array(JobSandbox.reviewLines(count: 400).utf8)
        bad.insert(0xFF, at: bad.count / 3)
        sandbox.put("in-bucket/mixed/bad-encoding.txt", bytes: bad)
        var big = ""
        var line = 0
        while big.utf8.count < bigFileBytes {
            big += JobSandbox.reviewLines(count: 500, from: line)
            big += String(repeating: "long ", count: 1100) + "\r\n"
            line += 501
        }
        sandbox.put("in-bucket/mixed/big.txt", big)
        return sandbox
    }

    /// The `output` of a one-machine job on the same input.
    static func reference(_ sandbox: JobSandbox) throws -> (output: Data, documents: Int?) {
        let result = try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/mixed/", output: "s3://out-bucket/one/", extra: ["--wait"]))
        try #require(result.status == 0, "\(result)")
        let jobId = try #require(try JobSandbox.field("JobId", in: result.stdout))
        let properties = try sandbox.describe(jobId)
        try #require(properties["JobStatus"]?.stringValue == "COMPLETED")
        let manifest = try LeaseTests.manifest(sandbox, jobId)
        return (try sandbox.output(properties), LeaseTests.number(manifest["DocumentsProcessed"]))
    }

    /// Queues a job of `shards` shards for `valence worker` (as a cluster user does).
    static func queue(_ sandbox: JobSandbox, shards: Int, input: String = "s3://in-bucket/mixed/") throws -> String {
        try sandbox.start(input: input, output: "s3://out-bucket/sharded/", extra: ["--shards", String(shards), "--no-worker"])
    }

    /// `valence worker --job-id J` with shard `index` given by an engine's variable.
    static func worker(_ sandbox: JobSandbox, _ jobId: String, index: Int) throws -> CLIRunner.Result {
        try CLIRunner.run(["worker", "--job-id", jobId].map { Array($0.utf8) },
                          environment: sandbox.environment.merging([engineVariables[index % 3]: String(index)]) { $1 })
    }

    /// A worker for shard `index` running in the background.
    static func spawnWorker(_ sandbox: JobSandbox, _ jobId: String, index: Int, extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["worker", "--job-id", jobId, "--shard-index", String(index)]
        var environment = ProcessInfo.processInfo.environment
        environment["VALENCE_LEXICONS"] = Repository.lexicons.path
        environment.merge(sandbox.environment.merging(extra) { $1 }) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func shardState(_ sandbox: JobSandbox, _ jobId: String, _ index: Int) throws -> JSONValue? {
        guard case .array(let states)? = try LeaseTests.manifest(sandbox, jobId)["Shards"]?["States"] else { return nil }
        return states[index]
    }

    /// Waits until shard `index` has checkpointed some documents.
    static func waitUntilRunning(_ sandbox: JobSandbox, _ jobId: String, _ index: Int) throws {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let state = try shardState(sandbox, jobId, index), state["Checkpoint"] != nil,
               (LeaseTests.number(state["Documents"]) ?? 0) > 0 { return }
            usleep(20_000)
        }
        Issue.record("shard \(index) of \(jobId) never checkpointed; log: \(sandbox.log(jobId))")
    }

    /// 1, 2, 3, 4 and 8 shards, each run by a `valence worker` told its index by an engine's
    /// variable, in a random order (the last one merges); then 3 shards launched by `start`.
    @Test func shardsInAnyFinishingOrderGiveTheOneMachineOutput() throws {
        let sandbox = try Self.sandbox()
        let (expected, documents) = try Self.reference(sandbox)
        for shards in [1, 2, 3, 4, 8] {
            let jobId = try Self.queue(sandbox, shards: shards)
            var random = TestRandom(seed: UInt64(shards))
            var order = Array(0..<shards)
            for i in order.indices.reversed() { order.swapAt(i, random.below(i + 1)) }
            for (step, index) in order.enumerated() {
                let result = try Self.worker(sandbox, jobId, index: index)
                #expect(result.status == 0, "shard \(index) of \(shards): \(result)")
                guard step < shards - 1 else { break }
                // Until the last shard: IN_PROGRESS, and `valence merge` names the missing shards.
                #expect(try sandbox.describe(jobId)["JobStatus"]?.stringValue == "IN_PROGRESS")
                let merge = try sandbox.run("merge", "--job-id", jobId)
                #expect(merge.status == 1 && merge.stderr.contains("not finished"), "\(merge)")
                #expect(merge.stderr.contains(String(order[step + 1])), "\(merge)")
            }
            let properties = try sandbox.describe(jobId)
            #expect(properties["JobStatus"]?.stringValue == "COMPLETED", "\(shards) shards; log: \(sandbox.log(jobId))")
            let output = try sandbox.output(properties)
            #expect(output == expected, "\(shards) shards: \(output.count) bytes, \(expected.count) expected")
            #expect(LeaseTests.number(try LeaseTests.manifest(sandbox, jobId)["DocumentsProcessed"]) == documents)
            #expect(!FileManager.default.fileExists(atPath: sandbox.home + "/shards/\(jobId)"), "parts left behind")
            // Merging again, or re-running a shard, changes nothing.
            #expect(try sandbox.run("merge", "--job-id", jobId).status == 0)
            let rerun = try Self.worker(sandbox, jobId, index: 0)
            #expect(rerun.status == 0 && rerun.stdout.contains("nothing to do"), "\(rerun)")
            #expect(try sandbox.output(try sandbox.describe(jobId)) == expected)
        }
        let result = try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/mixed/", output: "s3://out-bucket/local/",
                                                            extra: ["--shards", "3", "--wait"]))
        #expect(result.status == 0, "\(result)")
        let jobId = try #require(try JobSandbox.field("JobId", in: result.stdout))
        let properties = try sandbox.describe(jobId)
        #expect(properties["JobStatus"]?.stringValue == "COMPLETED", "log: \(sandbox.log(jobId))")
        #expect(try sandbox.output(properties) == expected)
        // zstd parts (whole frames) join the same way.
        let zstd = try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/mixed/", output: "s3://out-bucket/zstd/",
                                                          extra: ["--shards", "2", "--compression", "zstd", "--wait"]))
        #expect(zstd.status == 0, "\(zstd)")
        let zstdJob = try sandbox.describe(try #require(try JobSandbox.field("JobId", in: zstd.stdout)))
        let uri = try #require(zstdJob["OutputDataConfig"]?["S3Uri"]?.stringValue)
        #expect(uri.hasSuffix("/output.tar.zst"))
        let tar = try ToolRun.env(["tar", "--zstd", "-xOf", sandbox.localPath(uri), "output"])
        #expect(tar.status == 0 && tar.output == expected, "\(tar.stderr)")
    }

    @Test func aShardKilledMidRunIsResumedByItsRerun() throws {
        let sandbox = try JobSandbox(threads: 1)
        sandbox.environment["VALENCE_LEASE_RENEWAL_SECONDS"] = "0.05"
        sandbox.environment["VALENCE_BATCH_DOCUMENTS"] = "64"
        sandbox.put("in-bucket/long/reviews.txt", JobSandbox.reviewLines(count: Self.longJobLines))
        let reference = try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/long/", output: "s3://out-bucket/one/", extra: ["--wait"]))
        let expected = try sandbox.output(try sandbox.describe(try #require(try JobSandbox.field("JobId", in: reference.stdout))))
        let jobId = try Self.queue(sandbox, shards: 2, input: "s3://in-bucket/long/")
        let victim = try Self.spawnWorker(sandbox, jobId, index: 1)
        try Self.waitUntilRunning(sandbox, jobId, 1)
        #expect(victim.isRunning, "the shard ended before it could be killed")
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(try Self.shardState(sandbox, jobId, 1)?["Part"] == nil)
        #expect(try Self.worker(sandbox, jobId, index: 0).status == 0)
        let rerun = try Self.worker(sandbox, jobId, index: 1)
        #expect(rerun.status == 0, "\(rerun)")
        let properties = try sandbox.describe(jobId)
        #expect(properties["JobStatus"]?.stringValue == "COMPLETED", "log: \(sandbox.log(jobId))")
        #expect(try sandbox.output(properties) == expected)
        #expect(sandbox.log(jobId).contains("shard 1: attempt 2"), "log: \(sandbox.log(jobId))")
    }

    /// `start --shards 2` launches the shards here; one is killed; the next command's sweep sees
    /// its lease dead (the pid is gone) and launches the worker that resumes it.
    @Test func aLocalShardKilledIsResumedByTheNextCommand() throws {
        let sandbox = try JobSandbox(threads: 1)
        sandbox.environment["VALENCE_LEASE_RENEWAL_SECONDS"] = "0.05"
        sandbox.environment["VALENCE_BATCH_DOCUMENTS"] = "64"
        sandbox.put("in-bucket/long/reviews.txt", JobSandbox.reviewLines(count: Self.longJobLines))
        let jobId = try sandbox.start(input: "s3://in-bucket/long/", output: "s3://out-bucket/local/", extra: ["--shards", "2"])
        try Self.waitUntilRunning(sandbox, jobId, 0)
        let pid = try #require(LeaseTests.number(try Self.shardState(sandbox, jobId, 0)?["Lease"]?["Pid"]))
        kill(Int32(pid), SIGKILL)
        let properties = try sandbox.waitForEnd(jobId)
        #expect(properties["JobStatus"]?.stringValue == "COMPLETED", "log: \(sandbox.log(jobId))")
        #expect(try sandbox.records(properties).count == Self.longJobLines)
        #expect(sandbox.log(jobId).contains("attempt 2 of 3 resumes the shard"), "log: \(sandbox.log(jobId))")
    }

    /// The last shard's worker dies right after finishing its part, before it merges (crash point
    /// `ended`): every part is finished and the job still IN_PROGRESS. Once a lease has passed
    /// with no merge, the next command's sweep merges it: COMPLETED, the one-machine output.
    @Test func aJobWhoseLastShardDiedBeforeMergingIsMergedByTheNextCommand() throws {
        let sandbox = try Self.sandbox()
        let (expected, _) = try Self.reference(sandbox)
        sandbox.environment["VALENCE_LEASE_SECONDS"] = "2"
        sandbox.environment["VALENCE_LEASE_RENEWAL_SECONDS"] = "0.05"
        let jobId = try Self.queue(sandbox, shards: 2)
        #expect(try Self.worker(sandbox, jobId, index: 0).status == 0)
        let victim = try Self.spawnWorker(sandbox, jobId, index: 1, extra: ["VALENCE_CRASH_AT": "ended:1"])
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal, "the last shard was to be killed before its merge")
        #expect(try Self.shardState(sandbox, jobId, 1)?["Part"] != nil)
        #expect(try LeaseTests.manifest(sandbox, jobId)["SentimentDetectionJobProperties"]?["JobStatus"]?.stringValue == "IN_PROGRESS")
        usleep(2_300_000)
        let properties = try sandbox.describe(jobId)
        #expect(properties["JobStatus"]?.stringValue == "COMPLETED", "log: \(sandbox.log(jobId))")
        #expect(try sandbox.output(properties) == expected)
        #expect(sandbox.log(jobId).contains("no merge followed"), "log: \(sandbox.log(jobId))")
        #expect(!FileManager.default.fileExists(atPath: sandbox.home + "/shards/\(jobId)"), "parts left behind")
    }

    @Test func aSecondProcessForAShardExitsCleanlyWhileTheFirstRunsIt() throws {
        let sandbox = try JobSandbox(threads: 1)
        sandbox.environment["VALENCE_LEASE_RENEWAL_SECONDS"] = "0.05"
        sandbox.put("in-bucket/long/reviews.txt", JobSandbox.reviewLines(count: 4 * Self.longJobLines))
        let jobId = try Self.queue(sandbox, shards: 2, input: "s3://in-bucket/long/")
        let first = try Self.spawnWorker(sandbox, jobId, index: 0)
        try Self.waitUntilRunning(sandbox, jobId, 0)
        // The second sees the first's lease renewed (every 0.05 s) and leaves: how fast the first
        // scores must leave it running for a renewal after the second starts. (With renewals every
        // 0.5 s, a faster reader let the first finish its shard before the second looked.)
        let second = try sandbox.run("worker", "--job-id", jobId, "--shard-index", "0")
        #expect(second.status == 0 && second.stdout.contains("nothing to do") && second.stdout.contains("is run by"), "\(second)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(try Self.worker(sandbox, jobId, index: 1).status == 0)
        let properties = try sandbox.describe(jobId)
        #expect(properties["JobStatus"]?.stringValue == "COMPLETED")
        #expect(try sandbox.records(properties).count == 4 * Self.longJobLines)
    }

    @Test func stopEndsEveryShardWithItsRecordsSoFar() throws {
        let sandbox = try JobSandbox(threads: 1)
        sandbox.environment["VALENCE_LEASE_RENEWAL_SECONDS"] = "0.05"
        sandbox.put("in-bucket/long/reviews.txt", JobSandbox.reviewLines(count: Self.longJobLines))
        let jobId = try Self.queue(sandbox, shards: 2, input: "s3://in-bucket/long/")
        let workers = try (0..<2).map { try Self.spawnWorker(sandbox, jobId, index: $0) }
        for index in 0..<2 { try Self.waitUntilRunning(sandbox, jobId, index) }
        #expect(try sandbox.run("stop-sentiment-detection-job", "--job-id", jobId).status == 0)
        for worker in workers { worker.waitUntilExit() }
        let properties = try sandbox.describe(jobId)
        #expect(properties["JobStatus"]?.stringValue == "STOPPED", "log: \(sandbox.log(jobId))")
        let records = try sandbox.records(properties)
        #expect(records.count < Self.longJobLines)
        #expect(LeaseTests.number(try LeaseTests.manifest(sandbox, jobId)["DocumentsProcessed"]) == records.count)
        // Each shard's records are a run of consecutive lines: shard 0 from line 0, shard 1 from its cut.
        let lines = records.compactMap { LeaseTests.number(try? JSONValue.parse($0)["Line"]) }
        let breaks = zip(lines, lines.dropFirst()).filter { $1 != $0 + 1 }.count
        #expect(lines.first == 0 && breaks <= 1, "lines \(lines.prefix(3))...")
    }

    @Test func aFailingShardFailsTheJobWithItsIndexAndCause() throws {
        let sandbox = try Self.sandbox()
        let jobId = try Self.queue(sandbox, shards: 2)
        #expect(try Self.worker(sandbox, jobId, index: 0).status == 0)
        // The input changes under the job (shard 0 planned it): shard 1 cannot read what was planned.
        try FileManager.default.removeItem(atPath: sandbox.s3Root + "/in-bucket/mixed/small-9.txt")
        #expect(try Self.worker(sandbox, jobId, index: 1).status == 0)
        let properties = try sandbox.describe(jobId)
        #expect(properties["JobStatus"]?.stringValue == "FAILED")
        let message = properties["Message"]?.stringValue ?? ""
        #expect(message.hasPrefix("INTERNAL_SERVER_ERROR: The job's input changed") && message.contains("(shard 1 of 2: "), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.home + "/shards/\(jobId)"), "parts left behind")
        let rerun = try Self.worker(sandbox, jobId, index: 0)
        #expect(rerun.status == 0 && rerun.stdout.contains("the job is FAILED"), "\(rerun)")
        let merge = try sandbox.run("merge", "--job-id", jobId)
        #expect(merge.status == 1, "\(merge)")
    }

    @Test func anUnwritableOutputFailsTheJobAtItsFirstShard() throws {
        let sandbox = try JobSandbox(threads: 1)
        sandbox.put("in-bucket/small/a.txt", JobSandbox.reviewLines(count: 50))
        sandbox.put("out-bucket/blocked", "a file where the output folder should go")
        let jobId = try sandbox.start(input: "s3://in-bucket/small/", output: "s3://out-bucket/blocked/",
                                      extra: ["--shards", "2", "--no-worker"])
        #expect(try Self.worker(sandbox, jobId, index: 1).status == 0)
        let properties = try sandbox.describe(jobId)
        #expect(properties["JobStatus"]?.stringValue == "FAILED")
        let message = properties["Message"]?.stringValue ?? ""
        #expect(message.hasPrefix("NO_WRITE_ACCESS_TO_OUTPUT: ") && message.contains("(shard 1 of 2"), "\(message)")
    }
}
