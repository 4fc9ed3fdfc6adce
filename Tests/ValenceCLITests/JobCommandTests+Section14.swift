import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// A replay of the aws CLI session of spec §14, and its expected text.
extension JobCommandTests {
    // MARK: - Acceptance: the aws CLI session of spec §14

    /// The §14 session, replayed command for command; every printed line is compared with the
    /// spec's, except the JobId (the spec's `0b5001e2…` becomes the job's) and the timestamps.
    @Test func section14_awsCLISessionReplay() throws {
        let sandbox = try JobSandbox(region: "us-west-2", threads: 1)
        // reviews.txt: the three documents of §14.6, then enough lines to keep the job running.
        let head = "The acting was brilliant but the plot was a terrible mess.\nI absolutely loved this movie, wonderful!\n"
            + String(repeating: "great ", count: 1000) + "\n"
        let total = try sandbox.putBigInput("amzn-s3-demo-bucket/MovieData/reviews.txt", head: head)

        // 14.1 Start
        let start = try sandbox.run(
            "start-sentiment-detection-job", "--job-name", "movie-reviews", "--language-code", "en",
            "--input-data-config", "S3Uri=s3://amzn-s3-demo-bucket/MovieData/,InputFormat=ONE_DOC_PER_LINE",
            "--output-data-config", "S3Uri=s3://amzn-s3-demo-destination-bucket/testfolder/",
            "--data-access-role-arn", Self.role, "--client-request-token", "3f2b9c1e-2d4a-4f7e-9a51-6c0d8e7b1a22")
        #expect(start.status == 0, "start: \(start.stderr)")
        let jobId = try #require(try JobSandbox.field("JobId", in: start.stdout))
        let spec = { (text: String) in JobSandbox.maskingTimes(text.replacingOccurrences(of: Section14.specJobId, with: jobId)) }
        JobSandbox.expectLines(start.stdout, spec(Section14.start))

        // 14.2 Describe: SUBMITTED in the spec; the worker may already have claimed the job.
        let describe = try sandbox.run("describe-sentiment-detection-job", "--job-id", jobId)
        #expect(describe.status == 0)
        let submitted = spec(Section14.describeSubmitted)
        let inProgress = submitted.replacingOccurrences(of: "\"JobStatus\": \"SUBMITTED\"", with: "\"JobStatus\": \"IN_PROGRESS\"")
        let shown = JobSandbox.maskingTimes(describe.stdout)
        JobSandbox.expectLines(shown, shown.contains("\"SUBMITTED\"") ? submitted : inProgress)

        // 14.3 List, filtered on IN_PROGRESS
        _ = try sandbox.waitFor(jobId, statuses: ["IN_PROGRESS", "COMPLETED", "FAILED", "STOPPED"])
        let list = try sandbox.run("list-sentiment-detection-jobs", "--filter", "JobStatus=IN_PROGRESS")
        #expect(list.status == 0)
        JobSandbox.expectLines(JobSandbox.maskingTimes(list.stdout), spec(Section14.listInProgress))
        // The time filter of §14.3, sent as whole epoch seconds: the job was submitted after it.
        #expect(try sandbox.listedIds("--filter", "SubmitTimeAfter=2023-06-01T00:00:00Z", "--max-results", "10") == [jobId])

        // 14.4 Stop, stop again, describe
        let stop = try sandbox.run("stop-sentiment-detection-job", "--job-id", jobId)
        #expect(stop.status == 0, "stop: \(stop.stderr)")
        JobSandbox.expectLines(stop.stdout, spec(Section14.stopRequested))
        _ = try sandbox.waitFor(jobId, statuses: ["STOPPED", "COMPLETED", "FAILED"])
        let stopAgain = try sandbox.run("stop-sentiment-detection-job", "--job-id", jobId)
        #expect(stopAgain.status == 0)
        JobSandbox.expectLines(stopAgain.stdout, spec(Section14.stopped))
        let describeStopped = try sandbox.run("describe-sentiment-detection-job", "--job-id", jobId)
        JobSandbox.expectLines(JobSandbox.maskingTimes(describeStopped.stdout), spec(Section14.describeStopped))

        // 14.5 Errors
        let unknown = try sandbox.run("describe-sentiment-detection-job", "--job-id", "00000000000000000000000000000000")
        Self.expectRefused(unknown, status: 254, "\nAn error occurred (JobNotFoundException) when calling the DescribeSentimentDetectionJob operation: Could not find specified job: 00000000000000000000000000000000\n")
        let empty = try sandbox.run("describe-sentiment-detection-job", "--job-id", "")
        Self.expectRefused(empty, status: 252, "\nParameter validation failed:\nInvalid length for parameter JobId, value: 0, valid min length: 1\n")

        // 14.6 The output of the (stopped) job: `output` only, the documents finished before the stop.
        let archive = sandbox.s3Root + "/amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-\(jobId)/output/output.tar.gz"
        #expect(try ToolRun.env(["tar", "-tzf", archive]).output == Data("output\n".utf8))
        let records = try sandbox.records(try sandbox.describe(jobId))
        #expect(records.count >= 3 && records.count < total)
        if records.count >= 3 {
            for index in [0, 1] {
                let record = try #require(OutputRecord(records[index]))
                #expect(record.file == "reviews.txt" && record.line == index)
                record.expectValidSuccess()
            }
            #expect(records[2] == #"{"File": "reviews.txt", "Line": 2, "ErrorCode": "DOCUMENT_SIZE_EXCEEDED", "ErrorMessage": "Document size is exceeded maximum size limit 5120 bytes."}"#)
        }
    }
}

// MARK: - Spec §14 text

/// The "CLI shows" blocks of spec §14, verbatim.
enum Section14 {
    static let specJobId = "0b5001e25f62ebb40631a9a1a7fde7b3"

    static let start = """
        {
            "JobId": "0b5001e25f62ebb40631a9a1a7fde7b3",
            "JobArn": "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/0b5001e25f62ebb40631a9a1a7fde7b3",
            "JobStatus": "SUBMITTED"
        }

        """

    static let describeSubmitted = """
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

        """

    static let listInProgress = """
        {
            "SentimentDetectionJobPropertiesList": [
                {
                    "JobId": "0b5001e25f62ebb40631a9a1a7fde7b3",
                    "JobArn": "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/0b5001e25f62ebb40631a9a1a7fde7b3",
                    "JobName": "movie-reviews",
                    "JobStatus": "IN_PROGRESS",
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
            ]
        }

        """

    static let stopRequested = """
        {
            "JobId": "0b5001e25f62ebb40631a9a1a7fde7b3",
            "JobStatus": "STOP_REQUESTED"
        }

        """

    static let stopped = """
        {
            "JobId": "0b5001e25f62ebb40631a9a1a7fde7b3",
            "JobStatus": "STOPPED"
        }

        """

    static let describeStopped = """
        {
            "SentimentDetectionJobProperties": {
                "JobId": "0b5001e25f62ebb40631a9a1a7fde7b3",
                "JobArn": "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/0b5001e25f62ebb40631a9a1a7fde7b3",
                "JobName": "movie-reviews",
                "JobStatus": "STOPPED",
                "SubmitTime": 1686352575.956,
                "EndTime": 1686353011.402,
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

        """
}
