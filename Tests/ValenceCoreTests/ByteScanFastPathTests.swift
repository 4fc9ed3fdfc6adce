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

/// The sixteen-bytes-at-a-time count of `!` and `?` in `Session.score` (``vx_count_two_bytes``: lane
/// counts summed before they pass 255, a masked last block) agrees with a byte-by-byte count on
/// random texts of every length up to 70 bytes over an alphabet that includes the marks, bytes beside
/// them (0x20, 0x22, 0x3E, 0x40, 0xA1, 0xBF) and high bytes, and on long texts made only of marks,
/// whose lanes would overflow without the sums.
@Suite struct MarkCountTests {
    @Test func agreesWithAByteCount() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x21, 0x3F, 0x20, 0x22, 0x3E, 0x40, 0xA1, 0xBF, 0x61, 0x00, 0xFF, 0x7F]
        func check(_ bytes: [UInt8]) {
            let expected = (bytes.filter { $0 == 0x21 }.count, bytes.filter { $0 == 0x3F }.count)
            let counted = bytes.withUnsafeBufferPointer { SentimentAnalyzer.Session.countExclamationsAndQuestions($0) }
            #expect(counted == expected, "\(bytes.count) bytes")
        }
        for length in 0...70 {
            for _ in 0..<200 { check((0..<length).map { _ in alphabet.randomElement(using: &generator)! }) }
        }
        for length in [4079, 4080, 4081, 4095, 4096, 4097, 8171, 20_000] {
            check([UInt8](repeating: 0x21, count: length))
            check((0..<length).map { $0 % 3 == 0 ? 0x3F : 0x21 })
            check((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }
}

/// The tokenizer's `str.lower()` of non-ASCII words (``PythonText/appendLowercasedFromTable(_:to:)``),
/// which maps scalars below U+0800 from a table and copies General Punctuation, gives exactly what
/// `String.lowercased()` gives (the slow path it replaces) on words built from every such scalar, and
/// declines every word it cannot map.
@Suite struct LowercaseFastPathTests {
    static func fast(_ text: String) -> String? {
        var out: [UInt8] = []
        let done = Array(text.utf8).withUnsafeBufferPointer { PythonText.appendLowercasedFromTable($0, to: &out) }
        return done ? String(decoding: out, as: UTF8.self) : nil
    }

    @Test func everyTwoByteScalarAndGeneralPunctuationAloneAndInWords() {
        var differences: [String] = [], declined: [UInt32] = []
        let values = Array(UInt32(0)..<0x800) + Array(UInt32(0x2000)..<0x2080)
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let c = String(scalar)
            for word in [c, "A" + c, c + "É", "don" + c + "T", "\u{201C}" + c + "\u{201D}", c + c] {
                guard let lowered = Self.fast(word) else { continue }
                if lowered != word.lowercased() { differences.append(word) }
            }
            if Self.fast(c) == nil { declined.append(value) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20).map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
        // Only İ (two scalars once lowered), Ⱥ and Ȿ (three-byte ⱥ ⱦ once lowered) and the superscripts
        // U+2070–U+207F go to the slow path.
        #expect(declined == [0x130, 0x23A, 0x23E] + Array(0x2070..<0x2080).filter { Unicode.Scalar($0) != nil }, "\(declined.map { String($0, radix: 16) })")
    }

    @Test func declinesScalarsOutsideTheTable() {
        for word in ["Ω\u{2126}", "\u{212A}elvin", "中文", "ẞ", "😀", "café\u{1F600}", "x\u{2070}"] {
            #expect(Self.fast(word) == nil, "\(word)")
        }
        #expect(Self.fast("CAFÉ\u{2019}S") == "café\u{2019}s")
        #expect(Self.fast("ΑΒΓ") == "αβγ")
    }
}

/// The negation-infix search (``SentimentAnalyzer/Session/contains(_:_:)``), which scans for one byte of
/// the needle, agrees with a plain substring search on random words over a small alphabet.
@Suite struct InfixSearchTests {
    @Test func agreesWithAPlainSearch() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("nt'a\u{00E9}".utf8)
        for needle in [Array("n't".utf8), Array("nt".utf8), Array("'".utf8), Array("tn'".utf8), Array("\u{00E9}n".utf8)] {
            for length in 0...9 {
                for _ in 0..<300 {
                    let haystack = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                    let expected = haystack.count >= needle.count
                        && (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<$0 + needle.count]) == needle }
                    let found = haystack.withUnsafeBufferPointer { SentimentAnalyzer.Session.contains($0, needle) }
                    #expect(found == expected, "\(haystack) \(needle)")
                }
            }
        }
    }
}

/// The eight-bytes-at-a-time `str.isupper()` of ASCII words and the table's key comparison agree with
/// byte-by-byte answers on random words of every length up to 24 over the bytes around A–Z and a–z.
@Suite struct ASCIIWordScanTests {
    @Test func isASCIIUpperAgreesWithPython() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x40, 0x41, 0x4D, 0x5A, 0x5B, 0x60, 0x61, 0x6D, 0x7A, 0x7B, 0x7F, 0x27, 0x30, 0x00]
        for length in 0...24 {
            for _ in 0..<400 {
                let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                let expected = UpperCaseFastPathTests.reference(String(decoding: bytes, as: UTF8.self))
                let fast = bytes.withUnsafeBufferPointer { SentimentAnalyzer.Session.isASCIIUpper($0) }
                #expect(fast == expected, "\(bytes)")
            }
        }
    }

    @Test func memoryEqualFindsEveryDifference() {
        var generator = SystemRandomNumberGenerator()
        for length in 1...24 {
            for _ in 0..<100 {
                let a = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                var b = a
                let same = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { memoryEqual(x.baseAddress!, $0.baseAddress!, length) } }
                #expect(same)
                let position = Int.random(in: 0..<length, using: &generator)
                b[position] ^= UInt8.random(in: 1...255, using: &generator)
                let differs = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { !memoryEqual(x.baseAddress!, $0.baseAddress!, length) } }
                #expect(differs, "length \(length) position \(position)")
            }
        }
    }
}

/// The tokenizer's byte classes, read from bit masks, are Python's: `str.isspace()` of each ASCII
/// character and membership in `string.punctuation`, for all 256 byte values (none from 0x80 is
/// either: those bytes start or continue longer characters).
@Suite struct ASCIIByteClassTests {
    @Test func everyByteValue() {
        let punctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8)
        for value in 0 ... 255 {
            let byte = UInt8(value)
            // [b for b in range(128) if chr(b).isspace()] in CPython 3.11
            let space = [9, 10, 11, 12, 13, 28, 29, 30, 31, 32].contains(value)
            #expect(PythonText.isASCIISpace(byte) == space, "\(value)")
            #expect(PythonText.isASCIISpace(byte) == (byte < 0x80 && PythonText.isSpace(UInt32(byte))), "\(value)")
            #expect(PythonText.isASCIIPunctuation(byte) == punctuation.contains(byte), "\(value)")
        }
    }
}
