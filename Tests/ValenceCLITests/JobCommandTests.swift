import Foundation
import Testing
import ValenceCore
import ValenceJobs

/// The asynchronous job commands as a user sees them: the built `valence` binary run on real
/// files, each test with its own `VALENCE_HOME` and object root (`JobSandbox`). Request checks
/// (spec §13 #5–16), the job lifecycle (#17–24), input selection and the output archive (#25–31),
/// the archive read by Python's `tarfile` and by `tar`, records independent of the thread count,
/// and a replay of the aws CLI session of spec §14.
///
/// Library-level details (every validation message, store transitions) are covered by
/// `ValenceJobsTests`; here each behaviour gets a representative case through the CLI, with the
/// exact text the user sees.
@Suite struct JobCommandTests {
    static let account = "111122223333"
    static let role = "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role"
    static let s3Pattern = #"Member must satisfy regular expression pattern: s3://[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9](/.*)?"#
    static let namePattern = #"Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$"#
    static let languageSet = "Member must satisfy enum value set: [ar, hi, ko, zh-TW, ja, zh, de, pt, en, it, fr, es]"
    static let noReadAccess = "NO_READ_ACCESS_TO_INPUT: The provided data access role does not have proper access to the input data."
    static let noWriteAccess = "NO_WRITE_ACCESS_TO_OUTPUT: The provided data access role does not have write access to the output S3 URI."
    static let sizeExceededPerLine = "Document size is exceeded maximum size limit 5120 bytes."
    static let encodingPerLine = "Document is not in UTF-8 format and all subsequent lines are ignored."

    /// What the CLI prints on stderr for a service error (exit 254).
    static func serviceError(_ code: String, _ operation: String, _ message: String) -> String {
        "\nAn error occurred (\(code)) when calling the \(operation) operation: \(message)\n"
    }

    /// A `ValidationException` listing `items`, as the CLI prints it.
    static func validation(_ operation: String, _ items: String...) -> String {
        let noun = items.count == 1 ? "error" : "errors"
        return serviceError("ValidationException", operation, "\(items.count) validation \(noun) detected: " + items.joined(separator: "; "))
    }

    /// botocore's client-side refusal, as the CLI prints it (exit 252).
    static func parameterError(_ lines: String...) -> String {
        "\nParameter validation failed:\n" + lines.joined(separator: "\n") + "\n"
    }

