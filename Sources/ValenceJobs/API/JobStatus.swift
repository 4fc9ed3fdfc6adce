/// `JobStatus` (spec §3.6), in model order.
public enum JobStatus: String, CaseIterable, Sendable, Hashable {
    case submitted = "SUBMITTED"
    case inProgress = "IN_PROGRESS"
    case completed = "COMPLETED"
    case failed = "FAILED"
    case stopRequested = "STOP_REQUESTED"
    case stopped = "STOPPED"

    /// SUBMITTED, IN_PROGRESS and STOP_REQUESTED jobs count against the concurrency limit.
    public var isActive: Bool {
        switch self {
        case .submitted, .inProgress, .stopRequested: true
        case .completed, .failed, .stopped: false
        }
    }

    /// COMPLETED, FAILED and STOPPED: the job has an `EndTime` and will not change again.
    public var isTerminal: Bool { !isActive }
}
