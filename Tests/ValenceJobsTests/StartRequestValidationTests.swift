import Testing
import ValenceCore
import ValenceJobs

/// `StartSentimentDetectionJob` request checks (spec §4, §13 #5–14): exact `ValidationException`
/// texts, lowerCamel paths, full-match patterns, `SerializationException` for wrong types, then
/// `KmsKeyValidationException` and `TooManyTagsException`.
@Suite struct StartRequestValidationTests {
    typealias F = JobStoreFixtures
    static let s3Pattern = #"Member must satisfy regular expression pattern: s3://[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9](/.*)?"#
    static let notNull = "failed to satisfy constraint: Member must not be null"

    @Test func theSpecRequestIsAccepted() throws {
        let body = F.json(#"{"InputDataConfig": {"S3Uri": "s3://amzn-s3-demo-bucket/MovieData/", "InputFormat": "ONE_DOC_PER_LINE"}, "OutputDataConfig": {"S3Uri": "s3://amzn-s3-demo-destination-bucket/testfolder/"}, "DataAccessRoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role", "JobName": "movie-reviews", "LanguageCode": "en", "ClientRequestToken": "3f2b9c1e-2d4a-4f7e-9a51-6c0d8e7b1a22"}"#)
        let request = try StartSentimentDetectionJobRequest(json: body)
        #expect(request.inputDataConfig == InputDataConfig(s3Uri: "s3://amzn-s3-demo-bucket/MovieData/", inputFormat: .oneDocPerLine))
        #expect(request.outputDataConfig == OutputDataConfig(s3Uri: "s3://amzn-s3-demo-destination-bucket/testfolder/"))
        #expect(request.jobName == "movie-reviews")
        #expect(request.languageCode == .en)
        #expect(request.clientRequestToken == "3f2b9c1e-2d4a-4f7e-9a51-6c0d8e7b1a22")
        #expect(request.accountId == "111122223333")
        #expect(request.partition == "aws")
        #expect(request.json == body)
    }

    // MARK: #5 required members

    @Test func item05_languageCodeMissingIsTheRealSingularMessage() {
        #expect(F.startError(F.startBody(language: nil)) == F.validation("Value null at 'languageCode' \(Self.notNull)"))
    }

    @Test func item05_everyRequiredMemberMissing() {
        #expect(F.startError(F.json("{}")) == F.validation(
            "Value null at 'inputDataConfig' \(Self.notNull)",
            "Value null at 'outputDataConfig' \(Self.notNull)",
            "Value null at 'dataAccessRoleArn' \(Self.notNull)",
            "Value null at 'languageCode' \(Self.notNull)"))
        #expect(ServiceError.Code.validation.httpStatus == 400)
    }

    @Test func item05_nestedS3UrisMissing() {
        #expect(F.startError(F.startBody(input: "{}", output: #"{"KmsKeyId": "alias/ExampleAlias"}"#)) == F.validation(
            "Value null at 'inputDataConfig.s3Uri' \(Self.notNull)",
            "Value null at 'outputDataConfig.s3Uri' \(Self.notNull)"))
    }

    @Test func item05_jsonNullIsAbsent() throws {
        #expect(F.startError(F.startBody(language: "null")) == F.validation("Value null at 'languageCode' \(Self.notNull)"))
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(extra: #""JobName": null, "Unknown": 1"#))
        #expect(request.jobName == nil)
    }

    // MARK: #6 S3Uri

    @Test(arguments: ["s3://abc", "s3://my.bucket-1/a/b", "s3://amzn-s3-demo-bucket", "s3://abc/", "s3://a-c/any thing/ü"])
    func item06_s3UriAccepted(uri: String) throws {
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(input: #"{"S3Uri": \#(F.quoted(uri))}"#))
        #expect(request.inputDataConfig.s3Uri == uri)
    }

    @Test(arguments: [
        "S3://amzn-s3-demo-bucket/MovieData/", "s3://ab", "s3://Bucket/x", "https://amzn-s3-demo-bucket.s3.amazonaws.com/x",
        "s3://-abc/x", "s3://abc-/x", "s3://abc\n", "s3:/abc", "s3://abc\\x",
    ])
    func item06_s3UriRejectedByFullMatch(uri: String) {
        #expect(F.startError(F.startBody(input: #"{"S3Uri": \#(F.quoted(uri))}"#))
            == F.validation("Value '\(uri)' at 'inputDataConfig.s3Uri' failed to satisfy constraint: \(Self.s3Pattern)"))
    }

    @Test func item06_upperCaseSchemeInBothConfigsAsAWSReportsIt() {
        let error = F.startError(F.startBody(
            input: #"{"S3Uri": "S3://mybucket/input/interaction-4745004.txt"}"#,
            output: #"{"S3Uri": "S3://mybucket/output/"}"#))
        #expect(error?.message == "2 validation errors detected: Value 'S3://mybucket/input/interaction-4745004.txt' at 'inputDataConfig.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?; Value 'S3://mybucket/output/' at 'outputDataConfig.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?")
        #expect(error?.code == .validation)
    }

    @Test func item06_s3UriLengthCountsCharacters() throws {
        let fits = "s3://abc/" + String(repeating: "é", count: 1024 - 9)
        _ = try StartSentimentDetectionJobRequest(json: F.startBody(output: #"{"S3Uri": \#(F.quoted(fits))}"#))
        let long = fits + "x"
        #expect(F.startError(F.startBody(output: #"{"S3Uri": \#(F.quoted(long))}"#))
            == F.validation("Value '\(long)' at 'outputDataConfig.s3Uri' failed to satisfy constraint: Member must have length less than or equal to 1024"))
    }

    // MARK: #7 DataAccessRoleArn

    @Test(arguments: [
        "arn:aws:iam::111122223333:role/x", "arn:aws-cn:iam::111122223333:role/service-role/r",
        "arn:aws-us-gov:iam::111122223333:role/r",
    ])
    func item07_roleAccepted(role: String) throws {
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(role: F.quoted(role)))
        #expect(request.dataAccessRoleArn == role)
    }

    @Test(arguments: [
        "arn:aws:iam::111122223333:user/analyst", "arn:aws:iam::11112222333:role/comprehend",
        "arn:aws:iam:us-east-1:111122223333:role/r", "arn:aws:iam::111122223333:role/",
        "arn:awscn:iam::111122223333:role/r",
    ])
    func item07_roleRejected(role: String) {
        #expect(F.startError(F.startBody(role: F.quoted(role))) == F.validation(
            "Value '\(role)' at 'dataAccessRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+"))
    }

    @Test func item07_shortRoleViolatesLengthThenPattern() {
        #expect(F.startError(F.startBody(role: #""arn:aws:iam::1:role""#)) == F.validation(
            "Value 'arn:aws:iam::1:role' at 'dataAccessRoleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
            "Value 'arn:aws:iam::1:role' at 'dataAccessRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+"))
    }

    // MARK: #8 LanguageCode

    @Test(arguments: ["en", "es", "fr", "de", "it", "pt", "ar", "hi", "ja", "ko", "zh", "zh-TW"])
    func item08_languageAccepted(code: String) throws {
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(language: F.quoted(code)))
        #expect(request.languageCode.rawValue == code)
    }

    @Test(arguments: ["EN", "zh-tw", "pt-BR", "", "xx"])
    func item08_languageRejected(code: String) {
        #expect(F.startError(F.startBody(language: F.quoted(code))) == F.validation(
            "Value '\(code)' at 'languageCode' failed to satisfy constraint: Member must satisfy enum value set: [ar, hi, ko, zh-TW, ja, zh, de, pt, en, it, fr, es]"))
    }

    // MARK: #9 JobName

    @Test(arguments: ["movie reviews", "é", "日本", "a_b.c:d/e=f+g-h%i@j", "١٢٣", "tab\u{3000}ideographic space", String(repeating: "n", count: 256)])
    func item09_jobNameAccepted(name: String) throws {
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(extra: #""JobName": \#(F.quoted(name))"#))
        #expect(request.jobName == name)
    }

    @Test(arguments: ["bad!", "#1", "a*b", "a,b", "line\nbreak", "emoji🙂"])
    func item09_jobNameRejectedByPattern(name: String) {
        #expect(F.startError(F.startBody(extra: #""JobName": \#(F.quoted(name))"#)) == F.validation(
            #"Value '\#(name)' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$"#))
    }

    @Test func item09_jobNameLength() {
        #expect(F.startError(F.startBody(extra: #""JobName": """#)) == F.validation(
            "Value '' at 'jobName' failed to satisfy constraint: Member must have length greater than or equal to 1"))
        let long = String(repeating: "日", count: 257)
        #expect(F.startError(F.startBody(extra: #""JobName": "\#(long)""#)) == F.validation(
            "Value '\(long)' at 'jobName' failed to satisfy constraint: Member must have length less than or equal to 256"))
    }

    // MARK: #10 ClientRequestToken

    @Test(arguments: ["3f2b9c1e-2d4a-4f7e-9a51-6c0d8e7b1a22", "A", String(repeating: "z", count: 64)])
    func item10_tokenAccepted(token: String) throws {
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(extra: #""ClientRequestToken": "\#(token)""#))
        #expect(request.clientRequestToken == token)
    }

    @Test func item10_tokenRejected() {
        #expect(F.startError(F.startBody(extra: #""ClientRequestToken": "a_b""#)) == F.validation(
            "Value 'a_b' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-]+$"))
        #expect(F.startError(F.startBody(extra: #""ClientRequestToken": """#)) == F.validation(
            "Value '' at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 1",
            "Value '' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-]+$"))
        let long = String(repeating: "a", count: 65)
        #expect(F.startError(F.startBody(extra: #""ClientRequestToken": "\#(long)""#)) == F.validation(
            "Value '\(long)' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 64"))
    }

    // MARK: #11 KMS key ids

    @Test func item11_kmsKeyIdsMustBeNonEmptyASCII() {
        let pattern = #"Member must satisfy regular expression pattern: ^\p{ASCII}+$"#
        #expect(F.startError(F.startBody(extra: #""VolumeKmsKeyId": """#)) == F.validation(
            "Value '' at 'volumeKmsKeyId' failed to satisfy constraint: \(pattern)"))
        #expect(F.startError(F.startBody(output: #"{"S3Uri": "s3://abc/", "KmsKeyId": "alias/clé"}"#)) == F.validation(
            "Value 'alias/clé' at 'outputDataConfig.kmsKeyId' failed to satisfy constraint: \(pattern)"))
        let long = String(repeating: "k", count: 2049)
        #expect(F.startError(F.startBody(extra: #""VolumeKmsKeyId": "\#(long)""#)) == F.validation(
            "Value '\(long)' at 'volumeKmsKeyId' failed to satisfy constraint: Member must have length less than or equal to 2048"))
    }

    @Test(arguments: [
        "1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab",
        "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "alias/ExampleAlias", "alias/aws/comprehend", "arn:aws-cn:kms:cn-north-1:111122223333:alias/ExampleAlias",
    ])
    func item11_wellFormedKmsKeysAccepted(key: String) throws {
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(
            output: #"{"S3Uri": "s3://abc/", "KmsKeyId": "\#(key)"}"#, extra: #""VolumeKmsKeyId": "\#(key)""#))
        #expect(request.outputDataConfig.kmsKeyId == key)
        #expect(request.volumeKmsKeyId == key)
    }

    @Test(arguments: [
        "my-key", "1234abcd-12ab-34cd-56ef-1234567890a", "alias/", "alias/bad name",
        "arn:aws:kms:us-west-2:111122223333:key/not-a-uuid", "arn:aws:s3:::bucket", "arn:aws:kms:us-west-2:1111:alias/x",
    ])
    func item11_malformedKmsKeyIsKmsKeyValidationException(key: String) {
        let expected = ServiceError(.kmsKeyValidation,
            "The KMS customer managed key (CMK) entered cannot be validated. Verify the key and re-enter it.")
        #expect(F.startError(F.startBody(extra: #""VolumeKmsKeyId": "\#(key)""#)) == expected)
        #expect(F.startError(F.startBody(output: #"{"S3Uri": "s3://abc/", "KmsKeyId": "\#(key)"}"#)) == expected)
    }

    // MARK: #12 VpcConfig

    @Test func item12_vpcConfigAccepted() throws {
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(
            extra: #""VpcConfig": {"SecurityGroupIds": ["sg-03b388029b0a285ea"], "Subnets": ["subnet-04ccf456919e69055", "subnet-2"]}"#))
        #expect(request.vpcConfig == VpcConfig(securityGroupIds: ["sg-03b388029b0a285ea"], subnets: ["subnet-04ccf456919e69055", "subnet-2"]))
    }

    @Test func item12_vpcListsRequired() {
        #expect(F.startError(F.startBody(extra: #""VpcConfig": {}"#)) == F.validation(
            "Value null at 'vpcConfig.securityGroupIds' \(Self.notNull)",
            "Value null at 'vpcConfig.subnets' \(Self.notNull)"))
    }

    @Test func item12_vpcListLengthsAndItems() {
        let groups = #"["sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"]"#
        let long = String(repeating: "a", count: 33)
        #expect(F.startError(F.startBody(extra: #""VpcConfig": {"SecurityGroupIds": \#(groups), "Subnets": []}"#)) == F.validation(
            "Value '[sg-1, sg-2, sg-3, sg-4, sg-5, sg-6]' at 'vpcConfig.securityGroupIds' failed to satisfy constraint: Member must have length less than or equal to 5",
            "Value '[]' at 'vpcConfig.subnets' failed to satisfy constraint: Member must have length greater than or equal to 1"))
        #expect(F.startError(F.startBody(extra: #""VpcConfig": {"SecurityGroupIds": ["sg_1"], "Subnets": ["subnet-1", "", "\#(long)"]}"#)) == F.validation(
            "Value 'sg_1' at 'vpcConfig.securityGroupIds.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [-0-9a-zA-Z]+",
            "Value '' at 'vpcConfig.subnets.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1",
            "Value '' at 'vpcConfig.subnets.2.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [-0-9a-zA-Z]+",
            "Value '\(long)' at 'vpcConfig.subnets.3.member' failed to satisfy constraint: Member must have length less than or equal to 32"))
        let seventeen = (1...17).map { "\"subnet-\($0)\"" }.joined(separator: ", ")
        let error = F.startError(F.startBody(extra: #""VpcConfig": {"SecurityGroupIds": ["sg-1"], "Subnets": [\#(seventeen)]}"#))
        #expect(error?.message.hasSuffix("at 'vpcConfig.subnets' failed to satisfy constraint: Member must have length less than or equal to 16") == true)
    }

    // MARK: #13 Tags

    @Test func item13_tagMembers() {
        let value = String(repeating: "v", count: 257)
        let key = String(repeating: "k", count: 129)
        #expect(F.startError(F.startBody(extra: #""Tags": [{"Key": ""}, {"Key": "ok", "Value": "\#(value)"}, {"Value": "x"}, {"Key": "\#(key)", "Value": ""}]"#)) == F.validation(
            "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
            "Value '\(value)' at 'tags.2.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
            "Value null at 'tags.3.member.key' \(Self.notNull)",
            "Value '\(key)' at 'tags.4.member.key' failed to satisfy constraint: Member must have length less than or equal to 128"))
    }

    static func tags(_ count: Int) -> String {
        #""Tags": ["# + (1...count).map { #"{"Key": "k\#($0)", "Value": "v"}"# }.joined(separator: ", ") + "]"
    }

    @Test func item13_fiftyTagsAcceptedFiftyOneRefused() throws {
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(extra: Self.tags(50)))
        #expect(request.tags.count == 50)
        #expect(request.tags[0] == Tag(key: "k1", value: "v"))
        #expect(F.startError(F.startBody(extra: Self.tags(51))) == ServiceError(.tooManyTags,
            "The request contains more tags than can be associated with a resource (50 tags per resource). The maximum number of tags includes both existing tags and those included in your current request."))
    }

    // MARK: #14 InputFormat, DocumentReaderConfig

    @Test func item14_inputFormat() throws {
        let request = try StartSentimentDetectionJobRequest(json: F.startBody(input: #"{"S3Uri": "s3://abc", "InputFormat": "ONE_DOC_PER_FILE"}"#))
        #expect(request.inputDataConfig.inputFormat == .oneDocPerFile)
        #expect(F.startError(F.startBody(input: #"{"S3Uri": "s3://abc", "InputFormat": "one_doc_per_line"}"#)) == F.validation(
            "Value 'one_doc_per_line' at 'inputDataConfig.inputFormat' failed to satisfy constraint: Member must satisfy enum value set: [ONE_DOC_PER_FILE, ONE_DOC_PER_LINE]"))
    }

    @Test func item14_documentReaderConfig() throws {
        let ok = try StartSentimentDetectionJobRequest(json: F.startBody(
            input: #"{"S3Uri": "s3://abc", "DocumentReaderConfig": {"DocumentReadAction": "TEXTRACT_ANALYZE_DOCUMENT", "DocumentReadMode": "FORCE_DOCUMENT_READ_ACTION", "FeatureTypes": ["TABLES", "FORMS"]}}"#))
        #expect(ok.inputDataConfig.documentReaderConfig == DocumentReaderConfig(
            documentReadAction: .textractAnalyzeDocument, documentReadMode: .forceDocumentReadAction, featureTypes: [.tables, .forms]))

        #expect(F.startError(F.startBody(input: #"{"S3Uri": "s3://abc", "DocumentReaderConfig": {}}"#)) == F.validation(
            "Value null at 'inputDataConfig.documentReaderConfig.documentReadAction' \(Self.notNull)"))
        #expect(F.startError(F.startBody(input: #"{"S3Uri": "s3://abc", "DocumentReaderConfig": {"DocumentReadAction": "OCR", "DocumentReadMode": "X", "FeatureTypes": []}}"#)) == F.validation(
            "Value 'OCR' at 'inputDataConfig.documentReaderConfig.documentReadAction' failed to satisfy constraint: Member must satisfy enum value set: [TEXTRACT_DETECT_DOCUMENT_TEXT, TEXTRACT_ANALYZE_DOCUMENT]",
            "Value 'X' at 'inputDataConfig.documentReaderConfig.documentReadMode' failed to satisfy constraint: Member must satisfy enum value set: [SERVICE_DEFAULT, FORCE_DOCUMENT_READ_ACTION]",
            "Value '[]' at 'inputDataConfig.documentReaderConfig.featureTypes' failed to satisfy constraint: Member must have length greater than or equal to 1"))
        #expect(F.startError(F.startBody(input: #"{"S3Uri": "s3://abc", "DocumentReaderConfig": {"DocumentReadAction": "TEXTRACT_DETECT_DOCUMENT_TEXT", "FeatureTypes": ["TABLES", "CHARTS", "FORMS"]}}"#)) == F.validation(
            "Value '[TABLES, CHARTS, FORMS]' at 'inputDataConfig.documentReaderConfig.featureTypes' failed to satisfy constraint: Member must have length less than or equal to 2",
            "Value 'CHARTS' at 'inputDataConfig.documentReaderConfig.featureTypes.2.member' failed to satisfy constraint: Member must satisfy enum value set: [TABLES, FORMS]"))
    }

    // MARK: Order of violations and of checks

    /// Violations follow the model's member order (spec §2.1 table), whatever order the JSON has.
    @Test func violationsFollowModelMemberOrder() {
        let body = F.json(#"{"Tags": [{"Key": ""}], "VpcConfig": {"Subnets": ["s"]}, "LanguageCode": "EN", "VolumeKmsKeyId": "", "JobName": "a!", "ClientRequestToken": "t_1", "InputDataConfig": {"InputFormat": "LINES", "S3Uri": "s3://A"}}"#)
        #expect(F.startError(body) == F.validation(
            "Value 's3://A' at 'inputDataConfig.s3Uri' failed to satisfy constraint: \(Self.s3Pattern)",
            "Value 'LINES' at 'inputDataConfig.inputFormat' failed to satisfy constraint: Member must satisfy enum value set: [ONE_DOC_PER_FILE, ONE_DOC_PER_LINE]",
            "Value null at 'outputDataConfig' \(Self.notNull)",
            "Value null at 'dataAccessRoleArn' \(Self.notNull)",
            #"Value 'a!' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$"#,
            "Value 'EN' at 'languageCode' failed to satisfy constraint: Member must satisfy enum value set: [ar, hi, ko, zh-TW, ja, zh, de, pt, en, it, fr, es]",
            "Value 't_1' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-]+$",
            #"Value '' at 'volumeKmsKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\p{ASCII}+$"#,
            "Value null at 'vpcConfig.securityGroupIds' \(Self.notNull)",
            "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1"))
    }

    @Test func validationComesBeforeKmsAndTagChecksAndKmsBeforeTags() {
        #expect(F.startError(F.startBody(language: #""EN""#, extra: Self.tags(51) + #", "VolumeKmsKeyId": "nope""#))?.code == .validation)
        #expect(F.startError(F.startBody(extra: Self.tags(51) + #", "VolumeKmsKeyId": "nope""#))?.code == .kmsKeyValidation)
    }

    // MARK: Wrong JSON types (SerializationException, before validation)

    @Test func wrongTypesAreSerializationExceptions() {
        func expectSerialization(_ body: JSONValue, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(F.startError(body) == ServiceError(.serialization, message), sourceLocation: sourceLocation)
        }
        expectSerialization(F.startBody(extra: #""JobName": 5"#),
            "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String")
        expectSerialization(F.startBody(language: "true"), "class java.lang.Boolean can not be converted to an String")
        expectSerialization(F.startBody(language: #"["en"]"#), "Start of list found where not expected")
        expectSerialization(F.startBody(role: #"{"Arn": "x"}"#), "Start of structure or map found where not expected.")
        expectSerialization(F.startBody(input: #""s3://abc""#), "Expected null")
        expectSerialization(F.startBody(input: #"[{"S3Uri": "s3://abc"}]"#), "Start of list found where not expected")
        expectSerialization(F.startBody(extra: #""Tags": {"Key": "k"}"#), "Start of structure or map found where not expected.")
        expectSerialization(F.startBody(extra: #""Tags": "k=v""#), "Expected list or null")
        expectSerialization(F.startBody(extra: #""Tags": ["k=v"]"#), "Expected null")
        expectSerialization(F.startBody(extra: #""VpcConfig": {"SecurityGroupIds": [1], "Subnets": ["s"]}"#),
            "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String")
        expectSerialization(F.json("[]"), "Start of list found where not expected")
        // A type error wins over validation errors anywhere in the request.
        expectSerialization(F.startBody(input: nil, language: #""EN""#, extra: #""JobName": false"#),
            "class java.lang.Boolean can not be converted to an String")
        #expect(ServiceError.Code.serialization.name == "SerializationException")
    }
}
