internal import CICUShim

/// Text in, sentiment out, for one language. Shared and read-only: every thread makes its own
/// ``Session`` (which owns an ICU break iterator and scratch buffers) from one analyzer.
public struct SentimentAnalyzer: Sendable {
    public let lexicon: CompiledLexicon

    public init(pack: LexiconPack) {
        self.lexicon = CompiledLexicon(pack: pack)
    }

    public var language: LanguageCode { lexicon.language }

    /// A per-thread scorer.
    public func makeSession() throws(TextError) -> Session {
        try Session(lexicon: lexicon)
    }

    /// Scores documents one at a time. Not thread-safe; cheap to keep and reuse: its buffers
    /// are reused from one document to the next.
    public final class Session {
        let scorer: ValenceScorer
        let segmenter: Segmenter?
        private var words: [ValenceScorer.Word] = []
        private var keys: [UInt8] = []
        private var sentiments: [Double] = []
        private var expanded: [UInt8] = []
        private var unitKey: [UInt8] = []
        private var negatedWords: [Bool] = []
        private var scalarStarts: [Int] = []
        private var runKey: [UInt8] = []
        private var runToken: [Int] = []
        /// Per n-gram of a run, its bytes packed into a word (see `forEachCharacterUnit`).
        private var gramWords: [UInt64] = []
        private let folding: KeyFolding
        /// The pack's negation infixes, each with where its search starts (``pivot(of:)``).
        private let negationInfixes: [(bytes: [UInt8], pivot: Int)]

        init(lexicon: CompiledLexicon) throws(TextError) {
            self.scorer = ValenceScorer(lexicon: lexicon)
            self.segmenter = lexicon.rules.tokenizer == .icu ? try Segmenter(language: lexicon.language) : nil
            self.folding = lexicon.rules.keyFolding
            self.negationInfixes = lexicon.negationInfixKeys.map { ($0, Self.pivot(of: $0)) }
        }

        /// The valence of `text` (VADER's `polarity_scores` for the English pack).
        public func valence(of text: String, explain: Bool = false) -> (ValenceScores, [TokenExplanation]?) {
            var text = text
            return text.withUTF8 { valence(utf8: $0, explain: explain) }
        }

        /// The valence of the text whose bytes are `utf8` (valid UTF-8).
        public func valence(utf8 original: UnsafeBufferPointer<UInt8>, explain: Bool = false) -> (ValenceScores, [TokenExplanation]?) {
            if expandEmoji(original) {
                let copy = expanded
                return copy.withUnsafeBufferPointer { score($0, explain: explain) }
            }
            return score(original, explain: explain)
        }

        /// Sentiment, calibrated four-class scores and valence of `text`.
        public func analyze(_ text: String, explain: Bool = false) -> DocumentAnalysis {
            var text = text
            return text.withUTF8 { analyze(utf8: $0, explain: explain) }
        }

        /// Sentiment, calibrated four-class scores and valence of the text whose bytes are `utf8`
        /// (valid UTF-8: the job pipeline's texts, checked by its reader).
        public func analyze(utf8: UnsafeBufferPointer<UInt8>, explain: Bool = false) -> DocumentAnalysis {
            var (valence, explanations) = valence(utf8: utf8, explain: explain)
            var perToken: [Double]? = explain && scorer.lexicon.learned != nil ? [Double](repeating: 0, count: words.count) : nil
            let evidence = learnedEvidence(perToken: &perToken)
            if let perToken, explanations != nil {
                for index in perToken.indices where index < explanations!.count { explanations![index].learned = perToken[index] }
            }
            let score = scorer.lexicon.calibration.score(valence, evidence)
            return DocumentAnalysis(sentiment: score.argmax, score: score, valence: valence, learned: evidence,
                                    explanations: explanations)
        }

        /// The calibration features of `text` (what `valence lexicon calibrate` fits on).
        public func features(of text: String) -> [Double] {
            let (valence, _) = valence(of: text)
            var none: [Double]?
            return Calibration.features(valence, learnedEvidence(perToken: &none))
        }

        /// The valence scores of `text` and its learning units (tagged key bytes, negated?), for
        /// `valence lexicon learn`.
        public func forEachUnit(of text: String, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) -> ValenceScores {
            let (valence, _) = valence(of: text)
            forEachUnit { key, negated, _ in body(key, negated) }
            return valence
        }

