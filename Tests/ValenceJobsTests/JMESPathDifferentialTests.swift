import Foundation
import Testing
@testable import ValenceJobs
import ValenceCore

/// Valence's JMESPath against PyPI `jmespath` (the library behind the aws CLI's `--query`):
/// `Tests/parity/jmespath_cases.py` generates seeded random expressions over Valence-like
/// documents and records what `jmespath` answers; every answer must be Valence's too, the result
/// printed the same (same keys in the same order, `1` not `1.0`) or an error of the same kind.
@Suite struct JMESPathDifferentialTests {
    /// 5,000 expressions with seed 13; `VALENCE_JMESPATH_COUNT` and `VALENCE_JMESPATH_SEED`
    /// run a longer or different campaign.
    static let count = ProcessInfo.processInfo.environment["VALENCE_JMESPATH_COUNT"].flatMap { Int($0) } ?? 5000
    static let seed = ProcessInfo.processInfo.environment["VALENCE_JMESPATH_SEED"].flatMap { Int($0) } ?? 13

    struct Cases {
        var documents: [JSONValue]
        var cases: [JSONValue]
        var header: String
    }

    /// Runs the generator into a temporary file and reads it back.
    static func generate(count: Int, seed: Int) throws -> Cases {
        let script = JMESPathTestSupport.packageRoot.appendingPathComponent("Tests/parity/jmespath_cases.py")
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("valence-jmespath-cases-\(ProcessInfo.processInfo.processIdentifier)-\(seed).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--count", String(count), "--seed", String(seed), "--out", output.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GeneratorFailed(status: process.terminationStatus, stderr: String(decoding: message, as: UTF8.self))
        }
        let json = try JSONValue.parse(try String(contentsOf: output, encoding: .utf8))
        guard case .array(let documents)? = json["documents"], case .array(let cases)? = json["cases"] else {
            throw GeneratorFailed(status: 0, stderr: "the generator wrote no documents or cases")
        }
        let version = json["jmespath_version"]?.stringValue ?? "?"
        func tally(_ key: String) -> String { json[key].map(JMESPathTestSupport.text) ?? "?" }
        return Cases(
            documents: documents, cases: cases,
            header: "PyPI jmespath \(version), seed \(seed); \(tally("variadic_overrides")) answers overridden (every variadic argument type-checked; on Python 3.12+, 3.11's summation), "
                + "\(tally("misplaced_exprefs")) texts with an &expression outside a function argument and "
                + "\(tally("unrepresentable")) with no JSON answer set aside")
    }

    struct GeneratorFailed: Error, CustomStringConvertible {
        var status: Int32
        var stderr: String
        var description: String {
            "Tests/parity/jmespath_cases.py failed (status \(status)); it needs python3 with PyPI jmespath (make deps): \(stderr)"
        }
    }

    /// What Valence answers for one case, or the reason it differs from jmespath's answer.
    static func difference(_ testCase: JSONValue, documents: [JSONValue]) -> String? {
        guard let expression = testCase["expression"]?.stringValue,
              case .number(let indexText)? = testCase["document"], let index = Int(indexText),
              documents.indices.contains(index) else {
            return "malformed case \(JMESPathTestSupport.text(testCase))"
        }
        let label = "`\(expression)` on document \(index)"
        let outcome: Result<JSONValue, JMESPathError>
        do {
            outcome = .success(try JMESPath.Expression(parsing: expression).evaluate(on: documents[index]))
        } catch {
            outcome = .failure(error)
        }
        switch (outcome, testCase["result"], testCase["error"]?.stringValue) {
        case let (.success(actual), expected?, nil):
            if JMESPathTestSupport.same(actual, expected, strict: true) { return nil }
            return "\(label): jmespath \(JMESPathTestSupport.text(expected)), Valence \(JMESPathTestSupport.text(actual))"
        case let (.failure(error), expected?, nil):
            return "\(label): jmespath \(JMESPathTestSupport.text(expected)), Valence \(error.code) error: \(error.message)"
        case let (.success(actual), nil, kind?):
            return "\(label): jmespath \(kind) error, Valence \(JMESPathTestSupport.text(actual))"
        case let (.failure(error), nil, kind?):
            if error.code.name == kind { return nil }
            return "\(label): jmespath \(kind) error, Valence \(error.code) error: \(error.message)"
        default:
            return "malformed case \(JMESPathTestSupport.text(testCase))"
        }
    }

    @Test func generatedExpressionsAgreeWithPyPIJMESPath() throws {
        let generated = try Self.generate(count: Self.count, seed: Self.seed)
        let differences = generated.cases.compactMap { Self.difference($0, documents: generated.documents) }
        print("JMESPath differential: \(generated.cases.count) expressions, \(differences.count) differences (\(generated.header))")
        for difference in differences.prefix(50) { Issue.record(Comment(rawValue: difference)) }
        #expect(generated.cases.count >= Self.count)
        #expect(differences.isEmpty)
    }

    /// The comparison is strict enough to fail: a wrong value, a float for an int, keys out of
    /// order, an error of another kind and a missing error are all differences.
    @Test(arguments: [
        #"{"expression": "a", "document": 0, "result": 2}"#,
        #"{"expression": "a", "document": 0, "result": 1.0}"#,
        #"{"expression": "{y: b, x: a}", "document": 0, "result": {"x": 1, "y": 2}}"#,
        #"{"expression": "abs(@)", "document": 0, "error": "invalid-arity"}"#,
        #"{"expression": "a", "document": 0, "error": "syntax"}"#,
        #"{"expression": "a[", "document": 0, "result": null}"#,
    ])
    func aDisagreementIsADifference(testCase: String) throws {
        let documents = [try JSONValue.parse(#"{"a": 1, "b": 2}"#)]
        #expect(Self.difference(try JSONValue.parse(testCase), documents: documents) != nil)
        let agreeing = try JSONValue.parse(#"{"expression": "{y: b, x: a}", "document": 0, "result": {"y": 2, "x": 1}}"#)
        #expect(Self.difference(agreeing, documents: documents) == nil)
    }
}
