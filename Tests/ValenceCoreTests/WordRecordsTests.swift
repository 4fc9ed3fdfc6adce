import Testing
@testable import ValenceCore
import ValenceTestSupport

/// The compiled lexicon's token lookup (`entry(of:)`: the slot, then the key's length and first
/// eight bytes from the record's line) answers what the byte table's own lookup answers, and each
/// line holds its entry's record.
@Suite struct WordRecordsTests {
    static func entry(_ lexicon: CompiledLexicon, _ key: [UInt8]) -> (line: Int?, table: Int?) {
        key.withUnsafeBufferPointer { (lexicon.entry(of: $0), lexicon.table.index(of: $0)) }
    }

    /// Every key of every shipped pack, and near misses of each (one byte shorter, one longer, the
    /// last byte changed, the ninth byte changed: the same first eight bytes), found or not found
    /// alike by both lookups; and each entry's record read back from its line.
    @Test(arguments: LanguageCode.allCases)
    func everyPackKeyAndItsNearMissesAsTheTableFindsThem(language: LanguageCode) throws {
        let lexicon = CompiledLexicon(pack: try LexiconPack.load(from: Repository.lexicons.appendingPathComponent(language.rawValue).path))
        #expect(lexicon.records.count == lexicon.table.count)
        var absent = 0, disagreements = 0
        for index in 0..<lexicon.table.count {
            let key = lexicon.table.withKeyBytes(at: index) { Array($0) }
            let found = Self.entry(lexicon, key)
            if found.line != index || found.table != index { disagreements += 1 }
            var misses: [[UInt8]] = [key + [0x65], key + [0x00]]
            if !key.isEmpty {
                misses.append(Array(key.dropLast()))
                misses.append(Array(key.dropLast()) + [key.last! ^ 0x01])
            }
            if key.count > 8 {
                var ninth = key
                ninth[8] ^= 0x20
                misses.append(ninth)
            }
            for miss in misses {
                let answer = Self.entry(lexicon, miss)
                if answer.line != answer.table { disagreements += 1 }
                if answer.table == nil { absent += 1 }
            }
            let record = lexicon.records[index]
            #expect(record.valence.bitPattern == lexicon.valence[index].bitPattern)
            #expect(record.booster.bitPattern == lexicon.booster[index].bitPattern)
            #expect(record.roles == lexicon.roles[index])
        }
        #expect(disagreements == 0)
        #expect(absent > lexicon.table.count)
    }