        /// Sums the learned weights of the units of the text tokenised last (every occurrence counts).
        /// With `perToken`, also each token's share of the polarity (an n-gram counts for the token
        /// it starts in), for `--explain`.
        private func learnedEvidence(perToken: inout [Double]?) -> LearnedEvidence {
            guard let learned = scorer.lexicon.learned else { return .none }
            var evidence = LearnedEvidence()
            var shares = perToken
            perToken = nil
            markNegatedWords()
            let lexicon = scorer.lexicon
            if lexicon.rules.wordUnits {
                // A word unit's key is the word's key: the entry found for the word leads to it.
                let records = lexicon.records
                words.withUnsafeBufferPointer { words in
                negatedWords.withUnsafeBufferPointer { negated in
                    for i in 0..<words.count where !words[i].key.isEmpty {
                        evidence.units += 1
                        let slot = words[i].slot
                        guard slot >= 0 else { continue }
                        let record = records[slot]
                        if record.hasMixed {
                            evidence.addMixedUnit(polarity: negated[i] ? -record.mixedPolarity : record.mixedPolarity,
                                                  mixedness: record.mixedness)
                        }
                        guard record.hasLearned else { continue }
                        let p = negated[i] ? -record.learnedPolarity : record.learnedPolarity
                        evidence.add(polarity: p, subjectivity: record.learnedSubjectivity)
                        if shares != nil { shares![i] += p }
                    }
                }}
            }
            if scorer.lexicon.rules.characterNGrams != nil {
                var sink = EvidenceSink(learned: learned, evidence: evidence, shares: shares)
                forEachCharacterUnit(into: &sink)
                evidence = sink.evidence
                shares = sink.shares
            }
            perToken = shares
            return evidence
        }

        /// Adds each character unit's learned weights to `evidence` (and its polarity to its token's
        /// share when `shares` is kept).
        private struct EvidenceSink: CharacterUnitSink {
            let learned: CompiledLearned
            var evidence: LearnedEvidence
            var shares: [Double]?

            @inline(__always)
            mutating func unit(_ gram: UnsafeBufferPointer<UInt8>, negated: Bool, token: Int) {
                add(learned.characterWeights(gram), negated: negated, token: token)
            }

            @inline(__always)
            mutating func unit(_ gram: UnsafeBufferPointer<UInt8>, packed: UInt64, negated: Bool, token: Int) {
                add(learned.characterWeights(gram, packed: packed), negated: negated, token: token)
            }

            @inline(__always)
            func prefetch(_ gram: UnsafeBufferPointer<UInt8>, packed: UInt64) {
                learned.prefetchCharacterWeights(gram, packed: packed)
            }

            /// An ASCII word's n-grams in one loop whose sums stay in registers: each sum gets the
            /// same additions in the same order as through ``add(_:negated:token:)``.
            @inline(__always)
            mutating func asciiGrams(_ run: UnsafePointer<UInt8>, starts: Range<Int>, length: Int, negated: Bool, token: Int) {
                if shares != nil {
                    // Each unit's share goes to its token: one at a time.
                    asciiGramsOneByOne(run, starts: starts, length: length, negated: negated, token: token)
                    return
                }
                let mask = ShortKeyTable.mask(length: length)
                var polarity = evidence.polarity, subjectivity = evidence.subjectivity
                var positive = evidence.positive, negative = evidence.negative
                var found = evidence.found
                // A negated unit's polarity is its weight with the sign flipped, as `-weight` does.
                let sign: UInt64 = negated ? 1 &<< 63 : 0
                learned.shortCharacters.withProbe { probe in
                    for start in starts {
                        let packed = UnsafeRawPointer(run + start).loadUnaligned(as: UInt64.self) & mask
                        // Without branches on whether the unit is there or on its sign (coin tosses to
                        // the branch predictor): a missing unit adds 0, which leaves a sum as it was,
                        // and no sum is ever -0.
                        let (weight, s, hit) = probe.valuesOrZero(word: packed, length: length)
                        let p = Double(bitPattern: weight.bitPattern ^ sign)
                        polarity += p
                        let isPositive = p > 0
                        positive += isPositive ? p : 0
                        negative += isPositive ? 0 : p
                        subjectivity += s
                        found &+= hit
                    }
                }
                evidence.polarity = polarity
                evidence.subjectivity = subjectivity
                evidence.positive = positive
                evidence.negative = negative
                evidence.found = found
                evidence.units &+= starts.count
            }

            @inline(__always)
            private mutating func add(_ weights: (polarity: Double, subjectivity: Double)?, negated: Bool, token: Int) {
                evidence.units += 1
                guard let (polarity, subjectivity) = weights else { return }
                let p = negated ? -polarity : polarity
                evidence.add(polarity: p, subjectivity: subjectivity)
                if shares != nil { shares![token] += p }
            }
        }

        /// Hands each character unit to a closure (learning, where a call per unit does not matter).
        private struct ClosureSink: CharacterUnitSink {
            let body: (UnsafeBufferPointer<UInt8>, Bool, Int) -> Void
            func unit(_ gram: UnsafeBufferPointer<UInt8>, negated: Bool, token: Int) { body(gram, negated, token) }
        }

