/// A lexicon pack as its reviewable text sources describe it: `Lexicons/<lang>/`.
///
/// | file | content |
/// |---|---|
/// | `lexicon.tsv` | `token<TAB>valence[<TAB>anything]`, one entry a line; a later duplicate wins |
/// | `emoji.tsv` (optional) | `emoji<TAB>description`: an emoji scalar is read as its description |
/// | `rules.txt` | `[section]` blocks of rule words and constants (see ``PackRules``) |
/// | `learned.tsv` (optional) | the second layer's unit weights (``LearnedTable``) |
/// | `mixed-units.tsv` (optional) | word units learned on two-sided review sentences, read only by a fitted MIXED row |
/// | `calibration.txt` (optional) | the four-class softmax, written by `valence lexicon calibrate` |
/// | `SOURCE`, `LICENSE` | where the data came from and under which licence |
public struct LexiconPack: Sendable {
    public var language: LanguageCode
    public var entries: [(key: String, valence: Double)]
    public var emoji: EmojiTable
    public var rules: PackRules
    /// Learned unit weights (`learned.tsv`), read beside the lexicon's valences.
    public var learned: LearnedTable?
    /// Word units whose polarity and MIXED-vs-single-polarity weights (`mixed-units.tsv`, learned by
    /// `valence lexicon learn` on review sentences with a MIXED class) feed only a fitted MIXED row.
    public var mixedUnits: LearnedTable?
    public var calibration: Calibration?
    /// Where the pack was read from, for messages.
    public var location: String

    public init(
        language: LanguageCode,
        entries: [(key: String, valence: Double)],
        emoji: EmojiTable = EmojiTable(),
        rules: PackRules,
        learned: LearnedTable? = nil,
        mixedUnits: LearnedTable? = nil,
        calibration: Calibration? = nil,
        location: String = "<memory>"
    ) {
        self.language = language
        self.entries = entries
        self.emoji = emoji
        self.rules = rules
        self.learned = learned
        self.mixedUnits = mixedUnits
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

/// Foldings applied to every lookup key after NFKC + case folding (ICU packs).
public struct KeyFolding: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Latin diacritics dropped (`fold-accents = yes`): é → e, ç → c.
    public static let accents = KeyFolding(rawValue: 1 << 0)
    /// Arabic: tatweel and harakat dropped, alef forms → ا, ى → ي, ة → ه.
    public static let arabic = KeyFolding(rawValue: 1 << 1)
    /// Devanagari: nukta dropped, chandrabindu → anusvara.
    public static let devanagari = KeyFolding(rawValue: 1 << 2)
}

/// The rule words and constants of a pack (`rules.txt`).
public struct PackRules: Sendable {
    public var tokenizer: TokenizerKind = .icu
    /// How token keys (and lexicon keys and rule words) are folded before lookup.
    public var keyFolding: KeyFolding = []
    /// Learned units: whole tokens (`word-units`), and character n-grams of the lengths in
    /// `character-ngrams` (e.g. `3` or `1-2`; empty: none), taken inside each token or across each
    /// run of adjacent tokens (`ngram-scope = token|run`), optionally with `<` `>` marking the
    /// token's ends (`ngram-padding`).
    public var wordUnits = true
    public var characterNGrams: ClosedRange<Int>? = nil
    public var ngramAcrossRuns = false
    public var ngramPadding = false
    /// Elided articles and pronouns stripped from the front of a token before lookup (l', j', dell').
    public var elisions: [String] = []
    /// Whether units learn a polarity (`learned-polarity = no`: the curated lexicon alone decides
    /// polarity, and learned units only say how opinionated a text is).
    public var learnedPolarity = true
    /// Whether a negator flips the learned polarity of the words it negates.
    public var learnedNegation = false
    /// Features the calibration fits beyond the base ones (`calibration-extras`).
    public var calibrationExtras: Set<Calibration.Extra> = []

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
    /// How many tokens after a lexicon word a `[negators-after]` word may stand.
    public var negationAfterWindow = 2

    /// Words that negate a lexicon word up to three tokens after them.
    public var negators: [String] = []
    /// Words that negate a lexicon word one or two tokens before them (postposed negation:
    /// Japanese ない, Korean 않다).
    public var negatorsAfter: [String] = []
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
