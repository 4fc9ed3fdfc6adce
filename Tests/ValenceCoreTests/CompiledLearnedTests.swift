import Testing
@testable import ValenceCore

/// The compiled learned table: word units by their bytes, character n-grams short (inline in the
/// ShortKeyTable) and long (in the byte table), each unit listed twice with its last weights, and
/// a word and an n-gram with the same bytes kept apart.
@Suite struct CompiledLearnedTests {
    static func weights(_ table: CompiledLearned, _ gram: String) -> (polarity: Double, subjectivity: Double)? {
        var gram = gram
        return gram.withUTF8 { table.characterWeights($0) }
    }

    static func word(_ table: CompiledLearned, _ unit: String) -> (Double, Double)? {
        var unit = unit
        return unit.withUTF8 { table.wordUnit($0) }.map { (table.polarity[$0], table.subjectivity[$0]) }
    }

    @Test func findsEachKindWithItsLastWeights() {
        let long = "好得不得了"  // 15 bytes: past ShortKeyTable's 8
        let table = CompiledLearned(LearnedTable(entries: [
            .init(kind: .word, unit: "good", polarity: 1, subjectivity: 0.5),
            .init(kind: .characters, unit: "good", polarity: -2, subjectivity: 0.25),
            .init(kind: .characters, unit: "好", polarity: 0.75, subjectivity: 0),
            .init(kind: .characters, unit: long, polarity: 3, subjectivity: 1),
            .init(kind: .word, unit: "bad", polarity: -1, subjectivity: 0.5),
            // Listed again: the last weights hold, whatever the table.
            .init(kind: .word, unit: "good", polarity: 1.5, subjectivity: 0.125),
            .init(kind: .characters, unit: "好", polarity: 0.5, subjectivity: 0.0625),
            .init(kind: .characters, unit: long, polarity: 2.5, subjectivity: 0.75),
        ]))
        #expect(Self.word(table, "good")! == (1.5, 0.125))
        #expect(Self.word(table, "bad")! == (-1, 0.5))
        #expect(Self.word(table, "好") == nil)
        #expect(Self.word(table, "goo") == nil)
        #expect(Self.weights(table, "good")! == (-2, 0.25))
        #expect(Self.weights(table, "好")! == (0.5, 0.0625))
        #expect(Self.weights(table, long)! == (2.5, 0.75))
        #expect(Self.weights(table, "bad") == nil)
        #expect(Self.weights(table, String(long.dropLast())) == nil)
        // Long n-grams and word units have indices; the two listings of each share one.
        #expect(table.polarity.count == 3)
    }

    /// With many one-character CJK units, their lookups by packed bytes go to a dense array by code
    /// point; it must answer as the hashed table does, for every character it covers (present, absent,
    /// listed twice) and leave everything else to the table.
    @Test func denseCJKUnitsAnswerAsTheTable() {
        var entries: [LearnedTable.Entry] = []
        var expected: [UInt32: (Double, Double)] = [:]
        // 1,500 ideographs, every third from U+4E00, and kana; some listed twice.
        for k in 0..<1_500 {
            let scalar = UInt32(0x4E00 + 3 * k)
            let weights = (Double(k % 97) / 10 - 4.8, Double(k % 13) / 4)
            entries.append(.init(kind: .characters, unit: String(Unicode.Scalar(scalar)!), polarity: weights.0, subjectivity: weights.1))
            expected[scalar] = weights
        }
        for scalar in UInt32(0x3041)...0x3096 {
            entries.append(.init(kind: .characters, unit: String(Unicode.Scalar(scalar)!), polarity: 9.0 / 8, subjectivity: 0.5))
            entries.append(.init(kind: .characters, unit: String(Unicode.Scalar(scalar)!), polarity: -0.25, subjectivity: 0.75))
            expected[scalar] = (-0.25, 0.75)
        }
        entries.append(.init(kind: .characters, unit: "好吃", polarity: 2, subjectivity: 1))
        entries.append(.init(kind: .characters, unit: "€", polarity: 1, subjectivity: 1))       // three bytes, outside the block
        let table = CompiledLearned(LearnedTable(entries: entries))
        #expect(!table.denseCJK.isEmpty)
        func packed(_ text: String) -> (Double, Double)? {
            var text = text
            return text.withUTF8 { bytes in
                var word: UInt64 = 0
                for (i, byte) in bytes.enumerated() where i < 8 { word |= UInt64(byte) << (8 * UInt64(i)) }
                return table.characterWeights(bytes, packed: word).map { ($0.polarity, $0.subjectivity) }
            }
        }
        for scalar in UInt32(0x3000)..<0xA000 {
            guard let character = Unicode.Scalar(scalar) else { continue }
            let got = packed(String(character)), byTable = Self.weights(table, String(character))
            #expect(got?.0 == byTable?.polarity && got?.1 == byTable?.subjectivity, "U+\(String(scalar, radix: 16))")
            #expect(got?.0 == expected[scalar]?.0 && got?.1 == expected[scalar]?.1, "U+\(String(scalar, radix: 16))")
        }
        #expect(packed("好吃")! == (2, 1))
        #expect(packed("€")! == (1, 1))
        #expect(packed("ab") == nil)
        // A pack with few such units keeps them in the table alone.
        let small = CompiledLearned(LearnedTable(entries: Array(entries.prefix(10))))
        #expect(small.denseCJK.isEmpty)
        #expect(Self.weights(small, "一")! == expected[0x4E00]!)
    }
}