        /// Whether a negator governs each word tokenised last, into `negatedWords`: one of the three
        /// words before it negates (``ValenceScorer/isNegated(_:)``), or one of the
        /// `negation-after-window` words after it is a negator that follows what it negates.
        private func markNegatedWords() {
            let rules = scorer.lexicon.rules
            let count = words.count
            // Only the first `count` flags are read, each written below: the array only grows.
            if negatedWords.count < count {
                negatedWords = [Bool](repeating: false, count: Swift.max(count, 2 &* negatedWords.count))
            }
            let learnedNegation = rules.learnedNegation
            // Only a pack's negators-after carry the role: without them the backward pass finds none.
            let hasNegatorsAfter = !rules.negatorsAfter.isEmpty
            let window = rules.negationAfterWindow
            let scorer = self.scorer
            words.withUnsafeBufferPointer { words in
                negatedWords.withUnsafeMutableBufferPointer { negated in
                    guard learnedNegation else {
                        for i in 0..<count { negated[i] = false }
                        return
                    }
                    // The nearest negator before each word, then the nearest negator-after after it.
                    var before = -4
                    for i in 0..<count {
                        negated[i] = i &- before <= 3
                        if scorer.isNegated(words[i]) { before = i }
                    }
                    guard hasNegatorsAfter else { return }
                    var after = count &+ window
                    for i in stride(from: count &- 1, through: 0, by: -1) {
                        if after &- i <= window { negated[i] = true }
                        if scorer.roles(words[i]).contains(.negatorAfter) { after = i }
                    }
                }
            }
        }

        /// Every learning unit of the words tokenised last: each word's key (tag `w`) and, when the
        /// pack asks for them, its character n-grams (tag `c`), with whether a negator governs it.
        private func forEachUnit(_ body: (UnsafeBufferPointer<UInt8>, Bool, Int) -> Void) {
            markNegatedWords()
            if scorer.lexicon.rules.wordUnits {
                var unitKey = self.unitKey
                self.unitKey = []
                defer { self.unitKey = unitKey }
                keys.withUnsafeBufferPointer { keys in
                    for (i, word) in words.enumerated() where !word.key.isEmpty {
                        unitKey.removeAll(keepingCapacity: true)
                        unitKey.append(LearnedTable.UnitKind.word.tag)
                        unitKey.append(contentsOf: UnsafeBufferPointer(rebasing: keys[word.key]))
                        unitKey.withUnsafeBufferPointer { body($0, negatedWords[i], i) }
                    }
                }
            }
            withoutActuallyEscaping({ (gram: UnsafeBufferPointer<UInt8>, negated: Bool, token: Int) in
                self.unitKey.removeAll(keepingCapacity: true)
                self.unitKey.append(LearnedTable.UnitKind.characters.tag)
                self.unitKey.append(contentsOf: gram)
                self.unitKey.withUnsafeBufferPointer { body($0, negated, token) }
            }) { handler in
                var sink = ClosureSink(body: handler)
                forEachCharacterUnit(into: &sink)
            }
        }

