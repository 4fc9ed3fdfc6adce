import Foundation
internal import CICUShim

extension LexiconPack {
    /// The files of a pack directory (`Lexicons/<lang>/`). Only `rules.txt` is required.
    public enum File: String, Sendable, CaseIterable {
        case rules = "rules.txt"
        case lexicon = "lexicon.tsv"
        case learned = "learned.tsv"
        case emoji = "emoji.tsv"
        case calibration = "calibration.txt"
        /// A second learned table read only by a fitted MIXED row (`calibration-extras = mixed-units`).
        case mixedUnits = "mixed-units.tsv"
    }

    /// Parses a pack from its files' bytes, checking every line. The core opens no files:
    /// `contents` is asked for each file in turn (rules first, so the language is known before
    /// anything else is read) and returns nil for a file the pack does not have; `location` (the
    /// pack's directory) names the files in errors.
    public static func parse(
        location: String, contents: (File) throws(PackError) -> [UInt8]?
    ) throws(PackError) -> LexiconPack {
        let base = location.hasSuffix("/") ? String(location.dropLast()) : location
        func utf8(_ file: File) throws(PackError) -> [UInt8]? {
            guard let bytes = try contents(file) else { return nil }
            // Checked in place, without copying the bytes into a String.
            guard let offset = bytes.withUnsafeBufferPointer({ UTF8Validation.firstInvalidOffset(in: $0) }) else { return bytes }
            throw PackError(file: "\(base)/\(file.rawValue)", message: "invalid UTF-8 at byte offset \(offset)")
        }
        func text(_ file: File) throws(PackError) -> String? {
            try utf8(file).map { String(decoding: $0, as: UTF8.self) }
        }
        let rulesPath = "\(base)/\(File.rules.rawValue)"
        guard let rulesText = try text(.rules) else { throw PackError(file: rulesPath, message: "cannot read file") }
        var (rules, languageName) = try parseRules(rulesText, file: rulesPath)
        guard let languageName else {
            throw PackError(file: rulesPath, message: "missing 'language = <code>' in [pack]")
        }
        guard let language = LanguageCode(rawValue: languageName) else {
            throw PackError(file: rulesPath, message: "unknown language code '\(languageName)'")
        }
        if language == .ar { rules.keyFolding.insert(.arabic) }
        if language == .hi { rules.keyFolding.insert(.devanagari) }
        rules.normalizeWords(for: rules.tokenizer)

        let entries = try text(.lexicon).map { (t) throws(PackError) in try parseTable(t, file: "\(base)/\(File.lexicon.rawValue)") } ?? []
        // The learned tables (tens of thousands of rows) are read from their bytes, not through a String.
        let learned = try utf8(.learned).map { (bytes) throws(PackError) in
            try LearnedTable.parse(utf8: bytes, file: "\(base)/\(File.learned.rawValue)")
        }
        let mixedUnits = try utf8(.mixedUnits).map { (bytes) throws(PackError) in
            try LearnedTable.parse(utf8: bytes, file: "\(base)/\(File.mixedUnits.rawValue)")
        }
        let emoji = try utf8(.emoji).map { (bytes) throws(PackError) in
            try EmojiTable(utf8: bytes, file: "\(base)/\(File.emoji.rawValue)")
        } ?? EmojiTable()
        let calibration = try text(.calibration).map { (t) throws(PackError) in
            try Calibration.parse(t, file: "\(base)/\(File.calibration.rawValue)")
        }
        return LexiconPack(
            language: language, entries: entries, emoji: emoji, rules: rules,
            learned: learned, mixedUnits: mixedUnits, calibration: calibration, location: base
        )
    }

    /// Splits text into lines on LF, CRLF or CR, numbering them from 1. It walks the UTF-8 bytes:
    /// CR, LF and CR LF are grapheme clusters of their own, so this is the split by `Character`s
    /// without the cost of grapheme breaking (a pack of 68,000 lines loads in a fraction of it).
    static func numberedLines(_ text: String) -> [(number: Int, text: Substring)] {
        // Labelled as the result type is: an unlabelled array would be cast element by element.
        var result: [(number: Int, text: Substring)] = []
        for (index, line) in splitBytes(text[...], lines: true).enumerated() {
            result.append((index + 1, line))
        }
        if let last = result.last, last.text.isEmpty { result.removeLast() }
        return result
    }

    /// `line.split(separator: "\t", omittingEmptySubsequences: false)`, by bytes: a tab is a
    /// grapheme cluster of its own.
    static func tabFields(_ line: Substring) -> [Substring] {
        splitBytes(line, lines: false)
    }

