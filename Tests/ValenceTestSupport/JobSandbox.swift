import Foundation
import Testing
import ValenceCore
import ValenceJobs

/// A test's own `VALENCE_HOME` and object root under a fresh temporary directory, and the binary
/// run against them. Removed (after killing any worker still running there) when released.
public final class JobSandbox {
    /// The role ARN of the spec's examples (account 111122223333).
    public static let role = "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role"

    private let scratch: TemporaryDirectory
    public var directory: URL { scratch.url }
    public var environment: [String: String]
    public var home: String { directory.path + "/home" }
    public var s3Root: String { directory.path + "/s3" }

    public init(region: String = "us-west-2", threads: Int = 1) throws {
        scratch = try TemporaryDirectory("jobs")
        try FileManager.default.createDirectory(atPath: scratch.path + "/s3", withIntermediateDirectories: true)
        environment = [
            "VALENCE_HOME": scratch.path + "/home", "VALENCE_S3_ROOT": scratch.path + "/s3",
            "AWS_REGION": region, "AWS_DEFAULT_REGION": region, "VALENCE_THREADS": String(threads),
        ]
    }

    deinit {
        // Workers of jobs that did not end (a failed test): this test started them; end them by pid.
        for case let manifest? in manifests() {
            guard let status = manifest["SentimentDetectionJobProperties"]?["JobStatus"]?.stringValue,
                  ["SUBMITTED", "IN_PROGRESS", "STOP_REQUESTED"].contains(status),
                  case .number(let pid)? = manifest["WorkerPid"], let value = Int32(pid), value > 1 else { continue }
            kill(value, SIGKILL)
        }
        scratch.remove()
    }

