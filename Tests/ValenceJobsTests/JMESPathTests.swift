import Testing
@testable import ValenceJobs
import ValenceCore

/// The public API, and jmespath.py's answers where Python's semantics show through
/// (expected values taken from PyPI jmespath 1.1.0).
@Suite struct JMESPathTests {
    static let document = try! JSONValue.parse(#"""
        {"caf\u00e9": 1, "cafe\u0301": 2, "big": 123456789012345678901234, "f": 1.50, "neg": -0.0,
         "s": "e\u0301\ud83d\ude00", "a": {"b": [1, 2, 3]},
         "jobs": [{"JobId": "j1", "JobStatus": "COMPLETED", "SubmitTime": 1686352575.956},
                  {"JobId": "j2", "JobStatus": "FAILED", "SubmitTime": 1686350000}]}
        """#)

    @Test(arguments: [
        // Keys are looked up code point for code point, never by canonical equivalence.
        (#""caf\u00e9""#, "1"), (#""cafe\u0301""#, "2"),
        // Strings are sequences of code points, as in Python.
        ("length(s)", "3"), ("reverse(s)", #""\ud83d\ude00\u0301e""#),
        ("sort(['b','a','B','\u{e9}','e'])", #"["B", "a", "b", "e", "\u00e9"]"#),
        // Numbers: Python's int and float, printed as Python prints them.
        ("to_string([s])", #""[\"e\\u0301\\ud83d\\ude00\"]""#), ("to_string(f)", #""1.5""#),
        ("to_string(big)", #""123456789012345678901234""#), ("big", "123456789012345678901234"),
        ("abs(neg)", "0.0"), ("ceil(`1e20`)", "100000000000000000000"), ("floor(`-1.5`)", "-2"),
        ("ceil(`-0.5`)", "0"), ("sum(`[1, 2]`)", "3"), ("avg(`[1, 2, 4]`)", "2.3333333333333335"),
        ("max(`[1, 1.0]`)", "1"), ("min(`[1.0, 1]`)", "1.0"), ("sort(`[1.0, 1, 0.5]`)", "[0.5, 1.0, 1]"),
        ("to_number('\u{663}\u{664}')", "34"), ("to_number('1_2.5_0')", "12.5"), ("to_number('  -0 ')", "0"),
        ("to_number('+7')", "7"), ("to_number('.5')", "0.5"), ("to_number('5.')", "5.0"),
        ("to_number('0x10')", "null"), ("to_number('1__0')", "null"),
        (#"to_string(`{"a": [1, 2.0, "\u0001\u007f"]}`)"#, #""{\"a\":[1,2.0,\"\\u0001\\u007f\"]}""#),
        // Python's == below the top level, JMESPath's at it.
        ("`[1]` == `[true]`", "true"), (#"`{"a": 1}` == `{"a": 1.0}`"#, "true"), ("`1` == `true`", "false"),
        ("contains(`[1, true]`, `true`)", "true"), ("contains(`[1.0]`, `1`)", "true"),
        // Slices are Python's, negative steps included.
        ("a.b[5:-5:-1]", "[3, 2, 1]"), ("a.b[-1:-100:-1]", "[3, 2, 1]"), ("a.b[100:]", "[]"), ("a.b[::2]", "[1, 3]"),
        // Objects keep Python's dict order: first position, last value.
        (#"merge(`{"a":1,"b":2}`, `{"a":3,"c":4}`)"#, #"{"a": 3, "b": 2, "c": 4}"#),
        ("{a: `1`, b: `2`, a: `3`}", #"{"a": 3, "b": 2}"#),
        // jmespath.py's parser: an index chain stays a chain, a hash needs no commas, arguments neither.
        ("a.b[0:2][0:1]", "[]"), ("[a.b][0][0:2]", "[1, 2]"), ("{x: a.b[0] y: a.b[1]}", #"{"x": 1, "y": 2}"#),
        ("a.b[:1 2]", "[1, 2]"), ("`foo`", #""foo""#), ("'it\\'s'", #""it's""#),
        // The aws CLI's favourite shapes.
        ("jobs[?JobStatus=='FAILED'].JobId", #"["j2"]"#), ("jobs[0].JobId", #""j1""#),
        ("sort_by(jobs, &SubmitTime)[].JobId", #"["j2", "j1"]"#), ("max_by(jobs, &SubmitTime).SubmitTime", "1686352575.956"),
        ("jobs[*].{id: JobId, failed: JobStatus == 'FAILED'}", #"[{"id": "j1", "failed": false}, {"id": "j2", "failed": true}]"#),
    ])
    func answersAsJMESPathDotPyDoes(expression: String, expected: String) throws {
        let actual = try JMESPath.search(expression, in: Self.document)
        let wanted = try JSONValue.parse(expected)
        #expect(JMESPathTestSupport.same(actual, wanted, strict: true),
                "\(expression): expected \(expected), got \(JMESPathTestSupport.text(actual))")
    }

    @Test func unrepresentableNumbersArePrintedAsPythonPrintsThem() throws {
        #expect(try JMESPath.search("to_number('nan')", in: .null) == .number("NaN"))
        #expect(try JMESPath.search("to_number('1e400')", in: .null) == .number("Infinity"))
    }

    @Test func anExpressionCompilesOnceAndRunsOnManyDocuments() throws {
        let expression = try JMESPath.Expression(parsing: "JobId")
        #expect(expression.text == "JobId")
        #expect(try expression.evaluate(on: JSONValue.parse(#"{"JobId": "a"}"#)) == .string("a"))
        #expect(try expression.evaluate(on: JSONValue.parse(#"{"JobId": "b"}"#)) == .string("b"))
        #expect(try expression.evaluate(on: .array([])) == .null)
    }

    @Test func repeatedKeysInADocumentAreReadAsPythonReadsThem() throws {
        let document = try JSONValue.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(try JMESPath.search("a", in: document) == .number("3"))
        #expect(try JMESPath.search("keys(@)", in: document) == .array([.string("a"), .string("b")]))
    }

    @Test(arguments: [
        ("", "syntax"), ("a.", "syntax"), ("a[", "syntax"), ("a ==", "syntax"), ("a = b", "syntax"), ("[1 2]", "syntax"),
        ("\"a\"(@)", "syntax"), ("a.[0]", "syntax"), ("`\"a`", "syntax"), ("'abc", "syntax"), ("a[::0]", "invalid-value"),
        ("length(`1`)", "invalid-type"), ("`1` < 'a'", "invalid-type"), ("contains('abc', `1`)", "invalid-type"),
        ("merge(`{}`, `[[\"a\", 1]]`)", "invalid-type"), ("sort_by(`[{\"k\": 1}, {\"k\": \"x\"}]`, &k)", "invalid-type"),
        ("length(`1`, `2`)", "invalid-arity"), ("length(a a)", "invalid-arity"), ("not_null()", "invalid-arity"), ("nope(@)", "unknown-function"),
        ("&a", "invalid-type"), ("to_string(&a)", "invalid-type"), ("ceil(to_number('inf'))", "invalid-value"),
    ])
    func errorsHaveTheComplianceSuitesKinds(expression: String, kind: String) {
        do {
            let result = try JMESPath.search(expression, in: JSONValue.parse(#"{"a": [1, 2]}"#))
            Issue.record("\(expression) gave \(JMESPathTestSupport.text(result)), expected a \(kind) error")
        } catch let error as JMESPathError {
            #expect(error.code.name == kind, "\(expression): \(error)")
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("\(expression): \(error)")
        }
    }

    @Test func syntaxErrorsSayWhere() {
        #expect(throws: JMESPathError.self) { try JMESPath.Expression(parsing: "foo.bar[?") }
        do {
            _ = try JMESPath.Expression(parsing: "foo | =")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.offset == 6)
            #expect(error.description == "Unknown token '=' (at column 6)")
        }
    }

    @Test func typeErrorsNameTheFunctionAndTheTypes() {
        do {
            _ = try JMESPath.search("abs('x')", in: .null)
            Issue.record("abs('x') did not throw")
        } catch {
            #expect(error.code == .invalidType)
            #expect(error.message == #"In function abs(), invalid type for value: "x", expected one of: ['number'], received: "string""#)
        }
    }

    @Test func nestingIsBoundedInsteadOfExhaustingTheStack() throws {
        let deep = String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        #expect(throws: JMESPathError.self) { try JMESPath.Expression(parsing: deep) }
        let fine = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
        #expect(try JMESPath.search(fine, in: JSONValue.parse(#"{"a": 1}"#)) == .number("1"))
        let brackets = String(repeating: "[", count: 5_000)
        #expect(throws: JMESPathError.self) { try JMESPath.Expression(parsing: brackets) }
        let nots = String(repeating: "!", count: 5_000) + "a"
        #expect(throws: JMESPathError.self) { try JMESPath.Expression(parsing: nots) }
    }

    /// A chain of infix operators grows the tree without any parser recursion; the interpreter
    /// would recurse over its full height, so a long one is refused when it is compiled.
    @Test(arguments: [".a", " || a", "[]", "[1:]", " == a", "[0]", "|a", "[*].a", ".*", "[?a]"])
    func longChainsAreRefusedAndShortOnesRun(link: String) throws {
        let document = try JSONValue.parse(#"{"a": {"a": [1]}}"#)
        let short = try JMESPath.Expression(parsing: "a" + String(repeating: link, count: 100))
        _ = try? short.evaluate(on: document)
        do {
            _ = try JMESPath.Expression(parsing: "a" + String(repeating: link, count: 100_000))
            Issue.record("a chain of 100,000 \(link) compiled")
        } catch {
            #expect(error.code == .syntax)
        }
    }
}
