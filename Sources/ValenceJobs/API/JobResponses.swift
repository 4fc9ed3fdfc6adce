import ValenceCore

// The four job operations' response shapes, rendered in model member order (spec §2, §14) with
// absent members omitted, never `null`.

/// `StartSentimentDetectionJobResponse`: `{"JobId", "JobArn", "JobStatus"}`.
public struct StartSentimentDetectionJobResponse: Sendable, Equatable {
    public var jobId: String
    public var jobArn: String
    public var jobStatus: JobStatus

    public init(jobId: String, jobArn: String, jobStatus: JobStatus) {
        self.jobId = jobId
        self.jobArn = jobArn
        self.jobStatus = jobStatus
    }

    public var json: JSONValue {
        .object([("JobId", .string(jobId)), ("JobArn", .string(jobArn)), ("JobStatus", .string(jobStatus.rawValue))])
    }
}

/// `DescribeSentimentDetectionJobResponse`: `{"SentimentDetectionJobProperties": {...}}`.
public struct DescribeSentimentDetectionJobResponse: Sendable, Equatable {
    public var properties: SentimentDetectionJobProperties

    public init(properties: SentimentDetectionJobProperties) {
        self.properties = properties
    }

    public var json: JSONValue { .object([("SentimentDetectionJobProperties", properties.json)]) }
}

/// `ListSentimentDetectionJobsResponse`: `{"SentimentDetectionJobPropertiesList": [...], "NextToken"?}`.
public struct ListSentimentDetectionJobsResponse: Sendable, Equatable {
    public var jobs: [SentimentDetectionJobProperties]
    /// Nil on the last page.
    public var nextToken: String?

    public init(jobs: [SentimentDetectionJobProperties], nextToken: String?) {
        self.jobs = jobs
        self.nextToken = nextToken
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("SentimentDetectionJobPropertiesList", .array(jobs.map(\.json)))]
        if let nextToken { members.append(("NextToken", .string(nextToken))) }
        return .object(members)
    }
}

/// `StopSentimentDetectionJobResponse`: `{"JobId", "JobStatus"}`.
public struct StopSentimentDetectionJobResponse: Sendable, Equatable {
    public var jobId: String
    public var jobStatus: JobStatus

    public init(jobId: String, jobStatus: JobStatus) {
        self.jobId = jobId
        self.jobStatus = jobStatus
    }

    public var json: JSONValue { .object([("JobId", .string(jobId)), ("JobStatus", .string(jobStatus.rawValue))]) }
}
