/// VADER's rules over a pack: lexicon valence, "no"/negation windows, boosters with distance
/// decay, ALL-CAPS emphasis, idioms, "least", the contrastive conjunction, punctuation
/// emphasis, alpha normalisation and the pos/neu/neg shares.
///
/// With the English pack (VADER 3.3.2's lexicon and word lists, `tokenizer = whitespace`) this
/// reproduces vaderSentiment 3.3.2's `polarity_scores` operation for operation, in the same
/// floating-point order, including its quirks (documented in docs/VADER-PARITY.md).
struct ValenceScorer {
    struct Word {
        /// Byte range of the token in the (emoji-expanded) text.
        var text: Range<Int>
        var key: Range<Int>
        /// The entry of the word's rules (for Arabic, perhaps of its stem), or -1.
        var entry: Int
        /// The table entry of the word's own key, or -1: where its second-layer word unit is.
        var slot: Int
        var isUpper: Bool
        var hasNegationInfix: Bool
        /// The entry's rule data, copied once per word so that the rules, which look at each
        /// word's neighbours several times, read the words array and not five tables.
        var valence: Double
        var booster: Double
        var roles: CompiledLexicon.Roles

        init(text: Range<Int>, key: Range<Int>, entry: Int, slot: Int, isUpper: Bool, hasNegationInfix: Bool, lexicon: CompiledLexicon) {
            self.text = text
            self.key = key
            self.entry = entry
            self.slot = slot
            self.isUpper = isUpper
            self.hasNegationInfix = hasNegationInfix
            if entry >= 0 {
                let record = lexicon.records[entry]
                valence = record.valence
                booster = record.booster
                roles = record.roles
            } else {
                valence = .nan
                booster = .nan
                roles = []
            }
        }
    }

    let lexicon: CompiledLexicon

    // MARK: Lookups

    @inline(__always) func roles(_ word: Word) -> CompiledLexicon.Roles {
        word.roles
    }

    @inline(__always) func lexiconValence(_ word: Word) -> Double? {
        word.valence.isNaN ? nil : word.valence
    }

    @inline(__always) func isLexiconWord(_ word: Word) -> Bool { lexiconValence(word) != nil }

    @inline(__always) func boosterIncrement(_ word: Word) -> Double? {
        word.booster.isNaN ? nil : word.booster
    }

    @inline(__always) func isNegated(_ word: Word) -> Bool {
        roles(word).contains(.negator) || word.hasNegationInfix
    }

    // MARK: Scoring

