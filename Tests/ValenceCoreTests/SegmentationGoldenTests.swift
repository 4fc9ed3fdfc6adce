import Testing
@testable import ValenceCore

/// Golden token lists for ``Segmenter`` in all twelve languages, recorded from ICU 72.1 word break
/// (the system ICU Valence links). Each list was read by hand; where ICU does something a linguist
/// would not, the golden keeps ICU's output and a comment says so ("ICU:").
@Suite struct SegmentationGoldenTests {
    /// A sentence and the exact tokens `Segmenter.tokenStrings` returns for it.
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let tokens: [String]
        init(_ text: String, _ tokens: [String]) {
            self.text = text
            self.tokens = tokens
        }
        var testDescription: String { text }
    }

    /// A text with its tokens and their kinds.
    struct KindCase: Sendable, CustomTestStringConvertible {
        let language: LanguageCode
        let text: String
        let tokens: [String]
        let kinds: [Token.Kind]
        /// Non-ASCII scalars spelled as escapes, so variation selectors and ZWJs show.
        var testDescription: String {
            let escaped = text.unicodeScalars.map { $0.isASCII ? String($0) : "\\u{\(String($0.value, radix: 16, uppercase: true))}" }
            return "\(language.rawValue): \(escaped.joined())"
        }
    }

    static func tokens(_ text: String, _ language: LanguageCode) throws -> [String] {
        try Segmenter(language: language).tokenStrings(text)
    }

    static func kindedTokens(_ text: String, _ language: LanguageCode) throws -> (tokens: [String], kinds: [Token.Kind]) {
        let segmenter = try Segmenter(language: language)
        var copy = text
        return try copy.withUTF8 { utf8 in
            var tokens: [String] = []
            var kinds: [Token.Kind] = []
            try segmenter.forEachToken(in: utf8) { token in
                tokens.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[token.range]), as: UTF8.self))
                kinds.append(token.kind)
            }
            return (tokens, kinds)
        }
    }

    // MARK: - Golden sentences, one test per language

    @Test(arguments: Self.englishCases) func english(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .en) == golden.tokens)
    }

    @Test(arguments: Self.spanishCases) func spanish(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .es) == golden.tokens)
    }

    @Test(arguments: Self.frenchCases) func french(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .fr) == golden.tokens)
    }

    @Test(arguments: Self.germanCases) func german(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .de) == golden.tokens)
    }

    @Test(arguments: Self.italianCases) func italian(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .it) == golden.tokens)
    }

    @Test(arguments: Self.portugueseCases) func portuguese(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .pt) == golden.tokens)
    }

    @Test(arguments: Self.arabicCases) func arabic(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .ar) == golden.tokens)
    }

    @Test(arguments: Self.hindiCases) func hindi(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .hi) == golden.tokens)
    }

    @Test(arguments: Self.japaneseCases) func japanese(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .ja) == golden.tokens)
    }

    @Test(arguments: Self.koreanCases) func korean(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .ko) == golden.tokens)
    }

    @Test(arguments: Self.chineseSimplifiedCases) func chineseSimplified(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .zh) == golden.tokens)
    }

    @Test(arguments: Self.chineseTraditionalCases) func chineseTraditional(_ golden: Case) throws {
        #expect(try Self.tokens(golden.text, .zhTW) == golden.tokens)
    }

    // MARK: - Token kinds

    static let kindCases: [KindCase] = [
        KindCase(language: .en, text: "Great 😀 3.5 ‼",
                 tokens: ["Great", "😀", "3.5", "‼"], kinds: [.word, .emoji, .number, .emoji]),
        // ICU 72 gives every token of a kana/kanji run UBRK_WORD_IDEO (400), katakana and hiragana
        // included (word.txt rule 13 moved kana from 300 to 400), so `.kana` never occurs.
        KindCase(language: .ja, text: "東京のレストランでラーメン、ｶﾀｶﾅ、２０２４年、iPhone",
                 tokens: ["東京", "の", "レストラン", "で", "ラーメン", "ｶﾀｶﾅ", "２０２４", "年", "iPhone"],
                 kinds: [.ideograph, .ideograph, .ideograph, .ideograph, .ideograph, .ideograph, .number, .ideograph, .word]),
        KindCase(language: .ja, text: "カタカナ", tokens: ["カタカナ"], kinds: [.ideograph]),
        // ICU: a hiragana-only run falls apart into single characters.
        KindCase(language: .ja, text: "ひらがな",
                 tokens: ["ひ", "ら", "が", "な"], kinds: [.ideograph, .ideograph, .ideograph, .ideograph]),
        KindCase(language: .zh, text: "我买了iPhone👍",
                 tokens: ["我", "买", "了", "iPhone", "👍"], kinds: [.ideograph, .ideograph, .ideograph, .word, .emoji]),
        KindCase(language: .ko, text: "2024년", tokens: ["2024", "년"], kinds: [.number, .word]),
        KindCase(language: .ar, text: "٣٥٠ ريالاً", tokens: ["٣٥٠", "ريالاً"], kinds: [.number, .word]),
        KindCase(language: .hi, text: "१५ अगस्त", tokens: ["१५", "अगस्त"], kinds: [.number, .word]),
        KindCase(language: .fr, text: "20h30", tokens: ["20h30"], kinds: [.number]),
        // Punctuation and symbols of every script are dropped ('@' is the exception, see English).
        KindCase(language: .en, text: "... !!! ¿¡ «» 、。！？ ، ؟ ؛ । — # $ € ₹ % & * / \\ ~ _ - + = < > | ^ ` ° § • · ‰",
                 tokens: [], kinds: []),
    ]

    @Test(arguments: Self.kindCases) func kinds(_ golden: KindCase) throws {
        let (tokens, kinds) = try Self.kindedTokens(golden.text, golden.language)
        #expect(tokens == golden.tokens)
        #expect(kinds == golden.kinds)
    }

    /// How multi-scalar emoji come out, written with escapes so every scalar is visible.
    static let emojiCases: [KindCase] = [
        KindCase(language: .en, text: "\u{2764}\u{FE0F}", tokens: ["\u{2764}\u{FE0F}"], kinds: [.emoji]),
        KindCase(language: .en, text: "\u{2764}", tokens: ["\u{2764}"], kinds: [.emoji]),
        KindCase(language: .en, text: "wow\u{1F44D}\u{1F3FD}!", tokens: ["wow", "\u{1F44D}\u{1F3FD}"], kinds: [.word, .emoji]),
        KindCase(language: .en, text: "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
                 tokens: ["\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"], kinds: [.emoji]),
        // Regional indicators pair up: two flags, two tokens.
        KindCase(language: .en, text: "\u{1F1EF}\u{1F1F5}\u{1F1EB}\u{1F1F7}",
                 tokens: ["\u{1F1EF}\u{1F1F5}", "\u{1F1EB}\u{1F1F7}"], kinds: [.emoji, .emoji]),
        KindCase(language: .en, text: "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
                 tokens: ["\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"], kinds: [.emoji]),
        // Adjacent emoji are separate tokens.
        KindCase(language: .en, text: "\u{1F600}\u{1F600}", tokens: ["\u{1F600}", "\u{1F600}"], kinds: [.emoji, .emoji]),
        // Keycaps: ICU makes "1️⃣" a number segment and "#️⃣" a non-word segment none of whose scalars
        // has the Emoji property at or above U+00A9; Segmenter recognises the final U+20E3.
        KindCase(language: .en, text: "1\u{FE0F}\u{20E3}", tokens: ["1\u{FE0F}\u{20E3}"], kinds: [.emoji]),
        KindCase(language: .en, text: "#\u{FE0F}\u{20E3} *\u{20E3}", tokens: ["#\u{FE0F}\u{20E3}", "*\u{20E3}"], kinds: [.emoji, .emoji]),
        // ICU: digits join across Extend characters, so two digit keycaps are one segment.
        KindCase(language: .en, text: "1\u{FE0F}\u{20E3}2\u{FE0F}\u{20E3}",
                 tokens: ["1\u{FE0F}\u{20E3}2\u{FE0F}\u{20E3}"], kinds: [.emoji]),
        // A bare '#' or digit is not an emoji.
        KindCase(language: .en, text: "# 7", tokens: ["7"], kinds: [.number]),
    ]

    @Test(arguments: Self.emojiCases) func emoji(_ golden: KindCase) throws {
        let (tokens, kinds) = try Self.kindedTokens(golden.text, golden.language)
        #expect(tokens == golden.tokens)
        #expect(kinds == golden.kinds)
    }

    // MARK: - Offsets and buffers

    static let everyCase: [(LanguageCode, Case)] =
        englishCases.map { (.en, $0) } + spanishCases.map { (.es, $0) } + frenchCases.map { (.fr, $0) }
        + germanCases.map { (.de, $0) } + italianCases.map { (.it, $0) } + portugueseCases.map { (.pt, $0) }
        + arabicCases.map { (.ar, $0) } + hindiCases.map { (.hi, $0) } + japaneseCases.map { (.ja, $0) }
        + koreanCases.map { (.ko, $0) } + chineseSimplifiedCases.map { (.zh, $0) }
        + chineseTraditionalCases.map { (.zhTW, $0) }

    /// ICU segments are UTF-8 byte ranges that tile the text, each boundary on a scalar boundary.
    @Test func segmentsTileEveryGoldenText() throws {
        for (language, golden) in Self.everyCase {
            let segments = try ICUWordBreaker(locale: language.icuLocale).segments(of: golden.text)
            let bytes = Array(golden.text.utf8)
            #expect(segments.first?.range.lowerBound == 0, "\(golden.text)")
            #expect(segments.last?.range.upperBound == bytes.count, "\(golden.text)")
            for (previous, next) in zip(segments, segments.dropFirst()) {
                #expect(previous.range.upperBound == next.range.lowerBound, "\(golden.text)")
            }
            for segment in segments where segment.range.lowerBound < bytes.count {
                #expect(bytes[segment.range.lowerBound] & 0xC0 != 0x80, "\(golden.text) at \(segment.range)")
            }
        }
    }

    @Test func emptyAndBlankTextHaveNoTokens() throws {
        for language in LanguageCode.allCases {
            #expect(try Self.tokens("", language) == [])
            #expect(try Self.tokens(" \t\n\u{3000}\u{A0}", language) == [])
        }
    }

    /// More than 256 segments: the breaker grows its buffer and segments again.
    @Test func longTextPastTheInitialBuffer() throws {
        let english = String(repeating: "Good food, bad service! 👍 ", count: 100)
        #expect(try ICUWordBreaker(locale: "en").segments(of: english).count == 1200)
        let englishTokens = Array([[String]](repeating: ["Good", "food", "bad", "service", "👍"], count: 100).joined())
        #expect(try Self.tokens(english, .en) == englishTokens)

        let japanese = String(repeating: "東京に行きました。", count: 200)
        let japaneseTokens = Array([[String]](repeating: ["東京", "に", "行き", "ま", "した"], count: 200).joined())
        #expect(try Self.tokens(japanese, .ja) == japaneseTokens)
    }

    /// One segmenter reused for many texts of different lengths gives the same tokens as a fresh one.
    @Test func segmenterIsReusable() throws {
        let segmenter = try Segmenter(language: .ja)
        for golden in Self.japaneseCases + Self.japaneseCases.reversed() {
            #expect(try segmenter.tokenStrings(golden.text) == golden.tokens)
        }
    }

    /// The goldens above are ICU 72's output; another ICU (other dictionaries, other rules) changes them.
    @Test func goldensAreForICU72() {
        #expect(ICUWordBreaker.icuVersion.hasPrefix("72."))
    }

    // MARK: - NFKC case folding

    @Test(arguments: [
        ("Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ１２３", "full-width abc123"),
        ("ﬁne ﬂour ﬀ", "fine flour ff"),
        ("ẞtraße STRASSE", "sstrasse strasse"),
        // nfkc_cf is not Turkish-aware: İ folds to i + U+0307 COMBINING DOT ABOVE, and dotless ı stays.
        ("İstanbul ISTANBUL ıi", "i\u{307}stanbul istanbul ıi"),
        // Arabic presentation forms: lam-alef ligature, initial/medial/final forms, ligature of Allah.
        ("\u{FEFB} \u{FE91}\u{FE8E}\u{FE8F} \u{FDF2}", "لا باب الله"),
        ("\u{FDFA}", "صلى الله عليه وسلم"),
        ("ｶﾀｶﾅ ｶﾞｷﾞ ﾊﾟﾝ", "カタカナ ガギ パン"),
        ("ΣΟΦΟΣ ① ㍻ Ⅻ ㎏", "σοφοσ 1 平成 xii kg"),
        // The French narrow no-break space a token can carry (see French) folds to a plain space.
        ("super\u{202F}", "super "),
        ("", ""),
    ])
    func nfkcCaseFolded(input: String, expected: String) {
        #expect(TextNormalizer.nfkcCaseFolded(input) == expected)
    }

    /// Outputs longer than the first guess (3 bytes per input byte) and inputs past the shim's
    /// 512-unit stack buffer.
    @Test func nfkcCaseFoldedGrowsItsBuffers() {
        #expect(TextNormalizer.nfkcCaseFolded(String(repeating: "\u{FDFA}", count: 40))
            == String(repeating: "صلى الله عليه وسلم", count: 40))
        #expect(TextNormalizer.nfkcCaseFolded(String(repeating: "Ａ", count: 600)) == String(repeating: "a", count: 600))
    }

    // MARK: - Tables

    static let englishCases: [Case] = [
        Case("I don't love it... but it's \"fine\", honestly!",
             ["I", "don't", "love", "it", "but", "it's", "fine", "honestly"]),
        // '#' is punctuation, so hashtags lose it; ICU 72's word rules add '@' to ALetter (for
        // e-mail addresses), so mentions keep it.
        Case("Wow!!! Best pizza ever 😀👍 #blessed @marco_rossi",
             ["Wow", "Best", "pizza", "ever", "😀", "👍", "blessed", "@marco_rossi"]),
        // ICU: no rule joins digit + apostrophe + letter, so "2023's" becomes "2023" and "s".
        // Dates split at '-'; currency and '%' signs are dropped; "1,250" stays one number.
        Case("It costs $19.99, about 3.5% more than 2023's price (1,250 units on 2024-03-15).",
             ["It", "costs", "19.99", "about", "3.5", "more", "than", "2023", "s", "price", "1,250", "units", "on", "2024", "03", "15"]),
        // Curly apostrophes join like straight ones; "U.S." loses its final period (UAX #29).
        Case("Can’t wait for the U.S. release — it’s gonna be huge ❤️🎉",
             ["Can’t", "wait", "for", "the", "U.S", "release", "it’s", "gonna", "be", "huge", "❤️", "🎉"]),
        // URLs break at ':' '/' '?' '='; a dot between letters joins ("example.com"), and '@' joins
        // a whole e-mail address into one token.
        Case("Read the review at https://example.com/reviews?id=42 or mail me at jo.smith@example.org",
             ["Read", "the", "review", "at", "https", "example.com", "reviews", "id", "42", "or", "mail", "me", "at", "jo.smith@example.org"]),
        Case("The e-mail was co-written by a well-known rock'n'roll fan.",
             ["The", "e", "mail", "was", "co", "written", "by", "a", "well", "known", "rock'n'roll", "fan"]),
        // Multi-scalar emoji stay whole: skin tone (U+1F3FD), ZWJ family, flag (two regional
        // indicators), the rainbow flag (U+FE0F, ZWJ). Keycaps need the Segmenter fix: ICU makes
        // 1️⃣ a number segment and #️⃣ a non-word segment with no scalar that has the Emoji property.
        Case("Thumbs 👍🏽 family 👨‍👩‍👧 flag 🇯🇵 pride 🏳️‍🌈 keycaps 1️⃣ #️⃣",
             ["Thumbs", "👍🏽", "family", "👨‍👩‍👧", "flag", "🇯🇵", "pride", "🏳️‍🌈", "keycaps", "1️⃣", "#️⃣"]),
        // Segmenter, not ICU: ‼ © ™ ☺ ♥ have the Unicode Emoji property (text presentation),
        // so they come out as emoji tokens; "©2024" splits into "©" and "2024".
        Case("Great‼ ©2024 Valence™ ☺ ♥",
             ["Great", "‼", "©", "2024", "Valence", "™", "☺", "♥"]),
        // ICU 72: a lone '@' is a word token (status 200), like a letter.
        Case("Im   so tired…   @ anyone?",
             ["Im", "so", "tired", "@", "anyone"]),
    ]

    static let spanishCases: [Case] = [
        // ¿ ¡ are dropped like ? !
        Case("¿Qué tal la película? ¡Me encantó!",
             ["Qué", "tal", "la", "película", "Me", "encantó"]),
        // Decimal comma stays inside the number; € and … are dropped.
        Case("El café costó 3,50 € y el té 2,75 €… ¡carísimo!",
             ["El", "café", "costó", "3,50", "y", "el", "té", "2,75", "carísimo"]),
        Case("«No vuelvo más», dijo mi abuela el 12/05/2023 😡",
             ["No", "vuelvo", "más", "dijo", "mi", "abuela", "el", "12", "05", "2023", "😡"]),
        Case("Según el 87% de los clientes, el servicio es excelente 👍",
             ["Según", "el", "87", "de", "los", "clientes", "el", "servicio", "es", "excelente", "👍"]),
        Case("¡¡Increíble!! Los niños y las niñas lo pasaron genial en el cumpleaños 🎉🎂",
             ["Increíble", "Los", "niños", "y", "las", "niñas", "lo", "pasaron", "genial", "en", "el", "cumpleaños", "🎉", "🎂"]),
        // Enclitic pronouns are written solid in Spanish, so "Dámelo" is one token (correct).
        Case("Dámelo ya, que no me lo creo... #feliz @ana_garcía",
             ["Dámelo", "ya", "que", "no", "me", "lo", "creo", "feliz", "@ana_garcía"]),
    ]

    static let frenchCases: [Case] = [
        // ICU: elided articles and pronouns stay attached ("L'homme", "qu'on"): the apostrophe is
        // MidNumLet in UAX #29 and ICU has no French tailoring. A linguist would split l' | homme.
        Case("L'homme n'aime pas qu'on l'oublie.",
             ["L'homme", "n'aime", "pas", "qu'on", "l'oublie"]),
        // Hyphenated inversion "a-t-il" splits at the hyphens; « » dropped (ASCII spaces here).
        Case("« C’est génial ! » a-t-il crié.",
             ["C’est", "génial", "a", "t", "il", "crié"]),
        // ICU: with French typography's NARROW NO-BREAK SPACE (U+202F), which is ExtendNumLet since
        // Unicode 11, the space sticks to the neighbouring word: "super\u{202F}", "\u{202F}Génial\u{202F}".
        // It does group "1\u{202F}250,50" as one number. NO-BREAK SPACE (U+00A0) does not join.
        Case("C’est super\u{202F}! Vraiment\u{202F}? «\u{202F}Génial\u{202F}» 1\u{202F}250,50\u{A0}€",
             ["C’est", "super\u{202F}", "Vraiment\u{202F}", "\u{202F}Génial\u{202F}", "1\u{202F}250,50"]),
        // With an ordinary space as thousands separator, "1 250,50" is two numbers.
        Case("Le prix : 1 250,50 € soit 12,5 % de plus qu’hier…",
             ["Le", "prix", "1", "250,50", "soit", "12,5", "de", "plus", "qu’hier"]),
        Case("Aujourd'hui, j'ai mangé une crème brûlée délicieuse 😋❤️",
             ["Aujourd'hui", "j'ai", "mangé", "une", "crème", "brûlée", "délicieuse", "😋", "❤️"]),
        // ICU: "20h30" is one .number token (digits, letter, digits join under WB9-WB10).
        Case("Rendez-vous le 14/07/2024 à 20h30, c'est sûr !",
             ["Rendez", "vous", "le", "14", "07", "2024", "à", "20h30", "c'est", "sûr"]),
    ]

    static let germanCases: [Case] = [
        // German low-high quotes „ “ are dropped.
        Case("„Das ist ja toll!“, sagte sie.",
             ["Das", "ist", "ja", "toll", "sagte", "sie"]),
        // German decimal comma and thousands dot: "1.299,99" is one number.
        Case("Der Preis stieg um 3,5 % auf 1.299,99 Euro – unglaublich!",
             ["Der", "Preis", "stieg", "um", "3,5", "auf", "1.299,99", "Euro", "unglaublich"]),
        // The clitic in "geht's" stays attached (apostrophe joins letters).
        Case("Wie geht's? Mir geht's gut 😊",
             ["Wie", "geht's", "Mir", "geht's", "gut", "😊"]),
        // Abbreviation "z.B." keeps its inner dot but loses the last; ordinal "3." becomes "3".
        Case("Die Straßenbahn fährt z.B. am 3. Oktober nicht.",
             ["Die", "Straßenbahn", "fährt", "z.B", "am", "3", "Oktober", "nicht"]),
        Case("Das Kundenservice-Team war sehr freundlich 👍🏻 #zufrieden",
             ["Das", "Kundenservice", "Team", "war", "sehr", "freundlich", "👍🏻", "zufrieden"]),
        // Compounds stay whole; hyphenated compounds split at the hyphen.
        Case("GROSS und groß, Fußball-Weltmeisterschaft 2014!",
             ["GROSS", "und", "groß", "Fußball", "Weltmeisterschaft", "2014"]),
    ]

    static let italianCases: [Case] = [
        // ICU: elisions stay attached ("Dell'anno", "un'ottima"), as in French.
        Case("Dell'anno scorso ricordo solo un'ottima cena.",
             ["Dell'anno", "scorso", "ricordo", "solo", "un'ottima", "cena"]),
        Case("Perché no? È stato bellissimo!!!",
             ["Perché", "no", "È", "stato", "bellissimo"]),
        Case("L'albergo costava 89,90 € a notte, più il 10% di tasse.",
             ["L'albergo", "costava", "89,90", "a", "notte", "più", "il", "10", "di", "tasse"]),
        Case("«Che bello!» ha detto la nonna 😍",
             ["Che", "bello", "ha", "detto", "la", "nonna", "😍"]),
        Case("Il 25 dicembre 2023 c'era il sole ☀️ e tutti erano felici.",
             ["Il", "25", "dicembre", "2023", "c'era", "il", "sole", "☀️", "e", "tutti", "erano", "felici"]),
        // The truncation apostrophe of "po’" is dropped; "c’era" stays one token.
        Case("Sull'autobus c’era un po’ di confusione… pazienza #roma",
             ["Sull'autobus", "c’era", "un", "po", "di", "confusione", "pazienza", "roma"]),
    ]

    static let portugueseCases: [Case] = [
        Case("Não gostei nada do atendimento!",
             ["Não", "gostei", "nada", "do", "atendimento"]),
        // Hyphenated compounds and enclisis ("dá-lhe") split at the hyphen.
        Case("O pôr-do-sol estava lindo, dá-lhe Brasil! 🇧🇷",
             ["O", "pôr", "do", "sol", "estava", "lindo", "dá", "lhe", "Brasil", "🇧🇷"]),
        // ICU: the currency sign "R$" leaves a one-letter word "R"; "d'água" stays attached.
        Case("Paguei R$ 49,90 por um copo d'água?!",
             ["Paguei", "R", "49,90", "por", "um", "copo", "d'água"]),
        Case("«Foi ótimo», disse a Joana em 03/08/2022.",
             ["Foi", "ótimo", "disse", "a", "Joana", "em", "03", "08", "2022"]),
        Case("Adorei!!! 100% recomendado 😍👏 @loja_oficial",
             ["Adorei", "100", "recomendado", "😍", "👏", "@loja_oficial"]),
        Case("Você viu o vídeo? É incrível... né?",
             ["Você", "viu", "o", "vídeo", "É", "incrível", "né"]),
    ]

    static let arabicCases: [Case] = [
        // Arabic comma ، is dropped; tanwin on "جداً" stays inside the word.
        // ICU: proclitics stay attached ("والطعام" = wa + al + ta'am); ICU does no clitic splitting.
        Case("الخدمة ممتازة جداً، والطعام لذيذ!",
             ["الخدمة", "ممتازة", "جداً", "والطعام", "لذيذ"]),
        // Arabic question mark ؟ dropped; "أعجبك" keeps its object suffix.
        Case("هل أعجبك الفيلم؟ لا، كان مملاً.",
             ["هل", "أعجبك", "الفيلم", "لا", "كان", "مملاً"]),
        // Arabic-Indic digits are numbers; U+066B ARABIC DECIMAL SEPARATOR stays inside "٩٣٫٥".
        Case("دفعت ٣٥٠ ريالاً، أي ما يعادل ٩٣٫٥ دولاراً.",
             ["دفعت", "٣٥٠", "ريالاً", "أي", "ما", "يعادل", "٩٣٫٥", "دولاراً"]),
        Case("اشتريت iPhone جديد وأنا سعيد جداً 😍",
             ["اشتريت", "iPhone", "جديد", "وأنا", "سعيد", "جداً", "😍"]),
        // ICU: "بالأمس" (bi + al + ams) stays one token.
        Case("«رائع» قالت أختي بالأمس ❤️",
             ["رائع", "قالت", "أختي", "بالأمس", "❤️"]),
        // ICU: tatweel (U+0640) elongation stays inside the token "جميـــل"; clitics attached
        // ("وبالتوفيق", "للجميع").
        Case("جميـــل جداً، وبالتوفيق للجميع في 2024",
             ["جميـــل", "جداً", "وبالتوفيق", "للجميع", "في", "2024"]),
        // Harakat (combining marks) stay inside their words.
        Case("مَرْحَبًا بِكُمْ في المطعم",
             ["مَرْحَبًا", "بِكُمْ", "في", "المطعم"]),
        // Arabic semicolon ؛ dropped; '#' dropped, '@' kept, as in English.
        Case("هل هذا #رائع؟ نعم؛ شكراً @أحمد 👍🏽",
             ["هل", "هذا", "رائع", "نعم", "شكراً", "@أحمد", "👍🏽"]),
        Case("حصلت على خصم 25% من موقع amazon.com",
             ["حصلت", "على", "خصم", "25", "من", "موقع", "amazon.com"]),
    ]

    static let hindiCases: [Case] = [
        // Nukta (फ़) and matras stay inside words.
        Case("यह फ़िल्म बहुत अच्छी थी!",
             ["यह", "फ़िल्म", "बहुत", "अच्छी", "थी"]),
        // Danda । is dropped.
        Case("खाना ठीक था, लेकिन सेवा बहुत धीमी थी।",
             ["खाना", "ठीक", "था", "लेकिन", "सेवा", "बहुत", "धीमी", "थी"]),
        // ₹ and % are dropped; anusvara/nukta words ("मैंने", "ख़रीदी") stay whole.
        Case("मैंने ₹499 में यह किताब ख़रीदी, 20% छूट के साथ।",
             ["मैंने", "499", "में", "यह", "किताब", "ख़रीदी", "20", "छूट", "के", "साथ"]),
        Case("मुझे यह movie बहुत पसंद आई 😍",
             ["मुझे", "यह", "movie", "बहुत", "पसंद", "आई", "😍"]),
        // Romanised Hindi is plain Latin words.
        Case("yaar ye product bahut accha hai, paisa vasool!",
             ["yaar", "ye", "product", "bahut", "accha", "hai", "paisa", "vasool"]),
        // Devanagari digits "१५" are a number; chandrabindu in "आएँगे" stays inside.
        Case("क्या आप कल आएँगे? १५ अगस्त को छुट्टी है।",
             ["क्या", "आप", "कल", "आएँगे", "१५", "अगस्त", "को", "छुट्टी", "है"]),
        Case("Mr. शर्मा का होटल 4.5/5 है — बहुत बढ़िया!!! 👍👍",
             ["Mr", "शर्मा", "का", "होटल", "4.5", "5", "है", "बहुत", "बढ़िया", "👍", "👍"]),
        Case("#मस्त दिन था, @राहुल के साथ 🎉",
             ["मस्त", "दिन", "था", "@राहुल", "के", "साथ", "🎉"]),
    ]

    static let japaneseCases: [Case] = [
        // ICU: the dictionary splits inflected verbs and adjectives oddly: "ま|した" (MeCab: まし|た)
        // and "楽|しか|っ|た" for 楽しかった.
        Case("東京に行きました。とても楽しかった！",
             ["東京", "に", "行き", "ま", "した", "とても", "楽", "しか", "っ", "た"]),
        Case("このレストランのラーメンは本当に美味しいです😋",
             ["この", "レストラン", "の", "ラーメン", "は", "本当に", "美味しい", "です", "😋"]),
        // ICU: "言|っ|た" (言った); 「」！… dropped.
        Case("「最高！」と彼は言った…",
             ["最高", "と", "彼", "は", "言", "っ", "た"]),
        // Numbers split from counters ("3,500" | "円"); full-width 、。 and '%' dropped.
        Case("価格は3,500円で、昨年より12.5%高いです。",
             ["価格", "は", "3,500", "円", "で", "昨年", "より", "12.5", "高い", "です"]),
        // Latin word inside Japanese is its own .word token.
        Case("iPhoneの新しいモデルを買いました👍🏽",
             ["iPhone", "の", "新しい", "モデル", "を", "買い", "ま", "した", "👍🏽"]),
        // ICU: the classic すもも|も|もも|も|もも|の|うち comes out as すもも|も×5|もの|うち.
        Case("すもももももももものうち",
             ["すもも", "も", "も", "も", "も", "も", "もの", "うち"]),
        // ICU: "悪|く|て" for 悪くて.
        Case("サービスが悪くて、二度と行きたくない。",
             ["サービス", "が", "悪", "く", "て", "二度と", "行き", "たく", "ない"]),
        // Full-width digits are numbers; half-width katakana "ｶﾀｶﾅ" stays one token.
        // ICU: "書|い|た" for 書いた.
        Case("２０２４年３月１５日に、ｶﾀｶﾅで書いた。",
             ["２０２４", "年", "３", "月", "１５", "日", "に", "ｶﾀｶﾅ", "で", "書", "い", "た"]),
        // ICU: the colloquial "すごーい" falls apart into single characters "す|ご|ー|い".
        Case("すごーい！また行きたいな〜😆",
             ["す", "ご", "ー", "い", "また", "行き", "たい", "な", "😆"]),
        // ICU: "夏|祭り" (夏祭り, summer festival) and "行|っ|た"; '#' dropped.
        Case("友達と#夏祭り に行った、最高🎆",
             ["友達", "と", "夏", "祭り", "に", "行", "っ", "た", "最高", "🎆"]),
    ]

    static let koreanCases: [Case] = [
        Case("정말 좋아요!",
             ["정말", "좋아요"]),
        // Eojeol keep their particles and endings: "영화가" (movie + subject particle).
        Case("영화가 너무 재미있었어요 😂",
             ["영화가", "너무", "재미있었어요", "😂"]),
        // ICU: Hangul syllables are left out of ICU's letter class (they are chained for dictionary
        // use), so digits never join them: number + counter split ("3.5" | "만", "2" | "일") while
        // particles stay attached ("가격은", "원이고").
        Case("가격은 3.5만 원이고, 배송은 2일 걸렸습니다.",
             ["가격은", "3.5", "만", "원이고", "배송은", "2", "일", "걸렸습니다"]),
        Case("이 제품 진짜 최고! 강추합니다 👍",
             ["이", "제품", "진짜", "최고", "강추합니다", "👍"]),
        // "1일에" gives "1" and "일에": the counter keeps its locative particle.
        Case("K-pop 콘서트는 2024년 5월 1일에 열려요.",
             ["K", "pop", "콘서트는", "2024", "년", "5", "월", "1", "일에", "열려요"]),
        Case("서비스가 별로였어요... 다시는 안 갈 거예요?",
             ["서비스가", "별로였어요", "다시는", "안", "갈", "거예요"]),
        // Bare jamo (laughter ㅋㅋㅋ, crying ㅠㅠ) are word tokens.
        Case("ㅋㅋㅋ 진짜 웃기다 ㅠㅠ",
             ["ㅋㅋㅋ", "진짜", "웃기다", "ㅠㅠ"]),
        // ICU: for the same reason '@' and '_' do not join Hangul: "@서울_카페" gives "@", "서울",
        // "카페" (compare "@marco_rossi" in English). '#' and '~' are dropped.
        Case("#맛집 @서울_카페 추천해요~ 10점 만점에 9.5점!",
             ["맛집", "@", "서울", "카페", "추천해요", "10", "점", "만점에", "9.5", "점"]),
    ]

    static let chineseSimplifiedCases: [Case] = [
        // ICU: the dictionary splits 服务员 (waiter) as 服务|员.
        Case("服务员的态度非常好，我们很满意。",
             ["服务", "员", "的", "态度", "非常", "好", "我们", "很", "满意"]),
        // ICU: "再也不" and "想看" come out as single dictionary words.
        Case("这部电影太无聊了！我再也不想看了。",
             ["这", "部", "电影", "太", "无聊", "了", "我", "再也不", "想看", "了"]),
        // ICU: "我在" (I + at) is one token; date parts split from 年月日.
        Case("我在2024年3月15日买了iPhone，价格是5999元。",
             ["我在", "2024", "年", "3", "月", "15", "日", "买", "了", "iPhone", "价格", "是", "5999", "元"]),
        Case("今天天气真好😀，我们去公园吧！",
             ["今天", "天气", "真好", "😀", "我们", "去", "公园", "吧"]),
        // ICU: the idiom 物美价廉 is not in the dictionary and falls apart into single characters;
        // “” and the double dash —— are dropped.
        Case("“物美价廉”——这是我对这家店的评价。",
             ["物", "美", "价", "廉", "这", "是", "我", "对", "这", "家", "店", "的", "评价"]),
        Case("他说：“这家餐厅的菜好吃极了，打九折，便宜了10%！”",
             ["他", "说", "这", "家", "餐厅", "的", "菜", "好吃", "极了", "打", "九折", "便宜", "了", "10"]),
        Case("中华人民共和国成立于1949年",
             ["中华", "人民", "共和国", "成立", "于", "1949", "年"]),
        // ICU: "挺好|用" where a linguist would write 挺|好用.
        Case("我觉得这个手机挺好用的，就是电池不太行…",
             ["我", "觉得", "这个", "手机", "挺好", "用", "的", "就是", "电池", "不太", "行"]),
        // Book-title brackets 《》 dropped; the title splits into 流浪|地球.
        Case("《流浪地球》的特效棒极了！！！👍🏽",
             ["流浪", "地球", "的", "特效", "棒", "极了", "👍🏽"]),
    ]

    static let chineseTraditionalCases: [Case] = [
        // ICU: "很好|吃" where it should be 很|好吃 ("very tasty").
        Case("這家餐廳的牛肉麵很好吃！",
             ["這家", "餐廳", "的", "牛肉麵", "很好", "吃"]),
        // ICU: 服務生 (waiter) splits as 服務|生, like 服务|员 in zh.
        Case("服務生的態度很差，我不會再來了。",
             ["服務", "生", "的", "態度", "很", "差", "我", "不會", "再來", "了"]),
        // ICU: "我在" one token again; "三|萬元" where 三萬|元 would be better.
        Case("我在臺北買了一支iPhone，花了新臺幣三萬元。",
             ["我在", "臺北", "買", "了", "一支", "iPhone", "花了", "新臺幣", "三", "萬元"]),
        Case("「太棒了！」她笑著說😊",
             ["太", "棒", "了", "她", "笑著", "說", "😊"]),
        Case("電腦壞了，真是氣死我了…",
             ["電腦", "壞了", "真是", "氣死", "我", "了"]),
        Case("這次旅行很愉快，下次還要再來 👍🏽❤️",
             ["這次", "旅行", "很", "愉快", "下次", "還要", "再來", "👍🏽", "❤️"]),
        Case("「物超所值」是我對這家店的評價 👍",
             ["物超所值", "是", "我", "對", "這家", "店", "的", "評價", "👍"]),
        // ICU: "今天是" (today + is) comes out as one token.
        Case("今天是2024年10月10日，天氣晴朗。",
             ["今天是", "2024", "年", "10", "月", "10", "日", "天氣", "晴朗"]),
    ]
}