    /// `text` cut at every tab, or (`lines`) at every LF, CR LF or CR, empty pieces kept.
    private static func splitBytes(_ text: Substring, lines: Bool) -> [Substring] {
        let utf8 = text.utf8
        func piece(_ from: Int, _ to: Int) -> Substring {
            text[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)]
        }
        var pieces: [Substring] = []
        var contiguous = text
        contiguous.makeContiguousUTF8()
        contiguous.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0, index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if lines ? (byte == 0x0A || byte == 0x0D) : byte == 0x09 {
                    pieces.append(piece(start, index))
                    index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                    start = index
                } else {
                    index += 1
                }
            }
            pieces.append(piece(start, bytes.count))
        }
        return pieces
    }

    /// `text.trimmingCharacters(in: .whitespaces)`; ASCII text (the common case) without Foundation:
    /// the ASCII members of `.whitespaces` are the space and the tab.
    static func trimmingWhitespace(_ text: Substring) -> String {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespaces) }
        var start = utf8.startIndex, end = utf8.endIndex
        while start != end, utf8[start] == 0x20 || utf8[start] == 0x09 { utf8.formIndex(after: &start) }
        while end != start {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x09 else { break }
            end = before
        }
        return String(text[start..<end])
    }

    /// Calls `body` with each line of `text` and its number from 1, as ``numberedLines(_:)`` cuts
    /// them, but as bytes: the large tables (tens of thousands of lines) are read without a
    /// `Substring` per line or per field.
    static func forEachLine(
        of text: String, _ body: (_ number: Int, _ line: UnsafeBufferPointer<UInt8>) throws(PackError) -> Void
    ) throws(PackError) {
        try forEachLine(of: Array(text.utf8), body)
    }

    /// ``forEachLine(of:_:)`` of a file's bytes.
    static func forEachLine(
        of utf8: [UInt8], _ body: (_ number: Int, _ line: UnsafeBufferPointer<UInt8>) throws(PackError) -> Void
    ) throws(PackError) {
        try utf8.withUnsafeBufferPointer { (bytes) throws(PackError) in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var start = 0, index = 0, number = 1
            while index < count {
                index &+= vx_line_end(base + index, count &- index)
                guard index < count else { break }
                let byte = bytes[index]
                try body(number, UnsafeBufferPointer(rebasing: bytes[start..<index]))
                number += 1
                index += byte == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A ? 2 : 1
                start = index
            }
            // After a final line break there is no further line (numberedLines drops that empty piece).
            if start < count { try body(number, UnsafeBufferPointer(rebasing: bytes[start..<count])) }
        }
    }

    /// About how many lines ``forEachLine(of:_:)`` finds in `utf8`: its line feeds and one more (a
    /// file with CR alone has more), counted eight bytes at a time.
    static func lineCount(_ utf8: [UInt8]) -> Int {
        utf8.withUnsafeBytes { bytes in
            var count = 1, index = 0
            let ones: UInt64 = 0x0101_0101_0101_0101, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            while index &+ 8 <= bytes.count {
                // A byte of `x` is zero exactly where its high bit ends clear in `~((x & lows) + lows | x)`.
                let x = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ (ones &* 0x0A)
                count &+= (~(((x & lows) &+ lows) | x) & ~lows).nonzeroBitCount
                index &+= 8
            }
            while index < bytes.count {
                if bytes[index] == 0x0A { count &+= 1 }
                index &+= 1
            }
            return count
        }
    }

    /// The first two tab-separated fields of `line`, as byte ranges; nil without a tab.
    static func firstTwoFields(_ line: UnsafeBufferPointer<UInt8>) -> (Range<Int>, Range<Int>)? {
        guard let tab = line.firstIndex(of: 0x09) else { return nil }
        let end = UnsafeBufferPointer(rebasing: line[(tab + 1)...]).firstIndex(of: 0x09).map { tab + 1 + $0 } ?? line.count
        return (0..<tab, (tab + 1)..<end)
    }

    /// `Double(trimmingWhitespace(field))`: a plain decimal (the common case) from its bytes.
    static func decimalValue(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        guard field.allSatisfy({ $0 < 0x80 }) else {
            return Double(trimmingWhitespace(Substring(String(decoding: field, as: UTF8.self))))
        }
        var lower = 0, upper = field.count
        while lower < upper, field[lower] == 0x20 || field[lower] == 0x09 { lower += 1 }
        while upper > lower, field[upper - 1] == 0x20 || field[upper - 1] == 0x09 { upper -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: field[lower..<upper])
        return LearnedTable.plainDecimal(trimmed) ?? Double(String(decoding: trimmed, as: UTF8.self))
    }

    static func parseTable(_ text: String, file: String) throws(PackError) -> [(key: String, valence: Double)] {
        var entries: [(key: String, valence: Double)] = []
        try forEachLine(of: text) { (number, line) throws(PackError) in
            guard !line.isEmpty else { return }
            guard let (keyField, valueField) = firstTwoFields(line), !keyField.isEmpty else {
                throw PackError(file: file, line: number, message: "expected 'token<TAB>valence'")
            }
            let value = UnsafeBufferPointer(rebasing: line[valueField])
            guard let valence = decimalValue(value), valence.isFinite else {
                throw PackError(file: file, line: number, message: "valence '\(String(decoding: value, as: UTF8.self))' is not a number")
            }
            guard (-5...5).contains(valence) else {
                throw PackError(file: file, line: number, message: "valence \(valence) is outside -5...5")
            }
            entries.append((String(decoding: UnsafeBufferPointer(rebasing: line[keyField]), as: UTF8.self), valence))
        }
        return entries
    }

    /// Parses `rules.txt`: `[section]` headers, `#` comment lines, `key = value` settings in
    /// `[pack]` and `[constants]`, one word (or `phrase<TAB>number`) a line in list sections.
    static func parseRules(_ text: String, file: String) throws(PackError) -> (PackRules, String?) {
        var rules = PackRules()
        var language: String?
        var section = ""
        var wordLists: [String: [String]] = [:]
        for (number, rawLine) in numberedLines(text) {
            let line = trimmingWhitespace(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw PackError(file: file, line: number, message: "unterminated section header") }
                section = String(line.dropFirst().dropLast())
                continue
            }
            switch section {
            case "pack", "constants":
                let parts = line.split(separator: "=", maxSplits: 1).map { trimmingWhitespace($0) }
                guard parts.count == 2 else { throw PackError(file: file, line: number, message: "expected 'name = value'") }
                let (name, value) = (parts[0], parts[1].split(separator: "#").first.map { trimmingWhitespace($0) } ?? "")
                if section == "pack" {
                    switch name {
                    case "language": language = value
                    case "fold-accents":
                        guard let flag = parseFlag(value) else {
                            throw PackError(file: file, line: number, message: "fold-accents must be yes or no")
                        }
                        if flag { rules.keyFolding.insert(.accents) } else { rules.keyFolding.remove(.accents) }
                    case "learned-polarity":
                        guard let flag = parseFlag(value) else {
                            throw PackError(file: file, line: number, message: "learned-polarity must be yes or no")
                        }
                        rules.learnedPolarity = flag
                    case "calibration-extras":
                        var extras: Set<Calibration.Extra> = []
                        for word in value.split(whereSeparator: { $0 == " " || $0 == "," }) {
                            guard let extra = Calibration.Extra(rawValue: String(word)) else {
                                throw PackError(file: file, line: number, message: "calibration-extras: unknown '\(word)' (known: \(Calibration.Extra.allCases.map(\.rawValue).joined(separator: ", ")))")
                            }
                            extras.insert(extra)
                        }
                        rules.calibrationExtras = extras
                    case "learned-negation":
                        guard let flag = parseFlag(value) else {
                            throw PackError(file: file, line: number, message: "learned-negation must be yes or no")
                        }
                        rules.learnedNegation = flag
                    case "character-ngrams":
                        let bounds = value.split(separator: "-").map { Int(trimmingWhitespace($0)) }
                        guard (1...2).contains(bounds.count), let low = bounds.first!, let high = bounds.last!,
                              (0...5).contains(low), (low...5).contains(high) else {
                            throw PackError(file: file, line: number, message: "character-ngrams must be N or N-M with 0 <= N <= M <= 5")
                        }
                        rules.characterNGrams = high == 0 ? nil : max(low, 1)...high
                    case "word-units", "ngram-padding":
                        guard let flag = parseFlag(value) else {
                            throw PackError(file: file, line: number, message: "\(name) must be yes or no")
                        }
                        if name == "word-units" { rules.wordUnits = flag } else { rules.ngramPadding = flag }
                    case "ngram-scope":
                        guard value == "token" || value == "run" else {
                            throw PackError(file: file, line: number, message: "ngram-scope must be token or run")
                        }
                        rules.ngramAcrossRuns = value == "run"
                    case "tokenizer":
                        guard let kind = TokenizerKind(rawValue: value) else {
                            throw PackError(file: file, line: number, message: "unknown tokenizer '\(value)' (whitespace or icu)")
                        }
                        rules.tokenizer = kind
                    default: throw PackError(file: file, line: number, message: "unknown [pack] setting '\(name)'")
                    }
                } else {
                    guard let number_ = Double(value), number_.isFinite else {
                        throw PackError(file: file, line: number, message: "constant '\(name)' needs a number, got '\(value)'")
                    }
                    try rules.setConstant(name, number_, file: file, line: number)
                }
            case "boosters", "idioms":
                let fields = rawLine.split(separator: "\t").map { trimmingWhitespace($0) }
                guard fields.count == 2, let value = Double(fields[1]), value.isFinite else {
                    throw PackError(file: file, line: number, message: "expected 'phrase<TAB>number' in [\(section)]")
                }
                if section == "boosters" { rules.boosters.append((fields[0], value)) } else { rules.idioms.append((fields[0], value)) }
            case "negators", "negators-after", "elisions", "negation-infixes", "contrast", "no", "no-or", "least", "least-exceptions",
                 "never", "never-so", "without", "without-doubt", "kind-of":
                wordLists[section, default: []].append(line)
            case "":
                throw PackError(file: file, line: number, message: "text before the first [section]")
            default:
                throw PackError(file: file, line: number, message: "unknown section [\(section)]")
            }
        }
        rules.negators = wordLists["negators"] ?? []
        rules.negatorsAfter = wordLists["negators-after"] ?? []
        rules.elisions = wordLists["elisions"] ?? []
        rules.negationInfixes = wordLists["negation-infixes"] ?? []
        rules.contrast = wordLists["contrast"] ?? []
        rules.no = wordLists["no"] ?? []
        rules.noOr = wordLists["no-or"] ?? []
        rules.least = wordLists["least"] ?? []
        rules.leastExceptions = wordLists["least-exceptions"] ?? []
        rules.never = wordLists["never"] ?? []
        rules.neverSo = wordLists["never-so"] ?? []
        rules.without = wordLists["without"] ?? []
        rules.withoutDoubt = wordLists["without-doubt"] ?? []
        rules.kindOf = wordLists["kind-of"] ?? []
        if !rules.kindOf.isEmpty && rules.kindOf.count != 2 {
            throw PackError(file: file, message: "[kind-of] needs exactly two words, one a line")
        }
        return (rules, language)
    }
}