    /// Keys that share their first eight bytes, keys of zero bytes, and keys whose first bytes are
    /// zero (which a zero-padded prefix could confuse with shorter keys), in a pack of their own.
    @Test func keysAlikeInTheirFirstBytesStayApart() throws {
        let words = ["a", "a\u{0}", "aaaaaaaa", "aaaaaaaab", "aaaaaaaac", "aaaaaaaabc", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                     "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbc", "\u{0}", "\u{0}\u{0}\u{0}\u{0}", "\u{0}\u{0}\u{0}\u{0}\u{0}"]
        let (rules, _) = try LexiconPack.parseRules("[pack]\nlanguage = en\n", file: "rules.txt")
        let pack = LexiconPack(language: .en, entries: words.enumerated().map { (key: $0.element, valence: Double($0.offset) + 0.5) }, rules: rules)
        let lexicon = CompiledLexicon(pack: pack)
        for (offset, word) in words.enumerated() {
            let found = Self.entry(lexicon, Array(word.utf8))
            #expect(found.line != nil && found.line == found.table, "\(Array(word.utf8))")
            if let line = found.line { #expect(lexicon.records[line].valence == Double(offset) + 0.5) }
        }
        // A line tells a key from any other of a different length or first eight bytes, even
        // where the zero-padded prefixes agree ("a" and "a\0", "\0" and "\0\0\0\0"): a probe
        // reaches such a line only when 8 hash bits agree, so each pair is asked here directly.
        for first in words {
            let entry = try #require(Self.entry(lexicon, Array(first.utf8)).line)
            for second in words where second != first {
                let bytes = Array(second.utf8)
                let alike = bytes.count == first.utf8.count && bytes.count > 8 && bytes.prefix(8).elementsEqual(first.utf8.prefix(8))
                let starts = bytes.withUnsafeBufferPointer { lexicon.records.keyStarts(entry, count: $0.count, prefix: WordRecords.prefix($0)) }
                #expect(starts == alike, "\(Array(first.utf8)) against \(bytes)")
            }
        }
        for absent in ["", "aa", "aaaaaaa", "aaaaaaaaa", "aaaaaaaabd", "\u{0}\u{0}", "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}",
                       "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbd"] {
            let found = Self.entry(lexicon, Array(absent.utf8))
            #expect(found.line == nil && found.table == nil, "\(Array(absent.utf8))")
        }
    }

    /// Many keys of one length with the same first eight bytes, and as many absent ones like them:
    /// a probe meets keys whose 8 hash bits in the slot equal its own (one in 256) and whose line
    /// holds the same length and prefix, so only the rest of the bytes can tell them apart.
    @Test func longKeysWithOnePrefixAreToldApartByTheirLastBytes() throws {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func key(_ n: Int) -> String { "prefixed" + String([letters[n % 26], letters[n / 26 % 26], letters[n / 676 % 26]]) }
        let (rules, _) = try LexiconPack.parseRules("[pack]\nlanguage = en\n", file: "rules.txt")
        let pack = LexiconPack(language: .en, entries: (0..<3_000).map { (key: key(2 * $0), valence: Double($0)) }, rules: rules)
        let lexicon = CompiledLexicon(pack: pack)
        var wrong = 0
        for n in 0..<6_000 {
            let found = Self.entry(lexicon, Array(key(n).utf8))
            if found.line != found.table || (found.line != nil) != (n % 2 == 0) { wrong += 1 }
        }
        #expect(wrong == 0)
    }

    /// The prefix word of every length from 0 to 20 bytes: the key's first bytes, zero above them.
    @Test func prefixIsTheFirstEightBytesZeroPadded() {
        var random = TestRandom(seed: 11)
        for length in 0...20 {
            for _ in 0..<200 {
                let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                var expected: UInt64 = 0
                for (index, byte) in bytes.prefix(8).enumerated() { expected |= UInt64(byte) << (8 * UInt64(index)) }
                #expect(bytes.withUnsafeBufferPointer { WordRecords.prefix($0) } == expected)
            }
        }
    }

    /// A slot keeps 8 bits of its key's hash, so in a large table many keys share them: 300,000
    /// insertions of short keys over few letters, each key found at its first index, none invented.
    @Test func aLargeByteTableFindsEveryKey() {
        var table = ByteTable()
        var random = TestRandom(seed: 5)
        var keys: [[UInt8]] = []
        for _ in 0..<300_000 {
            let length = Int(random.next() % 12) + 1
            keys.append((0..<length).map { _ in [0x61, 0x62, 0x63, 0xC3, 0xA9][Int(random.next() % 5)] })
        }
        var first: [[UInt8]: Int] = [:]
        for key in keys {
            let (index, inserted) = table.insert(key)
            if let known = first[key] {
                #expect(!inserted && index == known)
            } else {
                #expect(inserted && index == first.count)
                first[key] = index
            }
        }
        #expect(table.count == first.count)
        var wrong = 0
        for (key, index) in first where table.index(of: key) != index { wrong += 1 }
        for _ in 0..<50_000 {
            let key: [UInt8] = (0..<(Int(random.next() % 14) + 1)).map { _ in [0x61, 0x62, 0x64][Int(random.next() % 3)] }
            if (table.index(of: key) != nil) != (first[key] != nil) { wrong += 1 }
        }
        #expect(wrong == 0)
    }
}
