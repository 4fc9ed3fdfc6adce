import Foundation
import Testing
@testable import ValenceCore
import ValenceTestSupport

/// zh, ja, ko, ar and hi text is cut by the shim's own run of ICU's compiled word rules and
/// reimplementation of ICU's CJK dictionary engine (`Sources/CICUShim/cjk.cpp`), falling back to
/// ICU's iterator for what it does not reproduce. The two must give the same segments, byte offsets
/// and rule statuses on every text: every text of ../shared/train and ../shared/eval (all
/// languages, through each of these locales), edge cases of the engine (katakana runs, characters
/// needing normalisation, supplementary characters, other scripts' engines, Hangul, which no engine
/// cuts) and random mixtures.
@Suite struct CJKDictionaryBreakTests {
    static let locales = ["zh_Hans", "zh_Hant", "ja", "ko", "ar", "hi"]

    final class Pair {
        let fast: ICUWordBreaker, icu: ICUWordBreaker
        var a: [ICUWordBreaker.Segment] = [], b: [ICUWordBreaker.Segment] = []
        /// Texts the fast breaker cut without ICU's dictionary engine.
        var fastTexts = 0
        init(locale: String) throws {
            fast = try ICUWordBreaker(locale: locale)
            icu = try ICUWordBreaker(locale: locale, readsUTF8Text: false, usesICUDictionary: true)
        }
        /// Whether both ways cut `text` alike.
        func agree(_ text: String) throws -> Bool {
            try agree(bytes: Array(text.utf8))
        }
        /// Whether both ways cut `bytes` (well-formed UTF-8 or not) alike.
        func agree(bytes: [UInt8]) throws -> Bool {
            a.removeAll(keepingCapacity: true); b.removeAll(keepingCapacity: true)
            let before = fast.textsCutWithoutICUDictionary
            try bytes.withUnsafeBufferPointer { buffer in
                try fast.forEachSegment(in: buffer) { a.append($0) }
                try icu.forEachSegment(in: buffer) { b.append($0) }
            }
            // (A text with more segments than the breaker's buffer is cut twice: count texts.)
            if fast.textsCutWithoutICUDictionary > before { fastTexts += 1 }
            return a == b
        }
    }

    @Test func everySharedTextIsCutAsICUCutsIt() throws {
        let pairs = try Self.locales.map { try Pair(locale: $0) }
        var texts = 0, cjkTexts = 0, fastCJK = 0
        for (name, language, lines) in try Repository.sharedTexts() {
            let isCJK = [.zh, .zhTW, .ja, .ko, .ar, .hi].contains(language)
            let fastBefore = pairs.reduce(0) { $0 + $1.fastTexts }
            for text in lines {
                for pair in pairs {
                    if try !pair.agree(text) {
                        Issue.record("\(name), \(pair.fast): \(text.debugDescription)")
                        return
                    }
                }
                texts += 1
                if isCJK { cjkTexts += 1 }
            }
            if isCJK { fastCJK += pairs.reduce(0) { $0 + $1.fastTexts } - fastBefore }
        }
        #expect(texts > 100_000 && cjkTexts > 20_000)
        // The fast path is the common one, not a rarely taken branch (each text went through every locale).
        let cuts = Self.locales.count * cjkTexts
        #expect(Double(fastCJK) >= 0.95 * Double(cuts), "fast path on \(fastCJK) of \(cuts)")
    }