func parseFlag(_ value: String) -> Bool? {
    switch value.lowercased() {
    case "yes", "true", "on": true
    case "no", "false", "off": false
    default: nil
    }
}

extension PackRules {
    mutating func setConstant(_ name: String, _ value: Double, file: String, line: Int) throws(PackError) {
        switch name {
        case "booster-increment": boosterIncrement = value
        case "caps-increment": capsIncrement = value
        case "negation-scalar": negationScalar = value
        case "normalization-alpha": normalizationAlpha = value
        case "exclamation-increment": exclamationIncrement = value
        case "exclamation-cap": exclamationCap = Int(value)
        case "question-increment": questionIncrement = value
        case "question-flat": questionFlat = value
        case "contrast-before": contrastBefore = value
        case "contrast-after": contrastAfter = value
        case "booster-decay-2": boosterDecay2 = value
        case "booster-decay-3": boosterDecay3 = value
        case "never-so-scalar": neverSoScalar = value
        case "negation-after-window":
            guard (1...4).contains(value) else { throw PackError(file: file, line: line, message: "negation-after-window must be 1 to 4") }
            negationAfterWindow = Int(value)
        default: throw PackError(file: file, line: line, message: "unknown constant '\(name)'")
        }
    }

    /// Brings rule words to the form tokens are looked up in (lower case; NFKC + case fold for ICU packs).
    mutating func normalizeWords(for tokenizer: TokenizerKind) {
        let fold: (String) -> String = tokenizer == .icu ? { [keyFolding] in TextNormalizer.lookupKey($0, folding: keyFolding) } : { $0.lowercased() }
        for keyPath in [\PackRules.negators, \.negatorsAfter, \.elisions, \.negationInfixes, \.contrast, \.no, \.noOr, \.least, \.leastExceptions,
                        \.never, \.neverSo, \.without, \.withoutDoubt, \.kindOf] {
            self[keyPath: keyPath] = self[keyPath: keyPath].map(fold)
        }
        boosters = boosters.map { (fold($0.key), $0.increment) }
        idioms = idioms.map { (fold($0.key), $0.valence) }
    }
}
