/// Comprehend's four sentiment classes.
public enum Sentiment: String, Sendable, CaseIterable, Equatable {
    case positive = "POSITIVE"
    case negative = "NEGATIVE"
    case neutral = "NEUTRAL"
    case mixed = "MIXED"

    /// Parses a label as the dev and train sets write it.
    public init?(label: String) {
        self.init(rawValue: label.uppercased())
    }
}

/// Comprehend's `SentimentScore`: four float32 likelihoods that sum to 1.
public struct SentimentScore: Sendable, Equatable {
    public var positive: Float
    public var negative: Float
    public var neutral: Float
    public var mixed: Float

    public init(positive: Float, negative: Float, neutral: Float, mixed: Float) {
        self.positive = positive
        self.negative = negative
        self.neutral = neutral
        self.mixed = mixed
    }

    public subscript(_ sentiment: Sentiment) -> Float {
        switch sentiment {
        case .positive: positive
        case .negative: negative
        case .neutral: neutral
        case .mixed: mixed
        }
    }

    /// The class with the highest score (ties go to the earlier of POSITIVE, NEGATIVE, NEUTRAL, MIXED).
    public var argmax: Sentiment {
        var best = Sentiment.positive
        for candidate in Sentiment.allCases where self[candidate] > self[best] { best = candidate }
        return best
    }
}

/// Everything Valence says about one document.
public struct DocumentAnalysis: Sendable {
    public var sentiment: Sentiment
    public var score: SentimentScore
    public var valence: ValenceScores
    /// What the pack's learned units add up to (zero when it has none).
    public var learned: LearnedEvidence
    /// Per-token explanations, when asked for.
    public var explanations: [TokenExplanation]?
}
