import Foundation
import Testing
@testable import ValenceCore
import ValenceTestSupport

/// Packs are read from their bytes (lines, tab-separated fields, plain decimals) without the
/// `Character` and Foundation machinery; these tests hold the byte readers to the general ones.
@Suite struct PackParsingTests {
    @Test func plainDecimalsParseAsDoubleDoes() {
        var random = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "0.5", ".5", "-.25", "5", "-5", "4.0000", "0.0001", "123456789012345", "1.23456789012345",
                     "-0.8234", "3.14159265358979"]
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...15, using: &random)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            if Bool.random(using: &random) { text.insert(".", at: text.index(text.startIndex, offsetBy: Int.random(in: 0..<digits, using: &random))) }
            texts.append(Bool.random(using: &random) ? "-" + text : text)
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeBufferPointer { LearnedTable.plainDecimal($0) }
            #expect(parsed?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        // Not plain: left to Double(_:) and the line's error message.
        for text in ["", "-", ".", "5.", "1e3", "+1", " 1", "1 ", "1.2.3", "1234567890123456", "nan", "0x10"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { LearnedTable.plainDecimal($0) } == nil, "\(text)")
        }
    }

    /// Every shipped `learned.tsv` reads as a plain split of each line on tabs does.
    @Test func everyShippedLearnedTableReadsAsAPlainSplit() throws {
        let root = Repository.lexicons
        var rows = 0
        for language in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let url = root.appendingPathComponent(language).appendingPathComponent("learned.tsv")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let table = try LearnedTable.parse(text, file: url.path)
            let expected = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("kind\t") }.map { line in
                line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            }
            #expect(table.entries.count == expected.count, "\(language)")
            for (entry, fields) in zip(table.entries, expected) {
                #expect([entry.kind.rawValue, entry.unit] == Array(fields.prefix(2)))
                #expect(entry.polarity.bitPattern == Double(fields[2])?.bitPattern && entry.subjectivity.bitPattern == Double(fields[3])?.bitPattern,
                        "\(language): \(fields)")
            }
            rows += expected.count
        }
        #expect(rows > 100_000)
    }

    /// A parsed table's rows point into the file's bytes, and rows the general reading takes (weights
    /// that are not plain decimals) or that are appended afterwards go after them: every unit and
    /// weight still comes back in file order, with LF and with CR LF, and a table built from the same
    /// entries serializes the same.
    @Test func rowsReadInPlaceAndRowsAppendedComeBackInOrder() throws {
        let rows = ["w\tgood\t0.5\t0.125", "w\tbad\t-1e-1\t0.25", "c\t好\t1.5\t0.0", "c\tnicht gut\t2E0\t-0.5",
                    "w\tlast\t-0.0625\t4"]
        let expected: [LearnedTable.Entry] = [
            .init(kind: .word, unit: "good", polarity: 0.5, subjectivity: 0.125),
            .init(kind: .word, unit: "bad", polarity: -0.1, subjectivity: 0.25),
            .init(kind: .characters, unit: "好", polarity: 1.5, subjectivity: 0),
            .init(kind: .characters, unit: "nicht gut", polarity: 2, subjectivity: -0.5),
            .init(kind: .word, unit: "last", polarity: -0.0625, subjectivity: 4),
        ]
        for separator in ["\n", "\r\n"] {
            let text = "# toy" + separator + LearnedTable.header + separator + rows.joined(separator: separator) + separator
            var table = try LearnedTable.parse(utf8: Array(text.utf8), file: "learned.tsv")
            #expect(table.entries == expected, "\(separator.debugDescription)")
            table.append(.init(kind: .word, unit: "appended", polarity: 1, subjectivity: 0.5))
            #expect(table.entries == expected + [.init(kind: .word, unit: "appended", polarity: 1, subjectivity: 0.5)])
            var units: [String] = []
            table.forEachRow { _, unit, _, _ in units.append(String(decoding: unit, as: UTF8.self)) }
            #expect(units == expected.map(\.unit) + ["appended"])
            #expect(table.serialized() == LearnedTable(entries: table.entries, provenance: ["toy"]).serialized())
        }
    }

    /// The eight-bytes-a-step tab search finds the first tab at or after any start, in texts of
    /// tabs, bytes near 0x09 (0x08, 0x0A, 0x89, 0x01) and UTF-8; a row with a tab too many is not
    /// a row (the general reading rejects it with its line number).
    @Test func tabsAreFoundWhereAByteLoopFindsThem() throws {
        var random = TestRandom(seed: 9)
        let alphabet: [UInt8] = [0x09, 0x08, 0x0A, 0x89, 0x01, 0x61, 0xE5, 0xA5, 0xBD]
        for _ in 0..<3_000 {
            let text = (0..<random.below(40)).map { _ in alphabet[random.below(alphabet.count)] }
            text.withUnsafeBufferPointer { buffer in
                for start in 0...text.count {
                    let expected = text[start...].firstIndex(of: 0x09) ?? text.count
                    #expect(LearnedTable.nextTab(buffer, from: start) == expected, "\(text) from \(start)")
                }
            }
        }
        let extraTab = LearnedTable.header + "\nw\tgood\t0.5\t0.1\nw\tbad\t-0.5\t0.1\t0.2\n"
        do {
            _ = try LearnedTable.parse(utf8: Array(extraTab.utf8), file: "learned.tsv")
            Issue.record("a row with a tab too many was read")
        } catch {
            #expect(error.description == PackError(file: "learned.tsv", line: 3, message: "expected 'w|c<TAB>unit<TAB>polarity<TAB>subjectivity'").description)
        }
    }

    @Test func linesAndFieldsSplitAsCharactersDo() {
        for text in ["", "a", "a\n", "a\r\n", "a\r\rb\n\nc", "é\u{301}\tx\t\ty\r\n", "\t", "😀\t👍\r"] {
            let lines = LexiconPack.numberedLines(text).map { String($0.text) }
            var expected = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
            if expected.last == "" { expected.removeLast() }
            #expect(lines == expected, "\(text.debugDescription)")
            for line in lines {
                #expect(LexiconPack.tabFields(line[...]).map(String.init) == line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
            }
        }
    }

    /// The byte-level line walk that reads the large tables cuts and numbers lines as `numberedLines`.
    @Test func forEachLineCutsAsNumberedLinesDoes() throws {
        var texts = ["", "a", "a\n", "a\r\n", "a\r\rb\n\nc", "é\u{301}\tx\t\ty\r\n", "\t", "😀\t👍\r", "\n", "\r\n\r\n", "\n\r"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            texts.append((0..<Int.random(in: 0...10, using: &generator)).map { _ in ["a", "\n", "\r", "\t", "é", "\r\n"].randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            var walked: [String] = []
            var numbers: [Int] = []
            try LexiconPack.forEachLine(of: text) { number, line in
                numbers.append(number)
                walked.append(String(decoding: line, as: UTF8.self))
            }
            let expected = LexiconPack.numberedLines(text)
            #expect(walked == expected.map { String($0.text) } && numbers == expected.map(\.number), "\(text.debugDescription)")
        }
    }

    static func fault(_ body: () throws(PackError) -> Void) -> String? {
        do { try body(); return nil } catch { return error.description }
    }

    /// Lexicon and emoji tables read from bytes: values as `Double` reads them (plain decimals, and
    /// anything else it takes), and each fault reported at its line with the field at fault.
    @Test func tablesReadValuesAndReportFaultsByLine() throws {
        let table = try LexiconPack.parseTable("a\t 0.5 \nb\t1e-1\r\nc\t+2\textra\n\nd\t-0\n", file: "t")
        #expect(table.map(\.key) == ["a", "b", "c", "d"])
        #expect(table.map(\.valence) == [0.5, 0.1, 2, 0])
        #expect(table[3].valence.sign == .minus)
        for (text, line, message) in [("a\t1\n\nb\tx\n", 3, "valence 'x' is not a number"),
                                      ("a\t1\r\nb\t9", 2, "valence 9.0 is outside -5...5"),
                                      ("\tx", 1, "expected 'token<TAB>valence'"),
                                      ("word", 1, "expected 'token<TAB>valence'"),
                                      ("a\tinf", 1, "valence 'inf' is not a number")] {
            #expect(Self.fault { () throws(PackError) in _ = try LexiconPack.parseTable(text, file: "t") }
                    == PackError(file: "t", line: line, message: message).description, "\(text.debugDescription)")
        }
        let emoji = try EmojiTable(utf8: Array("😀\tgrinning face\textra\n👍\tthumbs up".utf8), file: "e").entries
        #expect(emoji.map(\.emoji) == ["😀", "👍"] && emoji.map(\.description) == ["grinning face", "thumbs up"])
        for text in ["😀\t", "\tx", "😀"] {
            #expect(Self.fault { () throws(PackError) in _ = try EmojiTable(utf8: Array(text.utf8), file: "e") }
                    == PackError(file: "e", line: 1, message: "expected 'emoji<TAB>description'").description, "\(text.debugDescription)")
        }
    }

    /// Lines are cut sixteen bytes to a step (`vx_line_end`); they are the text reading's lines, for
    /// LF, CR LF and CR at every place a step can leave them, around runs of ASCII and of CJK.
    @Test func linesCutByTheByteScanAreTheTextReadingsLines() throws {
        var random = SystemRandomNumberGenerator()
        let pieces = ["\n", "\r\n", "\r", "a", "word\t0.5", String(repeating: "x", count: 17), "好不好", "é", "\r\r", "\n\n"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var lines: [(Int, String)] = []
            try LexiconPack.forEachLine(of: text) { number, line in lines.append((number, String(decoding: line, as: UTF8.self))) }
            let expected = LexiconPack.numberedLines(text).map { ($0.number, String($0.text)) }
            #expect(lines.map(\.0) == expected.map(\.0) && lines.map(\.1) == expected.map(\.1), "\(text.debugDescription)")
        }
    }

    /// A pack's files are read from their bytes: the learned tables straight from them. Invalid
    /// UTF-8 in any file names its first bad byte; line endings of every kind and a missing last
    /// line break read as the text reading does (the rows reserved from a count of line feeds).
    @Test func packFilesReadFromTheirBytes() throws {
        let rules = "[pack]\nlanguage = zh\n"
        let rows = ["c\t好\t1.5\t0.25", "w\t不好\t-2\t0", "c\t很\t0.125\t-0.5"]
        for separator in ["\n", "\r\n", "\r"] {
            for ending in ["", separator] {
                let learned = "# toy" + separator + LearnedTable.header + separator + rows.joined(separator: separator) + ending
                let files: [LexiconPack.File: [UInt8]] = [.rules: Array(rules.utf8), .learned: Array(learned.utf8)]
                let pack = try LexiconPack.parse(location: "toy") { file throws(PackError) in files[file] }
                #expect(pack.learned?.entries == (try LearnedTable.parse(learned, file: "t").entries), "\(separator.debugDescription)")
                #expect(pack.learned?.entries.map(\.unit) == ["好", "不好", "很"])
            }
        }
        let good = Array(("# toy\n" + LearnedTable.header + "\nc\t好\t1.5\t0.25\n").utf8)
        for (bad, offset) in [([0xFF], 0), ([0xE5, 0xA5], 0), ([0xED, 0xA0, 0x80], 0), ([0x61, 0xC0, 0xAF], 1)] as [([UInt8], Int)] {
            let files: [LexiconPack.File: [UInt8]] = [.rules: Array(rules.utf8), .learned: good + bad + Array("\n".utf8)]
            #expect(Self.fault { () throws(PackError) in _ = try LexiconPack.parse(location: "toy") { file throws(PackError) in files[file] } }
                    == PackError(file: "toy/learned.tsv", message: "invalid UTF-8 at byte offset \(good.count + offset)").description)
        }
        for count in [0, 1, 7, 8, 9, 200] {
            let text = (0..<count).map { "row \($0) 好" }.joined(separator: "\n")
            #expect(LexiconPack.lineCount(Array(text.utf8)) == max(count, 1))
        }
    }
}