    /// Scores tokenised words. `keys` holds each word's lookup key bytes; `exclamations` and
    /// `questions` count `!` and `?` in the text.
    func score(
        words: [Word], keys: inout [UInt8], sentiments: inout [Double], exclamations: Int, questions: Int,
        log: ExplainLog?
    ) -> ValenceScores {
        let rules = lexicon.rules
        var isCapDifferential = false
        do {
            let allCaps = words.reduce(0) { $0 + ($1.isUpper ? 1 : 0) }
            let differential = words.count - allCaps
            isCapDifferential = 0 < differential && differential < words.count
        }

        sentiments.removeAll(keepingCapacity: true)
        log?.notes = Array(repeating: [], count: words.count)

        // One valence a word, written in place (an append per word paid a uniqueness check).
        sentiments.append(contentsOf: repeatElement(0, count: words.count))
        sentiments.withUnsafeMutableBufferPointer { sentiments in
            for i in words.indices {
                let word = words[i]
                if boosterIncrement(word) != nil {
                    log?.add(i, "booster word (scores 0 itself)")
                    continue
                }
                if i < words.count - 1, roles(word).contains(.kind), roles(words[i + 1]).contains(.of) {
                    log?.add(i, "'kind of' (scores 0)")
                    continue
                }
                var valence = 0.0
                if let base = lexiconValence(word) {
                    valence = base
                    let r = roles(word)
                    if r.contains(.no), i != words.count - 1, isLexiconWord(words[i + 1]) {
                        valence = 0.0
                        log?.add(i, "'no' before a lexicon word scores 0")
                    }
                    if (i > 0 && roles(words[i - 1]).contains(.no))
                        || (i > 1 && roles(words[i - 2]).contains(.no))
                        || (i > 2 && roles(words[i - 3]).contains(.no) && roles(words[i - 1]).contains(.noOr)) {
                        valence = base * rules.negationScalar
                        log?.add(i, "negated by 'no' (×\(rules.negationScalar))")
                    }
                    if word.isUpper && isCapDifferential {
                        if valence > 0 { valence += rules.capsIncrement } else { valence -= rules.capsIncrement }
                        log?.add(i, "ALL-CAPS emphasis (±\(rules.capsIncrement))")
                    }
                    for start in 0..<3 where i > start && !isLexiconWord(words[i - (start + 1)]) {
                        var scalar = scalarIncrement(words[i - (start + 1)], valence: valence, isCapDifferential: isCapDifferential)
                        if start == 1 && scalar != 0 { scalar = scalar * rules.boosterDecay2 }
                        if start == 2 && scalar != 0 { scalar = scalar * rules.boosterDecay3 }
                        if scalar != 0 {
                            log?.add(i, "booster '\(log!.token(i - (start + 1)))' at distance \(start + 1) (\(PythonFloat.repr(scalar)))")
                        }
                        valence = valence + scalar
                        valence = negationCheck(valence, words, start, i, log: log)
                        if start == 2 {
                            valence = idiomsCheck(valence, words, i, keys: &keys, log: log)
                        }
                    }
                    valence = leastCheck(valence, words, i, log: log)
                    valence = negatedAfterCheck(valence, words, i, log: log)
                }
                sentiments[i] = valence
            }
        }

        let contrastFlip = contrastCheck(words, &sentiments, log: log)

        if let log {
            log.explanations = words.indices.map { i in
                TokenExplanation(token: log.token(i), base: lexiconValence(words[i]), rules: log.notes[i], value: sentiments[i])
            }
        }
        var scores = scoreValence(sentiments, exclamations: exclamations, questions: questions)
        scores.contrastFlip = contrastFlip
        return scores
    }

    /// VADER's `scalar_inc_dec`.
    @inline(__always)
    func scalarIncrement(_ word: Word, valence: Double, isCapDifferential: Bool) -> Double {
        guard let increment = boosterIncrement(word) else { return 0 }
        var scalar = increment
        if valence < 0 { scalar *= -1 }
        if word.isUpper && isCapDifferential {
            if valence > 0 { scalar += lexicon.rules.capsIncrement } else { scalar -= lexicon.rules.capsIncrement }
        }
        return scalar
    }

    /// VADER's `_negation_check`, including its distance-3 quirk (a "so"/"this" right before the
    /// word amplifies even without "never").
    func negationCheck(_ valence: Double, _ words: [Word], _ start: Int, _ i: Int, log: ExplainLog?) -> Double {
        let rules = lexicon.rules
        var valence = valence
        switch start {
        case 0:
            if isNegated(words[i - 1]) {
                valence = valence * rules.negationScalar
                log?.add(i, "negated by '\(log!.token(i - 1))' at distance 1")
            }
        case 1:
            if roles(words[i - 2]).contains(.never) && roles(words[i - 1]).contains(.neverSo) {
                valence = valence * rules.neverSoScalar
                log?.add(i, "'never so' amplifies (×\(rules.neverSoScalar))")
            } else if roles(words[i - 2]).contains(.without) && roles(words[i - 1]).contains(.withoutDoubt) {
                log?.add(i, "'without doubt' does not negate")
            } else if isNegated(words[i - 2]) {
                valence = valence * rules.negationScalar
                log?.add(i, "negated by '\(log!.token(i - 2))' at distance 2")
            }
        default:
            if (roles(words[i - 3]).contains(.never) && roles(words[i - 2]).contains(.neverSo))
                || roles(words[i - 1]).contains(.neverSo) {
                valence = valence * rules.neverSoScalar
                log?.add(i, "'never so' amplifies (×\(rules.neverSoScalar))")
            } else if roles(words[i - 3]).contains(.without)
                && (roles(words[i - 2]).contains(.withoutDoubt) || roles(words[i - 1]).contains(.withoutDoubt)) {
                log?.add(i, "'without doubt' does not negate")
            } else if isNegated(words[i - 3]) {
                valence = valence * rules.negationScalar
                log?.add(i, "negated by '\(log!.token(i - 3))' at distance 3")
            }
        }
        return valence
    }

