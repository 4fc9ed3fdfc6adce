import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// Start, Describe, Stop and the runner's transitions (spec §5, §10, §13 #17–21, #24).
@Suite struct JobStoreLifecycleTests {
    typealias F = JobStoreFixtures
    static let jobId = "0b5001e25f62ebb40631a9a1a7fde7b3"
    static let arn = "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/0b5001e25f62ebb40631a9a1a7fde7b3"
    /// The Start request of spec §14.1.
    static let specBody = F.json(#"{"InputDataConfig": {"S3Uri": "s3://amzn-s3-demo-bucket/MovieData/", "InputFormat": "ONE_DOC_PER_LINE"}, "OutputDataConfig": {"S3Uri": "s3://amzn-s3-demo-destination-bucket/testfolder/"}, "DataAccessRoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role", "JobName": "movie-reviews", "LanguageCode": "en", "ClientRequestToken": "3f2b9c1e-2d4a-4f7e-9a51-6c0d8e7b1a22"}"#)

    // MARK: #17 Start

    @Test func item17_startResponseIsTheSpecShape() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store(ids: StoreTestJobIds([Self.jobId]))
        let json = try store.perform(.startSentimentDetectionJob, body: Self.specBody)
        #expect(json.serialized(.line) == #"{"JobId": "0b5001e25f62ebb40631a9a1a7fde7b3", "JobArn": "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/0b5001e25f62ebb40631a9a1a7fde7b3", "JobStatus": "SUBMITTED"}"#)
    }

    @Test func item17_randomJobIdsAre32LowercaseHex() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = JobStore(home: home.path, region: "us-east-1")
        let first = try store.start(F.startBody())
        let second = try store.start(F.startBody())
        for id in [first.jobId, second.jobId] {
            #expect(id.count == 32)
            #expect(id.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(first.jobId != second.jobId)
        #expect(first.jobArn == "arn:aws:comprehend:us-east-1:111122223333:sentiment-detection-job/\(first.jobId)")
        #expect(first.jobStatus == .submitted)
    }

    @Test(arguments: [
        ([:], "arn:aws:iam::123456789012:role/r", "arn:aws:comprehend:us-east-1:123456789012:sentiment-detection-job/"),
        (["AWS_DEFAULT_REGION": "eu-west-1"], "arn:aws:iam::123456789012:role/r", "arn:aws:comprehend:eu-west-1:123456789012:sentiment-detection-job/"),
        (["AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "eu-west-1"], "arn:aws:iam::123456789012:role/r", "arn:aws:comprehend:ap-south-1:123456789012:sentiment-detection-job/"),
        (["AWS_REGION": "", "AWS_DEFAULT_REGION": "eu-west-1"], "arn:aws:iam::123456789012:role/r", "arn:aws:comprehend:eu-west-1:123456789012:sentiment-detection-job/"),
        (["AWS_REGION": "cn-north-1"], "arn:aws-cn:iam::123456789012:role/r", "arn:aws-cn:comprehend:cn-north-1:123456789012:sentiment-detection-job/"),
        (["AWS_REGION": "us-gov-west-1"], "arn:aws-us-gov:iam::123456789012:role/r", "arn:aws-us-gov:comprehend:us-gov-west-1:123456789012:sentiment-detection-job/"),
    ] as [([String: String], String, String)])
    func item17_arnTakesPartitionAndAccountFromTheRoleAndRegionFromTheEnvironment(
        environment: [String: String], role: String, arnPrefix: String
    ) throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store(environment: environment)
        let response = try store.start(F.startBody(role: F.quoted(role)))
        #expect(response.jobArn == arnPrefix + response.jobId)
    }

    @Test func item17_badRegionIsRefused() {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store(environment: ["AWS_REGION": "us east"])
        #expect(F.error { try store.start(F.startBody()) }
            == ServiceError(.invalidRequest, "Provided region_name 'us east' doesn't match a supported format."))
    }

    // MARK: #18 / #19 / #20 Describe

