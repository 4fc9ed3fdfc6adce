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

    /// Scores documents one at a time. Not thread-safe; cheap to keep and reuse.
    public final class Session {
        let scorer: ValenceScorer
        let segmenter: Segmenter?
        private var words: [ValenceScorer.Word] = []
        private var keys: [UInt8] = []

        init(lexicon: CompiledLexicon) throws(TextError) {
            self.scorer = ValenceScorer(lexicon: lexicon)
            self.segmenter = lexicon.rules.tokenizer == .icu ? try Segmenter(language: lexicon.language) : nil
        }

        /// The valence of `text` (VADER's `polarity_scores` for the English pack).
        public func valence(of text: String, explain: Bool = false) -> (ValenceScores, [TokenExplanation]?) {
            let prepared = replacingEmoji(text)
            var exclamations = 0, questions = 0
            for byte in prepared.utf8 {
                if byte == 0x21 { exclamations += 1 } else if byte == 0x3F { questions += 1 }
            }
            words.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
            if let segmenter {
                tokenizeICU(prepared, segmenter)
            } else {
                tokenizeWhitespace(prepared)
            }
            let log = explain ? ExplainLog() : nil
            let scores = scorer.score(words: words, keys: &keys, exclamations: exclamations, questions: questions, log: log)
            return (scores, log?.explanations)
        }

        /// Sentiment, calibrated four-class scores and valence of `text`.
        public func analyze(_ text: String, explain: Bool = false) -> DocumentAnalysis {
            let (valence, explanations) = valence(of: text, explain: explain)
            let score = scorer.lexicon.calibration.score(valence)
            return DocumentAnalysis(sentiment: score.argmax, score: score, valence: valence, explanations: explanations)
        }

        /// VADER's emoji pass: each emoji character becomes its description, with a space before
        /// it unless one is there already; then the text is stripped of outer whitespace.
        func replacingEmoji(_ text: String) -> String {
            let emoji = scorer.lexicon.emojiDescriptions
            var hasEmoji = false
            if !emoji.isEmpty {
                for scalar in text.unicodeScalars where scalar.value >= 0x80 && emoji[scalar.value] != nil {
                    hasEmoji = true
                    break
                }
            }
            var result: String
            if hasEmoji {
                result = ""
                result.reserveCapacity(text.utf8.count + 32)
                var previousIsSpace = true
                for scalar in text.unicodeScalars {
                    if let description = emoji[scalar.value] {
                        if !previousIsSpace { result.append(" ") }
                        result.append(description)
                        previousIsSpace = false
                    } else {
                        result.unicodeScalars.append(scalar)
                        previousIsSpace = scalar == " "
                    }
                }
            } else {
                result = text
            }
            return Self.strippingPythonWhitespace(result)
        }

        static func strippingPythonWhitespace(_ text: String) -> String {
            let scalars = text.unicodeScalars
            guard let first = scalars.firstIndex(where: { !PythonText.isSpace($0.value) }) else { return "" }
            let last = scalars.lastIndex(where: { !PythonText.isSpace($0.value) })!
            if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
            return String(scalars[first...last])
        }

        func appendWord(_ text: Substring, key: (inout [UInt8]) -> Void) {
            let start = keys.count
            key(&keys)
            let range = start..<keys.count
            let entry = keys.withUnsafeBufferPointer { scorer.lexicon.table.index(of: UnsafeBufferPointer(rebasing: $0[range])) } ?? -1
            var hasInfix = false
            for infix in scorer.lexicon.rules.negationInfixes where Self.contains(keys[range], infix.utf8) {
                hasInfix = true
                break
            }
            words.append(.init(text: text, key: range, entry: entry, isUpper: PythonText.isUpper(text), hasNegationInfix: hasInfix))
        }

        static func contains(_ haystack: ArraySlice<UInt8>, _ needle: String.UTF8View) -> Bool {
            let n = needle.count
            guard n > 0, haystack.count >= n else { return false }
            let first = needle.first!
            var index = haystack.startIndex
            while index + n <= haystack.endIndex {
                if haystack[index] == first && haystack[index..<index + n].elementsEqual(needle) { return true }
                index += 1
            }
            return false
        }

        /// VADER's `text.split()` then `_strip_punc_if_word` and `lower()`.
        func tokenizeWhitespace(_ text: String) {
            let scalars = text.unicodeScalars
            var index = scalars.startIndex
            while index < scalars.endIndex {
                while index < scalars.endIndex, PythonText.isSpace(scalars[index].value) { index = scalars.index(after: index) }
                guard index < scalars.endIndex else { break }
                let start = index
                while index < scalars.endIndex, !PythonText.isSpace(scalars[index].value) { index = scalars.index(after: index) }
                let word = PythonText.stripPunctuationIfWord(text[start..<index])
                appendWord(word) { PythonText.appendLowercased(word, to: &$0) }
            }
        }

        /// ICU word segmentation; each token's key is its NFKC case fold.
        func tokenizeICU(_ text: String, _ segmenter: Segmenter) {
            var copy = text
            copy.withUTF8 { utf8 in
                try? segmenter.forEachToken(in: utf8) { token in
                    let lower = text.utf8.index(text.utf8.startIndex, offsetBy: token.range.lowerBound)
                    let upper = text.utf8.index(text.utf8.startIndex, offsetBy: token.range.upperBound)
                    let word = text[lower..<upper]
                    appendWord(word) { keys in
                        var isASCII = true
                        for byte in word.utf8 where byte >= 0x80 { isASCII = false; break }
                        if isASCII {
                            PythonText.appendLowercased(word, to: &keys)
                        } else {
                            keys.append(contentsOf: TextNormalizer.nfkcCaseFolded(String(word)).utf8)
                        }
                    }
                }
            }
        }
    }
}
