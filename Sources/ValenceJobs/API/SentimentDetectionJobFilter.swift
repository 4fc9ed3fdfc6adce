import ValenceCore

/// `SentimentDetectionJobFilter` (spec §2.3). At most one member may be set
/// (`InvalidFilterException` otherwise, spec §12 item 7).
public struct SentimentDetectionJobFilter: Sendable, Equatable {
    public var jobName: String?
    public var jobStatus: JobStatus?
    /// Only jobs submitted strictly before this time, oldest first.
    public var submitTimeBefore: EpochTime?
    /// Only jobs submitted strictly after this time, newest first.
    public var submitTimeAfter: EpochTime?

    public init(jobName: String? = nil, jobStatus: JobStatus? = nil, submitTimeBefore: EpochTime? = nil, submitTimeAfter: EpochTime? = nil) {
        self.jobName = jobName
        self.jobStatus = jobStatus
        self.submitTimeBefore = submitTimeBefore
        self.submitTimeAfter = submitTimeAfter
    }

    /// How many of the four members are set.
    public var setMemberCount: Int {
        [jobName != nil, jobStatus != nil, submitTimeBefore != nil, submitTimeAfter != nil].filter { $0 }.count
    }

    /// Whether `properties` passes the filter. `JobName` compares Unicode scalars exactly (Java
    /// `String.equals`, not Swift's canonical equivalence).
    public func matches(_ properties: SentimentDetectionJobProperties) -> Bool {
        if let jobName {
            guard let name = properties.jobName, name.unicodeScalars.elementsEqual(jobName.unicodeScalars) else { return false }
        }
        if let jobStatus, properties.jobStatus != jobStatus { return false }
        if let submitTimeBefore, !(properties.submitTime < submitTimeBefore) { return false }
        if let submitTimeAfter, !(properties.submitTime > submitTimeAfter) { return false }
        return true
    }

    /// Results newest first (only with `SubmitTimeAfter`).
    public var isDescending: Bool { submitTimeAfter != nil }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = []
        if let jobName { members.append(("JobName", .string(jobName))) }
        if let jobStatus { members.append(("JobStatus", .string(jobStatus.rawValue))) }
        if let submitTimeBefore { members.append(("SubmitTimeBefore", submitTimeBefore.json)) }
        if let submitTimeAfter { members.append(("SubmitTimeAfter", submitTimeAfter.json)) }
        return .object(members)
    }

    static func decode(_ shape: ShapeDecoder.Structure, _ decoder: ShapeDecoder) throws(ServiceError) -> SentimentDetectionJobFilter {
        SentimentDetectionJobFilter(
            jobName: try decoder.string(shape, "JobName", ModelShapes.jobName),
            jobStatus: try decoder.enumeration(shape, "JobStatus", JobStatus.self),
            submitTimeBefore: try decoder.timestamp(shape, "SubmitTimeBefore"),
            submitTimeAfter: try decoder.timestamp(shape, "SubmitTimeAfter")
        )
    }
}
