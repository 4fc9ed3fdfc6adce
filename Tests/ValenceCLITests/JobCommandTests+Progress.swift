import Foundation
import Testing
@testable import valence
import ValenceJobs
import ValenceTestSupport

/// The progress line of `start-sentiment-detection-job --wait` on a terminal: percent and ETA
/// from the input bytes the worker records at its heartbeats, nothing of them before it has.
extension JobCommandTests {
    static let progressLines: [(bytes: JobManifest.ByteProgress?, documents: Int, elapsed: Double, line: String)] = [
        // An older worker, or none of its heartbeats yet: documents, rate and time only.
        (nil, 1500, 2, "3f2b IN_PROGRESS: 1500 documents, 750 docs/s, 2 s"),
        // A quarter of the bytes in 3 s: three times as long again.
        (JobManifest.ByteProgress(processed: 600, total: 2400), 1500, 3, "3f2b IN_PROGRESS: 25.0%, 1500 documents, 500 docs/s, 3 s, ETA 9 s"),
        (JobManifest.ByteProgress(processed: 1, total: 3), 10, 1.2, "3f2b IN_PROGRESS: 33.3%, 10 documents, 8 docs/s, 1 s, ETA 2 s"),
        (JobManifest.ByteProgress(processed: 2400, total: 2400), 6000, 4, "3f2b IN_PROGRESS: 100.0%, 6000 documents, 1500 docs/s, 4 s, ETA 0 s"),
        // Nothing read yet: the percent, no ETA.
        (JobManifest.ByteProgress(processed: 0, total: 2400), 0, 1, "3f2b IN_PROGRESS: 0.0%, 0 documents, 0 docs/s, 1 s"),
        // An empty input has no percent; no time yet means no rate.
        (JobManifest.ByteProgress(processed: 0, total: 0), 0, 1, "3f2b IN_PROGRESS: 0 documents, 0 docs/s, 1 s"),
        (nil, 0, 0, "3f2b IN_PROGRESS: 0 documents, 0 docs/s, 0 s"),
    ]

    @Test(arguments: progressLines)
    func waitProgressLine(bytes: JobManifest.ByteProgress?, documents: Int, elapsed: Double, line: String) {
        #expect(JobWatch.progressText(jobId: "3f2b", status: .inProgress, documents: documents, inputBytes: bytes, elapsed: elapsed) == line)
    }

    /// The ETA runs at the pace since the first byte progress seen, so the worker's start-up does
    /// not slow it: 600 bytes read by 3 s, first seen at 200 bytes after 2 s → 400 bytes a second,
    /// 1800 bytes left → 4.5 s (printed rounded to even: 4), not the 9 s the whole 3 s would give.
    @Test func waitEtaStartsAtTheFirstProgressSeen() {
        let bytes = JobManifest.ByteProgress(processed: 600, total: 2400)
        #expect(JobWatch.progressText(jobId: "3f2b", status: .inProgress, documents: 1500, inputBytes: bytes, elapsed: 3,
                                       since: (elapsed: 2, bytes: 200)) == "3f2b IN_PROGRESS: 25.0%, 1500 documents, 500 docs/s, 3 s, ETA 4 s")
        // No bytes read since the first sample: percent, no ETA yet.
        #expect(JobWatch.progressText(jobId: "3f2b", status: .inProgress, documents: 1500, inputBytes: bytes, elapsed: 3,
                                       since: (elapsed: 3, bytes: 600)) == "3f2b IN_PROGRESS: 25.0%, 1500 documents, 500 docs/s, 3 s")
    }

    /// The estimate `valence run` and `--wait` share: the fraction read, and the time left at the
    /// pace so far.
    @Test func progressEstimate() throws {
        let quarter = try #require(ProgressEstimate.estimate(bytesProcessed: 250, totalBytes: 1000, elapsed: 10))
        #expect(quarter.fraction == 0.25 && quarter.secondsLeft == 30)
        let start = try #require(ProgressEstimate.estimate(bytesProcessed: 0, totalBytes: 1000, elapsed: 10))
        #expect(start.fraction == 0 && start.secondsLeft == nil)
        let done = try #require(ProgressEstimate.estimate(bytesProcessed: 1000, totalBytes: 1000, elapsed: 10))
        #expect(done.fraction == 1 && done.secondsLeft == 0)
        #expect(ProgressEstimate.estimate(bytesProcessed: 0, totalBytes: 0, elapsed: 10) == nil)
    }
}
