/// What `valence evaluate` measures: four classes, three (MIXED folded into NEUTRAL, in gold and
/// predictions alike), or POSITIVE vs NEGATIVE (POSITIVE when its score beats NEGATIVE's, so a
/// binary set is not penalised for NEUTRAL predictions). `auto` picks from the gold labels.
public enum ClassificationTask: String, Sendable, CaseIterable {
    case auto, four = "4", three = "3", binary

    /// The concrete task for these gold labels: `auto` is binary when they are only POSITIVE and
    /// NEGATIVE, four classes when any is MIXED, otherwise three.
    public func resolved(for gold: [Sentiment]) -> ClassificationTask {
        guard self == .auto else { return self }
        let present = Set(gold)
        return present.isSubset(of: [.positive, .negative]) ? .binary : present.contains(.mixed) ? .four : .three
    }

    /// A gold label or prediction as this task counts it.
    public func fold(_ sentiment: Sentiment) -> Sentiment {
        self == .three && sentiment == .mixed ? .neutral : sentiment
    }

    /// The class this task predicts for a document.
    public func prediction(_ analysis: DocumentAnalysis) -> Sentiment {
        self == .binary
            ? (analysis.score.positive >= analysis.score.negative ? .positive : .negative)
            : fold(analysis.sentiment)
    }

    /// Scores every document of `data` with `session` under this task (resolved for the gold
    /// labels first) and compares the predictions with the gold labels.
    public func evaluate(_ data: LabelledDocuments, with session: SentimentAnalyzer.Session) -> ClassificationReport {
        let task = resolved(for: data.labels)
        let predicted = data.texts.map { task.prediction(session.analyze($0)) }
        return ClassificationReport(gold: data.labels.map(task.fold), predicted: predicted)
    }
}
