import ValenceCore

/// The synchronous operations' response bodies, as Comprehend returns them.
extension SentimentService {
    /// `SentimentScore`: `{"Positive", "Negative", "Neutral", "Mixed"}`, float32 values printed as
    /// Python prints them.
    public static func scoreJSON(_ score: SentimentScore) -> JSONValue {
        .object([
            ("Positive", .float(Double(score.positive))), ("Negative", .float(Double(score.negative))),
            ("Neutral", .float(Double(score.neutral))), ("Mixed", .float(Double(score.mixed))),
        ])
    }

    /// `DetectSentiment`'s response: `{"Sentiment", "SentimentScore"}`.
    public static func detectResponse(_ analysis: DocumentAnalysis) -> JSONValue {
        .object([("Sentiment", .string(analysis.sentiment.rawValue)), ("SentimentScore", scoreJSON(analysis.score))])
    }

    /// `BatchDetectSentiment`'s response: `{"ResultList": [{"Index", "Sentiment", "SentimentScore"}], "ErrorList"}`.
    public static func batchResponse(_ results: [BatchResult], _ errors: [BatchItemError]) -> JSONValue {
        .object([
            ("ResultList", .array(results.map { result in
                .object([("Index", .int(result.index)), ("Sentiment", .string(result.analysis.sentiment.rawValue)),
                         ("SentimentScore", scoreJSON(result.analysis.score))])
            })),
            ("ErrorList", .array(errors.map { error in
                .object([("Index", .int(error.index)), ("ErrorCode", .string(error.errorCode)),
                         ("ErrorMessage", .string(error.errorMessage))])
            })),
        ])
    }
}
