import Foundation
import Testing
@testable import ValenceCore
import ValenceTestSupport

/// `LatinWordBreak` (ICU's word segmentation of ASCII and Latin-1 letters, without ICU) gives exactly
/// ICU's segments and rule statuses: for every locale of the twelve languages on every string of up to
/// three (and, for one locale, four) characters over the characters its rules treat apart, on random
/// longer strings over them, and (as `Segmenter` tokens) on every shared text it accepts.
@Suite struct LatinWordBreakTests {
    /// Letters (ASCII, Latin-1 and `@`), digits, the joiners `_ . ' ‘ ’ , ;`, `:` (joins nothing in
    /// ICU), spaces, line ends, and other punctuation. (Every other ASCII character was checked alone
    /// and beside a letter, a digit and `_`: each stands alone as `-` does.)
    static let alphabet = ["a", "Z", "é", "ÿ", "@", "1", "_", ".", "'", ",", ";", ":", " ", "\r", "\n", "\u{0B}", "-", "\"", "\t", "#"]
    /// The non-ASCII punctuation the path takes.
    static let punctuation = ["\u{2018}", "\u{2019}", "¡", "«", "°", "´", "»", "¿", "–", "—", "“", "”", "„", "…", "€"]

    static func latin(_ text: String) -> [ICUWordBreaker.Segment] {
        var result: [ICUWordBreaker.Segment] = []
        var copy = text
        copy.withUTF8 { utf8 in
            #expect(LatinWordBreak.accepts(utf8), "\(text.debugDescription)")
            LatinWordBreak.forEachSegment(in: utf8) { result.append(.init(range: $0, ruleStatus: $1)) }
        }
        return result
    }

    static func strings(ofLength length: Int, over characters: [String]) -> [String] {
        length == 0 ? [""] : strings(ofLength: length - 1, over: characters).flatMap { prefix in characters.map { prefix + $0 } }
    }

    /// The segments of status 0 are dropped unless they hold an emoji: none of the punctuation is one.
    @Test func noPunctuationTakenIsAnEmoji() {
        for mark in Self.punctuation {
            #expect(!mark.unicodeScalars.contains { $0.properties.isEmoji }, "\(mark)")
        }
    }

    @Test(arguments: LanguageCode.allCases)
    func everyShortStringSegmentsAsICUDoes(language: LanguageCode) throws {
        let breaker = try ICUWordBreaker(locale: language.icuLocale)
        var differences: [String] = []
        // Every string of up to three characters over all of them (and of four over the ASCII and
        // Latin-1 ones for English), then random longer ones.
        let all = Self.alphabet + Self.punctuation
        var texts = Self.strings(ofLength: 3, over: all) + Self.strings(ofLength: 2, over: all) + all
        if language == .en { texts += Self.strings(ofLength: 4, over: Self.alphabet) }
        for text in texts where try breaker.segments(of: text) != Self.latin(text) {
            differences.append(text)
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 5...40, using: &generator)).map { _ in all.randomElement(using: &generator)! }.joined()
            if try breaker.segments(of: text) != Self.latin(text) { differences.append(text) }
        }
        #expect(differences.count == 0, "\(language): \(differences.prefix(10).map(\.debugDescription))")
    }

    /// Every Latin-1 letter (U+00C0–U+00FF but × and ÷) is a letter to ICU, as `é` and `ÿ` above are.
    @Test func everyLatin1LetterIsALetterToICU() throws {
        let breaker = try ICUWordBreaker(locale: "de")
        for value in UInt32(0xC0)...0xFF where value != 0xD7 && value != 0xF7 {
            let c = String(Unicode.Scalar(value)!)
            for text in [c, "a" + c, c + "1", "1" + c, c + "'" + c, c + "." + "a", "_" + c, c + ":" + c] {
                #expect(try breaker.segments(of: text) == Self.latin(text), "\(text)")
            }
        }
    }

    @Test func acceptsOnlyASCIIAndLatin1Letters() {
        for (text, accepted) in [("", true), ("Grüße aus Köln", true), ("ÀÿØ", true), ("5 × 3", false), ("a ÷ b", false),
                                 ("«oui»", true), ("naïve café", true), ("don’t", true), ("😀", false), ("中文", false),
                                 ("\u{A0}", false), ("straße", true), ("„Gut“ – 5 € …", true), ("™", false), ("œuvre", false),
                                 ("¿qué?", true), ("x\u{2024}y", false), ("\u{2022}", false)] {
            var copy = text
            #expect(copy.withUTF8 { LatinWordBreak.accepts($0) } == accepted, "\(text)")
        }
    }

    @Test func everyAcceptedSharedTextTokenisesAsICUDoes() throws {
        var accepted = 0, total = 0
        for (name, language, texts) in try Repository.sharedTexts() {
            let fast = try Segmenter(language: language), icu = try Segmenter(language: language, segmentsLatinTextWithoutICU: false)
            for text in texts {
                let bytes = Array(text.utf8)
                total += 1
                var a: [Token] = [], b: [Token] = []
                try bytes.withUnsafeBufferPointer { buffer in
                    if LatinWordBreak.accepts(buffer) { accepted += 1 }
                    try fast.forEachToken(in: buffer) { a.append($0) }
                    try icu.forEachToken(in: buffer) { b.append($0) }
                }
                if a != b {
                    Issue.record("\(name): \(text)")
                    return
                }
            }
        }
        // (35,257 of 142,919 when written: most Latin-script texts; no ja, zh, ko, ar or hi text.)
        #expect(accepted > 30_000 && total > 100_000, "\(accepted) of \(total)")
    }
}
