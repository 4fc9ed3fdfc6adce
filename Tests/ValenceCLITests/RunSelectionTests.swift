import Foundation
import Testing
import ValenceTestSupport

/// `valence run DIR` and a job on `s3://bucket/` select their documents with one selector
/// (`InputSelector`): the same tree gives the same records, or the same refusal (issue #9,
/// acceptance 3; spec §13 #25 for the job's side).
@Suite struct RunSelectionTests {
    /// A bucket with nested files, a directory link back up (a loop, walked once), a FIFO and a
    /// file whose name is not UTF-8 (no S3 key can be; skipped).
    static func makeTree(_ sandbox: JobSandbox) throws -> String {
        sandbox.put("bkt/a.txt", "I love it\nI hate it\n")
        sandbox.put("bkt/sub/b.txt", "What a wonderful day\r\nTerrible service\n")
        sandbox.put("bkt/sub/deeper/c.txt", "The bus leaves at noon")
        let bucket = sandbox.s3Root + "/bkt"
        #expect(symlink("..", bucket + "/sub/up") == 0)
        #expect(mkfifo(bucket + "/pipe", 0o644) == 0)
        let badName = Array((bucket + "/bad-").utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
        let descriptor = badName.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(descriptor >= 0)
        _ = "Awful, just awful\n".withCString { write(descriptor, $0, 18) }
        close(descriptor)
        return bucket
    }

    /// `valence run` on the bucket directory: the exit status and the records (when it succeeded).
    static func runLocally(_ sandbox: JobSandbox, _ directory: String) throws -> (Int32, String, String?) {
        let out = sandbox.directory.path + "/run-out"
        let result = try sandbox.run("run", directory, "--language-code", "en", "--input-format", "ONE_DOC_PER_LINE", "--output", out)
        guard result.status == 0 else { return (result.status, result.stderr, nil) }
        return (0, result.stderr, try Self.records(out + "/output.tar.gz"))
    }

    /// A job on `s3://bkt/`, waited for: its final status, message and records (and its id).
    static func runJob(_ sandbox: JobSandbox) throws -> (String, String, String?) {
        let (status, message, records, _) = try runJobWithId(sandbox)
        return (status, message, records)
    }

    static func runJobWithId(_ sandbox: JobSandbox) throws -> (String, String, String?, String) {
        let result = try sandbox.run(sandbox.startArguments(input: "s3://bkt/", extra: ["--wait"]))
        let jobId = try #require(try JobSandbox.field("JobId", in: result.stdout), "\(result.stderr)")
        let properties = try sandbox.describe(jobId)
        let status = properties["JobStatus"]?.stringValue ?? ""
        let message = properties["Message"]?.stringValue ?? ""
        guard status == "COMPLETED" else { return (status, message, nil, jobId) }
        let archive = sandbox.s3Root + "/out-bucket/results/111122223333-SENTIMENT-\(jobId)/output/output.tar.gz"
        return (status, message, try Self.records(archive), jobId)
    }

    static func records(_ archive: String) throws -> String {
        try ToolRun.env(["tar", "-xzOf", archive, "output"]).stdout
    }

    @Test func defect8_aTreeWithALoopAFIFOAndANonUTF8NameGivesTheSameRecords() throws {
        let sandbox = try JobSandbox()
        let bucket = try Self.makeTree(sandbox)
        let (runStatus, runStderr, runRecords) = try Self.runLocally(sandbox, bucket)
        #expect(runStatus == 0, "\(runStderr)")
        let (jobStatus, message, jobRecords) = try Self.runJob(sandbox)
        #expect(jobStatus == "COMPLETED", "\(message)")
        #expect(runRecords == jobRecords)
        // a.txt (2), sub/b.txt (2), sub/deeper/c.txt (1) (a record names the file, not its key); the
        // loop's sub/up/… is not walked again, the FIFO and the non-UTF-8 name are not objects.
        let files = (runRecords ?? "").split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: #""File": ""#) else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        }
        #expect(files == ["a.txt", "a.txt", "b.txt", "b.txt", "c.txt"])
        #expect(runStderr.hasPrefix("5 documents from 3 files"), "\(runStderr)")
    }

    @Test func defect6_defect8_aLinkOutOfTheTreeFailsBothWithItsCause() throws {
        let sandbox = try JobSandbox()
        _ = try Self.makeTree(sandbox)
        let outside = sandbox.directory.path + "/outside.txt"
        #expect(FileManager.default.createFile(atPath: outside, contents: Data("secret\n".utf8)))
        #expect(symlink(outside, sandbox.s3Root + "/bkt/escape.txt") == 0)
        let (runStatus, runStderr, _) = try Self.runLocally(sandbox, sandbox.s3Root + "/bkt")
        #expect(runStatus == 1)
        #expect(runStderr.contains("'escape.txt' resolves to \(outside), outside the object root"), "\(runStderr)")
        let (jobStatus, message, _, jobId) = try Self.runJobWithId(sandbox)
        #expect(jobStatus == "FAILED")
        #expect(message.hasPrefix("NO_READ_ACCESS_TO_INPUT"), "\(message)")
        // The public message is AWS's sentence; the job's log says what actually went wrong
        // (issue #11 defect 6).
        let log = sandbox.log(jobId)
        #expect(log.contains("FAILED: NO_READ_ACCESS_TO_INPUT"), "\(log)")
        #expect(log.contains("cause: 'escape.txt' resolves to \(outside), outside the object root"), "\(log)")
    }

    @Test func defect8_aLinkToItselfFailsBoth() throws {
        let sandbox = try JobSandbox()
        _ = try Self.makeTree(sandbox)
        #expect(symlink("self", sandbox.s3Root + "/bkt/self") == 0)
        let (runStatus, runStderr, _) = try Self.runLocally(sandbox, sandbox.s3Root + "/bkt")
        #expect(runStatus == 1)
        #expect(runStderr.contains("'self' is a symbolic link that does not resolve"), "\(runStderr)")
        let (jobStatus, message, _) = try Self.runJob(sandbox)
        #expect(jobStatus == "FAILED")
        #expect(message.hasPrefix("NO_READ_ACCESS_TO_INPUT"), "\(message)")
    }
}
