import ValenceCore

/// `SentimentDetectionJobProperties` (spec §3.7): what Describe and List return for a job.
public struct SentimentDetectionJobProperties: Sendable, Equatable {
    public var jobId: String
    public var jobArn: String
    public var jobName: String?
    public var jobStatus: JobStatus
    /// `CODE: text`, present exactly when the job FAILED.
    public var message: String?
    public var submitTime: EpochTime
    /// Present exactly when the job is COMPLETED, FAILED or STOPPED.
    public var endTime: EpochTime?
    /// As submitted, with the effective `InputFormat`.
    public var inputDataConfig: InputDataConfig
    /// `S3Uri` is the job's `output.tar.gz` (spec §7.1).
    public var outputDataConfig: OutputDataConfig
    public var languageCode: LanguageCode
    public var dataAccessRoleArn: String
    public var volumeKmsKeyId: String?
    public var vpcConfig: VpcConfig?

    public init(
        jobId: String, jobArn: String, jobName: String?, jobStatus: JobStatus, message: String? = nil,
        submitTime: EpochTime, endTime: EpochTime? = nil, inputDataConfig: InputDataConfig,
        outputDataConfig: OutputDataConfig, languageCode: LanguageCode, dataAccessRoleArn: String,
        volumeKmsKeyId: String? = nil, vpcConfig: VpcConfig? = nil
    ) {
        self.jobId = jobId
        self.jobArn = jobArn
        self.jobName = jobName
        self.jobStatus = jobStatus
        self.message = message
        self.submitTime = submitTime
        self.endTime = endTime
        self.inputDataConfig = inputDataConfig
        self.outputDataConfig = outputDataConfig
        self.languageCode = languageCode
        self.dataAccessRoleArn = dataAccessRoleArn
        self.volumeKmsKeyId = volumeKmsKeyId
        self.vpcConfig = vpcConfig
    }

    /// The response object, members in model order (spec §14.2), absent members omitted.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("JobId", .string(jobId)), ("JobArn", .string(jobArn))]
        if let jobName { members.append(("JobName", .string(jobName))) }
        members.append(("JobStatus", .string(jobStatus.rawValue)))
        if let message { members.append(("Message", .string(message))) }
        members.append(("SubmitTime", submitTime.json))
        if let endTime { members.append(("EndTime", endTime.json)) }
        members.append(("InputDataConfig", inputDataConfig.json))
        members.append(("OutputDataConfig", outputDataConfig.json))
        members.append(("LanguageCode", .string(languageCode.rawValue)))
        members.append(("DataAccessRoleArn", .string(dataAccessRoleArn)))
        if let volumeKmsKeyId { members.append(("VolumeKmsKeyId", .string(volumeKmsKeyId))) }
        if let vpcConfig { members.append(("VpcConfig", vpcConfig.json)) }
        return .object(members)
    }

    /// Reads properties back from a manifest: types, required members and enums are checked,
    /// lengths and patterns are not.
    static func decode(_ shape: ShapeDecoder.Structure, _ decoder: ShapeDecoder) throws(ServiceError) -> SentimentDetectionJobProperties? {
        let mark = decoder.mark
        let jobId = try decoder.string(shape, "JobId", required: true)
        let jobArn = try decoder.string(shape, "JobArn", required: true)
        let jobName = try decoder.string(shape, "JobName")
        let status = try decoder.enumeration(shape, "JobStatus", JobStatus.self, required: true)
        let message = try decoder.string(shape, "Message")
        let submitTime = try decoder.timestamp(shape, "SubmitTime")
        if submitTime == nil { decoder.report.null(at: shape.path(of: "SubmitTime")) }
        let endTime = try decoder.timestamp(shape, "EndTime")
        var input: InputDataConfig?
        if let inner = try decoder.structure(shape, "InputDataConfig", required: true) { input = try InputDataConfig.decode(inner, decoder) }
        var output: OutputDataConfig?
        if let inner = try decoder.structure(shape, "OutputDataConfig", required: true) { output = try OutputDataConfig.decode(inner, decoder) }
        let language = try decoder.enumeration(shape, "LanguageCode", LanguageCode.self, required: true)
        let role = try decoder.string(shape, "DataAccessRoleArn", required: true)
        let volumeKey = try decoder.string(shape, "VolumeKmsKeyId")
        var vpc: VpcConfig?
        if let inner = try decoder.structure(shape, "VpcConfig") { vpc = try VpcConfig.decode(inner, decoder) }
        guard decoder.mark == mark, let jobId, let jobArn, let status, let submitTime, let input, let output,
              let language, let role else { return nil }
        return SentimentDetectionJobProperties(
            jobId: jobId, jobArn: jobArn, jobName: jobName, jobStatus: status, message: message,
            submitTime: submitTime, endTime: endTime, inputDataConfig: input, outputDataConfig: output,
            languageCode: language, dataAccessRoleArn: role, volumeKmsKeyId: volumeKey, vpcConfig: vpc)
    }
}
