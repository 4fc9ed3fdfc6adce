import ValenceCore

/// A validated `StartSentimentDetectionJob` request (spec §2.1).
///
/// `init(json:)` takes the body as aws-cli sends it (PascalCase members, spec §14.1) and checks it
/// in AWS's order (spec §4.3): member types (`SerializationException`), then every constraint at
/// once (`ValidationException`, violations in model member order: InputDataConfig,
/// OutputDataConfig, DataAccessRoleArn, JobName, LanguageCode, ClientRequestToken,
/// VolumeKmsKeyId, VpcConfig, Tags), then the operation's own checks in member order:
/// `OutputDataConfig.KmsKeyId` and `VolumeKmsKeyId` (`KmsKeyValidationException`, see
/// `KmsKeyReference`), and more than 50 tags (`TooManyTagsException`).
public struct StartSentimentDetectionJobRequest: Sendable, Equatable {
    public static let maxTags = 50

    public var inputDataConfig: InputDataConfig
    public var outputDataConfig: OutputDataConfig
    public var dataAccessRoleArn: String
    public var jobName: String?
    public var languageCode: LanguageCode
    public var clientRequestToken: String?
    public var volumeKmsKeyId: String?
    public var vpcConfig: VpcConfig?
    /// Empty when the request has none.
    public var tags: [Tag]

    public init(json body: JSONValue) throws(ServiceError) {
        let decoder = ShapeDecoder()
        let root = try decoder.root(body)
        var input: InputDataConfig?
        if let shape = try decoder.structure(root, "InputDataConfig", required: true) {
            input = try InputDataConfig.decode(shape, decoder)
        }
        var output: OutputDataConfig?
        if let shape = try decoder.structure(root, "OutputDataConfig", required: true) {
            output = try OutputDataConfig.decode(shape, decoder)
        }
        let role = try decoder.string(root, "DataAccessRoleArn", required: true, ModelShapes.iamRoleArn)
        let jobName = try decoder.string(root, "JobName", ModelShapes.jobName)
        let language = try decoder.enumeration(root, "LanguageCode", LanguageCode.self, required: true, order: LanguageCode.awsEnumOrder)
        let token = try decoder.string(root, "ClientRequestToken", ModelShapes.clientRequestToken)
        let volumeKey = try decoder.string(root, "VolumeKmsKeyId", ModelShapes.kmsKeyId)
        var vpc: VpcConfig?
        if let shape = try decoder.structure(root, "VpcConfig") {
            vpc = try VpcConfig.decode(shape, decoder)
        }
        var tags: [Tag] = []
        if let shapes = try decoder.structureList(root, "Tags") {
            for shape in shapes {
                if let tag = try Tag.decode(shape, decoder) { tags.append(tag) }
            }
        }
        try decoder.finish()
        guard let input, let output, let role, let language else {
            throw ServiceError(.internalServer, "An internal server error occurred. Retry your request.")
        }

        if let key = output.kmsKeyId, !KmsKeyReference.isWellFormed(key) { throw KmsKeyReference.error }
        if let key = volumeKey, !KmsKeyReference.isWellFormed(key) { throw KmsKeyReference.error }
        guard tags.count <= Self.maxTags else {
            throw ServiceError(.tooManyTags,
                "The request contains more tags than can be associated with a resource (50 tags per resource). "
                + "The maximum number of tags includes both existing tags and those included in your current request.")
        }

        self.inputDataConfig = input
        self.outputDataConfig = output
        self.dataAccessRoleArn = role
        self.jobName = jobName
        self.languageCode = language
        self.clientRequestToken = token
        self.volumeKmsKeyId = volumeKey
        self.vpcConfig = vpc
        self.tags = tags
    }

    /// The account id in `DataAccessRoleArn` (`arn:<partition>:iam::<account>:role/...`).
    public var accountId: String { Self.arnField(dataAccessRoleArn, 4) }

    /// The partition in `DataAccessRoleArn`: `aws`, `aws-cn`, `aws-us-gov`, ...
    public var partition: String { Self.arnField(dataAccessRoleArn, 1) }

    private static func arnField(_ arn: String, _ index: Int) -> String {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return fields.count > index ? String(fields[index]) : ""
    }

    /// The request in canonical wire form: model member order, absent members omitted.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("InputDataConfig", inputDataConfig.json),
            ("OutputDataConfig", outputDataConfig.json),
            ("DataAccessRoleArn", .string(dataAccessRoleArn)),
        ]
        if let jobName { members.append(("JobName", .string(jobName))) }
        members.append(("LanguageCode", .string(languageCode.rawValue)))
        if let clientRequestToken { members.append(("ClientRequestToken", .string(clientRequestToken))) }
        if let volumeKmsKeyId { members.append(("VolumeKmsKeyId", .string(volumeKmsKeyId))) }
        if let vpcConfig { members.append(("VpcConfig", vpcConfig.json)) }
        if !tags.isEmpty { members.append(("Tags", .array(tags.map(\.json)))) }
        return .object(members)
    }

    /// What makes two requests "the same request" for `ClientRequestToken` idempotency (spec §10):
    /// the canonical form without the token and with the effective `InputFormat`, so member order,
    /// whitespace, number spelling and an explicit default do not matter; every value does.
    public var fingerprint: JSONValue {
        var copy = self
        copy.clientRequestToken = nil
        copy.inputDataConfig.inputFormat = inputDataConfig.effectiveInputFormat
        return copy.json
    }
}
