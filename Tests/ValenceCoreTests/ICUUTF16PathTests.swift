import Foundation
import Testing
@testable import ValenceCore
import ValenceTestSupport

/// `ICUWordBreaker` hands well-formed text to ICU as UTF-16 and maps the boundaries back to byte
/// offsets; it used to read the bytes through a UTF-8 UText (still the way for ill-formed text).
/// Both ways give the same segments, offsets and rule statuses on every text of ../shared/train and
/// ../shared/eval in its file's language, and on edge cases of the offset mapping.
@Suite struct ICUUTF16PathTests {
    static func both(_ bytes: [UInt8], locale: String) throws -> ([ICUWordBreaker.Segment], [ICUWordBreaker.Segment]) {
        let utf16 = try ICUWordBreaker(locale: locale), utf8Text = try ICUWordBreaker(locale: locale, readsUTF8Text: true)
        return try bytes.withUnsafeBufferPointer { buffer in
            var a: [ICUWordBreaker.Segment] = [], b: [ICUWordBreaker.Segment] = []
            try utf16.forEachSegment(in: buffer) { a.append($0) }
            try utf8Text.forEachSegment(in: buffer) { b.append($0) }
            return (a, b)
        }
    }

    @Test func everySharedTextSegmentsAlikeBothWays() throws {
        var texts = 0, segments = 0
        for (name, language, lines) in try Repository.sharedTexts() {
            let utf16 = try ICUWordBreaker(locale: language.icuLocale)
            let utf8Text = try ICUWordBreaker(locale: language.icuLocale, readsUTF8Text: true)
            var a: [ICUWordBreaker.Segment] = [], b: [ICUWordBreaker.Segment] = []
            for text in lines {
                let bytes = Array(text.utf8)
                a.removeAll(keepingCapacity: true); b.removeAll(keepingCapacity: true)
                try bytes.withUnsafeBufferPointer { buffer in
                    try utf16.forEachSegment(in: buffer) { a.append($0) }
                    try utf8Text.forEachSegment(in: buffer) { b.append($0) }
                }
                if a != b {
                    Issue.record("\(name): \(text)")
                    return
                }
                texts += 1; segments += a.count
            }
        }
        #expect(texts > 100_000 && segments > 1_000_000)
    }

    @Test func offsetsOfFourByteScalarsAndEdges() throws {
        let cases = ["", "a", "😀", "a😀b", "𠀋𡈽𡌛 日本語の𠮷野家です", "ＡＢＣ１２３ か😀な 😀😀", "Ça\u{301} va? 👍🏽 très bien",
                     "\u{0}x\u{0}", "中文" + String(repeating: "𠀀文字", count: 400)]
        for text in cases {
            for locale in ["ja", "zh_Hans", "en", "ko"] {
                let (a, b) = try Self.both(Array(text.utf8), locale: locale)
                #expect(a == b, "\(locale): \(text)")
                #expect(a.last?.range.upperBound ?? 0 == text.utf8.count, "\(locale): \(text)")
            }
        }
    }

    @Test func illFormedTextTakesTheUTF8Way() throws {
        // A stray continuation byte, a truncated sequence, an encoded surrogate, an overlong form.
        for bytes: [UInt8] in [[0x61, 0x80, 0x62], [0xE6, 0x97, 0x20, 0x61], [0xED, 0xA0, 0x80], [0xC0, 0xAF, 0x61], [0xFF]] {
            let (a, b) = try Self.both(bytes, locale: "ja")
            #expect(a == b && !a.isEmpty, "\(bytes)")
        }
    }
}
