import Testing
import ValenceTestSupport
@testable import ValenceJobs
import ValenceCore

/// Malformed input is a thrown `JMESPathError`, never a trap: random bytes, and random soups of
/// JMESPath's own tokens (which get much further into the parser and the interpreter).
@Suite struct JMESPathFuzzTests {
    static let document = try! JSONValue.parse(#"""
        {"a": [1, -2.5, "x", true, null, [3, [4]], {"b": "c"}], "b": {"c": {"d": [{"e": 1}, {"e": "2"}]}},
         "s": "caf\u00e9", "n": 0, "t": true, "o": {}, "l": [], "JobStatus": "FAILED"}
        """#)

    static let tokens = [
        "a", "b", "c", "d", "e", "s", "n", "o", "l", "foo", "\"a\"", "\"\\u0062\"", ".", "*", "[", "]", "[]", "[?", ",", ":",
        "@", "(", ")", "{", "}", "|", "||", "&&", "&", "!", "==", "!=", "<", "<=", ">", ">=", "0", "1", "-1", "2", "-3",
        "`1`", "`\"x\"`", "`[1, 2]`", "`{\"a\": 1}`", "`null`", "`true`", "'raw'", "''", " ",
        "length(", "sort_by(", "max_by(", "map(", "merge(", "not_null(", "to_string(", "to_number(", "sum(", "join(",
        "contains(", "keys(", "values(", "reverse(", "sort(", "type(", "abs(", "avg(", "floor(", "ceil(", "min(",
    ]

    static func exercise(_ text: String) -> Bool {
        guard let expression = try? JMESPath.Expression(parsing: text) else { return false }
        _ = try? expression.evaluate(on: document)
        _ = try? expression.evaluate(on: .null)
        return true
    }

    @Test func randomBytesThrowOrEvaluate() {
        var generator = TestRandom(seed: 13)
        var compiled = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in
                // Mostly printable ASCII (where the grammar lives), sometimes anything.
                Bool.random(using: &generator) ? UInt8.random(in: 0x20...0x7E, using: &generator) : UInt8.random(in: 0...255, using: &generator)
            }
            if Self.exercise(String(decoding: bytes, as: UTF8.self)) { compiled += 1 }
        }
        print("JMESPath fuzz: 20000 random byte strings, \(compiled) compiled")
        #expect(compiled > 0)
    }

    @Test func randomTokenSoupsThrowOrEvaluate() {
        var generator = TestRandom(seed: 7)
        var compiled = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...12, using: &generator)
            let text = (0..<count).map { _ in Self.tokens.randomElement(using: &generator) ?? "" }.joined()
            if Self.exercise(text) { compiled += 1 }
        }
        print("JMESPath fuzz: 20000 token soups, \(compiled) compiled")
        #expect(compiled > 300)
    }
}
