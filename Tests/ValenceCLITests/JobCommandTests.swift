import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

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
    static let role = JobSandbox.role
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
}
