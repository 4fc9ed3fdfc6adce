/// A lexicon pack as its reviewable text sources describe it: `Lexicons/<lang>/`.
///
/// | file | content |
/// |---|---|
/// | `lexicon.tsv` | `token<TAB>valence[<TAB>anything]`, one entry a line; a later duplicate wins |
/// | `emoji.tsv` (optional) | `emoji<TAB>description`: an emoji scalar is read as its description |
/// | `rules.txt` | `[section]` blocks of rule words and constants (see ``PackRules``) |
/// | `calibration.txt` (optional) | the four-class softmax, written by `valence lexicon calibrate` |
/// | `SOURCE`, `LICENSE` | where the data came from and under which licence |
public struct LexiconPack: Sendable {
    public var language: LanguageCode
    public var entries: [(key: String, valence: Double)]
    public var emoji: [(emoji: String, description: String)]
    public var rules: PackRules
    public var calibration: Calibration?
    /// Where the pack was read from, for messages.
    public var location: String

    public init(
        language: LanguageCode,
        entries: [(key: String, valence: Double)],
        emoji: [(emoji: String, description: String)] = [],
        rules: PackRules,
        calibration: Calibration? = nil,
        location: String = "<memory>"
    ) {
        self.language = language
        self.entries = entries
        self.emoji = emoji
        self.rules = rules
        self.calibration = calibration
        self.location = location
    }
}

/// How a pack splits text into tokens.
public enum TokenizerKind: String, Sendable {
    /// VADER's: split on Python whitespace, strip ASCII punctuation from both ends when more than
    /// two characters remain (keeps emoticons and contractions). Case-folded with `lower()`.
    case whitespace
    /// ICU word break (dictionary-based for ja/zh), NFKC + case folding of each token.
    case icu
}

/// The rule words and constants of a pack (`rules.txt`).
public struct PackRules: Sendable {
    public var tokenizer: TokenizerKind = .icu

    // Constants, named as in rules.txt `[constants]`. Defaults are VADER 3.3.2's.
    public var boosterIncrement = 0.293
    public var capsIncrement = 0.733
    public var negationScalar = -0.74
    public var normalizationAlpha = 15.0
    public var exclamationIncrement = 0.292
    public var exclamationCap = 4
    public var questionIncrement = 0.18
    public var questionFlat = 0.96
    public var contrastBefore = 0.5
    public var contrastAfter = 1.5
    public var boosterDecay2 = 0.95
    public var boosterDecay3 = 0.9
    public var neverSoScalar = 1.25

    /// Words that negate a lexicon word up to three tokens after them.
    public var negators: [String] = []
    /// Any token containing one of these counts as a negator (English `n't`).
    public var negationInfixes: [String] = []
    /// Boosters (> 0) and dampeners (< 0); multi-word ones act through the idiom check.
    public var boosters: [(key: String, increment: Double)] = []
    /// Contrastive conjunctions: the first one halves what comes before it and boosts what follows.
    public var contrast: [String] = []
    /// Phrases whose valence replaces the lexicon word's (VADER's special cases).
    public var idioms: [(key: String, valence: Double)] = []

    // English-shaped rules, each a list of words (empty: the rule is off).
    /// "no" as a negator of the next lexicon word(s) (`no`), bridged by `no-or` words.
    public var no: [String] = []
    public var noOr: [String] = []
    /// "least X" negates X unless preceded by an exception ("at least", "very least").
    public var least: [String] = []
    public var leastExceptions: [String] = []
    /// "never so/this X" amplifies instead of negating.
    public var never: [String] = []
    public var neverSo: [String] = []
    /// "without doubt" does not negate.
    public var without: [String] = []
    public var withoutDoubt: [String] = []
    /// "kind of": the first word scores 0 when the second follows it.
    public var kindOf: [String] = []

    public init() {}
}
