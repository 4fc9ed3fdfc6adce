import ValenceCore
import ValenceJobs

/// The JSON shape `valence analyze` prints.
enum Rendering {
    /// One line of `valence analyze` output.
    static func analyzeRecord(id: JSONValue, _ a: DocumentAnalysis) -> JSONValue {
        let v = a.valence.rounded
        var members: [(String, JSONValue)] = [
            ("id", id),
            ("Sentiment", .string(a.sentiment.rawValue)),
            ("SentimentScore", SentimentService.scoreJSON(a.score)),
            ("Valence", .object([("compound", .float(v.compound)), ("pos", .float(v.pos)), ("neu", .float(v.neu)), ("neg", .float(v.neg))])),
        ]
        if a.learned.units > 0 {
            // Packs with learned units: what they add up to (the calibration reads these sums).
            members.append(("Learned", .object([
                ("polarity", .float(round4(a.learned.polarity))), ("subjectivity", .float(round4(a.learned.subjectivity))),
                ("units", .int(a.learned.units)),
            ])))
        }
        if let explanations = a.explanations {
            members.append(("Tokens", .array(explanations.map { t in
                var fields: [(String, JSONValue)] = [
                    ("token", .string(t.token)),
                    ("base", t.base.map { .float($0) } ?? .null),
                    ("rules", .array(t.rules.map { .string($0) })),
                    ("value", .float(t.value)),
                ]
                if let learned = t.learned { fields.append(("learned", .float(round4(learned)))) }
                return .object(fields)
            })))
        }
        return .object(members)
    }

    static func round4(_ x: Double) -> Double {
        let r = PythonFloat.round(x, digits: 4)
        return r == 0 ? 0 : r
    }
}
