import ValenceCore
import ValenceJobs

/// The JSON shapes the commands print.
enum Rendering {
    static func score(_ s: SentimentScore) -> JSONValue {
        .object([
            ("Positive", .float(Double(s.positive))), ("Negative", .float(Double(s.negative))),
            ("Neutral", .float(Double(s.neutral))), ("Mixed", .float(Double(s.mixed))),
        ])
    }

    static func detectResponse(_ a: DocumentAnalysis) -> JSONValue {
        .object([("Sentiment", .string(a.sentiment.rawValue)), ("SentimentScore", score(a.score))])
    }

    static func batchResponse(_ results: [SentimentService.BatchResult], _ errors: [SentimentService.BatchItemError]) -> JSONValue {
        .object([
            ("ResultList", .array(results.map { r in
                .object([("Index", .int(r.index)), ("Sentiment", .string(r.analysis.sentiment.rawValue)), ("SentimentScore", score(r.analysis.score))])
            })),
            ("ErrorList", .array(errors.map { e in
                .object([("Index", .int(e.index)), ("ErrorCode", .string(e.errorCode)), ("ErrorMessage", .string(e.errorMessage))])
            })),
        ])
    }

    /// One line of `valence analyze` output.
    static func analyzeRecord(id: JSONValue, _ a: DocumentAnalysis) -> JSONValue {
        let v = a.valence.rounded
        var members: [(String, JSONValue)] = [
            ("id", id),
            ("Sentiment", .string(a.sentiment.rawValue)),
            ("SentimentScore", score(a.score)),
            ("Valence", .object([("compound", .float(v.compound)), ("pos", .float(v.pos)), ("neu", .float(v.neu)), ("neg", .float(v.neg))])),
        ]
        if let explanations = a.explanations {
            members.append(("Tokens", .array(explanations.map { t in
                .object([
                    ("token", .string(t.token)),
                    ("base", t.base.map { .float($0) } ?? .null),
                    ("rules", .array(t.rules.map { .string($0) })),
                    ("value", .float(t.value)),
                ])
            })))
        }
        return .object(members)
    }
}
