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
}