    @Test func edgesOfTheEngine() throws {
        let katakana = Array("アイウエオカキクケコサシスセソタチツテトナニヌネノ")
        var cases = (15...25).map { String(katakana.prefix($0)) }     // runs around the 20-character limit
        cases += (15...25).map { "日本" + String(katakana.prefix($0)) + "です" }
        cases += [
            "", "。", "日", "日本", "ーー", "ーカタカナ", "カタカナー", "コーヒーを飲む", "ｶﾀｶﾅ", "ﾃﾞｰﾀベース",  // halfwidth: NFKC
            "\u{F900}\u{F901}\u{F902}", "中文\u{F900}", "\u{2F00}\u{2F06}\u{2F08}",                          // compatibility ideographs and Kangxi radicals: NFKC
            "か\u{3099}き", "が\u{309A}",                       // combining voiced marks
            "𠀋𡈽𡌛", "日本語の𠮷野家です", "中𠀀文",                  // outside the BMP
            "漢字\u{0301}です", "漢\u{FE00}字", "葛\u{E0100}城市",  // extend characters, variation selectors
            "한국어와 中文", "中文한국어", "ภาษาไทย中文", "中文ພາສາລາວ", "日本ေမြန်မာ",  // other scripts' engines
            "々々", "時々", "〃", "ゝゞヽヾ", "〆切", "〇〇年", "ヶ月", "ゟ", "ヿ", "〱〲〳〴〵", "〻",
            "3个苹果", "第1位", "ABC株式会社", "iPhone手机", "ＡＢＣ１２３漢字", "１２３，４５６円",
            "😀中文😀", "中👍🏽文", "中文\u{200D}日本", "中\u{200B}文", "中\u{00AD}文", "中\u{2060}文",
            "中文\r\n日本語\n한국\u{2028}中", "他说：“你好！”", "「東京」と『大阪』", "【限定】ポケモン",
            String(repeating: "我们都很喜欢这本书", count: 200),
            String(repeating: "ア", count: 300), String(repeating: "の", count: 300),
        ]
        for locale in Self.locales {
            let pair = try Pair(locale: locale)
            for text in cases {
                #expect(try pair.agree(text), "\(locale): \(text.debugDescription) fast \(pair.a) icu \(pair.b)")
            }
        }
    }

    @Test func theFastPathIsTakenWhereItReproducesICUAndOnlyThere() throws {
        let cases: [(String, Bool)] = [
            ("日本語のテキストです", true), ("这本书写得非常精彩", true), ("コーヒーを飲む", true), ("hello world 123", true),
            ("ｶﾀｶﾅ", false),          // half-width katakana: NFKC
            ("中𠀀文", false),         // a supplementary ideograph
            ("😀中文👍🏽", true), ("오늘 😀 좋아요", true),   // emoji: characters above the BMP, but no dictionary ones
            ("한국어와 中文", true),    // Hangul syllables alone in their segment: no engine cuts them
            ("오늘 날씨가 정말 좋네요!", true), ("مرحبا بالعالم", true), ("यह बहुत अच्छा है", true),
            ("한국어와中文", true),     // touching, but the rules part Hangul from Han
            ("\u{F900}\u{F901}\u{F902}", false),  // compatibility ideographs: NFKC
            ("ーカタカナ", false),      // a dictionary run starting on a character without a script
            ("ภาษาไทย", false),       // Thai: another engine
        ]
        for locale in Self.locales {
            let pair = try Pair(locale: locale)
            for (text, fast) in cases {
                let before = pair.fastTexts
                #expect(try pair.agree(text), "\(locale): \(text)")
                #expect((pair.fastTexts > before) == fast, "\(locale): \(text) fast path \(pair.fastTexts > before)")
            }
        }
    }

