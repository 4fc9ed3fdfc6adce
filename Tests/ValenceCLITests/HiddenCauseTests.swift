import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// Issue #11 defect 6: no job failure or dead worker goes without a word. A file-size limit
/// (`ulimit -f`) no longer kills the worker silently with SIGXFSZ: the write fails with EFBIG, and
/// the job ends FAILED with AWS's message and the cause (path, "File too large") in its log. A
/// full `VALENCE_HOME`, where nothing can record that a worker died, makes the job operations fail
/// with `InternalServerException` saying so (instead of showing the job IN_PROGRESS for ever); once
/// there is room again, the job is resumed and completes.
@Suite struct HiddenCauseTests {
    /// Whether this machine lets us mount a small file system in a mount namespace of our own.
    static let canMount: Bool = (try? ToolRun.run("/usr/bin/unshare", ["--mount", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]).status) == 0

    @Test func defect6_aFileSizeLimitFailsTheJobWithItsCause() throws {
        let sandbox = try JobSandbox(threads: 1)
        sandbox.put("in-bucket/limit/reviews.txt", JobSandbox.reviewLines(count: 6_000))
        let jobId = try sandbox.start(input: "s3://in-bucket/limit/", extra: ["--no-worker"])
        var environment = ProcessInfo.processInfo.environment
        environment["VALENCE_LEXICONS"] = Repository.lexicons.path
        environment.merge(sandbox.environment) { _, new in new }
        // 64 blocks: room for the manifest and the log, not for the archive (over 100 KB).
        let worker = try ToolRun.run("/bin/sh", ["-c", "ulimit -f 64 && exec \"$0\" worker --job-id \"$1\"", CLIRunner.binary.path, jobId],
                                     environment: environment)
        #expect(worker.status == 0, "the worker did not end by itself: \(worker)")
        let job = try sandbox.describe(jobId)
        #expect(job["JobStatus"]?.stringValue == "FAILED")
        let message = job["Message"]?.stringValue ?? ""
        #expect(message.hasPrefix("NO_WRITE_ACCESS_TO_OUTPUT: "), "\(message)")
        let log = sandbox.log(jobId)
        #expect(log.contains("FAILED: NO_WRITE_ACCESS_TO_OUTPUT") && log.contains("File too large") && log.contains("cause: "), "\(log)")
        let uri = job["OutputDataConfig"]?["S3Uri"]?.stringValue ?? ""
        let directory = (sandbox.localPath(uri) as NSString).deletingLastPathComponent
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).isEmpty, "files left in \(directory)")
    }

    @Test(.enabled(if: canMount, "mounting a tmpfs in a mount namespace is not permitted here"))
    func defect6_aFullValenceHomeIsReportedThenTheJobResumes() throws {
        let sandbox = try JobSandbox(threads: 1)
        #if DEBUG
        let lines = 30_000
        #else
        let lines = 1_600_000 // a release worker must still be running when the home fills
        #endif
        sandbox.put("in-bucket/full/reviews.txt", JobSandbox.reviewLines(count: lines))
        try FileManager.default.createDirectory(atPath: sandbox.home, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["VALENCE_LEXICONS"] = Repository.lexicons.path
        environment["VALENCE_BIN"] = CLIRunner.binary.path
        environment.merge(sandbox.environment) { _, new in new }
        // In a mount namespace of its own, VALENCE_HOME is a 256 KiB tmpfs: start the job, fill
        // the home once the worker has made progress, describe, free the room, describe until the end.
        let script = #"""
            mount -t tmpfs -o size=256k tmpfs "$VALENCE_HOME" || exit 99
            "$VALENCE_BIN" start-sentiment-detection-job --language-code en --input-data-config S3Uri=s3://in-bucket/full/,InputFormat=ONE_DOC_PER_LINE \
                --output-data-config S3Uri=s3://out-bucket/full/ --data-access-role-arn "$ROLE" > "$VALENCE_HOME/start.json" || exit 98
            job=$(sed -n 's/.*"JobId": "\([0-9a-f]*\)".*/\1/p' "$VALENCE_HOME/start.json")
            i=0
            until grep -q '"DocumentsProcessed": [1-9]' "$VALENCE_HOME/jobs/$job.json" 2>/dev/null; do
                i=$((i + 1)); [ $i -gt 1200 ] && exit 97; sleep 0.1
            done
            dd if=/dev/zero of="$VALENCE_HOME/filler" bs=4k 2>/dev/null
            i=0
            until ! grep -q '"WorkerPid"' "$VALENCE_HOME/jobs/$job.json" || ! kill -0 $(sed -n 's/.*"WorkerPid": \([0-9]*\).*/\1/p' "$VALENCE_HOME/jobs/$job.json") 2>/dev/null \
                  || [ "$(ps -o stat= -p $(sed -n 's/.*"WorkerPid": \([0-9]*\).*/\1/p' "$VALENCE_HOME/jobs/$job.json"))" = "Z" ]; do
                i=$((i + 1)); [ $i -gt 600 ] && exit 96; sleep 0.1
            done
            echo "FULL"
            "$VALENCE_BIN" describe-sentiment-detection-job --job-id "$job"
            echo "STATUS $?"
            rm "$VALENCE_HOME/filler"
            i=0
            while :; do
                "$VALENCE_BIN" describe-sentiment-detection-job --job-id "$job" > "$VALENCE_HOME/describe.json"
                grep -q '"JobStatus": "\(COMPLETED\|FAILED\)"' "$VALENCE_HOME/describe.json" && break
                i=$((i + 1)); [ $i -gt 1200 ] && exit 95; sleep 0.1
            done
            echo "END"
            cat "$VALENCE_HOME/describe.json"
            echo "LOG"
            cat "$VALENCE_HOME/logs/$job.log"
            """#
        environment["ROLE"] = JobSandbox.role
        let run = try ToolRun.run("/usr/bin/unshare", ["--mount", "sh", "-c", script], environment: environment)
        #expect(run.status == 0, "\(run)")
        let full = run.stdout.components(separatedBy: "\nSTATUS ")
        // While the home is full: an internal error naming the job, the dead worker and the errno.
        #expect(full.count == 2 && full[1].hasPrefix("254"), "\(run)")
        #expect(run.stderr.contains("An error occurred (InternalServerException) when calling the DescribeSentimentDetectionJob operation"))
        #expect(run.stderr.contains("stopped renewing its lease") && run.stderr.contains("No space left on device"), "\(run.stderr)")
        // Then the job is resumed (from its checkpoint: the worker left its archive) and completes.
        let end = run.stdout.components(separatedBy: "\nEND\n").last ?? ""
        #expect(end.contains("\"JobStatus\": \"COMPLETED\""), "\(run.stdout)")
        #expect(end.contains("attempt 2 of 3 resumes the job from its checkpoint"), "\(end)")
        #expect(!end.contains("starting over"))
    }
}
