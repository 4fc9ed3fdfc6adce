import Foundation
import Testing
import ValenceCore
import ValenceJobs

/// One line of a job's `output`, parsed by its exact layout (spec §7.3, §7.4): a success record
/// `{"File": …, ["Line": …,] "Sentiment": …, "SentimentScore": {"Mixed": …, "Negative": …,
/// "Neutral": …, "Positive": …}}` or an error record `{"File": …, ["Line": …,] "ErrorCode": …,
/// "ErrorMessage": …}`. Anything else (other spacing, key order, keys) does not parse.
struct OutputRecord {
    var text: String
    var file: String
    var line: Int?
    var sentiment: String?
    /// The four scores' printed digits, in record order (Mixed, Negative, Neutral, Positive).
    var scores: [(label: String, digits: String)] = []
    var errorCode: String?
    var errorMessage: String?

    nonisolated(unsafe) static let success = try! Regex(
        #"\{"File": "((?:[^"\\]|\\.)*)"(?:, "Line": (0|[1-9][0-9]*))?, "Sentiment": "(POSITIVE|NEGATIVE|NEUTRAL|MIXED)", "SentimentScore": \{"Mixed": ([0-9.e+-]+), "Negative": ([0-9.e+-]+), "Neutral": ([0-9.e+-]+), "Positive": ([0-9.e+-]+)\}\}"#)
    nonisolated(unsafe) static let failure = try! Regex(
        #"\{"File": "((?:[^"\\]|\\.)*)"(?:, "Line": (0|[1-9][0-9]*))?, "ErrorCode": "([A-Z_]+)", "ErrorMessage": "((?:[^"\\]|\\.)*)"\}"#)

    init?(_ text: String) {
        self.text = text
        if let match = text.wholeMatch(of: Self.success) {
            let output = match.output
            guard let file = output[1].substring, let sentiment = output[3].substring else { return nil }
            self.file = Self.unescaped(file)
            self.line = output[2].substring.flatMap { Int($0) }
            self.sentiment = String(sentiment)
            for (index, label) in ["Mixed", "Negative", "Neutral", "Positive"].enumerated() {
                guard let digits = output[4 + index].substring else { return nil }
                scores.append((label, String(digits)))
            }
        } else if let match = text.wholeMatch(of: Self.failure) {
            let output = match.output
            guard let file = output[1].substring, let code = output[3].substring, let message = output[4].substring else { return nil }
            self.file = Self.unescaped(file)
            self.line = output[2].substring.flatMap { Int($0) }
            self.errorCode = String(code)
            self.errorMessage = String(message)
        } else {
            return nil
        }
    }

    /// The JSON string contents as text (`\u00fc` → `ü`).
    static func unescaped(_ contents: Substring) -> String {
        (try? JSONValue.parse("\"\(contents)\""))?.stringValue ?? String(contents)
    }

    /// A success record whose scores are float32 values in [0, 1], printed as the shortest
    /// round-trip double (Python `repr`), summing to 1 within 1e-6, with `Sentiment` the arg-max.
    func expectValidSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        guard let sentiment else {
            Issue.record("not a success record: \(text)", sourceLocation: sourceLocation)
            return
        }
        var values: [String: Double] = [:]
        for (label, digits) in scores {
            guard let value = Double(digits) else {
                Issue.record("\(label) \(digits) is not a number", sourceLocation: sourceLocation)
                return
            }
            #expect(Double(Float(value)) == value, "\(digits) is not a float32 value", sourceLocation: sourceLocation)
            #expect(PythonFloat.repr(value) == digits, "\(digits) is not Python's repr", sourceLocation: sourceLocation)
            #expect(value >= 0 && value <= 1, sourceLocation: sourceLocation)
            values[label.uppercased()] = value
        }
        let sum = values.values.reduce(0, +)
        #expect(abs(sum - 1) <= 1e-6, "scores sum to \(sum): \(text)", sourceLocation: sourceLocation)
        #expect(values[sentiment] == values.values.max(), "Sentiment is not the arg-max: \(text)", sourceLocation: sourceLocation)
    }
}
