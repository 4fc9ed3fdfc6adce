import Foundation
import Testing
@testable import ValenceCore
import ValenceTestSupport

/// The lookup key's fast path (``TextNormalizer/caseFoldStability(_:)``, ASCII, Latin-1 letters,
/// kana, CJK ideographs and Hangul syllables lowered without ICU, or copied when there is nothing
/// to lower) gives exactly ICU's `nfkc_cf`:
/// on every scalar of its set, and on every token of every shared training and evaluation text.
@Suite struct CaseFoldFastPathTests {
    static func icuKey(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { TextNormalizer.appendICUCaseFolded($0, to: &out) }
        return out
    }

    static func fastKey(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { utf8 -> [UInt8]? in
            // As `appendLookupKey` takes it: a token with nothing to lower is its own key.
            switch TextNormalizer.caseFoldStability(utf8) {
            case .unstable: return nil
            case .unchanged: return Array(utf8)
            case .lowered:
                var out: [UInt8] = []
                TextNormalizer.appendStableCaseFolded(utf8, to: &out)
                return out
            }
        }
    }

    @Test func everyScalarOfTheSetFoldsAsICUDoes() {
        let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0xC0...0xFF, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC...0x30FC,
                                             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3]
        var checked = 0
        for range in ranges {
            for value in range {
                let bytes = Array(String(Unicode.Scalar(value)!).utf8)
                guard let fast = Self.fastKey(bytes) else {
                    // Only ×, ß and ÷ are left to ICU.
                    #expect([0xD7, 0xDF, 0xF7].contains(value), "U+\(String(value, radix: 16)) is not on the fast path")
                    continue
                }
                #expect(fast == Self.icuKey(bytes), "U+\(String(value, radix: 16))")
                checked += 1
            }
        }
        #expect(checked == 39_122)
    }

    @Test func scalarsBesideTheSetTakeICU() {
        // A combining mark, a compatibility form, a halfwidth katakana, ß and a four-byte scalar.
        for text in ["e\u{301}", "\u{FB01}", "ｶ", "Straße", "😀", "ゟ", "ヿ", "\u{309B}"] {
            #expect(Self.fastKey(Array(text.utf8)) == nil, "\(text)")
        }
        #expect(Self.fastKey(Array("ÄRGER über Ôdipus".utf8)) == Array("ärger über ôdipus".utf8))
    }

    /// Every token (ICU word break, as ICU packs tokenise) of every text in ../shared/train and
    /// ../shared/eval, in the language of its file: the fast path's key is ICU's, byte for byte.
    @Test func everyTokenOfTheSharedTextsFoldsAsICUDoes() throws {
        var fastTokens = 0
        for (name, language, texts) in try Repository.sharedTexts() {
            let segmenter = try Segmenter(language: language)
            var seen = Set<[UInt8]>()
            for text in texts {
                let bytes = Array(text.utf8)
                try bytes.withUnsafeBufferPointer { utf8 in
                    try segmenter.forEachToken(in: utf8) { token in
                        seen.insert(Array(utf8[token.range]))
                    }
                }
            }
            for token in seen {
                guard let fast = Self.fastKey(token) else { continue }
                fastTokens += 1
                let icu = Self.icuKey(token)
                #expect(fast == icu, "\(name): \(String(decoding: token, as: UTF8.self)) -> \(String(decoding: icu, as: UTF8.self))")
            }
        }
        #expect(fastTokens > 10_000)
    }
}