        /// The character n-gram units of the words tokenised last (after ``markNegatedWords()``), to
        /// `sink`: each n-gram's bytes (without the kind tag), whether a negator governs it, its token.
        /// (Generic over the sink, so that scoring's handling is compiled into this loop rather than
        /// called once per n-gram.)
        private func forEachCharacterUnit<Sink: CharacterUnitSink>(into sink: inout Sink) {
            let rules = scorer.lexicon.rules
            guard let lengths = rules.characterNGrams else { return }
            let padding = rules.ngramPadding, acrossRuns = rules.ngramAcrossRuns
            // Room for any run of words: their key bytes and two padding marks, with some to spare.
            let room = keys.count + 16
            if runKey.count < room {
                runKey = [UInt8](repeating: 0, count: 2 * room)
                scalarStarts = [Int](repeating: 0, count: 2 * room + 1)
                runToken = [Int](repeating: 0, count: 2 * room)
            }
            // A run has at most `room` scalars, so at most that many n-grams of each length.
            if gramWords.count < room * lengths.count {
                gramWords = [UInt64](repeating: 0, count: 2 * room * lengths.count)
            }
            words.withUnsafeBufferPointer { words in
            negatedWords.withUnsafeBufferPointer { negatedWords in
            keys.withUnsafeBufferPointer { keys in
            runKey.withUnsafeMutableBufferPointer { run in
            scalarStarts.withUnsafeMutableBufferPointer { starts in
            runToken.withUnsafeMutableBufferPointer { runToken in
            gramWords.withUnsafeMutableBufferPointer { gramWords in
                // Character n-grams over a span of words: one token, or a run of tokens that touch
                // in the text (no space or punctuation between them: a Japanese or Chinese clause).
                // The run's bytes (with `<` and `>` around them when the pack pads) go to `run`,
                // where each scalar starts to `starts`, and its token to `runToken`.
                // (The sink is a local copy while the loop runs, so that its state can stay in
                // registers rather than behind the closures' captures.)
                var local = sink
                defer { sink = local }
                guard words.count > 0, let keys = keys.baseAddress, let run = run.baseAddress,
                      let starts = starts.baseAddress, let runToken = runToken.baseAddress,
                      let gramWords = gramWords.baseAddress else { return }
                // Indices below are bounded by the scratch sizes checked above, so the arithmetic
                // is unchecked; the loop is ~5 n-grams a word and every check counts there.
                let count = words.count
                var first = 0
                while first < count {
                    if !acrossRuns {
                        // One word between its padding marks. An ASCII word (most of them in
                        // Latin-script text) has a scalar per byte and one token: its n-grams are
                        // read straight off the bytes, each packed into a word by one load.
                        var length = 0
                        if padding { run[0] = 0x3C; length = 1 }
                        let key = words[first].key
                        var high: UInt8 = 0
                        var offset = key.lowerBound
                        while offset < key.upperBound {
                            let byte = keys[offset]
                            run[length] = byte
                            high |= byte
                            length &+= 1
                            offset &+= 1
                        }
                        if padding { run[length] = 0x3E; length &+= 1 }
                        if high < 0x80 {
                            let negated = negatedWords[first]
                            for n in lengths where n <= length {
                                let skipsMarks = padding && n == 1
                                let start = skipsMarks ? 1 : 0
                                let end = skipsMarks ? length &- 1 : length &- n &+ 1
                                if start < end {
                                    local.asciiGrams(run, starts: start..<end, length: n, negated: negated, token: first)
                                }
                            }
                            first &+= 1
                            continue
                        }
                    }
                    var last = first
                    if acrossRuns {
                        while last &+ 1 < count && words[last &+ 1].text.lowerBound == words[last].text.upperBound { last &+= 1 }
                    }
                    var length = 0, scalarCount = 0
                    if padding {
                        starts[0] = 0; runToken[0] = first; run[0] = 0x3C
                        length = 1; scalarCount = 1
                    }
                    var i = first
                    while i <= last {
                        let key = words[i].key
                        var offset = key.lowerBound
                        while offset < key.upperBound {
                            // Written for every byte; a continuation byte's entry is overwritten by
                            // the next scalar (or the end mark) because `scalarCount` does not move.
                            let byte = keys[offset]
                            starts[scalarCount] = length
                            runToken[scalarCount] = i
                            scalarCount &+= byte & 0xC0 != 0x80 ? 1 : 0
                            run[length] = byte
                            length &+= 1
                            offset &+= 1
                        }
                        i &+= 1
                    }
                    if padding {
                        starts[scalarCount] = length; runToken[scalarCount] = last; run[length] = 0x3E
                        length &+= 1; scalarCount &+= 1
                    }
                    starts[scalarCount] = length
                    // The first and past-the-last scalar that an n-gram of `n` scalars starts at (a
                    // lone padding mark is not a unit).
                    @inline(__always) func gramStarts(_ n: Int) -> (first: Int, end: Int) {
                        padding && n == 1 ? (1, scalarCount &- 1) : (0, scalarCount &- n &+ 1)
                    }
                    // The run's n-grams are packed and announced first: their table lookups miss
                    // the caches (zh's table is ~70,000 units), and this lets the misses overlap.
                    // Each is packed by one masked load (`run` has eight bytes of room past any
                    // n-gram; the word of one longer than eight bytes is not read).
                    var packed = 0
                    for n in lengths where n <= scalarCount {
                        var (start, end) = gramStarts(n)
                        while start < end {
                            let from = starts[start], length = starts[start &+ n] &- from
                            let word = UnsafeRawPointer(run + from).loadUnaligned(as: UInt64.self) & ShortKeyTable.mask(length: length)
                            gramWords[packed] = word
                            local.prefetch(UnsafeBufferPointer(start: run + from, count: length), packed: word)
                            packed &+= 1
                            start &+= 1
                        }
                    }
                    packed = 0
                    for n in lengths where n <= scalarCount {
                        var (start, end) = gramStarts(n)
                        while start < end {
                            let token = runToken[start]
                            let from = starts[start]
                            local.unit(UnsafeBufferPointer(start: run + from, count: starts[start &+ n] &- from),
                                       packed: gramWords[packed], negated: negatedWords[token], token: token)
                            packed &+= 1
                            start &+= 1
                        }
                    }
                    first = last &+ 1
                }
            }}}}}}}
        }

