import Foundation
import Testing
@testable import ValenceJobs
import ValenceTestSupport

/// The pieces of issue #13's aws CLI layer one by one: botocore's validation wording, CLI v2's
/// timestamps, YAML out and in, global options before the command, the profile and region.
@Suite struct AWSCLILayerTests {
    /// botocore's `ParamValidator` wording, checked against botocore 1.43 by hand-run cases:
    /// Python's `repr` of the value and `isinstance`'s view of types (a bool is an int).
    @Test func validationIsWordedAsBotocoreWordsIt() throws {
        let validator = ParameterValidator()
        let body = try JSONValue.parse(#"{"Filter": {"JobName": {"a": [1, 2.5, true, null, "it's"]}}, "MaxResults": true}"#)
        #expect(throws: ParameterError.validationFailed([
            #"Invalid type for parameter Filter.JobName, value: {'a': [1, 2.5, True, None, "it's"]}, type: <class 'dict'>, valid types: <class 'str'>"#,
        ])) { try validator.validate(body, operation: "ListSentimentDetectionJobs") }
        let floats = try JSONValue.parse(#"{"Filter": {"JobStatus": 1.5}, "MaxResults": 2.0}"#)
        #expect(throws: ParameterError.validationFailed([
            "Invalid type for parameter Filter.JobStatus, value: 1.5, type: <class 'float'>, valid types: <class 'str'>",
            "Invalid type for parameter MaxResults, value: 2.0, type: <class 'float'>, valid types: <class 'int'>",
        ])) { try validator.validate(floats, operation: "ListSentimentDetectionJobs") }
    }

    /// Python's `datetime.fromtimestamp(t, zone).isoformat()`, as CLI v2 prints timestamps.
    @Test(arguments: [
        ("Asia/Kolkata", Int64(1_686_352_575_956), "2023-06-10T04:46:15.956000+05:30"),
        ("America/New_York", Int64(1_686_352_575_956), "2023-06-09T19:16:15.956000-04:00"),
        ("UTC", Int64(1_686_352_575_000), "2023-06-09T23:16:15+00:00"),
    ])
    func timestampsAreIsoformat(zone: String, milliseconds: Int64, text: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(ServiceModel.isoformat(EpochTime(milliseconds: milliseconds), in: timeZone) == text)
        let response = JSONValue.object([("SentimentDetectionJobProperties", .object([("SubmitTime", EpochTime(milliseconds: milliseconds).json)]))])
        let shown = ServiceModel.comprehend.showingTimestamps(response, shape: "DescribeSentimentDetectionJobResponse", in: timeZone)
        #expect(shown["SentimentDetectionJobProperties"]?["SubmitTime"] == .string(text))
    }

    /// ruamel's choices: plain where YAML reads the text back as the same string, single quotes
    /// where it would read something else, double quotes for line breaks; folding past column 80.
    @Test func yamlQuotesOnlyWhereItMust() {
        let value = JSONValue.object([
            ("plain", .string("s3://bucket/in/")), ("number", .string("123")), ("bool", .string("true")), ("empty", .string("")),
            ("time", .string("2026-12-06T02:35:50.472000+00:00")), ("colon", .string("a: b")), ("dash", .string("- x")),
            ("quote", .string("it's")), ("lines", .string("a\nb")), ("tab", .string("a\tb")), ("null", .null), ("float", .float(1e-05)), ("list", .array([])),
            ("long", .string(String(repeating: "word ", count: 20) + "end")),
        ])
        #expect(YAMLLayout.render(value) == """
            plain: s3://bucket/in/
            number: '123'
            bool: 'true'
            empty: ''
            time: '2026-12-06T02:35:50.472000+00:00'
            colon: 'a: b'
            dash: '- x'
            quote: it's
            lines: 'a

              b'
            tab: "a\\tb"
            'null': null
            float: 1.0e-05
            list: []
            long: word word word word word word word word word word word word word word word word
              word word word word end

            """)
    }

    /// What Valence writes as YAML reads back as the same value (`--cli-input-yaml` takes what
    /// `--generate-cli-skeleton yaml-input` and `--output yaml` print).
    @Test func yamlReadsBackWhatItWrites() throws {
        var random = TestRandom(seed: 7)
        let words = ["a", "", "true", "12", "it's", "a: b", "- x", "#tag", "x # y", "日本語", "s3://b/k", "1.5", "null", "~"]
        func document(_ depth: Int) -> JSONValue {
            switch random.below(depth > 2 ? 4 : 7) {
            case 0: return .string(words[random.below(words.count)])
            case 1: return .int(random.below(1000) - 500)
            case 2: return .float(Double(random.below(10_000)) / 64)
            case 3: return random.below(2) == 0 ? .bool(true) : .null
            case 4, 5: return .object((0..<random.below(4)).map { ("k\($0)", document(depth + 1)) })
            default: return .array((0..<random.below(4)).map { _ in document(depth + 1) })
            }
        }
        for _ in 0..<300 {
            let value = JSONValue.object([("root", document(0))])
            let text = YAMLLayout.render(value)
            #expect(try YAMLInput.parse(text) == value, "\(text)")
        }
        #expect(throws: YAMLInput.Invalid.self) { try YAMLInput.parse("JobId: [1") }
        #expect(try YAMLInput.parse("---\nJobId: abc  # the job\nTags:\n  - Key: a\n    Value: 'b'\n") == JSONValue.parse(
            #"{"JobId": "abc", "Tags": [{"Key": "a", "Value": "b"}]}"#))
    }

    /// `aws --output text comprehend ...`: global options before the command move after it.
    @Test func globalOptionsMayComeFirst() {
        let commands: Set<String> = ["describe-sentiment-detection-job"]
        #expect(CommandLineArguments.normalized(["--output", "text", "--debug", "describe-sentiment-detection-job", "--job-id", "x"], awsCommands: commands)
            == ["describe-sentiment-detection-job", "--job-id", "x", "--output", "text", "--debug"])
        #expect(CommandLineArguments.normalized(["describe-sentiment-detection-job", "help"], awsCommands: commands)
            == ["describe-sentiment-detection-job", "--help"])
        #expect(CommandLineArguments.normalized(["describe-sentiment-detection-job", "--generate-cli-skeleton", "--job-id", "x"], awsCommands: commands)
            == ["describe-sentiment-detection-job", "--generate-cli-skeleton", "input", "--job-id", "x"])
        #expect(CommandLineArguments.normalized(["run", "--output", "dir"], awsCommands: commands) == ["run", "--output", "dir"])
    }

    /// The region as the aws CLI resolves it: flag, AWS_REGION, AWS_DEFAULT_REGION, the profile's
    /// `region` in the config file; a named profile that exists nowhere is flagged.
    @Test func regionAndProfileResolveAsTheAwsCLIDoes() throws {
        let directory = try TemporaryDirectory("aws-config")
        defer { directory.remove() }
        try "[default]\nregion = eu-west-1\n[profile work]\nregion=ap-south-1\noutput = text\ncli_timestamp_format = wire\n  s3 =\n    max_concurrent_requests = 2\n"
            .write(toFile: directory.path("config"), atomically: true, encoding: .utf8)
        try "[keys-only]\naws_access_key_id = x\n".write(toFile: directory.path("credentials"), atomically: true, encoding: .utf8)
        func resolved(_ environment: [String: String], _ flags: ValenceConfiguration.Flags = .init()) -> ValenceConfiguration {
            ValenceConfiguration(environment: environment.merging(["AWS_CONFIG_FILE": directory.path("config"),
                                                                   "AWS_SHARED_CREDENTIALS_FILE": directory.path("credentials")]) { $1 },
                                 flags: flags, currentDirectory: "/", executablePath: "/bin/valence", processorCount: 1)
        }
        #expect(resolved([:]).region == "eu-west-1")
        #expect(resolved(["AWS_PROFILE": "work"]).region == "ap-south-1")
        #expect(resolved(["AWS_PROFILE": "work", "AWS_DEFAULT_REGION": "us-west-1"]).region == "us-west-1")
        #expect(resolved(["AWS_REGION": "ca-central-1", "AWS_DEFAULT_REGION": "us-west-1"]).region == "ca-central-1")
        #expect(resolved(["AWS_REGION": "ca-central-1"], .init(region: "sa-east-1")).region == "sa-east-1")
        #expect(resolved(["AWS_PROFILE": "work"], .init(profile: "keys-only")).region == "us-east-1")
        #expect(!resolved([:], .init(profile: "keys-only")).profileNotFound)
        #expect(resolved([:], .init(profile: "missing")).profileNotFound)
        #expect(!resolved([:]).profileNotFound)
        #expect(resolved(["AWS_PROFILE": "work"]).output == "text" && resolved(["AWS_PROFILE": "work"]).timestampFormat == "wire")
        #expect(resolved(["AWS_PROFILE": "work", "AWS_DEFAULT_OUTPUT": "yaml"]).output == "yaml")
        #expect(resolved([:]).output == nil && resolved([:]).timestampFormat == nil)
    }

    /// `--endpoint-url` (else `AWS_ENDPOINT_URL_COMPREHEND`) and the keys that sign for it, found as
    /// the aws CLI finds them: the environment's pair unless `--profile` names one, then the
    /// profile's pair in the credentials file, then in the config file; timeouts and attempts.
    @Test func anEndpointAndItsCredentialsResolveAsTheAwsCLIDoes() throws {
        let directory = try TemporaryDirectory("aws-endpoint")
        defer { directory.remove() }
        try "[default]\nmax_attempts = 5\n[profile cfg]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = s3\n"
            .write(toFile: directory.path("config"), atomically: true, encoding: .utf8)
        try "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s1\n[temp]\naws_access_key_id = AKIATEMP\naws_secret_access_key = s2\naws_session_token = tok\n"
            .write(toFile: directory.path("credentials"), atomically: true, encoding: .utf8)
        func endpoint(_ environment: [String: String], _ flags: ValenceConfiguration.Flags) -> ValenceConfiguration.Endpoint? {
            ValenceConfiguration(environment: environment.merging(["AWS_CONFIG_FILE": directory.path("config"),
                                                                   "AWS_SHARED_CREDENTIALS_FILE": directory.path("credentials")]) { $1 },
                                 flags: flags, currentDirectory: "/", executablePath: "/bin/valence", processorCount: 1).endpoint
        }
        var flags = ValenceConfiguration.Flags()
        #expect(endpoint([:], flags) == nil)
        flags.endpointURL = "http://127.0.0.1:4566"
        let keys = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "s0"]
        #expect(endpoint(keys, flags)?.credentials == AWSCredentials(accessKeyId: "AKIAENV", secretAccessKey: "s0"))
        #expect(endpoint([:], flags)?.credentials?.accessKeyId == "AKIADEFAULT")
        #expect(endpoint(keys.merging(["AWS_PROFILE": "temp"]) { $1 }, flags)?.credentials?.accessKeyId == "AKIAENV")
        flags.profile = "temp"
        #expect(endpoint(keys, flags)?.credentials == AWSCredentials(accessKeyId: "AKIATEMP", secretAccessKey: "s2", sessionToken: "tok"))
        flags.profile = "cfg"
        #expect(endpoint(keys, flags)?.credentials?.accessKeyId == "AKIACONFIG")
        flags.profile = "nowhere"
        #expect(endpoint(keys, flags)?.credentials == nil)
        flags.profile = nil
        #expect(endpoint([:], flags)?.maxAttempts == 5 && endpoint(["AWS_MAX_ATTEMPTS": "1"], flags)?.maxAttempts == 1)
        #expect(endpoint([:], flags)?.connectTimeout == 60 && endpoint([:], flags)?.signsRequests == true)
        flags.endpointURL = nil
        #expect(endpoint(["AWS_ENDPOINT_URL_COMPREHEND": "http://h:1"], flags)?.url == "http://h:1")
        #expect(endpoint(["AWS_ENDPOINT_URL_COMPREHEND": "http://h:1"], .init())?.url == "http://h:1")
    }
}