    @Test func item18_describeIsTheSpecDocumentByteForByte() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store(clock: StoreTestClock(1_686_352_575_956), ids: StoreTestJobIds([Self.jobId]))
        try store.start(Self.specBody)
        let json = try store.perform(.describeSentimentDetectionJob, body: F.json(#"{"JobId": "0b5001e25f62ebb40631a9a1a7fde7b3"}"#))
        #expect(json.serialized(.cli) == """
            {
                "SentimentDetectionJobProperties": {
                    "JobId": "0b5001e25f62ebb40631a9a1a7fde7b3",
                    "JobArn": "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/0b5001e25f62ebb40631a9a1a7fde7b3",
                    "JobName": "movie-reviews",
                    "JobStatus": "SUBMITTED",
                    "SubmitTime": 1686352575.956,
                    "InputDataConfig": {
                        "S3Uri": "s3://amzn-s3-demo-bucket/MovieData/",
                        "InputFormat": "ONE_DOC_PER_LINE"
                    },
                    "OutputDataConfig": {
                        "S3Uri": "s3://amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output/output.tar.gz"
                    },
                    "LanguageCode": "en",
                    "DataAccessRoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role"
                }
            }
            """)
    }

    @Test func item18_statusTimesAndMessageThroughTheLifecycle() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let clock = StoreTestClock(1_686_352_575_956)
        let store = home.store(clock: clock)
        let id = try store.start(F.startBody()).jobId

        var job = try store.describe(id)
        #expect(job.jobStatus == .submitted && job.endTime == nil && job.message == nil)
        #expect(job.submitTime == EpochTime(milliseconds: 1_686_352_575_956))

        clock.advance(1_000)
        let claimed = try store.markInProgress(jobId: id, pid: 4242)
        #expect(claimed.workerPID == 4242)
        #expect(claimed.heartbeatTime == EpochTime(milliseconds: 1_686_352_576_956))
        job = try store.describe(id)
        #expect(job.jobStatus == .inProgress && job.endTime == nil && job.message == nil)

        clock.advance(2_000)
        let beat = try store.recordHeartbeat(jobId: id, documentsProcessed: 17)
        #expect(beat.documentsProcessed == 17 && beat.heartbeatTime == EpochTime(milliseconds: 1_686_352_578_956))

        clock.set(1_686_353_011_402)
        let done = try store.markCompleted(jobId: id)
        #expect(done.status == .completed)
        job = try store.describe(id)
        #expect(job.jobStatus == .completed && job.message == nil)
        #expect(job.endTime == EpochTime(milliseconds: 1_686_353_011_402))
        #expect(job.submitTime == EpochTime(milliseconds: 1_686_352_575_956))
        // A repeated terminal transition changes nothing; a contradicting one is refused.
        clock.advance(5)
        #expect(try store.markCompleted(jobId: id) == done)
        #expect(F.error { _ = try store.markFailed(jobId: id, message: "X: y.") }
            == ServiceError(.invalidRequest, "Cannot fail job \(id): it is COMPLETED."))
        #expect(F.error { _ = try store.markInProgress(jobId: id, pid: 1) }
            == ServiceError(.invalidRequest, "Cannot start job \(id): it is COMPLETED."))
        // Heartbeats of a finished job are ignored.
        #expect(try store.recordHeartbeat(jobId: id, documentsProcessed: 99) == done)
    }

    @Test func item18_failedJobHasMessageAndEndTime() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let clock = StoreTestClock(1_686_352_575_000)
        let store = home.store(clock: clock, ids: StoreTestJobIds([Self.jobId]))
        try store.start(F.startBody(input: #"{"S3Uri": "s3://amzn-s3-demo-bucket"}"#, extra: #""JobName": "movie-reviews""#))
        _ = try store.markInProgress(jobId: Self.jobId, pid: 7)
        clock.advance(2_500)
        let message = "NO_READ_ACCESS_TO_INPUT: The provided data access role does not have proper access to the input data."
        _ = try store.markFailed(jobId: Self.jobId, message: message)
        let json = try store.describe(Self.jobId).json
        #expect(json.serialized(.line) == #"{"JobId": "0b5001e25f62ebb40631a9a1a7fde7b3", "JobArn": "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/0b5001e25f62ebb40631a9a1a7fde7b3", "JobName": "movie-reviews", "JobStatus": "FAILED", "Message": "NO_READ_ACCESS_TO_INPUT: The provided data access role does not have proper access to the input data.", "SubmitTime": 1686352575.0, "EndTime": 1686352577.5, "InputDataConfig": {"S3Uri": "s3://amzn-s3-demo-bucket", "InputFormat": "ONE_DOC_PER_FILE"}, "OutputDataConfig": {"S3Uri": "s3://amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output/output.tar.gz"}, "LanguageCode": "en", "DataAccessRoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role"}"#)
    }

    @Test func item19_describeEchoesTheRequestButNeverTagsOrToken() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store(ids: StoreTestJobIds([Self.jobId]))
        try store.start(F.startBody(
            output: #"{"S3Uri": "s3://out-bucket", "KmsKeyId": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}"#,
            extra: #""ClientRequestToken": "token-1", "VolumeKmsKeyId": "alias/ExampleAlias", "VpcConfig": {"SecurityGroupIds": ["sg-03b388029b0a285ea"], "Subnets": ["subnet-04ccf456919e69055"]}, "Tags": [{"Key": "team", "Value": "nlp"}]"#))
        let json = try store.perform(.describeSentimentDetectionJob, body: F.json(#"{"JobId": "\#(Self.jobId)"}"#))
        #expect(json.serialized(.line) == #"{"SentimentDetectionJobProperties": {"JobId": "0b5001e25f62ebb40631a9a1a7fde7b3", "JobArn": "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/0b5001e25f62ebb40631a9a1a7fde7b3", "JobStatus": "SUBMITTED", "SubmitTime": 1686352575.956, "InputDataConfig": {"S3Uri": "s3://amzn-s3-demo-bucket/MovieData/", "InputFormat": "ONE_DOC_PER_FILE"}, "OutputDataConfig": {"S3Uri": "s3://out-bucket/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output/output.tar.gz", "KmsKeyId": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}, "LanguageCode": "en", "DataAccessRoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role", "VolumeKmsKeyId": "alias/ExampleAlias", "VpcConfig": {"SecurityGroupIds": ["sg-03b388029b0a285ea"], "Subnets": ["subnet-04ccf456919e69055"]}}}"#)
        let listed = try store.perform(.listSentimentDetectionJobs, body: F.json("{}")).serialized(.line)
        for hidden in ["Tags", "team", "ClientRequestToken", "token-1", "Fingerprint", "Sequence", "null"] {
            #expect(!json.serialized(.line).contains(hidden))
            #expect(!listed.contains(hidden))
        }
        // The manifest keeps them.
        let manifest = try store.manifest(jobId: Self.jobId)
        #expect(manifest.tags == [Tag(key: "team", value: "nlp")])
        #expect(manifest.clientRequestToken == "token-1")
    }

    @Test(arguments: [
        ("s3://amzn-s3-demo-destination-bucket/testfolder/", "s3://amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-00000000000000000000000000000001/output/output.tar.gz"),
        ("s3://amzn-s3-demo-destination-bucket/testfolder", "s3://amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-00000000000000000000000000000001/output/output.tar.gz"),
        ("s3://out-bucket", "s3://out-bucket/111122223333-SENTIMENT-00000000000000000000000000000001/output/output.tar.gz"),
        ("s3://out-bucket/", "s3://out-bucket/111122223333-SENTIMENT-00000000000000000000000000000001/output/output.tar.gz"),
    ])
    func item20_outputUriIsRewrittenAtSubmission(prefix: String, expected: String) throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let id = try store.start(F.startBody(output: #"{"S3Uri": "\#(prefix)"}"#)).jobId
        #expect(try store.describe(id).outputDataConfig.s3Uri == expected)
        #expect(try store.manifest(jobId: id).outputURI == expected)
        #expect(try store.list("{}").jobs.first?.outputDataConfig.s3Uri == expected)
    }

    // MARK: #21 Stop

    /// A store with one job in `status`.
    static func job(in status: JobStatus, _ home: StoreTestHome, clock: StoreTestClock = StoreTestClock()) throws -> (JobStore, String) {
        let store = home.store(clock: clock)
        let id = try store.start(F.startBody()).jobId
        switch status {
        case .submitted: break
        case .inProgress: _ = try store.markInProgress(jobId: id, pid: 10)
        case .stopRequested: _ = try store.stop(id)
        case .stopped:
            _ = try store.markInProgress(jobId: id, pid: 10)
            _ = try store.stop(id)
            _ = try store.markStopped(jobId: id)
        case .completed:
            _ = try store.markInProgress(jobId: id, pid: 10)
            _ = try store.markCompleted(jobId: id)
        case .failed: _ = try store.markFailed(jobId: id, message: "NO_WRITE_ACCESS_TO_OUTPUT: The provided data access role does not have write access to the output S3 URI.")
        }
        return (store, id)
    }

    @Test(arguments: [
        (JobStatus.submitted, JobStatus.stopRequested), (.inProgress, .stopRequested), (.stopRequested, .stopRequested), (.stopped, .stopped),
    ])
    func item21_stopAnswersAndMovesAsTheTableSays(from: JobStatus, to: JobStatus) throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let (store, id) = try Self.job(in: from, home)
        let before = try store.manifest(jobId: id)
        let json = try store.perform(.stopSentimentDetectionJob, body: F.json(#"{"JobId": "\#(id)"}"#))
        #expect(json.serialized(.line) == #"{"JobId": "\#(id)", "JobStatus": "\#(to.rawValue)"}"#)
        let after = try store.manifest(jobId: id)
        #expect(after.status == to)
        #expect(after.isStopRequested)
        #expect(after.properties.endTime == before.properties.endTime)
        #expect((after.properties.endTime != nil) == (to == .stopped))
    }

    @Test(arguments: [JobStatus.completed, .failed])
    func item21_stoppingAFinishedJobIsInvalidRequest(status: JobStatus) throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let (store, id) = try Self.job(in: status, home)
        let before = try store.manifest(jobId: id)
        #expect(F.error { _ = try store.stop(id) } == ServiceError(.invalidRequest,
            "Job \(id) cannot be stopped: it is \(status.rawValue). Only jobs that are SUBMITTED or IN_PROGRESS can be stopped."))
        #expect(try store.manifest(jobId: id) == before)
    }

    @Test func item21_stopRequestedJobEndsStoppedWithEndTimeOrCompletedIfTheWorkFinishedFirst() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let clock = StoreTestClock(1_686_352_575_956)
        let store = home.store(clock: clock)
        let stopped = try store.start(F.startBody()).jobId
        let finished = try store.start(F.startBody()).jobId
        for id in [stopped, finished] {
            _ = try store.markInProgress(jobId: id, pid: 10)
            #expect(try store.stop(id).jobStatus == .stopRequested)
            #expect(try store.describe(id).endTime == nil)
        }
        clock.set(1_686_353_011_402)
        let s = try store.markStopped(jobId: stopped, documentsProcessed: 3)
        #expect(s.status == .stopped && s.documentsProcessed == 3)
        #expect(try store.describe(stopped).endTime == EpochTime(milliseconds: 1_686_353_011_402))
        #expect(try store.describe(stopped).message == nil)
        #expect(try store.stop(stopped).jobStatus == .stopped)

        let c = try store.markCompleted(jobId: finished)
        #expect(c.status == .completed && c.isStopRequested)
        #expect(try store.describe(finished).endTime == EpochTime(milliseconds: 1_686_353_011_402))
        #expect(F.error { _ = try store.stop(finished) }?.code == .invalidRequest)
    }

    @Test func item21_aJobStoppedWhileQueuedIsClaimedAsStopRequested() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let (store, id) = try Self.job(in: .submitted, home)
        _ = try store.stop(id)
        let claimed = try store.markInProgress(jobId: id, pid: 99)
        #expect(claimed.status == .stopRequested && claimed.isStopRequested && claimed.workerPID == 99)
        #expect(F.error { _ = try store.markInProgress(jobId: id, pid: 100) }
            == ServiceError(.invalidRequest, "Cannot start job \(id): it is STOP_REQUESTED."))
        #expect(try store.markStopped(jobId: id).status == .stopped)
        #expect(F.error { _ = try store.markStopped(jobId: try store.start(F.startBody()).jobId) }?.code == .invalidRequest)
    }

    // MARK: #24 Idempotency

    @Test func item24_sameTokenSameRequestIsTheSameJobWithItsCurrentStatus() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let first = try store.start(Self.specBody)
        // Same members in another order, other whitespace, and an explicit Tags: [] — still the same request.
        let reordered = F.json(#"{ "LanguageCode":"en","ClientRequestToken":"3f2b9c1e-2d4a-4f7e-9a51-6c0d8e7b1a22", "JobName":"movie-reviews", "DataAccessRoleArn":"arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role", "OutputDataConfig":{"S3Uri":"s3://amzn-s3-demo-destination-bucket/testfolder/"}, "InputDataConfig":{"InputFormat":"ONE_DOC_PER_LINE","S3Uri":"s3://amzn-s3-demo-bucket/MovieData/"}, "Tags": [] }"#)
        #expect(try store.start(reordered) == first)
        _ = try store.markInProgress(jobId: first.jobId, pid: 1)
        let replay = try store.start(Self.specBody)
        #expect(replay == StartSentimentDetectionJobResponse(jobId: first.jobId, jobArn: first.jobArn, jobStatus: .inProgress))
        #expect(try store.list("{}").jobs.count == 1)
    }

    @Test func item24_sameTokenDifferentRequestIsInvalidRequest() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let first = try store.start(F.startBody(extra: #""ClientRequestToken": "retry-1""#))
        for extra in [#""ClientRequestToken": "retry-1", "JobName": "other""#, #""ClientRequestToken": "retry-1", "Tags": [{"Key": "k"}]"#] {
            #expect(F.error { try store.start(F.startBody(extra: extra)) } == ServiceError(.invalidRequest,
                "The ClientRequestToken 'retry-1' was already used for a different request (job \(first.jobId)). Use a new ClientRequestToken to start a new job."))
        }
        #expect(F.error { try store.start(F.startBody(language: #""de""#, extra: #""ClientRequestToken": "retry-1""#)) }?.code == .invalidRequest)
        #expect(try store.list("{}").jobs.count == 1)
    }

    /// Valence's archive compression is part of what a token stands for: a retry must ask for
    /// the same archive.
    @Test func item24_sameTokenDifferentCompressionIsInvalidRequest() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(extra: #""ClientRequestToken": "retry-z""#))
        let first = try store.start(request, compression: .zstd)
        #expect(try store.start(request, compression: .zstd) == first)
        #expect(F.error { _ = try store.start(request) } == ServiceError(.invalidRequest,
            "The ClientRequestToken 'retry-z' was already used for a different request (job \(first.jobId)). Use a new ClientRequestToken to start a new job."))
        #expect(try store.list("{}").jobs.count == 1)
    }

    @Test func item24_omittedAndExplicitDefaultInputFormatAreTheSameRequest() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let first = try store.start(F.startBody(extra: #""ClientRequestToken": "t""#))
        let second = try store.start(F.startBody(input: #"{"S3Uri": "s3://amzn-s3-demo-bucket/MovieData/", "InputFormat": "ONE_DOC_PER_FILE"}"#, extra: #""ClientRequestToken": "t""#))
        #expect(first == second)
    }

    @Test func item24_withoutTokenEveryStartIsANewJob() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let a = try store.start(F.startBody(extra: #""JobName": "same""#))
        let b = try store.start(F.startBody(extra: #""JobName": "same""#))
        #expect(a.jobId != b.jobId)
        #expect(try store.list(#"{"Filter": {"JobName": "same"}}"#).jobs.map(\.jobId) == [a.jobId, b.jobId])
    }

    // MARK: Concurrency limit

    @Test func theEleventhActiveJobIsTooManyRequests() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        var ids: [String] = []
        for n in 0..<10 {
            ids.append(try store.start(F.startBody(extra: #""ClientRequestToken": "t\#(n)""#)).jobId)
        }
        _ = try store.markInProgress(jobId: ids[0], pid: 1)
        _ = try store.stop(ids[1])
        let expected = ServiceError(.tooManyRequests,
            "The number of requests exceeds the limit. Resubmit your request later. There are already 10 active sentiment detection jobs; the limit is 10.")
        #expect(F.error { try store.start(F.startBody()) } == expected)
        #expect(ServiceError.Code.tooManyRequests.httpStatus == 400)
        // A replay of an existing job is not a new job and is answered.
        #expect(try store.start(F.startBody(extra: #""ClientRequestToken": "t3""#)).jobId == ids[3])
        // A finished job frees a slot: COMPLETED, FAILED and STOPPED are not active.
        _ = try store.markCompleted(jobId: ids[0])
        let eleventh = try store.start(F.startBody())
        #expect(F.error { try store.start(F.startBody()) } == expected)
        _ = try store.markFailed(jobId: ids[2], message: "X: y.")
        _ = try store.markStopped(jobId: ids[1])
        _ = try store.start(F.startBody())
        _ = try store.start(F.startBody())
        #expect(F.error { try store.start(F.startBody()) } == expected)
        #expect(try store.list("{}").jobs.count == 13)
        #expect(eleventh.jobStatus == .submitted)
    }
}