        private func score(_ utf8: UnsafeBufferPointer<UInt8>, explain: Bool) -> (ValenceScores, [TokenExplanation]?) {
            // Python's strip(): outer whitespace goes.
            var start = 0, end = utf8.count
            while start < end, let (scalar, length) = Self.scalar(utf8, at: start), PythonText.isSpace(scalar) { start += length }
            while end > start {
                var lead = end - 1
                while lead > start, utf8[lead] & 0xC0 == 0x80 { lead -= 1 }
                guard let (scalar, _) = Self.scalar(utf8, at: lead), PythonText.isSpace(scalar) else { break }
                end = lead
            }
            let (exclamations, questions) = Self.countExclamationsAndQuestions(UnsafeBufferPointer(rebasing: utf8[start..<end]))
            words.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
            let text = UnsafeBufferPointer(rebasing: utf8[start..<end])
            if let segmenter {
                // As in `tokenizeWhitespace`: the text lowercased once (ASCII letters only), an
                // ASCII token's key its own range there, any other token's key appended after it.
                let lowered = keys.count
                Self.appendASCIILowercased(text, to: &keys)
                let unfolded = folding.isEmpty
                try? segmenter.forEachToken(in: text) { token in
                    let word = UnsafeBufferPointer(rebasing: text[token.range])
                    if Self.isASCII(word) {
                        appendWord(token.range, key: (lowered + token.range.lowerBound)..<(lowered + token.range.upperBound),
                                   isUpper: Self.isASCIIUpper(word))
                        return
                    }
                    let stability = TextNormalizer.caseFoldStability(word)
                    if unfolded && stability == .unchanged {
                        // Its own key (kana, ideographs, Hangul: no A–Z among them), so its bytes in
                        // the lowered copy are that key, and it has no uppercase letter.
                        appendWord(token.range, key: (lowered + token.range.lowerBound)..<(lowered + token.range.upperBound),
                                   isUpper: false)
                    } else {
                        let start = keys.count
                        let mayBeUpper = TextNormalizer.appendLookupKey(word, stability: stability, folding: self.folding, to: &keys)
                        appendWord(token.range, key: start..<keys.count, isUpper: mayBeUpper && Self.isUpper(word))
                    }
                }
            } else {
                tokenizeWhitespace(text)
            }
            let log = explain ? ExplainLog() : nil
            log?.tokens = words.map { String(decoding: UnsafeBufferPointer(rebasing: text[$0.text]), as: UTF8.self) }
            let scores = scorer.score(words: words, keys: &keys, sentiments: &sentiments,
                                      exclamations: exclamations, questions: questions, log: log)
            return (scores, log?.explanations)
        }

