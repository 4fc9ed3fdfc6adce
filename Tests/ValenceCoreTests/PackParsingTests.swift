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
}