    /// The table entry of the words `range` joined by single spaces (VADER's n-gram strings).
    @inline(__always)
    func phraseEntry(_ words: [Word], _ range: ClosedRange<Int>, keys: inout [UInt8]) -> Int? {
        guard roles(words[range.lowerBound]).contains(.phraseStart) else { return nil }
        // The last word is checked by its own key's entry (an Arabic word's rules may be its stem's).
        let last = words[range.upperBound].slot
        guard last >= 0, lexicon.roles[last].contains(.phraseEnd) else { return nil }
        return joinedEntry(words, range, keys: &keys)
    }

    /// The table entry of the words `range` joined by single spaces, built at the end of `keys`.
    @inline(never)
    func joinedEntry(_ words: [Word], _ range: ClosedRange<Int>, keys: inout [UInt8]) -> Int? {
        let mark = keys.count
        defer { keys.removeSubrange(mark...) }
        for index in range {
            if index != range.lowerBound { keys.append(0x20) }
            let key = words[index].key
            for offset in key { keys.append(keys[offset]) }
        }
        return keys.withUnsafeBufferPointer { lexicon.table.index(of: UnsafeBufferPointer(rebasing: $0[mark...])) }
    }

    func idiomValence(_ words: [Word], _ range: ClosedRange<Int>, keys: inout [UInt8]) -> Double? {
        guard let entry = phraseEntry(words, range, keys: &keys) else { return nil }
        let value = lexicon.idiom[entry]
        return value.isNaN ? nil : value
    }

    /// The n-grams VADER's idiom check looks at, as offsets from the word, in its order: first the
    /// ones ending at or just before it (the first idiom found wins), then the boosting phrases
    /// before it. Static, so a word's check allocates nothing.
    static let idiomSpans: [(Int, Int)] = [(-1, 0), (-2, 0), (-2, -1), (-3, -1), (-3, -2)]
    static let phraseBoosterSpans: [(Int, Int)] = [(-3, -1), (-3, -2), (-2, -1)]

    /// VADER's `_special_idioms_check` (runs only for words with three words before them).
    func idiomsCheck(_ valence: Double, _ words: [Word], _ i: Int, keys: inout [UInt8], log: ExplainLog?) -> Double {
        // Every n-gram below starts at one of words i-3 ... i: without a phrase start among them
        // (most words), none is in the table.
        guard words[i - 3].roles.union(words[i - 2].roles).union(words[i - 1].roles).union(words[i].roles)
            .contains(.phraseStart) else { return valence }
        var valence = valence
        for (first, last) in Self.idiomSpans {
            let range = (i + first)...(i + last)
            if let value = idiomValence(words, range, keys: &keys) {
                valence = value
                log?.add(i, "idiom sets \(PythonFloat.repr(value))")
                break
            }
        }
        if words.count - 1 > i, let value = idiomValence(words, i...(i + 1), keys: &keys) {
            valence = value
            log?.add(i, "idiom sets \(PythonFloat.repr(value))")
        }
        if words.count - 1 > i + 1, let value = idiomValence(words, i...(i + 2), keys: &keys) {
            valence = value
            log?.add(i, "idiom sets \(PythonFloat.repr(value))")
        }
        for (first, last) in Self.phraseBoosterSpans {
            let range = (i + first)...(i + last)
            if let entry = phraseEntry(words, range, keys: &keys), !lexicon.booster[entry].isNaN {
                valence = valence + lexicon.booster[entry]
                log?.add(i, "phrase booster (\(PythonFloat.repr(lexicon.booster[entry])))")
            }
        }
        return valence
    }

    /// Postposed negation (Japanese ない, Korean 않다): a negator one or two tokens after the word.
    func negatedAfterCheck(_ valence: Double, _ words: [Word], _ i: Int, log: ExplainLog?) -> Double {
        guard !lexicon.rules.negatorsAfter.isEmpty else { return valence }
        for distance in 1...lexicon.rules.negationAfterWindow
            where i + distance < words.count && roles(words[i + distance]).contains(.negatorAfter) {
            log?.add(i, "negated by '\(log!.token(i + distance))' after it (×\(lexicon.rules.negationScalar))")
            return valence * lexicon.rules.negationScalar
        }
        return valence
    }