    @Test func randomMixturesOfCJKCharacters() throws {
        // Han (common and rare), hiragana, katakana with the prolonged sound mark, some punctuation,
        // ASCII and Hangul, in runs, so that both the dynamic programme and the fallbacks are hit.
        let pools: [[Unicode.Scalar]] = [
            (0x4E00...0x4FFF).compactMap(Unicode.Scalar.init), (0x6000...0x62FF).compactMap(Unicode.Scalar.init),
            (0x9000...0x9FA5).compactMap(Unicode.Scalar.init), (0x3041...0x3096).compactMap(Unicode.Scalar.init),
            (0x30A1...0x30FC).compactMap(Unicode.Scalar.init),
            Array("的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切较宝食书好坏差评质量物流很快".unicodeScalars),
            Array("ーのはをにがでとも、。！？「」・ 0123456789abcXYZ한국어".unicodeScalars),
        ]
        try Self.agreeOnRandomTexts(rounds: 6_000) { _, text, generator in
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let pool = pools[Int.random(in: 0..<pools.count, using: &generator)]
                for _ in 0..<Int.random(in: 1...12, using: &generator) {
                    text.append(pool[Int.random(in: 0..<pool.count, using: &generator)])
                }
            }
        }
    }

    /// Cuts `rounds` random texts, made by `fill`, both ways through each locale in turn; records the
    /// first text they cut differently (its scalars in hex) and stops there.
    static func agreeOnRandomTexts(
        rounds: Int, _ fill: (_ round: Int, _ text: inout String.UnicodeScalarView, _ generator: inout SystemRandomNumberGenerator) -> Void
    ) throws {
        var generator = SystemRandomNumberGenerator()
        let pairs = try locales.map { try Pair(locale: $0) }
        for round in 0..<rounds {
            var text = String.UnicodeScalarView()
            fill(round, &text, &generator)
            let string = String(text)
            let pair = pairs[round % pairs.count]
            if try !pair.agree(string) {
                Issue.record("\(pair.fast): \(string.unicodeScalars.map { String($0.value, radix: 16) }) fast \(pair.a) icu \(pair.b)")
                return
            }
        }
    }

    /// The shim runs ICU's compiled word rules with a state machine of its own (and converts the
    /// UTF-8 itself), so the rules' side is checked on text of every kind, not only CJK runs: random
    /// scalars from the whole code space and from a pool of characters the rules treat specially
    /// (formats, extenders, combining marks, emoji and their modifiers, regional indicators, line
    /// separators, mid-word punctuation, numbers, other scripts' dictionary characters).
    @Test func randomTextOfEveryKind() throws {
        let pieces: [String] = [
            " \t\r\n\u{0B}\u{0C}\u{85}\u{A0}\u{AD}\u{2028}\u{2029}\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{E0001}\u{E0020}\u{180E}",
            "'.,:;\"!?-_@#$%&*/\\·․‧’‘“”«»‹›_‐‑‒–—…、。，．！？：；「」『』（）【】〔〕〈〉《》〜～",
            "0123456789٠١٢٣٤٥٦٧٨٩०१२३०１２３aZéßΩжשעاب्कि\u{301}\u{308}\u{3099}\u{309A}\u{FE00}\u{FE0F}\u{E0100}",
            "😀👍🏽🇯🇵🇩🇪❤️‍🔥🧑‍🤝‍🧑©®™#️⃣",
            "々〆〇〻ゝゞヽヾーｰﾞﾟｱｶﾀｶﾅ・ヶヵ㈱㍿ⅢⅣ①②",
            "日本語中文漢字書好坏的是了我你他のはがをにでとカタカナコーヒー한국어가나ภาษาไทยພາສາລາວမြန်မာខ្មែរ",
            "𠀋𡈽𠮷𩸽\u{F900}\u{2F00}\u{10FFFF}",
        ]
        var special = pieces.flatMap { Array($0.unicodeScalars) }
        special += [0xFFFE, 0xFFFF, 0xFDD0].compactMap(Unicode.Scalar.init)   // noncharacters
        try Self.agreeOnRandomTexts(rounds: 20_000) { round, text, generator in
            for _ in 0..<Int.random(in: 0...(round % 10 == 0 ? 120 : 16), using: &generator) {
                if Bool.random(using: &generator) {
                    text.append(special[Int.random(in: 0..<special.count, using: &generator)])
                } else if let scalar = Unicode.Scalar(UInt32.random(in: 0...(Bool.random(using: &generator) ? 0xFFFF : 0x10FFFF), using: &generator)) {
                    text.append(scalar)
                }
            }
        }
    }

    /// Text that is not well-formed UTF-8 is left to ICU (through a UTF-8 UText) whichever way is
    /// asked for: cut alike, and never by the fast path.
    @Test func illFormedUTF8IsLeftToICU() throws {
        let cases: [[UInt8]] = [
            [0xE6, 0x97, 0xA5, 0xE6, 0x9C],                        // 日 then a cut-off sequence
            [0xE6, 0x97, 0xA5, 0x80, 0xE6, 0x9C, 0xAC],           // a stray continuation byte
            [0xC0, 0xAF, 0xE6, 0x97, 0xA5],                        // an overlong "/"
            [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF],          // overlong three and four bytes
            [0xED, 0xA0, 0x80, 0xE6, 0x97, 0xA5],                  // an encoded surrogate
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],    // above U+10FFFF
            [0xFF, 0xFE] + Array("中文".utf8), Array("日本語".utf8) + [0xE3, 0x81],
        ]
        for locale in Self.locales {
            let pair = try Pair(locale: locale)
            for bytes in cases {
                let before = pair.fastTexts
                #expect(try pair.agree(bytes: bytes), "\(locale): \(bytes) fast \(pair.a) icu \(pair.b)")
                #expect(pair.fastTexts == before, "\(locale): \(bytes) took the fast path")
            }
        }
    }
}
