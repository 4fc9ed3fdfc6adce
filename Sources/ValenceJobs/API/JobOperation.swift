/// The asynchronous sentiment operations, by their AWS names (`X-Amz-Target:
/// Comprehend_20171127.<rawValue>`, spec §1.2).
public enum JobOperation: String, CaseIterable, Sendable {
    case startSentimentDetectionJob = "StartSentimentDetectionJob"
    case describeSentimentDetectionJob = "DescribeSentimentDetectionJob"
    case listSentimentDetectionJobs = "ListSentimentDetectionJobs"
    case stopSentimentDetectionJob = "StopSentimentDetectionJob"
}
