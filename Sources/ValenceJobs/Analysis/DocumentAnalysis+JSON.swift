import ValenceCore

extension DocumentAnalysis {
    /// One line of `valence analyze` output: `{"id", "Sentiment", "SentimentScore", "Valence":
    /// {"compound", "pos", "neu", "neg"}}`, then `"Learned"` for packs with learned units (the
    /// sums the calibration reads) and `"Tokens"` when the analysis was explained.
    public func record(id: JSONValue) -> JSONValue {
        let v = valence.rounded
        var members: [(String, JSONValue)] = [
            ("id", id),
            ("Sentiment", .string(sentiment.rawValue)),
            ("SentimentScore", SentimentService.scoreJSON(score)),
            ("Valence", .object([("compound", .float(v.compound)), ("pos", .float(v.pos)), ("neu", .float(v.neu)), ("neg", .float(v.neg))])),
        ]
        if learned.units > 0 {
            members.append(("Learned", .object([
                ("polarity", .float(Self.round4(learned.polarity))), ("subjectivity", .float(Self.round4(learned.subjectivity))),
                ("units", .int(learned.units)),
            ])))
        }
        if let explanations {
            members.append(("Tokens", .array(explanations.map { t in
                var fields: [(String, JSONValue)] = [
                    ("token", .string(t.token)),
                    ("base", t.base.map { .float($0) } ?? .null),
                    ("rules", .array(t.rules.map { .string($0) })),
                    ("value", .float(t.value)),
                ]
                if let learned = t.learned { fields.append(("learned", .float(Self.round4(learned)))) }
                return .object(fields)
            })))
        }
        return .object(members)
    }

    /// Four decimals as Python's `round(x, 4)`, without a negative zero.
    private static func round4(_ x: Double) -> Double {
        let r = PythonFloat.round(x, digits: 4)
        return r == 0 ? 0 : r
    }
}
