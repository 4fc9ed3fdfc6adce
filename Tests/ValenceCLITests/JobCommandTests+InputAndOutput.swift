import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// What a job reads and writes (spec §13 #25–31): input selection and formats, the archive read by
/// Python's `tarfile` and by `tar`, per-document and job-level failures, records independent of the
/// thread count.
extension JobCommandTests {
    // MARK: - #25 Input selection

    @Test func item25_keyPrefixSelectsRecursivelyAcrossFolders() throws {
        let sandbox = try JobSandbox()
        for key in ["data.txt", "data/x.txt", "data/sub/y.txt", "database.csv", "other.txt"] {
            sandbox.put("prefix-bucket/" + key, "Document \(key) is pleasant.")
        }
        try FileManager.default.createDirectory(atPath: sandbox.s3Root + "/prefix-bucket/data/empty", withIntermediateDirectories: true)
        let prefixJob = try sandbox.start(input: "s3://prefix-bucket/data", format: "ONE_DOC_PER_FILE")
        let bucketJob = try sandbox.start(input: "s3://prefix-bucket", format: "ONE_DOC_PER_FILE")
        let fileJob = try sandbox.start(input: "s3://prefix-bucket/data/x.txt", format: "ONE_DOC_PER_FILE")
        func files(_ jobId: String) throws -> [String] {
            let properties = try sandbox.waitForEnd(jobId)
            #expect(properties["JobStatus"]?.stringValue == "COMPLETED")
            return try sandbox.records(properties).map { try #require(OutputRecord($0)).file }
        }
        // Key order (by UTF-8 bytes: "data.txt" < "data/…" < "database.csv"); File is the last key segment.
        #expect(try files(prefixJob) == ["data.txt", "y.txt", "x.txt", "database.csv"])
        #expect(try files(bucketJob) == ["data.txt", "y.txt", "x.txt", "database.csv", "other.txt"])
        #expect(try files(fileJob) == ["x.txt"])
    }

    // MARK: - #26 Input formats

    @Test func item26_oneDocPerFileGivesOneRecordPerFileWithoutLine() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/a.txt", "I loved the first half.\nThe ending was awful.\r\nStill worth it.\n")
        sandbox.put("in-bucket/docs/b.txt", "Nothing special.")
        sandbox.put("in-bucket/docs/empty.txt", "")
        let jobId = try sandbox.start(input: "s3://in-bucket/docs/", format: "ONE_DOC_PER_FILE")
        let records = try sandbox.records(try sandbox.waitForEnd(jobId)).map { try #require(OutputRecord($0)) }
        #expect(records.map(\.file) == ["a.txt", "b.txt"])  // the empty file is no document
        for record in records {
            #expect(record.line == nil)
            #expect(!record.text.contains("\"Line\""))
            record.expectValidSuccess()
        }
    }

    @Test func item26_oneDocPerLineSplitsOnLFCRAndCRLFButNotLineSeparator() throws {
        let sandbox = try JobSandbox()
        let text = "I love it.\nI hate it.\rIt is fine.\r\nGood\u{2028}bad.\n\nLast line without terminator"
        sandbox.put("in-bucket/lines/endings.txt", text)
        let jobId = try sandbox.start(input: "s3://in-bucket/lines/")
        let records = try sandbox.records(try sandbox.waitForEnd(jobId)).map { try #require(OutputRecord($0)) }
        // Zero-based physical lines; the empty line 4 is counted but yields no record; U+2028 stays inside line 3.
        #expect(records.map(\.line) == [0, 1, 2, 3, 5])
        for record in records {
            #expect(record.file == "endings.txt")
            record.expectValidSuccess()
        }
        // Each line is scored as the synchronous API scores the same text.
        for (index, line) in ["I love it.", "I hate it.", "It is fine.", "Good\u{2028}bad.", "Last line without terminator"].enumerated() {
            let detect = try CLIRunner.run("detect-sentiment", "--text", line, "--language-code", "en")
            let scores = try JSONValue.parse(detect.stdout)
            #expect(records[index].sentiment == scores["Sentiment"]?.stringValue)
            for (label, digits) in records[index].scores {
                guard case .number(let synchronous)? = scores["SentimentScore"]?[label] else { Issue.record("no \(label)"); continue }
                #expect(digits == synchronous, "line \(index) \(label)")
            }
        }
    }

    // MARK: - #27, #28 Archive and record format (and the acceptance check with Python and tar)

    @Test func item27_28_archiveReadByPythonTarfileAndByTar() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/mixed/a.txt", "I adore this phone.\nThe battery is terrible.\nIt arrived on Tuesday.\n")
        sandbox.put("in-bucket/mixed/revüe.txt", "Great value, awful support.\n")
        let jobId = try sandbox.start(input: "s3://in-bucket/mixed/")
        let properties = try sandbox.waitForEnd(jobId)
        #expect(properties["JobStatus"]?.stringValue == "COMPLETED")
        let archive = sandbox.localPath(try #require(properties["OutputDataConfig"]?["S3Uri"]?.stringValue))

        // Python: one regular member named `output`; every line is JSON that json.dumps writes back
        // byte for byte (Python separators, key order, \u escapes, float repr).
        let script = """
            import json, sys, tarfile
            with tarfile.open(sys.argv[1], "r:gz") as archive:
                members = archive.getmembers()
                data = archive.extractfile("output").read()
            lines = data.decode("utf-8").split("\\n")
            assert lines[-1] == "", "no final newline"
            records = [json.loads(line) for line in lines[:-1]]
            print(json.dumps({
                "names": [m.name for m in members],
                "regular": [m.isreg() for m in members],
                "count": len(records),
                "roundTrip": all(json.dumps(r) == line for r, line in zip(records, lines)),
                "files": [r["File"] for r in records],
                "lines": [r.get("Line") for r in records],
                "sums": [sum(r["SentimentScore"].values()) for r in records],
                "argmax": all(max(r["SentimentScore"], key=r["SentimentScore"].get) == r["Sentiment"].title() for r in records),
            }))
            """
        let python = try ToolRun.env(["python3", "-c", script, archive])
        #expect(python.status == 0, "python: \(python.stderr)")
        let report = try JSONValue.parse(python.stdout)
        #expect(report["names"] == .array([.string("output")]))
        #expect(report["regular"] == .array([.bool(true)]))
        #expect(report["count"] == .number("4"))
        #expect(report["roundTrip"] == .bool(true))
        #expect(report["files"] == .array(["a.txt", "a.txt", "a.txt", "revüe.txt"].map { .string($0) }))
        #expect(report["lines"] == .array([0, 1, 2, 0].map { .number(String($0)) }))
        #expect(report["argmax"] == .bool(true))
        if case .array(let sums)? = report["sums"] {
            for case .number(let sum) in sums { #expect(abs(Double(sum)! - 1) <= 1e-6) }
        }

        // tar: extracting gives exactly one file, `output`, the same bytes.
        let directory = sandbox.directory.appendingPathComponent("extracted").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let tar = try ToolRun.env(["tar", "-xzf", archive, "-C", directory])
        #expect(tar.status == 0, "tar: \(tar.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["output"])
        let extracted = try #require(FileManager.default.contents(atPath: directory + "/output"))
        let text = String(decoding: extracted, as: UTF8.self)
        #expect(try ToolRun.env(["tar", "-tzf", archive]).output == Data("output\n".utf8))

        // #28: the exact record layout, scores float32 in shortest repr, Sentiment the arg-max.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 5 && lines.last == "")
        for line in lines.dropLast() {
            let record = try #require(OutputRecord(line), "not a success record: \(line)")
            record.expectValidSuccess()
        }
        #expect(lines[0].hasPrefix(#"{"File": "a.txt", "Line": 0, "Sentiment": ""#))
        #expect(lines[3].hasPrefix(#"{"File": "rev\u00fce.txt", "Line": 0, "Sentiment": ""#))
        #expect(lines[1].contains(#"", "SentimentScore": {"Mixed": "#))
    }

    // MARK: - #29, #30 Per-document errors

    @Test func item29_documentOver5120BytesIsAnErrorRecordAndTheJobCompletes() throws {
        let sandbox = try JobSandbox()
        let exact = String(repeating: "good ", count: 1024)  // 5120 bytes
        let over = String(repeating: "é", count: 2561)  // 5122 bytes
        sandbox.put("in-bucket/lines/sizes.txt", "Nice.\n\(over)\n\(exact)\nAlso nice.\n")
        sandbox.put("in-bucket/files/huge.txt", exact + "x")
        sandbox.put("in-bucket/files/small.txt", exact)
        let lineJob = try sandbox.start(input: "s3://in-bucket/lines/")
        let fileJob = try sandbox.start(input: "s3://in-bucket/files/", format: "ONE_DOC_PER_FILE")

        let lineProperties = try sandbox.waitForEnd(lineJob)
        #expect(lineProperties["JobStatus"]?.stringValue == "COMPLETED")
        #expect(lineProperties["Message"] == nil)
        let lines = try sandbox.records(lineProperties)
        #expect(lines.count == 4)
        #expect(lines[1] == #"{"File": "sizes.txt", "Line": 1, "ErrorCode": "DOCUMENT_SIZE_EXCEEDED", "ErrorMessage": "Document size is exceeded maximum size limit 5120 bytes."}"#)
        for index in [0, 2, 3] {
            let record = try #require(OutputRecord(lines[index]))
            #expect(record.line == index)
            record.expectValidSuccess()
        }

        // One document per file: §13 #29's one message, as per line (issue #11 defect 9).
        let fileProperties = try sandbox.waitForEnd(fileJob)
        #expect(fileProperties["JobStatus"]?.stringValue == "COMPLETED")
        let files = try sandbox.records(fileProperties)
        #expect(files.count == 2)
        #expect(files.first == #"{"File": "huge.txt", "ErrorCode": "DOCUMENT_SIZE_EXCEEDED", "ErrorMessage": "Document size is exceeded maximum size limit 5120 bytes."}"#)
        try #require(OutputRecord(files[1])).expectValidSuccess()
    }

    @Test func item30_invalidUTF8EndsThatFileWithAnEncodingRecord() throws {
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/enc/a.txt", bytes: Array("Lovely.\nBad \u{00E9}".utf8) + [0xC3, 0x28] + Array(" byte.\nNever read.\nNor this.\n".utf8))
        sandbox.put("in-bucket/enc/b.txt", "The next file is read.\n")
        let jobId = try sandbox.start(input: "s3://in-bucket/enc/")
        let properties = try sandbox.waitForEnd(jobId)
        #expect(properties["JobStatus"]?.stringValue == "COMPLETED")
        let records = try sandbox.records(properties)
        #expect(records.count == 3)
        try #require(OutputRecord(records[0])).expectValidSuccess()
        #expect(records[1] == #"{"File": "a.txt", "Line": 1, "ErrorCode": "UNSUPPORTED_ENCODING", "ErrorMessage": "Document is not in UTF-8 format and all subsequent lines are ignored."}"#)
        let next = try #require(OutputRecord(records[2]))
        #expect(next.file == "b.txt" && next.line == 0)
        next.expectValidSuccess()
    }

    // MARK: - #31 Job-level failures

    @Test func item31_missingInputBucketFailsWithNoReadAccess() throws {
        let sandbox = try JobSandbox()
        let jobId = try sandbox.start(input: "s3://no-such-bucket/docs/")
        let properties = try sandbox.waitForEnd(jobId)
        #expect(properties["JobStatus"]?.stringValue == "FAILED")
        #expect(properties["Message"]?.stringValue == Self.noReadAccess)
        #expect(properties["EndTime"] != nil)
        let describe = try sandbox.run("describe-sentiment-detection-job", "--job-id", jobId).stdout
        // Message sits between JobStatus and SubmitTime, in model order.
        #expect(describe.contains("\"JobStatus\": \"FAILED\",\n        \"Message\": \"\(Self.noReadAccess)\",\n        \"SubmitTime\": "))
        #expect(!FileManager.default.fileExists(atPath: sandbox.localPath(properties["OutputDataConfig"]?["S3Uri"]?.stringValue ?? "")))
    }

    @Test func item31_unwritableOutputFailsWithNoWriteAccess() throws {
        // Tests may run as root, for whom permissions do not stop a write: put a regular file
        // where the output bucket's directory, or a folder of the prefix, must go.
        let sandbox = try JobSandbox()
        sandbox.put("in-bucket/docs/a.txt", "A fine day.")
        sandbox.put("blocked-bucket", "not a directory")
        sandbox.put("out-bucket/results", "a file where the results folder goes")
        let bucketJob = try sandbox.start(input: "s3://in-bucket/docs/", output: "s3://blocked-bucket/results/")
        let folderJob = try sandbox.start(input: "s3://in-bucket/docs/", output: "s3://out-bucket/results/")
        for jobId in [bucketJob, folderJob] {
            let properties = try sandbox.waitForEnd(jobId)
            #expect(properties["JobStatus"]?.stringValue == "FAILED")
            #expect(properties["Message"]?.stringValue == Self.noWriteAccess)
            #expect(properties["EndTime"] != nil)
        }
        #expect(try String(contentsOfFile: sandbox.s3Root + "/out-bucket/results", encoding: .utf8) == "a file where the results folder goes")
    }

    // MARK: - Acceptance: the records do not depend on the thread count

    @Test func recordsAreByteIdenticalWithOneAndTwoWorkerThreads() throws {
        let sandbox = try JobSandbox()
        // Several batches (512 documents each), error records, two files.
        sandbox.put("in-bucket/many/a.txt", JobSandbox.reviewLines(count: 2500))
        sandbox.put("in-bucket/many/b.txt", bytes: Array((JobSandbox.reviewLines(count: 700) + String(repeating: "long ", count: 1100) + "\n"
            + JobSandbox.reviewLines(count: 300)).utf8) + [0xFF] + Array("\nignored\n".utf8))
        sandbox.environment["VALENCE_THREADS"] = "1"
        let one = try sandbox.start(input: "s3://in-bucket/many/", output: "s3://out-bucket/one/")
        sandbox.environment["VALENCE_THREADS"] = "2"
        let two = try sandbox.start(input: "s3://in-bucket/many/", output: "s3://out-bucket/two/")
        let oneOutput = try sandbox.output(try sandbox.waitForEnd(one))
        let twoOutput = try sandbox.output(try sandbox.waitForEnd(two))
        #expect(oneOutput.count > 0)
        #expect(oneOutput == twoOutput)
        let lines = String(decoding: oneOutput, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2500 + 700 + 1 + 300 + 1)
        #expect(lines[3200].contains("DOCUMENT_SIZE_EXCEEDED"))
        #expect(lines.last?.contains("UNSUPPORTED_ENCODING") == true)
    }
}
