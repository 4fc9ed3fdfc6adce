import Foundation
import Testing
import ValenceCore
import ValenceTestSupport

typealias PythonStyle = PythonFloat

/// `detect-sentiment` and `batch-detect-sentiment` through the built binary: output shapes and
/// error texts byte for byte (spec §2.5, §2.6, §13 #8, #32, #33).
@Suite struct SynchronousOperationTests {
    static let enumMessage = "Member must satisfy enum value set: [ar, hi, ko, zh-TW, ja, zh, de, pt, en, it, fr, es]"

    @Test func detectSentimentPrintsTheAwsShape() throws {
        let result = try CLIRunner.run("detect-sentiment", "--text", "It is a beautiful day in Seattle", "--language-code", "en")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 10)
        #expect(lines[0] == "{")
        #expect(lines[1] == "    \"Sentiment\": \"POSITIVE\",")
        #expect(lines[2] == "    \"SentimentScore\": {")
        #expect(lines[3].hasPrefix("        \"Positive\": "))
        #expect(lines[4].hasPrefix("        \"Negative\": "))
        #expect(lines[5].hasPrefix("        \"Neutral\": "))
        #expect(lines[6].hasPrefix("        \"Mixed\": "))
        #expect(lines[7] == "    }")
        #expect(lines[8] == "}")
        #expect(lines[9] == "")
        // Scores are float32 values printed as shortest round-trip doubles and sum to 1.
        // Parse the printed digits with Swift (Foundation's JSON reader is not correctly rounded).
        var sum: Float = 0
        for line in lines[3...6] {
            let digits = String(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ",")))
            let value = try #require(Double(digits))
            #expect(Double(Float(value)) == value, "\(digits) is not a float32 value")
            #expect(PythonStyle.repr(value) == digits)
            sum += Float(value)
        }
        #expect(abs(sum - 1) <= 1e-6)
    }

    // §13 #32: the synchronous limit is 5000 UTF-8 bytes, with AWS's message.
    @Test func item32TextOver5000BytesIsTextSizeLimitExceeded() throws {
        let text = String(repeating: "é", count: 2501)  // 5002 bytes, 2501 characters
        let result = try CLIRunner.run("detect-sentiment", "--text", text, "--language-code", "en")
        #expect(result.status == 254)
        #expect(result.stdout == "")
        #expect(result.stderr == "\nAn error occurred (TextSizeLimitExceededException) when calling the DetectSentiment operation: Input text size exceeds limit. Max length of request text allowed is 5000 bytes while in this request the text size is 5002 bytes\n")
    }

    @Test func item32Exactly5000BytesIsAccepted() throws {
        let text = String(repeating: "good ", count: 1000)
        #expect(text.utf8.count == 5000)
        let result = try CLIRunner.run("detect-sentiment", "--text", text, "--language-code", "en")
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"Sentiment\": \"POSITIVE\""))
    }

    // §13 #8: language codes are case-sensitive and from the enum.
    @Test(arguments: ["EN", "zh-tw", "pt-BR", "xx"])
    func item08BadLanguageIsValidationException(code: String) throws {
        let result = try CLIRunner.run("detect-sentiment", "--text", "fine", "--language-code", code)
        #expect(result.status == 254)
        #expect(result.stderr == "\nAn error occurred (ValidationException) when calling the DetectSentiment operation: 1 validation error detected: Value '\(code)' at 'languageCode' failed to satisfy constraint: \(Self.enumMessage)\n")
    }

    // botocore checks `min` before sending, so the aws CLI rejects an empty text itself (exit 252).
    @Test func emptyTextIsRejectedClientSide() throws {
        let result = try CLIRunner.run("detect-sentiment", "--text", "", "--language-code", "en")
        #expect(result.status == 252)
        #expect(result.stderr == "\nParameter validation failed:\nInvalid length for parameter Text, value: 0, valid min length: 1\n")
    }

    @Test func missingFlagExits252() throws {
        let result = try CLIRunner.run("detect-sentiment", "--text", "hello")
        #expect(result.status == 252)
        #expect(result.stderr.contains("--language-code"))
    }

    @Test func invalidUTF8OnTheCommandLineIsAClearError() throws {
        let bad: [UInt8] = Array("good ".utf8) + [0xC3, 0x28] + Array(" day".utf8)
        let result = try CLIRunner.run([Array("detect-sentiment".utf8), Array("--text".utf8), bad, Array("--language-code".utf8), Array("en".utf8)])
        #expect(result.status == 252)
        #expect(result.stderr == "\nParameter validation failed:\nInvalid UTF-8 in the value of --text (argument 3) at byte offset 5\n")
    }

    // §13 #33: ResultList and ErrorList always present, sorted by zero-based Index.
    @Test func item33BatchPrintsBothListsInOrder() throws {
        let result = try CLIRunner.run("batch-detect-sentiment", "--text-list", "I love this", "This is horrible", "The bus comes at noon", "--language-code", "en")
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try #require(json["ResultList"] as? [[String: Any]])
        #expect((json["ErrorList"] as? [Any])?.isEmpty == true)
        #expect(results.map { $0["Index"] as? Int } == [0, 1, 2])
        #expect(results.map { $0["Sentiment"] as? String } == ["POSITIVE", "NEGATIVE", "NEUTRAL"])
        #expect(result.stdout.hasPrefix("{\n    \"ResultList\": [\n        {\n            \"Index\": 0,\n            \"Sentiment\": \"POSITIVE\",\n            \"SentimentScore\": {\n"))
        #expect(result.stdout.hasSuffix("    ],\n    \"ErrorList\": []\n}\n"))
    }

    @Test func item33TwentySixDocumentsIsBatchSizeLimitExceeded() throws {
        let result = try CLIRunner.run(["batch-detect-sentiment", "--text-list"].map { Array($0.utf8) }
            + Array(repeating: Array("fine".utf8), count: 26) + [Array("--language-code".utf8), Array("en".utf8)])
        #expect(result.status == 254)
        #expect(result.stderr == "\nAn error occurred (BatchSizeLimitExceededException) when calling the BatchDetectSentiment operation: The number of documents in the request exceeds the limit of 25. Try your request again with fewer documents.\n")
    }

    @Test func item33TwentyFiveDocumentsIsAccepted() throws {
        let result = try CLIRunner.run(["batch-detect-sentiment", "--text-list"].map { Array($0.utf8) }
            + Array(repeating: Array("fine".utf8), count: 25) + [Array("--language-code".utf8), Array("en".utf8)])
        #expect(result.status == 0)
        #expect(result.stdout.components(separatedBy: "\"Index\"").count == 26)
    }

    @Test func batchOversizeDocumentIsTextSizeLimitExceeded() throws {
        let result = try CLIRunner.run("batch-detect-sentiment", "--text-list", "ok", String(repeating: "a", count: 5001), "--language-code", "en")
        #expect(result.status == 254)
        #expect(result.stderr == "\nAn error occurred (TextSizeLimitExceededException) when calling the BatchDetectSentiment operation: Input text size exceeds limit. Max length of request text allowed is 5000 bytes while in this request the text size is 5001 bytes\n")
    }

    @Test func batchBadLanguage() throws {
        let result = try CLIRunner.run("batch-detect-sentiment", "--text-list", "ok", "--language-code", "EN")
        #expect(result.status == 254)
        #expect(result.stderr == "\nAn error occurred (ValidationException) when calling the BatchDetectSentiment operation: 1 validation error detected: Value 'EN' at 'languageCode' failed to satisfy constraint: \(Self.enumMessage)\n")
    }
}
