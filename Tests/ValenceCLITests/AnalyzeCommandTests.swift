import Foundation
import Testing
import ValenceTestSupport

/// `valence analyze`: one output line per input line, in order; clear errors on bad input.
@Suite struct AnalyzeCommandTests {
    @Test func scoresEachLineInOrderKeepingIds() throws {
        let input = """
            {"id": "a", "text": "The book was good."}
            {"id": 7, "text": "The book was only kind of good."}

            {"id": null, "text": "At least it isn't a horrible book.", "extra": [1, 2]}
            """
        let result = try CLIRunner.run("analyze", "--language-code", "en", stdin: input)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // Valence values are vaderSentiment 3.3.2's polarity_scores for these sentences; Learned sums
        // TextBlob's word table (good: polarity 0.7, subjectivity 0.6) over the four tokens.
        #expect(lines[0].hasPrefix("{\"id\": \"a\", \"Sentiment\": \"POSITIVE\", \"SentimentScore\": {\"Positive\": "))
        #expect(lines[0].hasSuffix("\"Valence\": {\"compound\": 0.4404, \"pos\": 0.492, \"neu\": 0.508, \"neg\": 0.0}, "
            + "\"Learned\": {\"polarity\": 0.7, \"subjectivity\": 0.6, \"units\": 4}}"))
        #expect(lines[1].hasPrefix("{\"id\": 7, "))
        #expect(lines[1].contains("\"Valence\": {\"compound\": 0.3832, \"pos\": 0.303, \"neu\": 0.697, \"neg\": 0.0}, \"Learned\": "))
        #expect(lines[2].hasPrefix("{\"id\": null, "))
        #expect(lines[2].contains("\"Valence\": {\"compound\": 0.431, \"pos\": 0.322, \"neu\": 0.678, \"neg\": 0.0}, \"Learned\": "))
    }

    @Test func explainListsEveryTokenWithItsRules() throws {
        let result = try CLIRunner.run("analyze", "--language-code", "en", "--explain",
                                       stdin: #"{"id": 1, "text": "VADER is not smart"}"#)
        #expect(result.status == 0)
        // "learned": the token's share of the second layer (TextBlob's smart, 0.2143, flipped by "not").
        #expect(result.stdout.contains(#""Tokens": [{"token": "VADER", "base": null, "rules": [], "value": 0.0, "learned": 0.0}, {"token": "is", "base": null, "rules": [], "value": 0.0, "learned": 0.0}, {"token": "not", "base": null, "rules": [], "value": 0.0, "learned": 0.0}, {"token": "smart", "base": 1.7, "rules": ["negated by 'not' at distance 1"], "value": -1.258, "learned": -0.2143}]"#))
    }

    @Test func invalidUTF8NamesTheLine() throws {
        var input = Data("{\"id\": 1, \"text\": \"fine\"}\n{\"id\": 2, \"text\": \"bad ".utf8)
        input.append(contentsOf: [0xFF, 0xFE])
        input.append(Data("\"}\n".utf8))
        let result = try CLIRunner.run([Array("analyze".utf8), Array("--language-code".utf8), Array("en".utf8)], stdin: input)
        #expect(result.status == 1)
        #expect(result.stderr == "valence: error: <stdin> line 2: invalid UTF-8 at byte 24 of the line\n")
        #expect(result.stdout.split(separator: "\n").count == 1)  // the good line before it was written
    }

    @Test func malformedJSONNamesTheLine() throws {
        let result = try CLIRunner.run("analyze", "--language-code", "en", stdin: "{\"text\": \"ok\"}\n{\"text\": oops}\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("valence: error: <stdin> line 2: not valid JSON"))
    }

    @Test func missingTextMemberNamesTheLine() throws {
        let result = try CLIRunner.run("analyze", "--language-code", "en", stdin: "{\"id\": 1, \"body\": \"ok\"}\n")
        #expect(result.status == 1)
        #expect(result.stderr == "valence: error: <stdin> line 1: expected an object with a string member \"text\"\n")
    }

    @Test func missingInputFileIsAClearError() throws {
        let result = try CLIRunner.run("analyze", "--language-code", "en", "--input", "/nonexistent/in.jsonl")
        #expect(result.status == 1)
        #expect(result.stderr == "valence: error: cannot read /nonexistent/in.jsonl: No such file or directory\n")
    }

    @Test func outputFileIsWrittenWhole() throws {
        let scratch = try TemporaryDirectory("analyze"), directory = scratch.url
        defer { scratch.remove() }
        let input = directory.appendingPathComponent("in.jsonl"), output = directory.appendingPathComponent("out.jsonl")
        try Data((0..<500).map { "{\"id\": \($0), \"text\": \"document \($0) is great\"}\n" }.joined().utf8).write(to: input)
        let result = try CLIRunner.run("analyze", "--language-code", "en", "--input", input.path, "--output", output.path)
        #expect(result.status == 0)
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 500)
        #expect(lines[499].hasPrefix("{\"id\": 499, \"Sentiment\": \"POSITIVE\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["in.jsonl", "out.jsonl"])
    }

    @Test func unknownLanguageExits252() throws {
        let result = try CLIRunner.run("analyze", "--language-code", "xx", stdin: "")
        #expect(result.status == 252)
    }
}