        /// VADER's emoji pass into `expanded`: each emoji character becomes its description, with a
        /// space before it unless the previous character was an ASCII space. False when the text has
        /// no emoji of the pack (the common case: nothing is copied).
        private func expandEmoji(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
            let emoji = scorer.lexicon.emoji
            guard !emoji.isEmpty else { return false }
            var index = 0
            var first: Int?
            while index < utf8.count {
                // ASCII bytes sixteen at a time: no emoji among them.
                index &+= vx_ascii_span(utf8.baseAddress! + index, utf8.count &- index, false)
                if index >= utf8.count { break }
                let (scalar, length) = Self.scalar(utf8, at: index)!
                if emoji.contains(scalar) { first = index; break }
                index += length
            }
            guard let first else { return false }
            expanded.removeAll(keepingCapacity: true)
            // The bytes between emoji are copied a run at a time: `run` is where the next one starts.
            var previousIsSpace = first == 0 || utf8[first - 1] == 0x20
            var run = 0
            index = first
            while index < utf8.count {
                if utf8[index] < 0x80 { index += 1; continue }
                let (scalar, length) = Self.scalar(utf8, at: index)!
                guard emoji.contains(scalar) else { index += length; continue }
                if run < index {
                    expanded.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                    previousIsSpace = utf8[index - 1] == 0x20
                }
                if !previousIsSpace { expanded.append(0x20) }
                _ = emoji.withDescription(of: scalar) { expanded.append(contentsOf: $0) }
                previousIsSpace = false
                index += length
                run = index
            }
            if run < utf8.count { expanded.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...])) }
            return true
        }

        /// How many `!` and how many `?` `text` has (sixteen bytes to a step, ``vx_count_two_bytes``).
        static func countExclamationsAndQuestions(_ text: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
            guard let base = text.baseAddress else { return (0, 0) }
            var questions = 0
            let exclamations = vx_count_two_bytes(base, text.count, 0x21, 0x3F, &questions)
            return (exclamations, questions)
        }

        /// Decodes the scalar starting at `index` of valid UTF-8.
        @inline(__always)
        static func scalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
            guard index < utf8.count else { return nil }
            let lead = UInt32(utf8[index])
            if lead < 0x80 { return (lead, 1) }
            if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F), 2) }
            if lead < 0xF0 {
                return ((lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F), 3)
            }
            return ((lead & 0x07) << 18 | UInt32(utf8[index + 1] & 0x3F) << 12 | UInt32(utf8[index + 2] & 0x3F) << 6
                    | UInt32(utf8[index + 3] & 0x3F), 4)
        }

        @inline(__always)
        static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for byte in bytes where byte >= 0x80 { return false }
            return true
        }

        @inline(__always)
        static func appendASCIILowercased(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
            let start = out.count
            out.append(contentsOf: bytes)
            out.withUnsafeMutableBufferPointer { out in
                // Branch-free, so that the loop vectorises over a whole text.
                for index in start..<out.count {
                    let byte = out[index]
                    out[index] = byte | (byte &- 0x41 < 26 ? 0x20 : 0)
                }
            }
        }

        /// Adds the word at `range` of the text, whose lookup key the caller put at `key` in `keys`,
        /// and whether it is all caps (Python's `isupper()`), as the caller found it: by
        /// ``isASCIIUpper(_:)`` when it found the word ASCII while cutting it, else by ``isUpper(_:)``
        /// or by what the word's key showed.
        private func appendWord(_ range: Range<Int>, key: Range<Int>, isUpper: Bool) {
            var keyRange = key
            for elision in scorer.lexicon.elisionKeys where keyRange.count > elision.count
                && keys[keyRange.lowerBound..<keyRange.lowerBound + elision.count].elementsEqual(elision) {
                keyRange = (keyRange.lowerBound + elision.count)..<keyRange.upperBound
                break
            }
            let slot = keys.withUnsafeBufferPointer { scorer.lexicon.entry(of: UnsafeBufferPointer(rebasing: $0[keyRange])) } ?? -1
            var entry = slot
            if folding.contains(.arabic), entry < 0 || !scorer.lexicon.hasRuleData(entry),
               let stem = keys.withUnsafeBufferPointer({ Self.arabicStemEntry(UnsafeBufferPointer(rebasing: $0[keyRange]), scorer.lexicon) }) {
                entry = stem
            }
            var hasInfix = false
            if !negationInfixes.isEmpty {
                hasInfix = keys.withUnsafeBufferPointer { keys in
                    let key = UnsafeBufferPointer(rebasing: keys[keyRange])
                    return negationInfixes.contains { Self.contains(key, $0.bytes, pivot: $0.pivot) }
                }
            }
            words.append(.init(text: range, key: keyRange, entry: entry, slot: slot, isUpper: isUpper, hasNegationInfix: hasInfix, lexicon: scorer.lexicon))
        }

        /// Arabic clitics: a word missing from the lexicon is looked up again without a leading
        /// و or ف (and), then ب ك ل (with, like, for), then the article ال, keeping at least two letters.
        static func arabicStemEntry(_ key: UnsafeBufferPointer<UInt8>, _ lexicon: CompiledLexicon) -> Int? {
            // Each Arabic letter here is two bytes in UTF-8.
            func letter(_ at: Int, _ a: UInt8, _ b: UInt8) -> Bool { at + 1 < key.count && key[at] == a && key[at + 1] == b }
            func article(_ at: Int) -> Bool { letter(at, 0xD8, 0xA7) && letter(at + 2, 0xD9, 0x84) }  // ال
            func lookup(_ start: Int) -> Int? {
                guard start > 0, key.count - start >= 4 else { return nil }
                guard let entry = lexicon.table.index(of: UnsafeBufferPointer(rebasing: key[start...])),
                      lexicon.hasRuleData(entry) else { return nil }
                return entry
            }
            let conjunction = letter(0, 0xD9, 0x88) || letter(0, 0xD9, 0x81) ? 2 : 0  // و ف
            if let entry = lookup(conjunction) { return entry }
            let preposition = letter(conjunction, 0xD8, 0xA8) || letter(conjunction, 0xD9, 0x83)
                || letter(conjunction, 0xD9, 0x84) ? conjunction + 2 : conjunction  // ب ك ل
            if let entry = lookup(preposition) { return entry }
            if article(preposition), let entry = lookup(preposition + 4) { return entry }
            if article(conjunction), let entry = lookup(conjunction + 4) { return entry }
            // لل: li + the article with its alef dropped.
            if letter(conjunction, 0xD9, 0x84) && letter(conjunction + 2, 0xD9, 0x84), let entry = lookup(conjunction + 4) { return entry }
            return nil
        }

        /// Scripts without case (Arabic, Indic, Thai, CJK, kana, Hangul): no property lookup needed.
        @inline(__always)
        static func isUncased(_ value: UInt32) -> Bool {
            (0x0600...0x08FF).contains(value) || (0x0900...0x0DFF).contains(value) || (0x0E00...0x0FFF).contains(value)
                || (0x2E80...0x9FFF).contains(value) || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFF66...0xFFDC).contains(value)
        }

        /// Python's `str.isupper()` on valid UTF-8 (``PythonText/isUpper(_:)``), without building a string.
        static func isUpper(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var hasCased = false
            var index = 0
            while index < bytes.count {
                // Lead bytes E3–E9 start U+3000–U+9FFF (kana, CJK): uncased, as isUncased says.
                if bytes[index] &- 0xE3 < 7 {
                    index += 3
                    continue
                }
                let (value, length) = scalar(bytes, at: index)!
                index += length
                if value < UInt32(casing.count) {
                    // Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic: from the table.
                    let bits = casing[Int(value)]
                    if bits & lowerOrTitle != 0 { return false }
                    if bits & upper != 0 { hasCased = true }
                    continue
                }
                if isUncased(value) { continue }
                guard let scalar = Unicode.Scalar(value) else { continue }
                let properties = scalar.properties
                if properties.isLowercase || properties.generalCategory == .titlecaseLetter { return false }
                if properties.isUppercase { hasCased = true }
            }
            return hasCased
        }

        /// `casing[v]` for the scalars below U+0800 (the one- and two-byte UTF-8 sequences): whether
        /// scalar v is lowercase or titlecase (`lowerOrTitle`) and whether it is uppercase (`upper`), read
        /// once from the same Unicode properties ``isUpper(_:)`` asks of longer scalars.
        static let casing: [UInt8] = (0..<0x800).map { value -> UInt8 in
            guard let scalar = Unicode.Scalar(UInt32(value)) else { return 0 }
            let properties = scalar.properties
            return (properties.isLowercase || properties.generalCategory == .titlecaseLetter ? lowerOrTitle : 0)
                | (properties.isUppercase ? upper : 0)
        }
        static let lowerOrTitle: UInt8 = 1
        static let upper: UInt8 = 2

        /// `str.isupper()` of ASCII bytes: no a–z and some A–Z. Eight bytes at a time (the last eight,
        /// or two fours, overlapping the ones before: a repeated byte changes neither answer). For
        /// bytes below 0x80, adding 0x80 − c sets a byte's high bit exactly when it is at least c,
        /// and no sum carries into the next byte.
        @inline(__always)
        static func isASCIIUpper(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            @inline(__always) func marks(_ x: UInt64) -> (lower: UInt64, upper: UInt64) {
                let high: UInt64 = 0x8080_8080_8080_8080
                let lower = (x &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(x &+ 0x0505_0505_0505_0505) & high   // 0x61 ... 0x7A
                let upper = (x &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(x &+ 0x2525_2525_2525_2525) & high   // 0x41 ... 0x5A
                return (lower, upper)
            }
            let count = bytes.count
            guard count >= 4, let base = UnsafeRawPointer(bytes.baseAddress) else {
                var hasCased = false
                for byte in bytes {
                    if byte &- 0x61 < 26 { return false }
                    if byte &- 0x41 < 26 { hasCased = true }
                }
                return hasCased
            }
            var lower: UInt64 = 0, upper: UInt64 = 0
            if count >= 8 {
                var offset = 0
                while offset &+ 8 < count {
                    let m = marks(base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    lower |= m.lower; upper |= m.upper
                    offset &+= 8
                }
                let m = marks(base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
                lower |= m.lower; upper |= m.upper
            } else {
                let m = marks(UInt64(base.loadUnaligned(as: UInt32.self))
                              | UInt64(base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)) << 32)
                lower = m.lower; upper = m.upper
            }
            return lower == 0 && upper != 0
        }

        /// Whether `needle` occurs in `haystack`. The scan looks for one byte of the needle, its first
        /// byte that is not an ASCII letter when it has one (the `'` of `n't`, rare in words), and
        /// compares the rest only there.
        static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
            contains(haystack, needle, pivot: pivot(of: needle))
        }

        /// Where ``contains(_:_:pivot:)`` looks first in `needle`.
        static func pivot(of needle: [UInt8]) -> Int {
            needle.firstIndex { ($0 | 0x20) &- 0x61 >= 26 } ?? 0
        }

        @inline(__always)
        static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], pivot: Int) -> Bool {
            let n = needle.count
            guard n > 0, haystack.count >= n else { return false }
            let mark = needle[pivot]
            var index = pivot
            let end = haystack.count - (n - pivot)
            while index <= end {
                if haystack[index] == mark {
                    let start = index - pivot
                    var offset = 0
                    while offset < n && haystack[start + offset] == needle[offset] { offset += 1 }
                    if offset == n { return true }
                }
                index += 1
            }
            return false
        }

        /// VADER's `text.split()` then `_strip_punc_if_word` and `lower()`.
        private func tokenizeWhitespace(_ text: UnsafeBufferPointer<UInt8>) {
            // An ASCII word's key is its bytes lowercased: the whole text is lowercased into `keys`
            // once (ASCII letters only), and such a word's key is its own range there. Any other
            // word's key is appended after it.
            let lowered = keys.count
            Self.appendASCIILowercased(text, to: &keys)
            var index = 0
            let count = text.count
            while index < count {
                // Skip whitespace (ASCII bytes without decoding).
                while index < count {
                    let byte = text[index]
                    if byte < 0x80 {
                        guard PythonText.isASCIISpace(byte) else { break }
                        index += 1
                        continue
                    }
                    let (scalar, length) = Self.scalar(text, at: index)!
                    guard PythonText.isSpace(scalar) else { break }
                    index += length
                }
                guard index < count else { break }
                let start = index
                var isASCII = true
                while index < count {
                    // Eight bytes at a time while they are ASCII above 0x20 (no space among them).
                    // A byte below 0x21 or from 0x80 sets its high bit in `stops`; the lowest set
                    // bit is exact (a borrow only marks bytes above a marked one).
                    if index &+ 8 <= count, let base = UnsafeRawPointer(text.baseAddress) {
                        let bytes = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        let stops = ((bytes &- 0x2121_2121_2121_2121) & ~bytes | bytes) & 0x8080_8080_8080_8080
                        if stops == 0 {
                            index &+= 8
                            continue
                        }
                        index &+= stops.trailingZeroBitCount >> 3
                    }
                    let byte = text[index]
                    if byte < 0x80 {
                        if PythonText.isASCIISpace(byte) { break }
                        index += 1
                        continue
                    }
                    let (scalar, length) = Self.scalar(text, at: index)!
                    if PythonText.isSpace(scalar) { break }
                    isASCII = false
                    index += length
                }
                // Strip outer ASCII punctuation unless two or fewer characters would remain.
                var lower = start, upper = index
                while lower < upper, PythonText.isASCIIPunctuation(text[lower]) { lower += 1 }
                while upper > lower, PythonText.isASCIIPunctuation(text[upper - 1]) { upper -= 1 }
                // (Stripping takes ASCII punctuation only: the range is ASCII when the token is.)
                if isASCII {
                    let range = upper - lower > 2 ? lower..<upper : start..<index
                    appendWord(range, key: (lowered + range.lowerBound)..<(lowered + range.upperBound),
                               isUpper: Self.isASCIIUpper(UnsafeBufferPointer(rebasing: text[range])))
                    continue
                }
                var characters = 0
                var cursor = lower
                while cursor < upper && characters <= 2 {
                    if text[cursor] & 0xC0 != 0x80 { characters += 1 }
                    cursor += 1
                }
                let range = characters > 2 ? lower..<upper : start..<index
                let word = UnsafeBufferPointer(rebasing: text[range])
                let keyStart = keys.count
                PythonText.appendLowercased(word, to: &keys)
                appendWord(range, key: keyStart..<keys.count, isUpper: Self.isUpper(word))
            }
        }
    }
}

