import Foundation
import Testing
import ValenceJobs
import ValenceTestSupport

/// Issue #13: `valence` keeps the aws CLI v2's habits. Each fixture case is a command line with
/// the stdout, stderr and exit status CLI v2 gives (Tests/Fixtures/aws-cli-cases.json, written by
/// tools/aws-cli-fixtures.py from the real aws CLI 1.x and awscli's own formatter, with CLI v2's
/// differences applied), replayed case by case.
@Suite struct AWSCLIFixtureTests {
    struct Case {
        var arguments: [String]
        var status: Int32
        var stdout: String
        var stderr: String
        var source: String
    }

    static func cases(_ name: String) throws -> [Case] {
        let data = try Data(contentsOf: Repository.fixture(name))
        guard case .array(let items) = try JSONValue.parse(String(decoding: data, as: UTF8.self)) else { return [] }
        return items.map { item in
            var arguments: [String] = []
            if case .array(let list)? = item["arguments"] { arguments = list.compactMap(\.stringValue) }
            let status: Int32
            if case .number(let text)? = item["status"] { status = Int32(text) ?? -1 } else { status = -1 }
            return Case(arguments: arguments, status: status, stdout: item["stdout"]?.stringValue ?? "",
                        stderr: item["stderr"]?.stringValue ?? "", source: item["source"]?.stringValue ?? "")
        }
    }

    /// What every case runs with: its own home, UTC, no aws CLI profile or shared files.
    static func environment(_ home: TemporaryDirectory) -> [String: String] {
        ["VALENCE_HOME": home.path + "/home", "VALENCE_S3_ROOT": home.path + "/s3", "TZ": "UTC",
         "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_PROFILE": "", "AWS_DEFAULT_PROFILE": "",
         "AWS_REGION": "us-east-1"]
    }

    static func replay(_ cases: [Case]) throws -> [String] {
        let home = try TemporaryDirectory("aws-cli")
        defer { home.remove() }
        var differences: [String] = []
        for item in cases {
            let result = try CLIRunner.run(item.arguments.map { Array($0.utf8) }, environment: environment(home))
            if result.status != item.status || result.stdout != item.stdout || result.stderr != item.stderr {
                differences.append("\(item.arguments) [\(item.source)]\nexpected \(item.status)\n\(item.stdout)\(item.stderr)\ngot \(result)")
            }
        }
        return differences
    }

    @Test func clientSideCasesMatchCLIv2() throws {
        let cases = try Self.cases("aws-cli-cases.json")
        #expect(cases.count >= 60)
        #expect(cases.filter { $0.source == "aws" }.count >= 50)
        let differences = try Self.replay(cases)
        #expect(differences.isEmpty, "\(differences.count) of \(cases.count) differ:\n\(differences.joined(separator: "\n\n"))")
    }

    /// Acceptance 4: detect-sentiment and batch-detect-sentiment print what they printed before
    /// the aws CLI layer changed (Tests/Fixtures/detect-batch-golden.json, by tools/detect-golden.py
    /// from the binary of commit 5298d9c), byte for byte, errors included.
    @Test func detectAndBatchOutputIsUnchanged() throws {
        let cases = try Self.cases("detect-batch-golden.json")
        #expect(cases.count >= 20)
        let differences = try Self.replay(cases)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n\n"))")
    }

    /// Acceptance 3: Examples/comprehend-nightly.sh, written for `aws comprehend`, runs with
    /// COMPREHEND=valence: start, poll describe with --query, list with --filter and --max-items, stop.
    @Test func anAwsComprehendScriptRunsWithValence() throws {
        let sandbox = try JobSandbox()
        let reviews = sandbox.s3Root + "/bucket/reviews"
        try FileManager.default.createDirectory(atPath: reviews, withIntermediateDirectories: true)
        try "What a great product\nawful, just awful\nit arrived on Tuesday\n".write(toFile: reviews + "/r.txt", atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment.merging(sandbox.environment) { $1 }
        environment["COMPREHEND"] = CLIRunner.binary.path
        environment["VALENCE_LEXICONS"] = Repository.lexicons.path
        environment["TZ"] = "UTC"
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_PROFILE"] = ""
        let script = Repository.root.appendingPathComponent("Examples/comprehend-nightly.sh").path
        var jobs: [String] = []
        for run in 1...2 {
            let result = try ToolRun.run("/bin/sh", [script, "bucket", JobSandbox.role], environment: environment)
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            // The second run lists two completed jobs: --max-items 1 leaves a resume token, and
            // the aws CLI applies --query to that line too, printing None in text output.
            try #require(lines.count == 5 + run, "\(result)")
            let jobId = String(lines[0].dropFirst("started ".count))
            jobs.append(jobId)
            #expect(lines[0].hasPrefix("started ") && jobId.count == 32)
            #expect(lines[1] == "finished COMPLETED")
            let fields = lines[2].split(separator: "\t").map(String.init)
            #expect(fields.count == 2)
            #expect(fields.first == "s3://bucket/results/111122223333-SENTIMENT-\(jobId)/output/output.tar.gz")
            #expect(fields.last?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$"#, options: .regularExpression) != nil)
            #expect(lines[3] == "latest completed job:")
            #expect(jobs.map { "\($0)\tCOMPLETED" }.contains(lines[4]))
            if run == 2 { #expect(lines[5] == "None") }
            #expect(["stop: STOP_REQUESTED", "stop: the job had already finished"].contains(lines.last))
        }
    }
}