    private func manifests() -> [JSONValue?] {
        let jobs = home + "/jobs"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: jobs)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { name in
            FileManager.default.contents(atPath: jobs + "/" + name).flatMap { try? JSONValue.parse(String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// How many jobs the store holds.
    public var storedJobCount: Int { manifests().count }

    // MARK: Objects

    /// Writes the object `bucket/key` (a file under the object root).
    public func put(_ bucketAndKey: String, _ text: String) {
        put(bucketAndKey, bytes: Array(text.utf8))
    }

    public func put(_ bucketAndKey: String, bytes: [UInt8]) {
        let path = s3Root + "/" + bucketAndKey
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
    }

    /// The local file of `s3://bucket/key`.
    public func localPath(_ uri: String) -> String {
        s3Root + "/" + uri.dropFirst("s3://".count)
    }

    /// Review-like lines, `count` of them, each ending in LF.
    public static func reviewLines(count: Int, from start: Int = 0) -> String {
        let sentences = [
            "I loved this film, the acting was superb.", "Terrible plot and a boring ending.", "The cinema is on Main Street.",
            "Great soundtrack but awful dialogue.", "Not bad at all, quite enjoyable really.", "The worst movie I have seen this year!",
            "It was fine.", "Absolutely wonderful, a delight from start to finish :)", "I did not hate it, but I did not love it either.",
            "The tickets cost ten dollars.", "What a disappointment, so sad.", "Brilliant, funny and moving.",
        ]
        var text = ""
        text.reserveCapacity(count * 48)
        for index in start..<(start + count) {
            text += "\(index) " + sentences[index % sentences.count] + "\n"
        }
        return text
    }

    /// Writes a large `ONE_DOC_PER_LINE` input (`head` first, then short review lines) so that a
    /// one-thread worker is still busy well after the job starts; returns its number of lines.
    @discardableResult
    public func putBigInput(_ bucketAndKey: String, head: String = "") throws -> Int {
        let block = Data(Self.reviewLines(count: 1200).utf8)
        var data = Data(head.utf8)
        data.reserveCapacity(Self.bigInputBytes + block.count)
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        while data.count < Self.bigInputBytes {
            data.append(block)
            lines += 1200
        }
        let path = s3Root + "/" + bucketAndKey
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return lines
    }

    /// Big enough that a release build's single worker thread needs several seconds for it (about
    /// 40 MB/s a thread for English since issue #10's deflate: 40 MiB had become one second, and a
    /// test that stops a running job could see it complete first).
    public static let bigInputBytes = 200 << 20

    // MARK: Commands

    public func run(_ arguments: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments.map { Array($0.utf8) }, environment: environment)
    }

    public func run(_ arguments: String...) throws -> CLIRunner.Result {
        try run(arguments)
    }

    /// `start-sentiment-detection-job` with shorthand configs (a JSON `input` is passed as is).
    public func startArguments(
        input: String, format: String? = "ONE_DOC_PER_LINE", output: String = "s3://out-bucket/results/",
        role: String = JobSandbox.role, language: String = "en", extra: [String] = []
    ) -> [String] {
        let inputConfig = input.hasPrefix("{") ? input : "S3Uri=\(input)" + (format.map { ",InputFormat=\($0)" } ?? "")
        let outputConfig = output.hasPrefix("{") ? output : "S3Uri=\(output)"
        return ["start-sentiment-detection-job", "--input-data-config", inputConfig, "--output-data-config", outputConfig,
                "--data-access-role-arn", role, "--language-code", language] + extra
    }

    /// Starts a job and returns its id (the start must succeed).
    public func start(
        input: String, format: String? = "ONE_DOC_PER_LINE", output: String = "s3://out-bucket/results/",
        extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let result = try run(startArguments(input: input, format: format, output: output, extra: extra))
        #expect(result.status == 0, "start failed: \(result.stderr)", sourceLocation: sourceLocation)
        return try #require(try Self.field("JobId", in: result.stdout), sourceLocation: sourceLocation)
    }

    /// The job's `SentimentDetectionJobProperties` from `describe-sentiment-detection-job`.
    public func describe(_ jobId: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let result = try run("describe-sentiment-detection-job", "--job-id", jobId)
        try #require(result.status == 0, "describe failed: \(result.stderr)", sourceLocation: sourceLocation)
        return try #require(try JSONValue.parse(result.stdout)["SentimentDetectionJobProperties"], sourceLocation: sourceLocation)
    }

    /// How many times longer than `timeout` a wait may last: `VALENCE_TEST_WAIT_SCALE`, set by
    /// tools/sanitize.sh only, because sanitized programs run 3–15× slower (a 150,000-line job took
    /// more than a minute under ThreadSanitizer). A wait is a limit on a hang, not a speed assertion.
    public static let waitScale = ProcessInfo.processInfo.environment["VALENCE_TEST_WAIT_SCALE"].flatMap(Double.init) ?? 1

    /// Describes the job until its status is one of `statuses` (up to `timeout` seconds, scaled by
    /// ``waitScale``).
    public func waitFor(
        _ jobId: String, statuses: Set<String>, timeout: TimeInterval = 60, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> JSONValue {
        let timeout = timeout * Self.waitScale
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let properties = try describe(jobId, sourceLocation: sourceLocation)
            let status = properties["JobStatus"]?.stringValue ?? ""
            if statuses.contains(status) { return properties }
            if Date() > deadline {
                Issue.record("job \(jobId) still \(status) after \(timeout) s; log: \(log(jobId))", sourceLocation: sourceLocation)
                return properties
            }
            usleep(25_000)
        }
    }

    /// Waits for COMPLETED, FAILED or STOPPED.
    public func waitForEnd(_ jobId: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        try waitFor(jobId, statuses: ["COMPLETED", "FAILED", "STOPPED"], sourceLocation: sourceLocation)
    }

    public func log(_ jobId: String) -> String {
        (try? String(contentsOfFile: home + "/logs/\(jobId).log", encoding: .utf8)) ?? "(none)"
    }

    /// The jobs `list-sentiment-detection-jobs` prints for `arguments`.
    public func listedJobs(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [JSONValue] {
        let result = try run(["list-sentiment-detection-jobs"] + arguments)
        try #require(result.status == 0, "list failed: \(result.stderr)", sourceLocation: sourceLocation)
        guard case .array(let jobs)? = try JSONValue.parse(result.stdout)["SentimentDetectionJobPropertiesList"] else { return [] }
        return jobs
    }

    public func listedIds(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let result = try run(["list-sentiment-detection-jobs"] + arguments)
        try #require(result.status == 0, "list failed: \(result.stderr)", sourceLocation: sourceLocation)
        return Self.ids(try JSONValue.parse(result.stdout))
    }

    // MARK: Output

    /// The bytes of the `output` member of the job's archive (`tar -xzOf`).
    public func output(_ properties: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        let uri = try #require(properties["OutputDataConfig"]?["S3Uri"]?.stringValue, sourceLocation: sourceLocation)
        let path = localPath(uri)
        try #require(FileManager.default.fileExists(atPath: path), "no archive at \(path)", sourceLocation: sourceLocation)
        let tar = try ToolRun.env(["tar", "-xzOf", path, "output"])
        try #require(tar.status == 0, "tar: \(tar.stderr)", sourceLocation: sourceLocation)
        return tar.output
    }

    /// The records (lines) of the job's output; every line must end with LF.
    public func records(_ properties: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let text = String(decoding: try output(properties, sourceLocation: sourceLocation), as: UTF8.self)
        if text.isEmpty { return [] }
        #expect(text.hasSuffix("\n"), "output does not end with a newline", sourceLocation: sourceLocation)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    // MARK: Text helpers

    /// The job ids of a printed `list-sentiment-detection-jobs` response, in order.
    public static func ids(_ list: JSONValue) -> [String] {
        guard case .array(let jobs)? = list["SentimentDetectionJobPropertiesList"] else { return [] }
        return jobs.compactMap { $0["JobId"]?.stringValue }
    }

    /// The string member `name` of the JSON object printed in `text`.
    public static func field(_ name: String, in text: String) throws -> String? {
        try JSONValue.parse(text)[name]?.stringValue
    }

    /// Epoch seconds of a printed timestamp: CLI v2's ISO 8601 text (`2026-12-06T02:35:50.472000+00:00`)
    /// or, as on the wire, a number.
    public static func seconds(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let literal)?: return Double(literal)
        case .string(let text)?:
            guard let match = text.wholeMatch(of: isoTimestamp) else { return nil }
            var parts = DateComponents()
            parts.timeZone = TimeZone(identifier: "UTC")
            (parts.year, parts.month, parts.day) = (Int(match.output[1].substring!), Int(match.output[2].substring!), Int(match.output[3].substring!))
            (parts.hour, parts.minute, parts.second) = (Int(match.output[4].substring!), Int(match.output[5].substring!), Int(match.output[6].substring!))
            guard let date = Calendar(identifier: .gregorian).date(from: parts) else { return nil }
            let fraction = match.output[7].substring.map { Double("0" + $0)! } ?? 0
            let sign: Double = match.output[8].substring == "-" ? -1 : 1
            let offset = sign * (Double(match.output[9].substring!)! * 3600 + Double(match.output[10].substring!)! * 60)
            return date.timeIntervalSince1970 + fraction - offset
        default: return nil
        }
    }

    public static func iso8601(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    nonisolated(unsafe) public static let timestamp = try! Regex(#"("(?:SubmitTime|EndTime)": )([^,\n]*)"#)
    /// A timestamp as CLI v2 prints it: Python's `isoformat()`, microseconds only when not zero.
    nonisolated(unsafe) public static let isoTimestamp = try! Regex(
        #"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{3}000)?([+-])([0-9]{2}):([0-9]{2})"#)

    nonisolated(unsafe) public static let epochLiteral = try! Regex(#"[0-9]{10}(\.[0-9]{1,3})?"#)

    /// `text` with every `SubmitTime`/`EndTime` value replaced by `<time>`, after checking that
    /// it is a quoted ISO 8601 timestamp as CLI v2 prints it, or (in the spec's examples, which
    /// show the wire) epoch seconds with at most three decimals (spec §1.5).
    public static func maskingTimes(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        text.replacing(timestamp) { match in
            let value = String(match.output[2].substring ?? "")
            let iso = value.hasPrefix("\"") && value.hasSuffix("\"") && value.dropFirst().dropLast().wholeMatch(of: isoTimestamp) != nil
            #expect(iso || value.wholeMatch(of: epochLiteral) != nil, "timestamp \(value) is neither CLI v2's ISO 8601 nor epoch seconds",
                    sourceLocation: sourceLocation)
            return String(match.output[1].substring ?? "") + "<time>"
        }
    }

    /// Compares two printed texts line by line (one expectation per differing line).
    public static func expectLines(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(actualLines.count == expectedLines.count, "line count:\n\(actual)", sourceLocation: sourceLocation)
        for (index, (got, want)) in zip(actualLines, expectedLines).enumerated() where got != want {
            Issue.record("line \(index + 1): got \(got.debugDescription), expected \(want.debugDescription)", sourceLocation: sourceLocation)
        }
    }
}
