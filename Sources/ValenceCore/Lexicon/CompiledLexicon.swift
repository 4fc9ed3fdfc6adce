import Foundation

/// A pack compiled for scoring: one byte-keyed table whose entries carry everything the rules
/// ask of a token (lexicon valence, booster increment, idiom valence, rule roles), in
/// contiguous arrays indexed by entry. Read-only and shared by every scoring thread.
public struct CompiledLexicon: Sendable {
    /// What a word does in the rules, as a bit set.
    public struct Roles: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let negator = Roles(rawValue: 1 << 0)
        public static let contrast = Roles(rawValue: 1 << 1)
        public static let no = Roles(rawValue: 1 << 2)
        public static let noOr = Roles(rawValue: 1 << 3)
        public static let least = Roles(rawValue: 1 << 4)
        public static let leastException = Roles(rawValue: 1 << 5)
        public static let never = Roles(rawValue: 1 << 6)
        public static let neverSo = Roles(rawValue: 1 << 7)
        public static let without = Roles(rawValue: 1 << 8)
        public static let withoutDoubt = Roles(rawValue: 1 << 9)
        public static let kind = Roles(rawValue: 1 << 10)
        public static let of = Roles(rawValue: 1 << 11)
        public static let negatorAfter = Roles(rawValue: 1 << 12)
        /// The first word of a multi-word key (an idiom or a booster phrase): only a run of words
        /// starting with one can be looked up as a phrase.
        public static let phraseStart = Roles(rawValue: 1 << 13)
        /// The last word of a multi-word key: a run of words ending elsewhere is no phrase either.
        public static let phraseEnd = Roles(rawValue: 1 << 14)
        /// The roles that only guard phrase lookups (no rule of their own).
        public static let phraseBounds: Roles = [.phraseStart, .phraseEnd]
    }

    public let language: LanguageCode
    public let rules: PackRules
    public let calibration: Calibration
    public let table: ByteTable
    /// Per entry: lexicon valence, or NaN when the key is not a lexicon word.
    public let valence: [Double]
    /// Per entry: booster/dampener increment, or NaN.
    public let booster: [Double]
    /// Per entry: idiom valence, or NaN.
    public let idiom: [Double]
    public let roles: [Roles]
    /// Emoji scalar -> description, read in place of the emoji (VADER's emoji handling).
    public let emoji: EmojiTable
    /// `[elisions]` as key bytes, each with ' and with ’, longest first.
    public let elisionKeys: [[UInt8]]
    /// `negation-infixes` as bytes (VADER's "n't" inside a word).
    public let negationInfixKeys: [[UInt8]]
    /// Learned unit weights, when the pack has `learned.tsv`.
    public let learned: CompiledLearned?
    /// The pack's `mixed-units.tsv` (word units only; each entry's weights are in its ``WordRecord``).
    public let mixedUnits: CompiledLearned?

    /// What a token needs from its entry, in one record: the rules' valence, booster and roles, and
    /// the weights of the word units with the same key in the second layer and in `mixed-units.tsv`,
    /// so that one probe per token resolves the lexicon and both word-unit tables. A token reads one record (one or two adjacent cache lines) instead of up to ten arrays.
    public struct WordRecord: Sendable {
        public var valence: Double = .nan
        public var booster: Double = .nan
        public var learnedPolarity: Double = 0
        public var learnedSubjectivity: Double = 0
        public var mixedPolarity: Double = 0
        public var mixedness: Double = 0
        public var roles: Roles = []
        public var hasLearned = false
        public var hasMixed = false
    }
    /// Per entry: its ``WordRecord`` (beside its key's first bytes, for ``entry(of:)``).
    public let records: WordRecords

    public init(pack: LexiconPack) {
        // Sized for every key it will get (the learned tables' word units too), so that it never regrows.
        let wordUnitCount = pack.rules.wordUnits ? (pack.learned?.count(of: .word) ?? 0) + (pack.mixedUnits?.count(of: .word) ?? 0) : 0
        var table = ByteTable(minimumCapacity: pack.entries.count + wordUnitCount + 256)
        var valence: [Double] = []
        var booster: [Double] = []
        var idiom: [Double] = []
        var roles: [Roles] = []

        func slot(_ key: String) -> Int {
            var key = key
            return key.withUTF8 { slot(bytes: $0) }
        }
        func slot(bytes key: UnsafeBufferPointer<UInt8>) -> Int {
            let (index, inserted) = table.insert(key)
            if inserted {
                valence.append(.nan)
                booster.append(.nan)
                idiom.append(.nan)
                roles.append([])
            }
            return index
        }

        // An ICU pack's words are keyed as its tokens are looked up (NFKC, case folding and the pack's
        // foldings), into one reused buffer: a String per key was 23 M of de's 142 M start-up.
        let folding = pack.rules.keyFolding
        if pack.rules.tokenizer == .icu {
            var folded: [UInt8] = []
            for entry in pack.entries {
                folded.removeAll(keepingCapacity: true)
                var key = entry.key
                key.withUTF8 { _ = TextNormalizer.appendLookupKey($0, folding: folding, to: &folded) }
                valence[folded.withUnsafeBufferPointer { slot(bytes: $0) }] = entry.valence
            }
        } else {
            for entry in pack.entries { valence[slot(entry.key)] = entry.valence }
        }
        for entry in pack.rules.boosters { booster[slot(entry.key)] = entry.increment }
        for entry in pack.rules.idioms { idiom[slot(entry.key)] = entry.valence }
        let roleLists: [(Roles, [String])] = [
            (.negator, pack.rules.negators), (.negatorAfter, pack.rules.negatorsAfter), (.contrast, pack.rules.contrast), (.no, pack.rules.no),
            (.noOr, pack.rules.noOr), (.least, pack.rules.least), (.leastException, pack.rules.leastExceptions),
            (.never, pack.rules.never), (.neverSo, pack.rules.neverSo), (.without, pack.rules.without),
            (.withoutDoubt, pack.rules.withoutDoubt),
        ]
        for (role, words) in roleLists {
            for word in words { roles[slot(word)].insert(role) }
        }
        if pack.rules.kindOf.count == 2 {
            roles[slot(pack.rules.kindOf[0])].insert(.kind)
            roles[slot(pack.rules.kindOf[1])].insert(.of)
        }
        // Phrase lookups (VADER's idioms and booster phrases) are tried only from a word that
        // begins some multi-word key to one that ends one, which saves most of their probes.
        // (A key's spaces are found in its bytes: searching the String by Character took a third of
        // the English pack's compile time.)
        var phrases: [(first: String, last: String)] = []
        for index in 0..<table.count {
            table.withKeyBytes(at: index) { key in
                guard let space = key.firstIndex(of: 0x20), let last = key.lastIndex(of: 0x20) else { return }
                phrases.append((String(decoding: UnsafeBufferPointer(rebasing: key[..<space]), as: UTF8.self),
                                String(decoding: UnsafeBufferPointer(rebasing: key[(last + 1)...]), as: UTF8.self)))
            }
        }
        for (first, last) in phrases {
            roles[slot(first)].insert(.phraseStart)
            roles[slot(last)].insert(.phraseEnd)
        }
        func wordUnits(_ learned: LearnedTable?) -> (CompiledLearned?, [(Int, Int32)]) {
            guard let learned else { return (nil, []) }
            let compiled = CompiledLearned(learned)
            var units: [(Int, Int32)] = []
            guard pack.rules.wordUnits else { return (compiled, []) }
            compiled.forEachWordUnit { key, unit in
                if !key.isEmpty { units.append((slot(bytes: key), Int32(unit))) }
            }
            return (compiled, units)
        }
        let (compiledLearned, learnedUnits) = wordUnits(pack.learned)
        let (compiledMixed, mixedUnits) = wordUnits(pack.mixedUnits)
        var learnedWord = [Int32](repeating: -1, count: table.count)
        for (entry, unit) in learnedUnits { learnedWord[entry] = unit }
        var mixedUnitWord = [Int32](repeating: -1, count: compiledMixed == nil ? 0 : table.count)
        for (entry, unit) in mixedUnits { mixedUnitWord[entry] = unit }

        self.language = pack.language
        self.rules = pack.rules
        self.calibration = pack.calibration ?? .thresholds
        self.table = table
        self.valence = valence
        self.booster = booster
        self.idiom = idiom
        self.roles = roles
        self.emoji = pack.emoji
        self.learned = compiledLearned
        self.mixedUnits = compiledMixed
        self.records = WordRecords(table: table) { entry in
            var record = WordRecord(valence: valence[entry], booster: booster[entry], roles: roles[entry])
            if let compiledLearned, entry < learnedWord.count, case let unit = Int(learnedWord[entry]), unit >= 0 {
                record.hasLearned = true
                record.learnedPolarity = compiledLearned.polarity[unit]
                record.learnedSubjectivity = compiledLearned.subjectivity[unit]
            }
            if let compiledMixed, entry < mixedUnitWord.count, case let unit = Int(mixedUnitWord[entry]), unit >= 0 {
                record.hasMixed = true
                record.mixedPolarity = compiledMixed.polarity[unit]
                record.mixedness = compiledMixed.subjectivity[unit]
            }
            return record
        }
        self.negationInfixKeys = pack.rules.negationInfixes.map { Array($0.utf8) }.filter { !$0.isEmpty }
        var elisions = Set<[UInt8]>()
        for elision in pack.rules.elisions {
            elisions.insert(Array(elision.utf8))
            elisions.insert(Array(elision.replacingOccurrences(of: "'", with: "\u{2019}").utf8))
            elisions.insert(Array(elision.replacingOccurrences(of: "\u{2019}", with: "'").utf8))
        }
        self.elisionKeys = elisions.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
    }

    /// The entry of the token key `key`, or nil: ``ByteTable/index(of:)`` with each candidate's
    /// length and first eight bytes read from its record's line (``WordRecords``), so that a found
    /// key of at most eight bytes costs the slot and that one line.
    @inline(__always)
    public func entry(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        let prefix = WordRecords.prefix(key)
        let count = key.count
        let records = self.records
        return table.firstIndex(hash: ByteTable.hash(key)) { index in
            records.keyStarts(index, count: count, prefix: prefix) && (count <= 8 || table.keyEquals(index, key))
        }
    }

    /// Whether an entry carries anything of the pack's rules (not only ``Roles/phraseBounds``).
    @inline(__always)
    public func hasRuleData(_ entry: Int) -> Bool {
        !valence[entry].isNaN || !booster[entry].isNaN || !idiom[entry].isNaN || !roles[entry].subtracting(.phraseBounds).isEmpty
    }

    /// The number of lexicon words (entries with a valence).
    public var wordCount: Int { valence.reduce(0) { $1.isNaN ? $0 : $0 + 1 } }
}