    /// VADER's `_least_check`.
    func leastCheck(_ valence: Double, _ words: [Word], _ i: Int, log: ExplainLog?) -> Double {
        if i > 1, !isLexiconWord(words[i - 1]), roles(words[i - 1]).contains(.least) {
            if !roles(words[i - 2]).contains(.leastException) {
                log?.add(i, "negated by 'least'")
                return valence * lexicon.rules.negationScalar
            }
        } else if i > 0, !isLexiconWord(words[i - 1]), roles(words[i - 1]).contains(.least) {
            log?.add(i, "negated by 'least'")
            return valence * lexicon.rules.negationScalar
        }
        return valence
    }

    /// VADER's `_but_check`, quirk included: each value is looked up by equality
    /// (`list.index`), so a value equal to an earlier one rescales that earlier position.
    /// Returns ``ValenceScores/contrastFlip`` (0 without a contrast word); it does not change the valences.
    @discardableResult
    func contrastCheck(_ words: [Word], _ sentiments: inout [Double], log: ExplainLog?) -> Double {
        guard let contrastIndex = words.firstIndex(where: { roles($0).contains(.contrast) }) else { return 0 }
        let rules = lexicon.rules
        var before = 0.0, after = 0.0
        for k in sentiments.indices where k != contrastIndex {
            if k < contrastIndex { before += sentiments[k] } else { after += sentiments[k] }
        }
        for k in sentiments.indices {
            let sentiment = sentiments[k]
            let position = sentiments.firstIndex(of: sentiment)!
            if position < contrastIndex {
                sentiments[position] = sentiment * rules.contrastBefore
                if sentiment != 0 { log?.add(position, "before '\(log!.token(contrastIndex))' (×\(rules.contrastBefore))") }
            } else if position > contrastIndex {
                sentiments[position] = sentiment * rules.contrastAfter
                if sentiment != 0 { log?.add(position, "after '\(log!.token(contrastIndex))' (×\(rules.contrastAfter))") }
            }
        }
        return before * after < 0 ? min(abs(before), abs(after)) : 0
    }

    /// VADER's `score_valence`: punctuation emphasis, normalisation, shares.
    func scoreValence(_ sentiments: [Double], exclamations: Int, questions: Int) -> ValenceScores {
        guard !sentiments.isEmpty else {
            var empty = ValenceScores.empty
            empty.exclamations = exclamations
            empty.questions = questions
            return empty
        }
        let rules = lexicon.rules
        var sum = 0.0
        for s in sentiments { sum += s }
        let emphasis = Double(min(exclamations, rules.exclamationCap)) * rules.exclamationIncrement
            + (questions > 1 ? (questions <= 3 ? Double(questions) * rules.questionIncrement : rules.questionFlat) : 0)
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        var compound = sum / (sum * sum + rules.normalizationAlpha).squareRoot()
        compound = min(1, max(-1, compound))

        var positiveSum = 0.0, negativeSum = 0.0, neutralCount = 0
        var positiveMass = 0.0, negativeMass = 0.0
        // Without branches (a word's sign is a coin toss to the branch predictor): adding 0 leaves a
        // sum as it was, and no sum is ever -0.
        for s in sentiments {
            let isPositive = s > 0, isNegative = s < 0
            positiveSum += isPositive ? s + 1 : 0
            positiveMass += isPositive ? s : 0
            negativeSum += isNegative ? s - 1 : 0
            negativeMass += isNegative ? s : 0
            neutralCount &+= s == 0 ? 1 : 0
        }
        if positiveSum > abs(negativeSum) { positiveSum += emphasis } else if positiveSum < abs(negativeSum) { negativeSum -= emphasis }
        let total = positiveSum + abs(negativeSum) + Double(neutralCount)
        return ValenceScores(
            compound: compound,
            positive: abs(positiveSum / total),
            neutral: abs(Double(neutralCount) / total),
            negative: abs(negativeSum / total),
            positiveMass: positiveMass,
            negativeMass: negativeMass,
            tokenCount: sentiments.count,
            exclamations: exclamations,
            questions: questions
        )
    }
}

/// Collects, per token, the rules that changed its valence (only when explaining).
final class ExplainLog {
    /// The text of each token, for the notes.
    var tokens: [String] = []
    var notes: [[String]] = []
    var explanations: [TokenExplanation] = []

    func token(_ index: Int) -> String { tokens[index] }

    func add(_ index: Int, _ note: String) {
        notes[index].append(note)
    }
}