/// Receives the character n-gram units of a document, one at a time (see `Session.forEachCharacterUnit`).
protocol CharacterUnitSink {
    mutating func unit(_ gram: UnsafeBufferPointer<UInt8>, negated: Bool, token: Int)
    /// The same, with the n-gram's bytes also packed into a word, little-endian (meaningful for
    /// n-grams of at most 8 bytes).
    mutating func unit(_ gram: UnsafeBufferPointer<UInt8>, packed: UInt64, negated: Bool, token: Int)
    /// A hint that `gram` (its bytes also packed into `packed`, as for ``unit(_:packed:negated:token:)``)
    /// is looked up soon: a run's n-grams are announced before they are handed over, so that their
    /// table lines are fetched from memory together rather than one by one.
    func prefetch(_ gram: UnsafeBufferPointer<UInt8>, packed: UInt64)
    /// The n-grams of `length` bytes (at most 8) that start at `run + start` for each start in
    /// `starts`, in order: an ASCII word's, all of token `token`. `run` has eight bytes of room past
    /// the last n-gram, so each is packed by one masked load.
    mutating func asciiGrams(_ run: UnsafePointer<UInt8>, starts: Range<Int>, length: Int, negated: Bool, token: Int)
}

extension CharacterUnitSink {
    func prefetch(_ gram: UnsafeBufferPointer<UInt8>, packed: UInt64) {}

    @inline(__always)
    mutating func asciiGrams(_ run: UnsafePointer<UInt8>, starts: Range<Int>, length: Int, negated: Bool, token: Int) {
        asciiGramsOneByOne(run, starts: starts, length: length, negated: negated, token: token)
    }

    /// ``asciiGrams(_:starts:length:negated:token:)`` as calls of ``unit(_:packed:negated:token:)``.
    @inline(__always)
    mutating func asciiGramsOneByOne(_ run: UnsafePointer<UInt8>, starts: Range<Int>, length: Int, negated: Bool, token: Int) {
        let mask = ShortKeyTable.mask(length: length)
        for start in starts {
            let packed = UnsafeRawPointer(run + start).loadUnaligned(as: UInt64.self) & mask
            unit(UnsafeBufferPointer(start: run + start, count: length), packed: packed, negated: negated, token: token)
        }
    }

    mutating func unit(_ gram: UnsafeBufferPointer<UInt8>, packed: UInt64, negated: Bool, token: Int) {
        unit(gram, negated: negated, token: token)
    }
}
