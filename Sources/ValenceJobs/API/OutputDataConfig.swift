import ValenceCore

/// `OutputDataConfig` (spec §3.2). In a request `s3Uri` is the output prefix; in a job's
/// properties it is the full URI of the job's `output.tar.gz` (spec §7.1).
public struct OutputDataConfig: Sendable, Equatable {
    public var s3Uri: String
    public var kmsKeyId: String?

    public init(s3Uri: String, kmsKeyId: String? = nil) {
        self.s3Uri = s3Uri
        self.kmsKeyId = kmsKeyId
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("S3Uri", .string(s3Uri))]
        if let kmsKeyId { members.append(("KmsKeyId", .string(kmsKeyId))) }
        return .object(members)
    }

    static func decode(_ shape: ShapeDecoder.Structure, _ decoder: ShapeDecoder) throws(ServiceError) -> OutputDataConfig? {
        let mark = decoder.mark
        let s3Uri = try decoder.string(shape, "S3Uri", required: true, ModelShapes.s3Uri)
        let kmsKeyId = try decoder.string(shape, "KmsKeyId", ModelShapes.kmsKeyId)
        guard decoder.mark == mark, let s3Uri else { return nil }
        return OutputDataConfig(s3Uri: s3Uri, kmsKeyId: kmsKeyId)
    }
}
