/// A token found by ``Segmenter``: a byte range of the UTF-8 text and what kind of thing it is.
public struct Token: Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        case word, number, kana, ideograph, emoji
    }

    public var range: Range<Int>
    public var kind: Kind

    public init(range: Range<Int>, kind: Kind) {
        self.range = range
        self.kind = kind
    }
}

/// ICU word segmentation for one language, keeping emoji (which ICU word break treats as
/// non-word segments) as tokens of their own.
///
/// Dictionary-based segmentation is used for ja, zh and zh-TW. Not thread-safe: one per thread.
public final class Segmenter {
    public let language: LanguageCode
    private let breaker: ICUWordBreaker

    /// Whether text of ASCII and Latin-1 letters is segmented by ``LatinWordBreak`` (the default; the
    /// same segments as ICU's) rather than by ICU. For tests that compare the two.
    let segmentsLatinTextWithoutICU: Bool

    public convenience init(language: LanguageCode) throws(TextError) {
        try self.init(language: language, segmentsLatinTextWithoutICU: true)
    }

    /// A segmenter that may be told to leave all text to ICU (`segmentsLatinTextWithoutICU: false`):
    /// for tests and the fuzz target that compare the two ways.
    public init(language: LanguageCode, segmentsLatinTextWithoutICU: Bool) throws(TextError) {
        self.language = language
        self.breaker = try ICUWordBreaker(locale: language.icuLocale)
        self.segmentsLatinTextWithoutICU = segmentsLatinTextWithoutICU
    }

    /// Calls `body` with each token of the UTF-8 text, in order.
    public func forEachToken(in utf8: UnsafeBufferPointer<UInt8>, _ body: (Token) throws -> Void) throws {
        if segmentsLatinTextWithoutICU && LatinWordBreak.accepts(utf8) {
            // No emoji and no keycap in such text: the tokens are the segments with a word status.
            try LatinWordBreak.forEachSegment(in: utf8) { range, status in
                switch status {
                case 100..<200: try body(Token(range: range, kind: .number))
                case 200..<300: try body(Token(range: range, kind: .word))
                default: break
                }
            }
            return
        }
        try breaker.forEachSegment(in: utf8) { segment in
            let kind: Token.Kind?
            switch segment.ruleStatus {
            // ICU reads a digit keycap (1️⃣) as a number because U+FE0F and U+20E3 are Extend.
            case 100..<200: kind = Self.endsWithKeycap(utf8, segment.range) ? .emoji : .number
            case 200..<300: kind = .word
            case 300..<400: kind = .kana
            case 400..<500: kind = .ideograph
            default: kind = Self.containsEmoji(utf8, segment.range) ? .emoji : nil
            }
            if let kind { try body(Token(range: segment.range, kind: kind)) }
        }
    }

    /// The tokens of `text` as strings, for tests and `--explain`.
    public func tokenStrings(_ text: String) throws -> [String] {
        var copy = text
        return try copy.withUTF8 { utf8 in
            var result: [String] = []
            try forEachToken(in: utf8) { token in
                result.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[token.range]), as: UTF8.self))
            }
            return result
        }
    }

    /// Whether a non-word segment holds a pictographic emoji (not a bare digit or `#`, which
    /// are emoji-capable but are not emoji on their own), or is a keycap such as #️⃣ or *️⃣.
    static func containsEmoji(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        // No scalar of #️⃣ (U+0023 U+FE0F U+20E3) has the Emoji property at or above U+00A9.
        if endsWithKeycap(utf8, range) { return true }
        // Every emoji scalar we care about is at or above U+00A9, so it starts with a lead byte >= 0xC2.
        var hasHighByte = false
        for index in range where utf8[index] >= 0xC2 { hasHighByte = true; break }
        guard hasHighByte else { return false }
        // Decode in place (the text is valid UTF-8): no String per segment.
        var index = range.lowerBound
        while index < range.upperBound, let (value, length) = SentimentAnalyzer.Session.scalar(utf8, at: index) {
            if isEmoji(value) { return true }
            index += length
        }
        return false
    }

    /// `Unicode.Scalar.Properties.isEmoji` of a scalar above U+00A8 (below it: false), from a bitmap
    /// for the BMP's emoji block range (the punctuation of CJK text is asked this for every
    /// segment, and the property is a search each time).
    @inline(__always)
    static func isEmoji(_ value: UInt32) -> Bool {
        if value < 0xA9 { return false }
        if value < emojiBitmapEnd { return emojiBitmap[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0 }
        if value < 0x10000 { return false }
        return Unicode.Scalar(value)?.properties.isEmoji ?? false
    }

    /// Past the last BMP scalar with the Emoji property (U+3299); `SegmenterEmojiTests` checks that
    /// no BMP scalar from here on has it.
    static let emojiBitmapEnd: UInt32 = 0x3300
    static let emojiBitmap: [UInt64] = (0..<Int(emojiBitmapEnd >> 6)).map { word in
        var bits: UInt64 = 0
        for bit in 0..<64 {
            if let scalar = Unicode.Scalar(UInt32(word << 6 | bit)), scalar.value >= 0xA9, scalar.properties.isEmoji {
                bits |= 1 << UInt64(bit)
            }
        }
        return bits
    }

    /// Whether the segment ends with U+20E3 COMBINING ENCLOSING KEYCAP (UTF-8 E2 83 A3).
    static func endsWithKeycap(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count >= 3 && utf8[range.upperBound - 3] == 0xE2 && utf8[range.upperBound - 2] == 0x83
            && utf8[range.upperBound - 1] == 0xA3
    }
}