    static func expectRefused(
        _ result: CLIRunner.Result, status: Int32, _ stderr: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == status, sourceLocation: sourceLocation)
        #expect(result.stdout == "", sourceLocation: sourceLocation)
        #expect(result.stderr == stderr, sourceLocation: sourceLocation)
    }

    // MARK: - #5 required members

    @Test func item05_missingTopLevelMembersAreRefusedByTheCLI() throws {
        let sandbox = try JobSandbox()
        Self.expectRefused(try sandbox.run("start-sentiment-detection-job"), status: 252, Self.parameterError(
            #"Missing required parameter in input: "InputDataConfig""#,
            #"Missing required parameter in input: "OutputDataConfig""#,
            #"Missing required parameter in input: "DataAccessRoleArn""#,
            #"Missing required parameter in input: "LanguageCode""#))
        var arguments = sandbox.startArguments(input: "s3://in-bucket/docs/")
        arguments.removeSubrange(arguments.firstIndex(of: "--language-code")!...arguments.firstIndex(of: "--language-code")! + 1)
        Self.expectRefused(try sandbox.run(arguments), status: 252,
            Self.parameterError(#"Missing required parameter in input: "LanguageCode""#))
        #expect(sandbox.storedJobCount == 0)
    }

    @Test func item05_missingNestedS3UriIsRefusedByTheCLI() throws {
        let sandbox = try JobSandbox()
        let result = try sandbox.run(
            "start-sentiment-detection-job", "--input-data-config", "InputFormat=ONE_DOC_PER_LINE",
            "--output-data-config", #"{"KmsKeyId": "alias/ExampleAlias"}"#, "--data-access-role-arn", Self.role, "--language-code", "en")
        Self.expectRefused(result, status: 252, Self.parameterError(
            #"Missing required parameter in InputDataConfig: "S3Uri""#,
            #"Missing required parameter in OutputDataConfig: "S3Uri""#))
        #expect(sandbox.storedJobCount == 0)
    }

    /// botocore checks `required` at every level (spec §4.5), so nested members are refused by
    /// the CLI too, with botocore's parameter paths.
    @Test func item05_missingNestedRequiredMembersUseBotocorePaths() throws {
        let sandbox = try JobSandbox()
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/",
                extra: ["--vpc-config", #"{"SecurityGroupIds": ["sg-1"]}"#, "--tags", "Value=orphan"])), status: 252,
            Self.parameterError(#"Missing required parameter in VpcConfig: "Subnets""#, #"Missing required parameter in Tags[0]: "Key""#))
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: #"{"S3Uri": "s3://in-bucket/docs/", "DocumentReaderConfig": {}}"#, format: nil)),
            status: 252, Self.parameterError(#"Missing required parameter in InputDataConfig.DocumentReaderConfig: "DocumentReadAction""#))
    }

    // MARK: - #6 S3Uri

    @Test func item06_s3UriPatternIsAValidationException() throws {
        let sandbox = try JobSandbox()
        let result = try sandbox.run("start-sentiment-detection-job", "--input-data-config", "S3Uri=S3://mybucket/input/x.txt",
            "--output-data-config", "S3Uri=s3://ab", "--data-access-role-arn", Self.role, "--language-code", "en")
        Self.expectRefused(result, status: 254, Self.validation("StartSentimentDetectionJob",
            "Value 'S3://mybucket/input/x.txt' at 'inputDataConfig.s3Uri' failed to satisfy constraint: \(Self.s3Pattern)",
            "Value 's3://ab' at 'outputDataConfig.s3Uri' failed to satisfy constraint: \(Self.s3Pattern)"))
        for uri in ["s3://Bucket/x", "https://amzn-s3-demo-bucket.s3.amazonaws.com/x"] {
            Self.expectRefused(try sandbox.run(sandbox.startArguments(input: uri)), status: 254, Self.validation("StartSentimentDetectionJob",
                "Value '\(uri)' at 'inputDataConfig.s3Uri' failed to satisfy constraint: \(Self.s3Pattern)"))
        }
        let long = "s3://abc/" + String(repeating: "k", count: 1016)
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://abc/", output: long)), status: 254, Self.validation(
            "StartSentimentDetectionJob",
            "Value '\(long)' at 'outputDataConfig.s3Uri' failed to satisfy constraint: Member must have length less than or equal to 1024"))
        #expect(sandbox.storedJobCount == 0)
        // Accepted: dots and dashes in the bucket, a bucket without a key.
        #expect(try sandbox.run(sandbox.startArguments(input: "s3://my.bucket-1/a/b", output: "s3://abc")).status == 0)
        #expect(sandbox.storedJobCount == 1)
    }

    // MARK: - #7 DataAccessRoleArn

    @Test(arguments: ["arn:aws:iam::111122223333:user/analyst", "arn:aws:iam::11112222333:role/comprehend"])
    func item07_roleArnPatternIsAValidationException(role: String) throws {
        let sandbox = try JobSandbox()
        let result = try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", role: role))
        Self.expectRefused(result, status: 254, Self.validation("StartSentimentDetectionJob",
            "Value '\(role)' at 'dataAccessRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+"))
    }

    /// botocore checks the role's `min` length (20) itself.
    @Test func item07_shortRoleIsRefusedByTheCLI() throws {
        let sandbox = try JobSandbox()
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", role: "arn:aws:iam::1:role")),
            status: 252, Self.parameterError("Invalid length for parameter DataAccessRoleArn, value: 19, valid min length: 20"))
    }

    // MARK: - #8 LanguageCode

    @Test(arguments: ["EN", "zh-tw", "pt-BR"])
    func item08_languageOutsideTheEnumIsAValidationException(code: String) throws {
        let sandbox = try JobSandbox()
        let result = try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", language: code))
        Self.expectRefused(result, status: 254, Self.validation("StartSentimentDetectionJob",
            "Value '\(code)' at 'languageCode' failed to satisfy constraint: \(Self.languageSet)"))
    }

    // MARK: - #9 JobName

    @Test func item09_jobNamePatternAndLength() throws {
        let sandbox = try JobSandbox()
        for name in ["bad!", "a,b"] {
            Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--job-name", name])),
                status: 254, Self.validation("StartSentimentDetectionJob", "Value '\(name)' at 'jobName' failed to satisfy constraint: \(Self.namePattern)"))
        }
        let long = String(repeating: "日", count: 257)
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--job-name", long])),
            status: 254, Self.validation("StartSentimentDetectionJob",
                "Value '\(long)' at 'jobName' failed to satisfy constraint: Member must have length less than or equal to 256"))
        // The empty name breaks botocore's `min`: the CLI refuses it.
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--job-name", ""])),
            status: 252, Self.parameterError("Invalid length for parameter JobName, value: 0, valid min length: 1"))
        #expect(sandbox.storedJobCount == 0)

        // Spaces, accents and CJK are letters and separators: accepted and echoed unescaped.
        let jobId = try sandbox.start(input: "s3://in-bucket/docs/", extra: ["--job-name", "movie reviews é 日本"])
        #expect(try sandbox.run("describe-sentiment-detection-job", "--job-id", jobId).stdout
            .contains("\n        \"JobName\": \"movie reviews é 日本\",\n"))
    }

    // MARK: - #10 ClientRequestToken

    @Test func item10_clientRequestTokenPatternAndLength() throws {
        let sandbox = try JobSandbox()
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--client-request-token", "a_b"])),
            status: 254, Self.validation("StartSentimentDetectionJob",
                "Value 'a_b' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-]+$"))
        let long = String(repeating: "a", count: 65)
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--client-request-token", long])),
            status: 254, Self.validation("StartSentimentDetectionJob",
                "Value '\(long)' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 64"))
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--client-request-token", ""])),
            status: 252, Self.parameterError("Invalid length for parameter ClientRequestToken, value: 0, valid min length: 1"))
        #expect(sandbox.storedJobCount == 0)
        #expect(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/",
            extra: ["--client-request-token", "3f2b9c1e-2d4a-4f7e-9a51-6c0d8e7b1a22"])).status == 0)
    }

    // MARK: - #11 KMS key ids

    @Test func item11_kmsKeyIdsMustBeNonEmptyASCII() throws {
        let sandbox = try JobSandbox()
        let ascii = #"Member must satisfy regular expression pattern: ^\p{ASCII}+$"#
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/",
                output: "s3://out-bucket/results/,KmsKeyId=alias/clé", extra: ["--volume-kms-key-id", ""])),
            status: 254, Self.validation("StartSentimentDetectionJob",
                "Value 'alias/clé' at 'outputDataConfig.kmsKeyId' failed to satisfy constraint: \(ascii)",
                "Value '' at 'volumeKmsKeyId' failed to satisfy constraint: \(ascii)"))
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--volume-kms-key-id", "my-key"])),
            status: 254, Self.serviceError("KmsKeyValidationException", "StartSentimentDetectionJob",
                "The KMS customer managed key (CMK) entered cannot be validated. Verify the key and re-enter it."))
        #expect(sandbox.storedJobCount == 0)
    }

    // MARK: - #12 VpcConfig

    @Test func item12_vpcConfigLimits() throws {
        let sandbox = try JobSandbox()
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--vpc-config",
                #"{"SecurityGroupIds": ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"], "Subnets": ["subnet_1"]}"#])),
            status: 254, Self.validation("StartSentimentDetectionJob",
                "Value '[sg-1, sg-2, sg-3, sg-4, sg-5, sg-6]' at 'vpcConfig.securityGroupIds' failed to satisfy constraint: Member must have length less than or equal to 5",
                "Value 'subnet_1' at 'vpcConfig.subnets.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [-0-9a-zA-Z]+"))
        // An empty list or item breaks botocore's `min`.
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--vpc-config",
                #"{"SecurityGroupIds": [""], "Subnets": []}"#])),
            status: 252, Self.parameterError(
                "Invalid length for parameter VpcConfig.SecurityGroupIds[0], value: 0, valid min length: 1",
                "Invalid length for parameter VpcConfig.Subnets, value: 0, valid min length: 1"))
        #expect(sandbox.storedJobCount == 0)
    }

    /// In shorthand the aws CLI knows from the model that both members are lists, so one item is
    /// a one-item list (as `Tags` with one tag is a one-tag list).
    @Test func item12_vpcConfigShorthandWithSingleItems() throws {
        let sandbox = try JobSandbox()
        let jobId = try sandbox.start(input: "s3://in-bucket/docs/", extra: ["--vpc-config", "SecurityGroupIds=sg-03b388029b0a285ea,Subnets=subnet-04ccf456919e69055"])
        let vpc = try sandbox.describe(jobId)["VpcConfig"]
        #expect(vpc == .object([("SecurityGroupIds", .array([.string("sg-03b388029b0a285ea")])), ("Subnets", .array([.string("subnet-04ccf456919e69055")]))]))
    }

    // MARK: - #13 Tags

    @Test func item13_tagLimits() throws {
        let sandbox = try JobSandbox()
        let value = String(repeating: "v", count: 257)
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--tags", "Key=ok,Value=\(value)"])),
            status: 254, Self.validation("StartSentimentDetectionJob",
                "Value '\(value)' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256"))
        let tags = (1...51).map { "Key=k\($0),Value=v" }
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--tags"] + tags)),
            status: 254, Self.serviceError("TooManyTagsException", "StartSentimentDetectionJob",
                "The request contains more tags than can be associated with a resource (50 tags per resource). The maximum number of tags includes both existing tags and those included in your current request."))
        #expect(sandbox.storedJobCount == 0)
        #expect(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", extra: ["--tags"] + tags.dropLast())).status == 0)
    }

    // MARK: - #14 InputFormat, DocumentReaderConfig

    @Test func item14_inputFormatAndDocumentReaderConfig() throws {
        let sandbox = try JobSandbox()
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: "s3://in-bucket/docs/", format: "one_doc_per_line")),
            status: 254, Self.validation("StartSentimentDetectionJob",
                "Value 'one_doc_per_line' at 'inputDataConfig.inputFormat' failed to satisfy constraint: Member must satisfy enum value set: [ONE_DOC_PER_FILE, ONE_DOC_PER_LINE]"))
        let input = #"{"S3Uri": "s3://in-bucket/docs/", "DocumentReaderConfig": {"DocumentReadAction": "OCR", "FeatureTypes": ["TABLES", "CHARTS", "FORMS"]}}"#
        Self.expectRefused(try sandbox.run(sandbox.startArguments(input: input, format: nil)), status: 254, Self.validation(
            "StartSentimentDetectionJob",
            "Value 'OCR' at 'inputDataConfig.documentReaderConfig.documentReadAction' failed to satisfy constraint: Member must satisfy enum value set: [TEXTRACT_DETECT_DOCUMENT_TEXT, TEXTRACT_ANALYZE_DOCUMENT]",
            "Value '[TABLES, CHARTS, FORMS]' at 'inputDataConfig.documentReaderConfig.featureTypes' failed to satisfy constraint: Member must have length less than or equal to 2",
            "Value 'CHARTS' at 'inputDataConfig.documentReaderConfig.featureTypes.2.member' failed to satisfy constraint: Member must satisfy enum value set: [TABLES, FORMS]"))
        #expect(sandbox.storedJobCount == 0)
    }

    // MARK: - #15 JobId

    @Test func item15_jobIdLengthPatternAndUnknownIds() throws {
        let sandbox = try JobSandbox()
        let long = String(repeating: "a", count: 33)
        let known = String(repeating: "a", count: 32)
        for (operation, command) in [("DescribeSentimentDetectionJob", "describe-sentiment-detection-job"),
                                     ("StopSentimentDetectionJob", "stop-sentiment-detection-job")] {
            Self.expectRefused(try sandbox.run(command, "--job-id", long), status: 254, Self.validation(operation,
                "Value '\(long)' at 'jobId' failed to satisfy constraint: Member must have length less than or equal to 32"))
            Self.expectRefused(try sandbox.run(command, "--job-id", "job#1"), status: 254, Self.validation(operation,
                "Value 'job#1' at 'jobId' failed to satisfy constraint: \(Self.namePattern)"))
            Self.expectRefused(try sandbox.run(command, "--job-id", known), status: 254,
                Self.serviceError("JobNotFoundException", operation, "Could not find specified job: \(known)"))
            // Well-formed by the model but not a Valence id: unknown, not a path.
            Self.expectRefused(try sandbox.run(command, "--job-id", "../jobs/x"), status: 254,
                Self.serviceError("JobNotFoundException", operation, "Could not find specified job: ../jobs/x"))
            Self.expectRefused(try sandbox.run(command, "--job-id", ""), status: 252,
                Self.parameterError("Invalid length for parameter JobId, value: 0, valid min length: 1"))
            Self.expectRefused(try sandbox.run(command), status: 252, Self.parameterError(#"Missing required parameter in input: "JobId""#))
        }
    }

    // MARK: - #16 List requests

    @Test func item16_listRequestChecks() throws {
        let sandbox = try JobSandbox()
        let list = "list-sentiment-detection-jobs", operation = "ListSentimentDetectionJobs"
        Self.expectRefused(try sandbox.run(list, "--max-results", "0"), status: 252,
            Self.parameterError("Invalid value for parameter MaxResults, value: 0, valid min value: 1"))
        Self.expectRefused(try sandbox.run(list, "--max-results", "501"), status: 254, Self.validation(operation,
            "Value '501' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 500"))
        Self.expectRefused(try sandbox.run(list, "--filter", "JobStatus=RUNNING"), status: 254, Self.validation(operation,
            "Value 'RUNNING' at 'filter.jobStatus' failed to satisfy constraint: Member must satisfy enum value set: [SUBMITTED, IN_PROGRESS, COMPLETED, FAILED, STOP_REQUESTED, STOPPED]"))
        let invalidFilter = Self.serviceError("InvalidFilterException", operation,
            "The filter specified for the operation is invalid. Specify a different filter. You can only set one filter at a time: JobName, JobStatus, SubmitTimeBefore or SubmitTimeAfter.")
        Self.expectRefused(try sandbox.run(list, "--filter", "JobName=alpha,JobStatus=FAILED"), status: 254, invalidFilter)
        Self.expectRefused(try sandbox.run(list, "--filter", "SubmitTimeBefore=2023-06-02T00:00:00Z,SubmitTimeAfter=2023-06-01T00:00:00Z"),
            status: 254, invalidFilter)
        Self.expectRefused(try sandbox.run(list, "--next-token", ""), status: 252,
            Self.parameterError("Invalid length for parameter NextToken, value: 0, valid min length: 1"))
        Self.expectRefused(try sandbox.run(list, "--next-token", "not-a-token"), status: 254, Self.serviceError("InvalidRequestException", operation,
            "Invalid NextToken: use the NextToken of the previous ListSentimentDetectionJobs response, with the same Filter."))
        // Nothing submitted yet: an empty list, no NextToken.
        let empty = try sandbox.run(list)
        #expect(empty.status == 0)
        #expect(empty.stdout == "{\n    \"SentimentDetectionJobPropertiesList\": []\n}\n")
        #expect(try sandbox.run(list, "--max-results", "500").stdout == "{\n    \"SentimentDetectionJobPropertiesList\": []\n}\n")
    }

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
        let listing = try Tool.run(["sh", "-c", #"zstd -dc "$1" | tar -tf -"#, "sh", archive])
        #expect(listing.status == 0, "zstd | tar: \(listing.stderr)")
        #expect(listing.stdout == Data("output\n".utf8))
        let records = try Tool.run(["sh", "-c", #"zstd -dc "$1" | tar -xOf - output"#, "sh", archive])
        #expect(records.status == 0, "zstd | tar: \(records.stderr)")

        // The same job with the default, gzip.
        let gzip = try sandbox.start(input: "s3://in-bucket/docs/", output: "s3://out-bucket/gzip/")
        let gzipProperties = try sandbox.waitForEnd(gzip)
        #expect(gzipProperties["OutputDataConfig"]?["S3Uri"]?.stringValue
            == "s3://out-bucket/gzip/111122223333-SENTIMENT-\(gzip)/output/output.tar.gz")
        let gzipRecords = try sandbox.output(gzipProperties)
        #expect(String(decoding: gzipRecords, as: UTF8.self).split(separator: "\n").count == 1501)
        #expect(records.stdout == gzipRecords)
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

    static func ids(_ list: JSONValue) -> [String] {
        guard case .array(let jobs)? = list["SentimentDetectionJobPropertiesList"] else { return [] }
        return jobs.compactMap { $0["JobId"]?.stringValue }
    }

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

    // MARK: - #25 Input selection

    @Test func item25_keyPrefixSelectsRecursivelyAcrossFolders() throws {
        let sandbox = try JobSandbox()
        for key in ["data.txt", "data/x.txt", "data/sub/y.txt", "database.csv", "other.txt"] {
            sandbox.put("prefix-bucket/" + key, "Document \(key) is pleasant.")
        }
        try FileManager.default.createDirectory(atPath: sandbox.s3Root + "/prefix-bucket/data/empty", withIntermediateDirectories: true)
        let prefixJob = try sandbox.start(input: "s3://prefix-bucket/data", format: "ONE_DOC_PER_FILE")
        let bucketJob = try sandbox.start(input: "s3://prefix-bucket", format: "ONE_DOC_PER_FILE")
        let fileJob = try sandbox.start(input: "s3://prefix-bucket/data/x.txt", format: "ONE_DOC_PER_FILE")
        func files(_ jobId: String) throws -> [String] {
            let properties = try sandbox.waitForEnd(jobId)
            #expect(properties["JobStatus"]?.stringValue == "COMPLETED")
            return try sandbox.records(properties).map { try #require(OutputRecord($0)).file }
        }
        // Key order (by UTF-8 bytes: "data.txt" < "data/…" < "database.csv"); File is the last key segment.
        #expect(try files(prefixJob) == ["data.txt", "y.txt", "x.txt", "database.csv"])
        #expect(try files(bucketJob) == ["data.txt", "y.txt", "x.txt", "database.csv", "other.txt"])
        #expect(try files(fileJob) == ["x.txt"])
    }

    // MARK: - #26 Input formats

    @Test func item26_oneDocPerFileGivesOneRecordPerFileWithoutLine() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/a.txt", "I loved the first half.\nThe ending was awful.\r\nStill worth it.\n")
        sandbox.put("in-bucket/docs/b.txt", "Nothing special.")
        sandbox.put("in-bucket/docs/empty.txt", "")
        let jobId = try sandbox.start(input: "s3://in-bucket/docs/", format: "ONE_DOC_PER_FILE")
        let records = try sandbox.records(try sandbox.waitForEnd(jobId)).map { try #require(OutputRecord($0)) }
        #expect(records.map(\.file) == ["a.txt", "b.txt"])  // the empty file is no document
        for record in records {
            #expect(record.line == nil)
            #expect(!record.text.contains("\"Line\""))
            record.expectValidSuccess()
        }
    }

    @Test func item26_oneDocPerLineSplitsOnLFCRAndCRLFButNotLineSeparator() throws {
        let sandbox = try JobSandbox()
        let text = "I love it.\nI hate it.\rIt is fine.\r\nGood\u{2028}bad.\n\nLast line without terminator"
        sandbox.put("in-bucket/lines/endings.txt", text)
        let jobId = try sandbox.start(input: "s3://in-bucket/lines/")
        let records = try sandbox.records(try sandbox.waitForEnd(jobId)).map { try #require(OutputRecord($0)) }
        // Zero-based physical lines; the empty line 4 is counted but yields no record; U+2028 stays inside line 3.
        #expect(records.map(\.line) == [0, 1, 2, 3, 5])
        for record in records {
            #expect(record.file == "endings.txt")
            record.expectValidSuccess()
        }
        // Each line is scored as the synchronous API scores the same text.
        for (index, line) in ["I love it.", "I hate it.", "It is fine.", "Good\u{2028}bad.", "Last line without terminator"].enumerated() {
            let detect = try CLIRunner.run("detect-sentiment", "--text", line, "--language-code", "en")
            let scores = try JSONValue.parse(detect.stdout)
            #expect(records[index].sentiment == scores["Sentiment"]?.stringValue)
            for (label, digits) in records[index].scores {
                guard case .number(let synchronous)? = scores["SentimentScore"]?[label] else { Issue.record("no \(label)"); continue }
                #expect(digits == synchronous, "line \(index) \(label)")
            }
        }
    }

    // MARK: - #27, #28 Archive and record format (and the acceptance check with Python and tar)

    @Test func item27_28_archiveReadByPythonTarfileAndByTar() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/mixed/a.txt", "I adore this phone.\nThe battery is terrible.\nIt arrived on Tuesday.\n")
        sandbox.put("in-bucket/mixed/revüe.txt", "Great value, awful support.\n")
        let jobId = try sandbox.start(input: "s3://in-bucket/mixed/")
        let properties = try sandbox.waitForEnd(jobId)
        #expect(properties["JobStatus"]?.stringValue == "COMPLETED")
        let archive = sandbox.localPath(try #require(properties["OutputDataConfig"]?["S3Uri"]?.stringValue))

        // Python: one regular member named `output`; every line is JSON that json.dumps writes back
        // byte for byte (Python separators, key order, \u escapes, float repr).
        let script = """
            import json, sys, tarfile
            with tarfile.open(sys.argv[1], "r:gz") as archive:
                members = archive.getmembers()
                data = archive.extractfile("output").read()
            lines = data.decode("utf-8").split("\\n")
            assert lines[-1] == "", "no final newline"
            records = [json.loads(line) for line in lines[:-1]]
            print(json.dumps({
                "names": [m.name for m in members],
                "regular": [m.isreg() for m in members],
                "count": len(records),
                "roundTrip": all(json.dumps(r) == line for r, line in zip(records, lines)),
                "files": [r["File"] for r in records],
                "lines": [r.get("Line") for r in records],
                "sums": [sum(r["SentimentScore"].values()) for r in records],
                "argmax": all(max(r["SentimentScore"], key=r["SentimentScore"].get) == r["Sentiment"].title() for r in records),
            }))
            """
        let python = try Tool.run(["python3", "-c", script, archive])
        #expect(python.status == 0, "python: \(python.stderr)")
        let report = try JSONValue.parse(String(decoding: python.stdout, as: UTF8.self))
        #expect(report["names"] == .array([.string("output")]))
        #expect(report["regular"] == .array([.bool(true)]))
        #expect(report["count"] == .number("4"))
        #expect(report["roundTrip"] == .bool(true))
        #expect(report["files"] == .array(["a.txt", "a.txt", "a.txt", "revüe.txt"].map { .string($0) }))
        #expect(report["lines"] == .array([0, 1, 2, 0].map { .number(String($0)) }))
        #expect(report["argmax"] == .bool(true))
        if case .array(let sums)? = report["sums"] {
            for case .number(let sum) in sums { #expect(abs(Double(sum)! - 1) <= 1e-6) }
        }

        // tar: extracting gives exactly one file, `output`, the same bytes.
        let directory = sandbox.directory.appendingPathComponent("extracted").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let tar = try Tool.run(["tar", "-xzf", archive, "-C", directory])
        #expect(tar.status == 0, "tar: \(tar.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["output"])
        let extracted = try #require(FileManager.default.contents(atPath: directory + "/output"))
        let text = String(decoding: extracted, as: UTF8.self)
        #expect(try Tool.run(["tar", "-tzf", archive]).stdout == Data("output\n".utf8))

        // #28: the exact record layout, scores float32 in shortest repr, Sentiment the arg-max.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 5 && lines.last == "")
        for line in lines.dropLast() {
            let record = try #require(OutputRecord(line), "not a success record: \(line)")
            record.expectValidSuccess()
        }
        #expect(lines[0].hasPrefix(#"{"File": "a.txt", "Line": 0, "Sentiment": ""#))
        #expect(lines[3].hasPrefix(#"{"File": "rev\u00fce.txt", "Line": 0, "Sentiment": ""#))
        #expect(lines[1].contains(#"", "SentimentScore": {"Mixed": "#))
    }

    // MARK: - #29, #30 Per-document errors

    @Test func item29_documentOver5120BytesIsAnErrorRecordAndTheJobCompletes() throws {
        let sandbox = try JobSandbox()
        let exact = String(repeating: "good ", count: 1024)  // 5120 bytes
        let over = String(repeating: "é", count: 2561)  // 5122 bytes
        sandbox.put("in-bucket/lines/sizes.txt", "Nice.\n\(over)\n\(exact)\nAlso nice.\n")
        sandbox.put("in-bucket/files/huge.txt", exact + "x")
        sandbox.put("in-bucket/files/small.txt", exact)
        let lineJob = try sandbox.start(input: "s3://in-bucket/lines/")
        let fileJob = try sandbox.start(input: "s3://in-bucket/files/", format: "ONE_DOC_PER_FILE")

        let lineProperties = try sandbox.waitForEnd(lineJob)
        #expect(lineProperties["JobStatus"]?.stringValue == "COMPLETED")
        #expect(lineProperties["Message"] == nil)
        let lines = try sandbox.records(lineProperties)
        #expect(lines.count == 4)
        #expect(lines[1] == #"{"File": "sizes.txt", "Line": 1, "ErrorCode": "DOCUMENT_SIZE_EXCEEDED", "ErrorMessage": "Document size is exceeded maximum size limit 5120 bytes."}"#)
        for index in [0, 2, 3] {
            let record = try #require(OutputRecord(lines[index]))
            #expect(record.line == index)
            record.expectValidSuccess()
        }

        // One document per file: AWS's per-file example wording (spec §7.3, sic).
        let fileProperties = try sandbox.waitForEnd(fileJob)
        #expect(fileProperties["JobStatus"]?.stringValue == "COMPLETED")
        let files = try sandbox.records(fileProperties)
        #expect(files.count == 2)
        #expect(files.first == #"{"File": "huge.txt", "ErrorCode": "DOCUMENT_SIZE_EXCEEDED", "ErrorMessage": "Document size is exceeds the limit of 5120 bytes."}"#)
        try #require(OutputRecord(files[1])).expectValidSuccess()
    }

    @Test func item30_invalidUTF8EndsThatFileWithAnEncodingRecord() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/enc/a.txt", bytes: Array("Lovely.\nBad \u{00E9}".utf8) + [0xC3, 0x28] + Array(" byte.\nNever read.\nNor this.\n".utf8))
        sandbox.put("in-bucket/enc/b.txt", "The next file is read.\n")
        let jobId = try sandbox.start(input: "s3://in-bucket/enc/")
        let properties = try sandbox.waitForEnd(jobId)
        #expect(properties["JobStatus"]?.stringValue == "COMPLETED")
        let records = try sandbox.records(properties)
        #expect(records.count == 3)
        try #require(OutputRecord(records[0])).expectValidSuccess()
        #expect(records[1] == #"{"File": "a.txt", "Line": 1, "ErrorCode": "UNSUPPORTED_ENCODING", "ErrorMessage": "Document is not in UTF-8 format and all subsequent lines are ignored."}"#)
        let next = try #require(OutputRecord(records[2]))
        #expect(next.file == "b.txt" && next.line == 0)
        next.expectValidSuccess()
    }

    // MARK: - #31 Job-level failures

    @Test func item31_missingInputBucketFailsWithNoReadAccess() throws {
        let sandbox = try JobSandbox()
        let jobId = try sandbox.start(input: "s3://no-such-bucket/docs/")
        let properties = try sandbox.waitForEnd(jobId)
        #expect(properties["JobStatus"]?.stringValue == "FAILED")
        #expect(properties["Message"]?.stringValue == Self.noReadAccess)
        #expect(properties["EndTime"] != nil)
        let describe = try sandbox.run("describe-sentiment-detection-job", "--job-id", jobId).stdout
        // Message sits between JobStatus and SubmitTime, in model order.
        #expect(describe.contains("\"JobStatus\": \"FAILED\",\n        \"Message\": \"\(Self.noReadAccess)\",\n        \"SubmitTime\": "))
        #expect(!FileManager.default.fileExists(atPath: sandbox.localPath(properties["OutputDataConfig"]?["S3Uri"]?.stringValue ?? "")))
    }

    @Test func item31_unwritableOutputFailsWithNoWriteAccess() throws {
        // Tests may run as root, for whom permissions do not stop a write: put a regular file
        // where the output bucket's directory, or a folder of the prefix, must go.
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/a.txt", "A fine day.")
        sandbox.put("blocked-bucket", "not a directory")
        sandbox.put("out-bucket/results", "a file where the results folder goes")
        let bucketJob = try sandbox.start(input: "s3://in-bucket/docs/", output: "s3://blocked-bucket/results/")
        let folderJob = try sandbox.start(input: "s3://in-bucket/docs/", output: "s3://out-bucket/results/")
        for jobId in [bucketJob, folderJob] {
            let properties = try sandbox.waitForEnd(jobId)
            #expect(properties["JobStatus"]?.stringValue == "FAILED")
            #expect(properties["Message"]?.stringValue == Self.noWriteAccess)
            #expect(properties["EndTime"] != nil)
        }
        #expect(try String(contentsOfFile: sandbox.s3Root + "/out-bucket/results", encoding: .utf8) == "a file where the results folder goes")
    }

    // MARK: - Acceptance: the records do not depend on the thread count

    @Test func recordsAreByteIdenticalWithOneAndTwoWorkerThreads() throws {
        let sandbox = try JobSandbox()
        // Several batches (512 documents each), error records, two files.
        sandbox.put("in-bucket/many/a.txt", JobSandbox.reviewLines(count: 2500))
        sandbox.put("in-bucket/many/b.txt", bytes: Array((JobSandbox.reviewLines(count: 700) + String(repeating: "long ", count: 1100) + "\n"
            + JobSandbox.reviewLines(count: 300)).utf8) + [0xFF] + Array("\nignored\n".utf8))
        sandbox.environment["VALENCE_THREADS"] = "1"
        let one = try sandbox.start(input: "s3://in-bucket/many/", output: "s3://out-bucket/one/")
        sandbox.environment["VALENCE_THREADS"] = "2"
        let two = try sandbox.start(input: "s3://in-bucket/many/", output: "s3://out-bucket/two/")
        let oneOutput = try sandbox.output(try sandbox.waitForEnd(one))
        let twoOutput = try sandbox.output(try sandbox.waitForEnd(two))
        #expect(oneOutput.count > 0)
        #expect(oneOutput == twoOutput)
        let lines = String(decoding: oneOutput, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2500 + 700 + 1 + 300 + 1)
        #expect(lines[3200].contains("DOCUMENT_SIZE_EXCEEDED"))
        #expect(lines.last?.contains("UNSUPPORTED_ENCODING") == true)
    }

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
        #expect(try Tool.run(["tar", "-tzf", archive]).stdout == Data("output\n".utf8))
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

// MARK: - Output records

/// One line of a job's `output`, parsed by its exact layout (spec §7.3, §7.4): a success record
/// `{"File": …, ["Line": …,] "Sentiment": …, "SentimentScore": {"Mixed": …, "Negative": …,
/// "Neutral": …, "Positive": …}}` or an error record `{"File": …, ["Line": …,] "ErrorCode": …,
/// "ErrorMessage": …}`. Anything else (other spacing, key order, keys) does not parse.
struct OutputRecord {
    var text: String
    var file: String
    var line: Int?
    var sentiment: String?
    /// The four scores' printed digits, in record order (Mixed, Negative, Neutral, Positive).
    var scores: [(label: String, digits: String)] = []
    var errorCode: String?
    var errorMessage: String?

    nonisolated(unsafe) static let success = try! Regex(
        #"\{"File": "((?:[^"\\]|\\.)*)"(?:, "Line": (0|[1-9][0-9]*))?, "Sentiment": "(POSITIVE|NEGATIVE|NEUTRAL|MIXED)", "SentimentScore": \{"Mixed": ([0-9.e+-]+), "Negative": ([0-9.e+-]+), "Neutral": ([0-9.e+-]+), "Positive": ([0-9.e+-]+)\}\}"#)
    nonisolated(unsafe) static let failure = try! Regex(
        #"\{"File": "((?:[^"\\]|\\.)*)"(?:, "Line": (0|[1-9][0-9]*))?, "ErrorCode": "([A-Z_]+)", "ErrorMessage": "((?:[^"\\]|\\.)*)"\}"#)

    init?(_ text: String) {
        self.text = text
        if let match = text.wholeMatch(of: Self.success) {
            let output = match.output
            guard let file = output[1].substring, let sentiment = output[3].substring else { return nil }
            self.file = Self.unescaped(file)
            self.line = output[2].substring.flatMap { Int($0) }
            self.sentiment = String(sentiment)
            for (index, label) in ["Mixed", "Negative", "Neutral", "Positive"].enumerated() {
                guard let digits = output[4 + index].substring else { return nil }
                scores.append((label, String(digits)))
            }
        } else if let match = text.wholeMatch(of: Self.failure) {
            let output = match.output
            guard let file = output[1].substring, let code = output[3].substring, let message = output[4].substring else { return nil }
            self.file = Self.unescaped(file)
            self.line = output[2].substring.flatMap { Int($0) }
            self.errorCode = String(code)
            self.errorMessage = String(message)
        } else {
            return nil
        }
    }

    /// The JSON string contents as text (`\u00fc` → `ü`).
    static func unescaped(_ contents: Substring) -> String {
        (try? JSONValue.parse("\"\(contents)\""))?.stringValue ?? String(contents)
    }

    /// A success record whose scores are float32 values in [0, 1], printed as the shortest
    /// round-trip double (Python `repr`), summing to 1 within 1e-6, with `Sentiment` the arg-max.
    func expectValidSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        guard let sentiment else {
            Issue.record("not a success record: \(text)", sourceLocation: sourceLocation)
            return
        }
        var values: [String: Double] = [:]
        for (label, digits) in scores {
            guard let value = Double(digits) else {
                Issue.record("\(label) \(digits) is not a number", sourceLocation: sourceLocation)
                return
            }
            #expect(Double(Float(value)) == value, "\(digits) is not a float32 value", sourceLocation: sourceLocation)
            #expect(PythonFloat.repr(value) == digits, "\(digits) is not Python's repr", sourceLocation: sourceLocation)
            #expect(value >= 0 && value <= 1, sourceLocation: sourceLocation)
            values[label.uppercased()] = value
        }
        let sum = values.values.reduce(0, +)
        #expect(abs(sum - 1) <= 1e-6, "scores sum to \(sum): \(text)", sourceLocation: sourceLocation)
        #expect(values[sentiment] == values.values.max(), "Sentiment is not the arg-max: \(text)", sourceLocation: sourceLocation)
    }
}

// MARK: - Sandbox

/// A test's own `VALENCE_HOME` and object root under a fresh temporary directory, and the binary
/// run against them. Removed (after killing any worker still running there) when released.
final class JobSandbox {
    let directory: URL
    var environment: [String: String]
    var home: String { directory.path + "/home" }
    var s3Root: String { directory.path + "/s3" }

    init(region: String = "us-west-2", threads: Int = 1) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("valence-jobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory.path + "/s3", withIntermediateDirectories: true)
        environment = [
            "VALENCE_HOME": directory.path + "/home", "VALENCE_S3_ROOT": directory.path + "/s3",
            "AWS_REGION": region, "AWS_DEFAULT_REGION": region, "VALENCE_THREADS": String(threads),
        ]
    }

    deinit {
        // Workers of jobs that did not end (a failed test): this test started them; end them by pid.
        for case let manifest? in manifests() {
            guard let status = manifest["SentimentDetectionJobProperties"]?["JobStatus"]?.stringValue,
                  ["SUBMITTED", "IN_PROGRESS", "STOP_REQUESTED"].contains(status),
                  case .number(let pid)? = manifest["WorkerPid"], let value = Int32(pid), value > 1 else { continue }
            kill(value, SIGKILL)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private func manifests() -> [JSONValue?] {
        let jobs = home + "/jobs"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: jobs)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { name in
            FileManager.default.contents(atPath: jobs + "/" + name).flatMap { try? JSONValue.parse(String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// How many jobs the store holds.
    var storedJobCount: Int { manifests().count }

    // MARK: Objects

    /// Writes the object `bucket/key` (a file under the object root).
    func put(_ bucketAndKey: String, _ text: String) {
        put(bucketAndKey, bytes: Array(text.utf8))
    }

    func put(_ bucketAndKey: String, bytes: [UInt8]) {
        let path = s3Root + "/" + bucketAndKey
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
    }

    /// The local file of `s3://bucket/key`.
    func localPath(_ uri: String) -> String {
        s3Root + "/" + uri.dropFirst("s3://".count)
    }

    /// Review-like lines, `count` of them, each ending in LF.
    static func reviewLines(count: Int, from start: Int = 0) -> String {
        let sentences = [
            "I loved this film, the acting was superb.", "Terrible plot and a boring ending.", "The cinema is on Main Street.",
            "Great soundtrack but awful dialogue.", "Not bad at all, quite enjoyable really.", "The worst movie I have seen this year!",
            "It was fine.", "Absolutely wonderful, a delight from start to finish :)", "I did not hate it, but I did not love it either.",
            "The tickets cost ten dollars.", "What a disappointment, so sad.", "Brilliant, funny and moving.",
        ]
        var text = ""
        text.reserveCapacity(count * 48)
        for index in start..<(start + count) {
            text += "\(index) " + sentences[index % sentences.count] + "\n"
        }
        return text
    }

    /// Writes a large `ONE_DOC_PER_LINE` input (`head` first, then short review lines) so that a
    /// one-thread worker is still busy well after the job starts; returns its number of lines.
    @discardableResult
    func putBigInput(_ bucketAndKey: String, head: String = "") throws -> Int {
        let block = Data(Self.reviewLines(count: 1200).utf8)
        var data = Data(head.utf8)
        data.reserveCapacity(Self.bigInputBytes + block.count)
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        while data.count < Self.bigInputBytes {
            data.append(block)
            lines += 1200
        }
        let path = s3Root + "/" + bucketAndKey
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return lines
    }

    /// Big enough that a release build's single worker thread needs many seconds for it.
    static let bigInputBytes = 40 << 20

    // MARK: Commands

    func run(_ arguments: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments.map { Array($0.utf8) }, environment: environment)
    }

    func run(_ arguments: String...) throws -> CLIRunner.Result {
        try run(arguments)
    }

    /// `start-sentiment-detection-job` with shorthand configs (a JSON `input` is passed as is).
    func startArguments(
        input: String, format: String? = "ONE_DOC_PER_LINE", output: String = "s3://out-bucket/results/",
        role: String = JobCommandTests.role, language: String = "en", extra: [String] = []
    ) -> [String] {
        let inputConfig = input.hasPrefix("{") ? input : "S3Uri=\(input)" + (format.map { ",InputFormat=\($0)" } ?? "")
        let outputConfig = output.hasPrefix("{") ? output : "S3Uri=\(output)"
        return ["start-sentiment-detection-job", "--input-data-config", inputConfig, "--output-data-config", outputConfig,
                "--data-access-role-arn", role, "--language-code", language] + extra
    }

    /// Starts a job and returns its id (the start must succeed).
    func start(
        input: String, format: String? = "ONE_DOC_PER_LINE", output: String = "s3://out-bucket/results/",
        extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let result = try run(startArguments(input: input, format: format, output: output, extra: extra))
        #expect(result.status == 0, "start failed: \(result.stderr)", sourceLocation: sourceLocation)
        return try #require(try Self.field("JobId", in: result.stdout), sourceLocation: sourceLocation)
    }

    /// The job's `SentimentDetectionJobProperties` from `describe-sentiment-detection-job`.
    func describe(_ jobId: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let result = try run("describe-sentiment-detection-job", "--job-id", jobId)
        try #require(result.status == 0, "describe failed: \(result.stderr)", sourceLocation: sourceLocation)
        return try #require(try JSONValue.parse(result.stdout)["SentimentDetectionJobProperties"], sourceLocation: sourceLocation)
    }

    /// Describes the job until its status is one of `statuses` (up to `timeout` seconds).
    func waitFor(
        _ jobId: String, statuses: Set<String>, timeout: TimeInterval = 60, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> JSONValue {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let properties = try describe(jobId, sourceLocation: sourceLocation)
            let status = properties["JobStatus"]?.stringValue ?? ""
            if statuses.contains(status) { return properties }
            if Date() > deadline {
                Issue.record("job \(jobId) still \(status) after \(timeout) s; log: \(log(jobId))", sourceLocation: sourceLocation)
                return properties
            }
            usleep(25_000)
        }
    }

    /// Waits for COMPLETED, FAILED or STOPPED.
    func waitForEnd(_ jobId: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        try waitFor(jobId, statuses: ["COMPLETED", "FAILED", "STOPPED"], sourceLocation: sourceLocation)
    }

    func log(_ jobId: String) -> String {
        (try? String(contentsOfFile: home + "/logs/\(jobId).log", encoding: .utf8)) ?? "(none)"
    }

    /// The jobs `list-sentiment-detection-jobs` prints for `arguments`.
    func listedJobs(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [JSONValue] {
        let result = try run(["list-sentiment-detection-jobs"] + arguments)
        try #require(result.status == 0, "list failed: \(result.stderr)", sourceLocation: sourceLocation)
        guard case .array(let jobs)? = try JSONValue.parse(result.stdout)["SentimentDetectionJobPropertiesList"] else { return [] }
        return jobs
    }

    func listedIds(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let result = try run(["list-sentiment-detection-jobs"] + arguments)
        try #require(result.status == 0, "list failed: \(result.stderr)", sourceLocation: sourceLocation)
        return JobCommandTests.ids(try JSONValue.parse(result.stdout))
    }

    // MARK: Output

    /// The bytes of the `output` member of the job's archive (`tar -xzOf`).
    func output(_ properties: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        let uri = try #require(properties["OutputDataConfig"]?["S3Uri"]?.stringValue, sourceLocation: sourceLocation)
        let path = localPath(uri)
        try #require(FileManager.default.fileExists(atPath: path), "no archive at \(path)", sourceLocation: sourceLocation)
        let tar = try Tool.run(["tar", "-xzOf", path, "output"])
        try #require(tar.status == 0, "tar: \(tar.stderr)", sourceLocation: sourceLocation)
        return tar.stdout
    }

    /// The records (lines) of the job's output; every line must end with LF.
    func records(_ properties: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let text = String(decoding: try output(properties, sourceLocation: sourceLocation), as: UTF8.self)
        if text.isEmpty { return [] }
        #expect(text.hasSuffix("\n"), "output does not end with a newline", sourceLocation: sourceLocation)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    // MARK: Text helpers

    /// The string member `name` of the JSON object printed in `text`.
    static func field(_ name: String, in text: String) throws -> String? {
        try JSONValue.parse(text)[name]?.stringValue
    }

    /// Epoch seconds of a printed timestamp.
    static func seconds(_ value: JSONValue?) -> Double? {
        guard case .number(let literal)? = value else { return nil }
        return Double(literal)
    }

    static func iso8601(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    nonisolated(unsafe) static let timestamp = try! Regex(#"("(?:SubmitTime|EndTime)": )([^,\n]*)"#)
    nonisolated(unsafe) static let epochLiteral = try! Regex(#"[0-9]{10}(\.[0-9]{1,3})?"#)

    /// `text` with every `SubmitTime`/`EndTime` value replaced by `<time>`, after checking that
    /// it is an epoch-seconds number with at most three decimals (spec §1.5).
    static func maskingTimes(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        text.replacing(timestamp) { match in
            let value = String(match.output[2].substring ?? "")
            #expect(value.wholeMatch(of: epochLiteral) != nil, "timestamp \(value) is not epoch seconds with ≤ 3 decimals",
                    sourceLocation: sourceLocation)
            return String(match.output[1].substring ?? "") + "<time>"
        }
    }

    /// Compares two printed texts line by line (one expectation per differing line).
    static func expectLines(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(actualLines.count == expectedLines.count, "line count:\n\(actual)", sourceLocation: sourceLocation)
        for (index, (got, want)) in zip(actualLines, expectedLines).enumerated() where got != want {
            Issue.record("line \(index + 1): got \(got.debugDescription), expected \(want.debugDescription)", sourceLocation: sourceLocation)
        }
    }
}

/// Runs a command found on PATH (`tar`, `python3`) and captures its output.
enum Tool {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read stderr on the side so that neither pipe can fill up and block the tool.
        let errorData = ErrorCollector()
        let thread = Thread { errorData.data = err.fileHandleForReading.readDataToEndOfFile() }
        thread.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1_000) }
        return Result(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errorData.data, as: UTF8.self))
    }

    private final class ErrorCollector: @unchecked Sendable {
        private let lock = NSLock()
        private var value = Data()
        private var done = false
        var data: Data {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue; done = true } }
        }
        var isSet: Bool { lock.withLock { done } }
    }
}
