import Foundation
import Testing
@testable import ValenceCore

/// The tokenizer's `str.isupper()` (``SentimentAnalyzer/Session/isUpper(_:)``), which reads the casing
/// of scalars below U+0800 from a table, answers as Python's rule asked of Unicode's properties
/// (``PythonText/isUpper(_:)``) on words built from every such scalar and its neighbours.
@Suite struct UpperCaseFastPathTests {
    static func fast(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { SentimentAnalyzer.Session.isUpper($0) }
    }

    static func reference(_ text: String) -> Bool { PythonText.isUpper(Substring(text)) }

    @Test func everyScalarBelowU0800AloneAndInWords() {
        var differences: [String] = []
        for value in UInt32(0)..<0x900 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(scalar)
            // Alone, after an uppercase and a lowercase letter, beside an uncased CJK ideograph and
            // a three-byte cased letter (U+1E9E ẞ, U+2C65 ⱥ).
            for word in [c, "A" + c, "a" + c, c + "É", c + "é", "中" + c, c + "\u{1E9E}", "\u{2C65}" + c, "ÀÉ" + c + "Ω"] {
                if Self.fast(word) != Self.reference(word) { differences.append(word) }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20).map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
    }

    @Test func casedWordsOfSeveralScripts() {
        for (word, upper) in [("ÉTÉ", true), ("Été", false), ("ΑΒΓ", true), ("Αβγ", false), ("ПРИВЕТ", true), ("привет", false),
                              ("ǅ", false), ("Ǆ", true), ("שלום", false), ("123", false), ("ÀB1", true), ("ǈA", false)] {
            #expect(Self.fast(word) == upper, "\(word)")
            #expect(Self.reference(word) == upper, "\(word)")
        }
    }
}

/// The eight-bytes-at-a-time count of `!` and `?` in `Session.score` agrees with a byte-by-byte count on
/// random texts of every length up to 40 bytes over an alphabet that includes the marks, bytes beside
/// them (0x20, 0x22, 0x3E, 0x40, 0xA1, 0xBF) and high bytes.
@Suite struct MarkCountTests {
    @Test func agreesWithAByteCount() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x21, 0x3F, 0x20, 0x22, 0x3E, 0x40, 0xA1, 0xBF, 0x61, 0x00, 0xFF, 0x7F]
        for length in 0...40 {
            for _ in 0..<200 {
                let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                let expected = (bytes.filter { $0 == 0x21 }.count, bytes.filter { $0 == 0x3F }.count)
                let counted = bytes.withUnsafeBufferPointer { SentimentAnalyzer.Session.countExclamationsAndQuestions($0) }
                #expect(counted == expected, "\(bytes)")
            }
        }
    }
}
