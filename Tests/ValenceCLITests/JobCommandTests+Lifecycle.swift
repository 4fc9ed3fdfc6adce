import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// The job lifecycle through the CLI (spec §13 #17–24): start, describe, stop, list, idempotency,
/// and Valence's `--compression`.
extension JobCommandTests {
    // MARK: - #17 Start's response

    @Test func item17_startReturnsSubmittedWithArn() throws {
        let sandbox = try JobSandbox(region: "eu-central-1")
        sandbox.put("in-bucket/docs/a.txt", "A fine day.")
        let result = try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", role: "arn:aws:iam::444455556666:role/comprehend"))
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let jobId = try #require(try JobSandbox.field("JobId", in: result.stdout))
        #expect(jobId.utf8.count == 32 && jobId.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        #expect(result.stdout == """
            {
                "JobId": "\(jobId)",
                "JobArn": "arn:aws:comprehend:eu-central-1:444455556666:sentiment-detection-job/\(jobId)",
                "JobStatus": "SUBMITTED"
            }

            """)
        // The partition comes from the role ARN too; every start is a new job.
        sandbox.environment["AWS_REGION"] = "cn-north-1"
        let china = try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", role: "arn:aws-cn:iam::111122223333:role/r"))
        let chinaId = try #require(try JobSandbox.field("JobId", in: china.stdout))
        #expect(chinaId != jobId)
        #expect(china.stdout.contains("\"JobArn\": \"arn:aws-cn:comprehend:cn-north-1:111122223333:sentiment-detection-job/\(chinaId)\""))
        #expect(sandbox.storedJobCount == 2)
    }

    // MARK: - #18 Describe through the lifecycle

    @Test func item18_describeProgressesToCompletedWithEndTimeAndNoMessage() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/reviews.txt", JobSandbox.reviewLines(count: 4000))
        let jobId = try sandbox.start(input: "s3://in-bucket/docs/")
        var seen: [String] = []
        var submitTime: JSONValue?
        let deadline = Date().addingTimeInterval(60)
        while true {
            let properties = try sandbox.describe(jobId)
            let status = try #require(properties["JobStatus"]?.stringValue)
            if seen.last != status { seen.append(status) }
            // SubmitTime always, the same each time; EndTime exactly in the final states; no Message.
            #expect(properties["SubmitTime"] != nil)
            if submitTime == nil { submitTime = properties["SubmitTime"] }
            #expect(properties["SubmitTime"] == submitTime)
            #expect((properties["EndTime"] != nil) == ["COMPLETED", "FAILED", "STOPPED"].contains(status))
            #expect(properties["Message"] == nil)
            if status == "COMPLETED" || status == "FAILED" || Date() > deadline { break }
            usleep(20_000)
        }
        #expect(seen.last == "COMPLETED")
        // Statuses only move forward: SUBMITTED → IN_PROGRESS → COMPLETED (fast jobs skip the middle ones).
        let order = ["SUBMITTED", "IN_PROGRESS", "COMPLETED"]
        let ranks = seen.map { order.firstIndex(of: $0) ?? -1 }
        #expect(!ranks.contains(-1) && ranks == ranks.sorted(), "statuses seen: \(seen)")
        let final = try sandbox.describe(jobId)
        let submit = try #require(JobSandbox.seconds(final["SubmitTime"]))
        let end = try #require(JobSandbox.seconds(final["EndTime"]))
        #expect(end >= submit)
        #expect(abs(submit - Date().timeIntervalSince1970) < 120)
        #expect(try sandbox.records(final).count == 4000)
    }

    // MARK: - #19 What Describe echoes

    @Test func item19_describeEchoesTheRequestButNotTagsOrToken() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/a.txt", "The food was wonderful.")
        let jobId = try sandbox.start(input: "s3://in-bucket/docs/", format: nil,
            output: "s3://out-bucket/results/,KmsKeyId=alias/ExampleAlias",
            extra: ["--volume-kms-key-id", "1234abcd-12ab-34cd-56ef-1234567890ab",
                    "--vpc-config", "SecurityGroupIds=sg-03b388029b0a285ea,Subnets=subnet-04ccf456919e69055,subnet-2",
                    "--tags", "Key=team,Value=reviews", "Key=stage", "--client-request-token", "echo-test-1"])
        let properties = try sandbox.waitForEnd(jobId)
        #expect(properties["JobStatus"]?.stringValue == "COMPLETED")
        let describe = try sandbox.run("describe-sentiment-detection-job", "--job-id", jobId)
        #expect(describe.status == 0)
        let expected = """
            {
                "SentimentDetectionJobProperties": {
                    "JobId": "\(jobId)",
                    "JobArn": "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/\(jobId)",
                    "JobStatus": "COMPLETED",
                    "SubmitTime": <time>,
                    "EndTime": <time>,
                    "InputDataConfig": {
                        "S3Uri": "s3://in-bucket/docs/",
                        "InputFormat": "ONE_DOC_PER_FILE"
                    },
                    "OutputDataConfig": {
                        "S3Uri": "s3://out-bucket/results/111122223333-SENTIMENT-\(jobId)/output/output.tar.gz",
                        "KmsKeyId": "alias/ExampleAlias"
                    },
                    "LanguageCode": "en",
                    "DataAccessRoleArn": "\(Self.role)",
                    "VolumeKmsKeyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
                    "VpcConfig": {
                        "SecurityGroupIds": [
                            "sg-03b388029b0a285ea"
                        ],
                        "Subnets": [
                            "subnet-04ccf456919e69055",
                            "subnet-2"
                        ]
                    }
                }
            }

            """
        JobSandbox.expectLines(JobSandbox.maskingTimes(describe.stdout), expected)
        #expect(!describe.stdout.contains("JobName"))
        #expect(!describe.stdout.contains("Tags") && !describe.stdout.contains("reviews") && !describe.stdout.contains("echo-test-1"))
        // List shows the same properties.
        let list = try sandbox.run("list-sentiment-detection-jobs")
        #expect(list.stdout.contains("VpcConfig") && !list.stdout.contains("Tags") && !list.stdout.contains("ClientRequestToken"))
    }

    // MARK: - #20 OutputDataConfig.S3Uri

    @Test func item20_outputUriIsRewrittenFromTheFirstDescribe() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/a.txt", "A fine day.")
        // A prefix without a trailing slash is taken as a folder.
        let jobId = try sandbox.start(input: "s3://in-bucket/docs/", output: "s3://out-bucket/results")
        let expected = "s3://out-bucket/results/111122223333-SENTIMENT-\(jobId)/output/output.tar.gz"
        #expect(try sandbox.describe(jobId)["OutputDataConfig"] == .object([("S3Uri", .string(expected))]))
        let listed = try sandbox.listedJobs()
        #expect(listed.count == 1)
        #expect(listed.first?["OutputDataConfig"]?["S3Uri"]?.stringValue == expected)
        let final = try sandbox.waitForEnd(jobId)
        #expect(final["OutputDataConfig"]?["S3Uri"]?.stringValue == expected)
        #expect(FileManager.default.fileExists(atPath: sandbox.s3Root + "/out-bucket/results/111122223333-SENTIMENT-\(jobId)/output/output.tar.gz"))
        // Nothing else is written next to it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.s3Root + "/out-bucket/results/111122223333-SENTIMENT-\(jobId)/output")
            == ["output.tar.gz"])
    }

    // MARK: - Valence's --compression

    /// `--compression zstd` (ours): the records a gzip job writes, in `output.tar.zst`, which
    /// Describe, List and the `--wait` summary name; Describe gains no member.
    @Test func compressionZstdWritesOutputTarZstWithTheRecordsOfAGzipJob() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/a.txt", JobSandbox.reviewLines(count: 1500) + String(repeating: "long ", count: 1100) + "\n")
        let started = try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", output: "s3://out-bucket/zstd/",
                                                             extra: ["--compression", "zstd", "--wait"]))
        #expect(started.status == 0, "start: \(started.stderr)")
        let jobId = try #require(try JobSandbox.field("JobId", in: started.stdout))
        let uri = "s3://out-bucket/zstd/111122223333-SENTIMENT-\(jobId)/output/output.tar.zst"
        // Not a terminal: no progress line, only the summary.
        #expect(started.stderr == "\(jobId): COMPLETED, 1501 documents (\(uri))\n")
        let properties = try sandbox.describe(jobId)
        #expect(properties["OutputDataConfig"] == .object([("S3Uri", .string(uri))]))
        #expect(try sandbox.listedJobs().first?["OutputDataConfig"]?["S3Uri"]?.stringValue == uri)
        let archive = sandbox.localPath(uri)
        #expect(try FileManager.default.contentsOfDirectory(atPath: (archive as NSString).deletingLastPathComponent) == ["output.tar.zst"])
        let listing = try ToolRun.env(["sh", "-c", #"zstd -dc "$1" | tar -tf -"#, "sh", archive])
        #expect(listing.status == 0, "zstd | tar: \(listing.stderr)")
        #expect(listing.output == Data("output\n".utf8))
        let records = try ToolRun.env(["sh", "-c", #"zstd -dc "$1" | tar -xOf - output"#, "sh", archive])
        #expect(records.status == 0, "zstd | tar: \(records.stderr)")

        // The same job with the default, gzip.
        let gzip = try sandbox.start(input: "s3://in-bucket/docs/", output: "s3://out-bucket/gzip/")
        let gzipProperties = try sandbox.waitForEnd(gzip)
        #expect(gzipProperties["OutputDataConfig"]?["S3Uri"]?.stringValue
            == "s3://out-bucket/gzip/111122223333-SENTIMENT-\(gzip)/output/output.tar.gz")
        let gzipRecords = try sandbox.output(gzipProperties)
        #expect(String(decoding: gzipRecords, as: UTF8.self).split(separator: "\n").count == 1501)
        #expect(records.output == gzipRecords)
        func members(_ value: JSONValue?) -> [String] {
            guard case .object(let members)? = value else { return [] }
            return members.map(\.0)
        }
        #expect(members(properties) == members(gzipProperties))
        #expect(members(properties["OutputDataConfig"]) == ["S3Uri"])
    }

    /// A retry with the same ClientRequestToken must ask for the same archive.
    @Test func compressionIsPartOfWhatAClientRequestTokenStandsFor() throws {
        let sandbox = try JobSandbox()
        let token = ["--client-request-token", "zstd-retry-1", "--no-worker"]
        let first = try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: token + ["--compression", "zstd"]))
        #expect(first.status == 0, "start: \(first.stderr)")
        let jobId = try #require(try JobSandbox.field("JobId", in: first.stdout))
        #expect(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: token + ["--compression", "zstd"])).stdout
            == first.stdout)
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: token)), status: 254,
            Self.serviceError("InvalidRequestException", "StartSentimentDetectionJob",
                "The ClientRequestToken 'zstd-retry-1' was already used for a different request (job \(jobId)). Use a new ClientRequestToken to start a new job."))
        #expect(sandbox.storedJobCount == 1)
    }

    @Test func compressionOtherThanGzipOrZstdIsRefusedByTheCLI() throws {
        let sandbox = try JobSandbox()
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--compression", "brotli", "--wait"])),
            status: 252, "valence: error: --compression must be gzip or zstd, not 'brotli'\n")
        #expect(sandbox.storedJobCount == 0)
    }

    /// The worker records its input bytes at each heartbeat (what `--wait` shows as percent and
    /// ETA), in the manifest only: Describe does not show them.
    @Test func workerRecordsItsInputBytesAtItsHeartbeats() throws {
        let sandbox = try JobSandbox(threads: 1)
        try sandbox.putBigInput("big-bucket/stream/lines.txt")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: sandbox.localPath("s3://big-bucket/stream/lines.txt"))[.size] as? NSNumber).int64Value
        let jobId = try sandbox.start(input: "s3://big-bucket/stream/")
        let manifestPath = sandbox.home + "/jobs/\(jobId).json"
        var seen: [Int64] = []
        let deadline = Date().addingTimeInterval(60)
        while seen.count < 2 && Date() < deadline {
            if let data = FileManager.default.contents(atPath: manifestPath),
               let manifest = try? JSONValue.parse(String(decoding: data, as: UTF8.self)),
               case .number(let processed)? = manifest["InputBytesProcessed"], case .number(let total)? = manifest["InputBytesTotal"] {
                #expect(Int64(total) == size)
                if let bytes = Int64(processed), bytes != seen.last { seen.append(bytes) }
            }
            usleep(50_000)
        }
        #expect(seen.count == 2, "byte progress seen: \(seen); log: \(sandbox.log(jobId))")
        #expect(seen == seen.sorted() && seen.allSatisfy { $0 > 0 && $0 < size })
        let describe = try sandbox.run("describe-sentiment-detection-job", "--job-id", jobId)
        #expect(describe.status == 0 && !describe.stdout.contains("InputBytes"))
        _ = try sandbox.run("stop-sentiment-detection-job", "--job-id", jobId)
        #expect(try sandbox.waitForEnd(jobId)["JobStatus"]?.stringValue == "STOPPED")
    }

    // MARK: - #21 Stop on finished and unknown jobs

    @Test func item21_stopOnCompletedOrFailedIsInvalidRequestAndOnUnknownIsJobNotFound() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/a.txt", "A fine day.")
        let completed = try sandbox.start(input: "s3://in-bucket/docs/")
        let failed = try sandbox.start(input: "s3://no-such-bucket/docs/")
        #expect(try sandbox.waitForEnd(completed)["JobStatus"]?.stringValue == "COMPLETED")
        #expect(try sandbox.waitForEnd(failed)["JobStatus"]?.stringValue == "FAILED")
        for (jobId, status) in [(completed, "COMPLETED"), (failed, "FAILED")] {
            Self.expectRefused(try sandbox.run("stop-sentiment-detection-job", "--job-id", jobId), status: 254,
                Self.serviceError("InvalidRequestException", "StopSentimentDetectionJob",
                    "Job \(jobId) cannot be stopped: it is \(status). Only jobs that are SUBMITTED or IN_PROGRESS can be stopped."))
            #expect(try sandbox.describe(jobId)["JobStatus"]?.stringValue == status)
        }
        Self.expectRefused(try sandbox.run("stop-sentiment-detection-job", "--job-id", "00000000000000000000000000000000"), status: 254,
            Self.serviceError("JobNotFoundException", "StopSentimentDetectionJob", "Could not find specified job: 00000000000000000000000000000000"))
    }

    // MARK: - #21, #22 Stop of a running job

    @Test func item21_22_stopRunningJobEndsStoppedWithTheRecordsSoFar() throws {
        let sandbox = try JobSandbox(threads: 1)
        let lines = try sandbox.putBigInput("big-bucket/stream/lines.txt")
        let jobId = try sandbox.start(input: "s3://big-bucket/stream/")
        _ = try sandbox.waitFor(jobId, statuses: ["IN_PROGRESS", "COMPLETED", "FAILED"])
        let stop = try sandbox.run("stop-sentiment-detection-job", "--job-id", jobId)
        #expect(stop.status == 0, "stop: \(stop.stderr)")
        #expect(stop.stdout == "{\n    \"JobId\": \"\(jobId)\",\n    \"JobStatus\": \"STOP_REQUESTED\"\n}\n")
        // Asked again before the worker has stopped: still STOP_REQUESTED (or already STOPPED).
        let again = try sandbox.run("stop-sentiment-detection-job", "--job-id", jobId)
        #expect(again.status == 0)
        #expect(again.stdout == "{\n    \"JobId\": \"\(jobId)\",\n    \"JobStatus\": \"STOP_REQUESTED\"\n}\n"
            || again.stdout == "{\n    \"JobId\": \"\(jobId)\",\n    \"JobStatus\": \"STOPPED\"\n}\n")

        let final = try sandbox.waitFor(jobId, statuses: ["STOPPED", "COMPLETED", "FAILED"])
        #expect(final["JobStatus"]?.stringValue == "STOPPED")
        #expect(final["EndTime"] != nil)
        #expect(final["Message"] == nil)
        #expect(try sandbox.run("stop-sentiment-detection-job", "--job-id", jobId).stdout
            == "{\n    \"JobId\": \"\(jobId)\",\n    \"JobStatus\": \"STOPPED\"\n}\n")

        // #22: the archive holds the documents finished before the stop, in input order.
        let records = try sandbox.records(final)
        #expect(records.count > 0)
        #expect(records.count < lines)
        for (index, text) in records.enumerated() {
            let record = try #require(OutputRecord(text), "not a record: \(text)")
            #expect(record.file == "lines.txt")
            #expect(record.line == index, "record \(index) has Line \(record.line.map(String.init) ?? "none")")
            record.expectValidSuccess()
            if record.line != index { break }
        }
    }

    // MARK: - #23 List

    @Test func item23_listFiltersOrderAndPagination() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/a.txt", "A fine day.")
        let first = try sandbox.start(input: "s3://in-bucket/docs/", extra: ["--job-name", "alpha"])
        // The next jobs go in a later second than the first, so whole-second time filters split them.
        let firstSubmit = try #require(JobSandbox.seconds(try sandbox.describe(first)["SubmitTime"]))
        let boundary = firstSubmit.rounded(.down) + 1
        while Date().timeIntervalSince1970 < boundary + 0.01 { usleep(10_000) }
        let second = try sandbox.start(input: "s3://no-such-bucket/", extra: ["--job-name", "beta"])
        let third = try sandbox.start(input: "s3://in-bucket/docs/", extra: ["--job-name", "alpha"])
        for jobId in [first, second, third] { _ = try sandbox.waitForEnd(jobId) }

        #expect(try sandbox.listedIds() == [first, second, third])  // oldest first
        #expect(try sandbox.listedIds("--filter", "JobName=alpha") == [first, third])
        #expect(try sandbox.listedIds("--filter", "JobName=gamma") == [])
        #expect(try sandbox.listedIds("--filter", "JobStatus=FAILED") == [second])
        #expect(try sandbox.listedIds("--filter", #"{"JobStatus": "COMPLETED"}"#) == [first, third])
        // aws-cli sends ISO times as whole epoch seconds (the fraction truncated).
        let iso = JobSandbox.iso8601(boundary)
        #expect(try sandbox.listedIds("--filter", "SubmitTimeAfter=\(iso)") == [third, second])  // newest first
        #expect(try sandbox.listedIds("--filter", "SubmitTimeAfter=\(iso.dropLast()).900Z") == [third, second])
        #expect(try sandbox.listedIds("--filter", "SubmitTimeBefore=\(iso)") == [first])
        #expect(try sandbox.listedIds("--filter", "SubmitTimeAfter=\(JobSandbox.iso8601(boundary - 3600))") == [third, second, first])
        #expect(try sandbox.listedIds("--filter", "SubmitTimeBefore=\(JobSandbox.iso8601(boundary - 3600))") == [])

        // Pages: NextToken on every page but the last; the CLI without --max-results follows it.
        let page1 = try sandbox.run("list-sentiment-detection-jobs", "--max-results", "2")
        #expect(page1.status == 0)
        let page1JSON = try JSONValue.parse(page1.stdout)
        #expect(Self.ids(page1JSON) == [first, second])
        let token = try #require(page1JSON["NextToken"]?.stringValue)
        guard case .object(let members) = page1JSON else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == ["SentimentDetectionJobPropertiesList", "NextToken"])
        let page2 = try JSONValue.parse(try sandbox.run("list-sentiment-detection-jobs", "--max-results", "2", "--next-token", token).stdout)
        #expect(Self.ids(page2) == [third])
        #expect(page2["NextToken"] == nil)
        let filtered = try JSONValue.parse(try sandbox.run("list-sentiment-detection-jobs", "--filter", "JobName=alpha", "--max-results", "1").stdout)
        #expect(Self.ids(filtered) == [first])
        let filteredToken = try #require(filtered["NextToken"]?.stringValue)
        let filtered2 = try JSONValue.parse(try sandbox.run("list-sentiment-detection-jobs", "--filter", "JobName=alpha", "--max-results", "1",
                                                            "--next-token", filteredToken).stdout)
        #expect(Self.ids(filtered2) == [third])
        #expect(filtered2["NextToken"] == nil)
        // The token belongs to its filter.
        #expect(try sandbox.run("list-sentiment-detection-jobs", "--max-results", "1", "--next-token", filteredToken).status == 254)
        #expect(try sandbox.listedIds("--max-results", "500") == [first, second, third])
    }

    static func ids(_ list: JSONValue) -> [String] { JobSandbox.ids(list) }

    // MARK: - #24 Idempotency

    @Test func item24_sameTokenSameRequestIsTheSameJobDifferentRequestIsRefused() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/a.txt", "A fine day.")
        let arguments = sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--job-name", "once", "--client-request-token", "retry-token-1"])
        let first = try sandbox.run(arguments)
        #expect(first.status == 0)
        let jobId = try #require(try JobSandbox.field("JobId", in: first.stdout))
        _ = try sandbox.waitForEnd(jobId)
        // A retry: the same job, with its current status; no new job.
        let retry = try sandbox.run(arguments)
        #expect(retry.status == 0)
        #expect(retry.stdout == first.stdout.replacingOccurrences(of: "\"SUBMITTED\"", with: "\"COMPLETED\""))
        #expect(try sandbox.listedIds() == [jobId])
        // The same token on a different request.
        let changed = sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--job-name", "twice", "--client-request-token", "retry-token-1"])
        Self.expectRefused(try sandbox.run(changed), status: 254, Self.serviceError("InvalidRequestException", "StartSentimentDetectionJob",
            "The ClientRequestToken 'retry-token-1' was already used for a different request (job \(jobId)). Use a new ClientRequestToken to start a new job."))
        #expect(sandbox.storedJobCount == 1)
        // Without a token every start is a new job.
        let plain = sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--job-name", "once"])
        let a = try JobSandbox.field("JobId", in: try sandbox.run(plain).stdout)
        let b = try JobSandbox.field("JobId", in: try sandbox.run(plain).stdout)
        #expect(a != nil && b != nil && a != b && a != jobId)
        #expect(sandbox.storedJobCount == 3)
    }
}
