/// The valence of a document: VADER's compound score and pos/neu/neg shares, plus the sums
/// behind them that the calibrated four-class output reads.
public struct ValenceScores: Sendable, Equatable {
    /// Normalised sum of token valences and punctuation emphasis, in [-1, 1] (not rounded).
    public var compound: Double
    public var positive: Double
    public var neutral: Double
    public var negative: Double
    /// Sum of the positive token valences (after the rules), and of the negative ones (<= 0).
    public var positiveMass: Double
    public var negativeMass: Double
    /// Number of tokens scored.
    public var tokenCount: Int
    /// The `!` and `?` in the text (ASCII; after emoji descriptions are spelled out, as VADER counts them).
    public var exclamations: Int = 0
    public var questions: Int = 0
    /// With a contrast word ("but"): the smaller of |sum of the valences before it| and |sum after it|
    /// when the two sides have opposite signs (valences before the contrast rule rescales them), else 0.
    /// A two-sided document ("great food but terrible service") scores high; read by the MIXED row.
    public var contrastFlip: Double = 0

    public static let empty = ValenceScores(
        compound: 0, positive: 0, neutral: 0, negative: 0, positiveMass: 0, negativeMass: 0, tokenCount: 0)

    /// The scores rounded as vaderSentiment's `polarity_scores` rounds them: compound to 4
    /// decimals, the shares to 3 (Python `round`: correctly rounded, ties to even).
    public var rounded: (compound: Double, pos: Double, neu: Double, neg: Double) {
        (PythonFloat.round(compound, digits: 4), PythonFloat.round(positive, digits: 3),
         PythonFloat.round(neutral, digits: 3), PythonFloat.round(negative, digits: 3))
    }
}

/// How one token came to its valence, for `analyze --explain`.
public struct TokenExplanation: Sendable, Equatable {
    public var token: String
    /// The lexicon valence, or nil when the token is not a lexicon word.
    public var base: Double?
    /// The rules that changed the valence, in the order they applied.
    public var rules: [String]
    /// The valence the token contributes, after every rule (including the contrast rule).
    public var value: Double
    /// What the token's learned units (the token and the character n-grams starting in it) add to
    /// the learned polarity; nil when the pack has no learned units.
    public var learned: Double? = nil
}
