import Testing
@testable import ValenceCore
import ValenceTestSupport

/// The learned n-gram table: every key set is found with its last values, every other key is not,
/// keys that pack to the same word but differ in length stay apart, and a full table still ends
/// every probe.
@Suite struct ShortKeyTableTests {
    static func lookup(_ table: ShortKeyTable, _ key: [UInt8]) -> (Double, Double)? {
        key.withUnsafeBufferPointer { buffer in
            let byLoad = table.values(buffer)
            // The packed form the scorer passes must agree with the plain one.
            let byWord = table.values(word: ShortKeyTable.word(buffer), length: key.count)
            #expect(byLoad?.0 == byWord?.0 && byLoad?.1 == byWord?.1)
            // As the scorer packs an n-gram: one load from a buffer with bytes to spare after it.
            let padded = key + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
            let loaded = padded.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) & ShortKeyTable.mask(length: key.count) }
            #expect(loaded == ShortKeyTable.word(buffer))
            return byLoad
        }
    }

    @Test func findsWhatWasSetAndNothingElse() {
        var mixer = TestRandom(seed: 7)
        var expected: [[UInt8]: (Double, Double)] = [:]
        let capacity = 30_000
        var table = ShortKeyTable(capacity: capacity)
        // Few distinct bytes (zero among them), so that many keys share prefixes and packed words.
        func randomKey() -> [UInt8] {
            let length = Int(mixer.next() % 8) + 1
            return (0..<length).map { _ in [0x00, 0x61, 0x62, 0xE4, 0xB8, 0x80][Int(mixer.next() % 6)] }
        }
        while expected.count < capacity {
            let key = randomKey()
            let values = (Double(mixer.next() % 1000) / 7, -Double(mixer.next() % 1000) / 3)
            key.withUnsafeBufferPointer { table.set($0, values.0, values.1) }
            expected[key] = values
        }
        for (key, values) in expected {
            let found = Self.lookup(table, key)
            #expect(found?.0 == values.0 && found?.1 == values.1, "key \(key)")
        }
        var absent = 0
        for _ in 0..<50_000 {
            let key = randomKey()
            if expected[key] == nil {
                absent += 1
                #expect(Self.lookup(table, key) == nil, "key \(key)")
            }
        }
        #expect(absent > 1_000)
    }

    @Test func keysThatPackAlikeStayApartByLength() {
        var table = ShortKeyTable(capacity: 8)
        let keys: [[UInt8]] = [[0x61], [0x61, 0x00], [0x61, 0x00, 0x00], [UInt8](repeating: 0, count: 8), [0x00]]
        for (index, key) in keys.enumerated() {
            key.withUnsafeBufferPointer { table.set($0, Double(index), 0.5) }
        }
        for (index, key) in keys.enumerated() {
            #expect(Self.lookup(table, key)?.0 == Double(index))
        }
        #expect(Self.lookup(table, [0x61, 0x00, 0x00, 0x00]) == nil)
    }

    @Test func setTwiceKeepsTheLastValues() {
        var table = ShortKeyTable(capacity: 1)
        let key: [UInt8] = Array("好".utf8)
        key.withUnsafeBufferPointer { table.set($0, 1, 2) }
        key.withUnsafeBufferPointer { table.set($0, 3, 4) }
        #expect(Self.lookup(table, key)?.0 == 3)
        #expect(Self.lookup(table, key)?.1 == 4)
        #expect(Self.lookup(table, Array("不".utf8)) == nil)
    }
}
