import Foundation
import Testing
@testable import ValenceJobs
import ValenceCore

/// The compliance suite of the JMESPath reference implementation (jmespath.py), read at test time
/// from `../shared/spec/jmespath-compliance/`: every case, every file.
@Suite struct JMESPathComplianceTests {
    struct Outcome {
        var passed = 0
        var failures: [String] = []
        var benchmarks = 0
    }

    static func files() throws -> [URL] {
        let directory = JMESPathTestSupport.complianceDirectory
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw ComplianceSuiteMissing(path: directory.path)
        }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    struct ComplianceSuiteMissing: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "The JMESPath compliance suite is not at \(path): it is read from ../shared/spec/jmespath-compliance/ beside the clone"
        }
    }

    /// Runs one file's cases.
    static func run(_ file: URL, into outcome: inout Outcome) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard case .array(let suites) = try JSONValue.parse(text) else {
            outcome.failures.append("\(file.lastPathComponent): not a list of suites")
            return
        }
        for (suiteIndex, suite) in suites.enumerated() {
            let given = suite["given"] ?? .null
            guard case .array(let cases)? = suite["cases"] else {
                outcome.failures.append("\(file.lastPathComponent) suite \(suiteIndex): no cases")
                continue
            }
            for testCase in cases {
                guard let expression = testCase["expression"]?.stringValue else {
                    outcome.failures.append("\(file.lastPathComponent) suite \(suiteIndex): a case without an expression")
                    continue
                }
                let label = "\(file.lastPathComponent) suite \(suiteIndex) `\(expression)`"
                if let expected = testCase["result"] {
                    do {
                        let actual = try JMESPath.Expression(parsing: expression).evaluate(on: given)
                        if JMESPathTestSupport.same(actual, expected, strict: false) {
                            outcome.passed += 1
                        } else {
                            outcome.failures.append("\(label): expected \(JMESPathTestSupport.text(expected)), got \(JMESPathTestSupport.text(actual))")
                        }
                    } catch {
                        outcome.failures.append("\(label): expected \(JMESPathTestSupport.text(expected)), threw \(error.code): \(error.message)")
                    }
                } else if let kind = testCase["error"]?.stringValue {
                    do {
                        let actual = try JMESPath.Expression(parsing: expression).evaluate(on: given)
                        outcome.failures.append("\(label): expected a \(kind) error, got \(JMESPathTestSupport.text(actual))")
                    } catch {
                        if error.code.name == kind {
                            outcome.passed += 1
                        } else {
                            outcome.failures.append("\(label): expected a \(kind) error, got \(error.code): \(error.message)")
                        }
                    }
                } else if let bench = testCase["bench"]?.stringValue {
                    // A timing case without a result: it must compile (and, unless it times
                    // parsing alone, run) without an error.
                    do {
                        let compiled = try JMESPath.Expression(parsing: expression)
                        if bench != "parse" { _ = try compiled.evaluate(on: given) }
                        outcome.passed += 1
                        outcome.benchmarks += 1
                    } catch {
                        outcome.failures.append("\(label): benchmark case threw \(error.code): \(error.message)")
                    }
                } else {
                    outcome.failures.append("\(label): neither a result, an error nor a benchmark")
                }
            }
        }
    }

    @Test func everyCasePasses() throws {
        var outcome = Outcome()
        let files = try Self.files()
        #expect(files.count == 16, "the suite has 16 files")
        for file in files { try Self.run(file, into: &outcome) }
        let total = outcome.passed + outcome.failures.count
        print("JMESPath compliance: \(outcome.passed)/\(total) cases passed (\(outcome.benchmarks) timing-only cases compiled and ran) in \(files.count) files")
        for failure in outcome.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(total == 908, "the suite has 908 cases")
        #expect(outcome.failures.isEmpty)
    }
}
