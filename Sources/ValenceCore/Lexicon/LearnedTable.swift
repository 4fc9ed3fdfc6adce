import Foundation

/// Learned unit weights, as `learned.tsv` holds them: per unit a polarity (positive vs negative
/// evidence) and a subjectivity (opinionated vs neutral evidence), both natural log-odds on the
/// −4…+4 scale. A unit is a word (the token's lookup key) or a character n-gram of it.
///
/// ```
/// # free-text provenance
/// #@ name = value          (learning settings, read back by `valence lexicon calibrate`)
/// kind	unit	polarity	subjectivity
/// w	excellent	2.31	1.05
/// c	好不	-0.82	0.12
/// ```
public struct LearnedTable: Sendable {
    public enum UnitKind: String, Sendable {
        /// A whole token.
        case word = "w"
        /// A character n-gram inside a token.
        case characters = "c"

        /// The kind a `kind` column names, without building a String.
        init?(_ column: Substring) {
            switch column {
            case "w": self = .word
            case "c": self = .characters
            default: return nil
            }
        }

        /// The first byte of the unit's key in the compiled table.
        var tag: UInt8 { self == .word ? 0x77 : 0x63 }
    }

    public struct Entry: Sendable, Equatable {
        public var kind: UnitKind
        public var unit: String
        public var polarity: Double
        public var subjectivity: Double

        public init(kind: UnitKind, unit: String, polarity: Double, subjectivity: Double) {
            self.kind = kind
            self.unit = unit
            self.polarity = polarity
            self.subjectivity = subjectivity
        }
    }

    /// The units' bytes; ``rows`` say where each lies. A table read from a file keeps the file's
    /// bytes here and its rows point at the units where they lie in them (no copy per row); rows
    /// appended later add their units at the end. A pack's table is compiled from these two arrays,
    /// with no `String` per unit (zh's and ko's 50,000–68,000 rows as `Entry`s took half of their
    /// packs' start-up); ``entries`` builds the strings for tools.
    private var arena: [UInt8] = []
    private var rows: [Row] = []

    struct Row: Sendable {
        var kind: UnitKind
        var start: Int32
        var count: Int32
        var polarity: Double
        var subjectivity: Double
    }

    /// Every row in file order (a unit listed twice is listed twice).
    public var entries: [Entry] {
        get {
            arena.withUnsafeBufferPointer { arena in
                rows.map { row in
                    Entry(kind: row.kind, unit: String(decoding: UnsafeBufferPointer(rebasing: arena[Int(row.start)..<Int(row.start + row.count)]), as: UTF8.self),
                          polarity: row.polarity, subjectivity: row.subjectivity)
                }
            }
        }
        set {
            arena.removeAll()
            rows.removeAll()
            for entry in newValue { append(entry) }
        }
    }

    /// The number of rows.
    public var count: Int { rows.count }

    /// `learned.entries.count { $0.kind == kind }` without building the entries.
    public func count(of kind: UnitKind) -> Int {
        rows.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) }
    }

    /// `#@ name = value` lines, in file order.
    public var settings: [(name: String, value: String)]
    /// Free-text `#` lines.
    public var provenance: [String]

    public init(entries: [Entry], settings: [(name: String, value: String)] = [], provenance: [String] = []) {
        self.settings = settings
        self.provenance = provenance
        rows.reserveCapacity(entries.count)
        for entry in entries { append(entry) }
    }

    /// Adds a row.
    public mutating func append(_ entry: Entry) {
        var unit = entry.unit
        unit.withUTF8 { append(kind: entry.kind, unit: $0, polarity: entry.polarity, subjectivity: entry.subjectivity) }
    }

    @inline(__always)
    mutating func append(kind: UnitKind, unit: UnsafeBufferPointer<UInt8>, polarity: Double, subjectivity: Double) {
        rows.append(Row(kind: kind, start: Int32(arena.count), count: Int32(unit.count), polarity: polarity, subjectivity: subjectivity))
        arena.append(contentsOf: unit)
    }

    /// Calls `body` with each row in file order: its kind, its unit's bytes, its two weights.
    @inline(__always)
    func forEachRow(_ body: (UnitKind, UnsafeBufferPointer<UInt8>, Double, Double) throws -> Void) rethrows {
        try arena.withUnsafeBufferPointer { arena in
            for row in rows {
                try body(row.kind, UnsafeBufferPointer(rebasing: arena[Int(row.start)..<Int(row.start &+ row.count)]), row.polarity, row.subjectivity)
            }
        }
    }

    public func setting(_ name: String) -> String? { settings.first { $0.name == name }?.value }

    public static let header = "kind\tunit\tpolarity\tsubjectivity"

    public func serialized() -> String {
        var out = provenance.map { "# " + $0 }.joined(separator: "\n")
        if !out.isEmpty { out += "\n" }
        for (name, value) in settings { out += "#@ \(name) = \(value)\n" }
        out += Self.header + "\n"
        for entry in entries {
            out += "\(entry.kind.rawValue)\t\(entry.unit)\t\(Self.format(entry.polarity))\t\(Self.format(entry.subjectivity))\n"
        }
        return out
    }

    /// Four decimals: enough for the scores, short enough to review.
    /// Whether `format` writes the value as 0 (4 decimals).
    @inline(__always)
    static func roundsToZero(_ value: Double) -> Bool { (value * 10_000).rounded() == 0 }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return PythonFloat.repr(rounded == 0 ? 0 : rounded)
    }

    static func parse(_ text: String, file: String) throws(PackError) -> LearnedTable {
        try parse(utf8: Array(text.utf8), file: file)
    }

    /// ``parse(_:file:)`` of the file's bytes, which must be valid UTF-8 (checked by the caller).
    static func parse(utf8 bytes: [UInt8], file: String) throws(PackError) -> LearnedTable {
        // Rows keep their units' places as 32-bit offsets.
        guard bytes.count < Int(Int32.max) else { throw PackError(file: file, message: "larger than 2 GiB") }
        var table = LearnedTable(entries: [])
        table.arena = bytes
        // A row a line: the rows are reserved at once rather than regrown (a 68,000-row table's
        // copies were most of its load's page faults).
        let lines = LexiconPack.lineCount(bytes)
        table.rows.reserveCapacity(lines)
        var sawHeader = false
        /// Any line but a well-formed data row after the header.
        func generalRow(_ line: Substring, number: Int) throws(PackError) {
            if line.hasPrefix("#@") {
                let parts = line.dropFirst(2).split(separator: "=", maxSplits: 1).map { LexiconPack.trimmingWhitespace($0) }
                guard parts.count == 2 else { throw PackError(file: file, line: number, message: "expected '#@ name = value'") }
                table.settings.append((parts[0], parts[1]))
                return
            }
            if line.hasPrefix("#") { table.provenance.append(LexiconPack.trimmingWhitespace(line.dropFirst())); return }
            if !sawHeader {
                guard line == header else { throw PackError(file: file, line: number, message: "expected the header row '\(header.replacingOccurrences(of: "\t", with: "<TAB>"))'") }
                sawHeader = true
                return
            }
            let fields = LexiconPack.tabFields(line)
            guard fields.count == 4, let kind = UnitKind(fields[0]), !fields[1].isEmpty else {
                throw PackError(file: file, line: number, message: "expected 'w|c<TAB>unit<TAB>polarity<TAB>subjectivity'")
            }
            guard let polarity = Double(fields[2]), let subjectivity = Double(fields[3]),
                  (-5...5).contains(polarity), (-5...5).contains(subjectivity) else {
                throw PackError(file: file, line: number, message: "polarity and subjectivity must be numbers in -5...5")
            }
            table.append(Entry(kind: kind, unit: String(fields[1]), polarity: polarity, subjectivity: subjectivity))
        }
        try bytes.withUnsafeBufferPointer { (file) throws(PackError) in
            guard let base = file.baseAddress else { return }
            try LexiconPack.forEachLine(of: bytes) { (number, line) throws(PackError) in
                if line.isEmpty { return }
                if sawHeader, appendDataRow(line, at: line.baseAddress! - base, to: &table) { return }
                try generalRow(Substring(String(decoding: line, as: UTF8.self)), number: number)
            }
        }
        guard sawHeader else { throw PackError(file: file, message: "missing the header row") }
        return table
    }

    /// A well-formed data row appended straight from its bytes (`w` or `c`, a tab, the unit, a tab, two
    /// plain decimals `-d.ddd` within ±5 separated by a tab), or false to leave the line to the
    /// general reading above, which also names what is wrong with it. A line starting with `w` or
    /// `c` is neither a comment nor the header, so the two readings agree on every line this takes.
    private static func appendDataRow(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, to table: inout LearnedTable) -> Bool {
        guard bytes.count > 2, bytes[0] == 0x77 || bytes[0] == 0x63, bytes[1] == 0x09 else { return false }
        // Exactly two more tabs: after the unit (not empty) and between the weights.
        let first = nextTab(bytes, from: 2)
        guard first > 2, first < bytes.count else { return false }
        let second = nextTab(bytes, from: first &+ 1)
        guard second < bytes.count, nextTab(bytes, from: second &+ 1) == bytes.count,
              let polarity = plainDecimal(UnsafeBufferPointer(rebasing: bytes[(first + 1)..<second])),
              let subjectivity = plainDecimal(UnsafeBufferPointer(rebasing: bytes[(second + 1)...])),
              (-5...5).contains(polarity), (-5...5).contains(subjectivity) else { return false }
        // The unit is where it lies in the file, which the arena holds.
        table.rows.append(Row(kind: bytes[0] == 0x77 ? .word : .characters, start: Int32(truncatingIfNeeded: offset &+ 2),
                              count: Int32(truncatingIfNeeded: first &- 2), polarity: polarity, subjectivity: subjectivity))
        return true
    }

    /// The index of the first tab in `bytes` at or after `start`, or `bytes.count`: eight bytes a
    /// step while eight remain (the lowest byte the zero test marks is exact; a borrow only marks
    /// bytes above it), then one at a time.
    @inline(__always)
    static func nextTab(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return count }
        var index = start
        while index &+ 8 <= count {
            let x = base.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0909_0909_0909_0909
            let zeros = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            if zeros != 0 { return index &+ zeros.trailingZeroBitCount >> 3 }
            index &+= 8
        }
        while index < count {
            if base.load(fromByteOffset: index, as: UInt8.self) == 0x09 { return index }
            index &+= 1
        }
        return count
    }

    /// `Double(text)` for a plain decimal (`-`, up to 15 digits with at most one `.` among them), or
    /// nil for anything else. Exact: the digits make an integer below 2^53 and the power of ten is
    /// exact too, so the one division is IEEE-rounded just as `strtod` rounds the decimal.
    static func plainDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = text.baseAddress else { return nil }
        let count = text.count
        let negative = count > 0 && base[0] == 0x2D
        var index = negative ? 1 : 0
        var mantissa: UInt64 = 0
        var digits = 0, point = -1
        // Indices stay below `count` and the digits below 16 (so the mantissa below 10^15):
        // unchecked arithmetic.
        while index < count {
            let byte = base[index]
            if byte == 0x2E {
                guard point < 0 else { return nil }
                point = digits
            } else {
                let digit = byte &- 0x30
                // More than 15 digits is not a plain decimal: stop before the mantissa could overflow.
                guard digit < 10, digits < 15 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits &+= 1
            }
            index &+= 1
        }
        let fraction = point < 0 ? 0 : digits &- point
        guard digits > 0, !(point >= 0 && fraction == 0) else { return nil }
        let value = Double(mantissa) / Self.powerOfTen(fraction)
        return negative ? -value : value
    }

    /// 10^exponent for 0...15, exact.
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        default: powersOfTen[exponent]
        }
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}

/// Learned weights compiled for scoring. A class (immutable, shared): the scorer reads it once per
/// document, and a copy of a struct of a dozen arrays retained and released each of them (1 % of an
/// English job).
///
/// A unit listed twice keeps its last weights. Word units are found by ``wordUnit(_:)`` (the
/// compiled lexicon resolves them once, into its records) and have an index into ``polarity`` and
/// ``subjectivity``; character n-grams by ``characterWeights(_:)``: those of at most
/// ``ShortKeyTable/maximumKeyLength`` bytes (all of the CJK packs' units) in a ``ShortKeyTable``
/// with their weights inline, longer ones in a byte table with an index. Nothing else is built:
/// zh's 68,000 bigrams used to go into two more byte tables that no document read.
public final class CompiledLearned: Sendable {
    public let polarity: [Double]
    public let subjectivity: [Double]
    /// Word units, keyed by their bytes (no kind tag), to their index.
    let words: ByteTable
    let wordEntry: [Int32]

    public init(_ learned: LearnedTable) {
        var polarity: [Double] = []
        var subjectivity: [Double] = []
        let wordCount = learned.count(of: .word)
        var words = ByteTable(minimumCapacity: wordCount)
        words.reserve(keys: wordCount)
        var wordEntry: [Int32] = []
        wordEntry.reserveCapacity(wordCount)
        var characters = ByteTable()
        var characterEntry: [Int32] = []
        var shortCharacters = ShortKeyTable(capacity: learned.count - wordCount)
        var denseUnits = 0
        learned.forEachRow { kind, unit, unitPolarity, unitSubjectivity in
            // A short n-gram keeps its weights in the ShortKeyTable alone (a later listing
            // overwrites them there); any other unit has an index into the weight arrays.
            let index: Int
            switch kind {
            case .characters where (1...ShortKeyTable.maximumKeyLength).contains(unit.count):
                shortCharacters.set(unit, unitPolarity, unitSubjectivity)
                // One character of U+3000…U+9FFF: three bytes whose lead is E3…E9.
                if unit.count == 3, unit[0] &- 0xE3 < 7 { denseUnits &+= 1 }
                return
            case .word:
                let (slot, inserted) = words.insert(unit)
                if inserted { wordEntry.append(Int32(polarity.count)) }
                index = Int(wordEntry[slot])
            case .characters:
                let (slot, inserted) = characters.insert(unit)
                if inserted { characterEntry.append(Int32(polarity.count)) }
                index = Int(characterEntry[slot])
            }
            if index == polarity.count {
                polarity.append(unitPolarity)
                subjectivity.append(unitSubjectivity)
            } else {
                polarity[index] = unitPolarity
                subjectivity[index] = unitSubjectivity
            }
        }
        self.polarity = polarity
        self.subjectivity = subjectivity
        self.words = words
        self.wordEntry = wordEntry
        self.characters = characters
        self.characterEntry = characterEntry
        self.shortCharacters = shortCharacters
        self.denseCJK = Self.denseCJK(shortCharacters, units: denseUnits)
    }

    /// The word units, each once, in the order they were first listed: their bytes and their index
    /// into ``polarity`` and ``subjectivity`` (what the compiled lexicon resolves into its records).
    func forEachWordUnit(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        for slot in 0..<words.count {
            words.withKeyBytes(at: slot) { body($0, Int(wordEntry[slot])) }
        }
    }

    /// The one-character units of U+3000…U+9FFF (CJK punctuation, kana, ideographs: three UTF-8 bytes
    /// each) as ``denseCJK`` holds them, read back from `table` so that both answer alike; empty
    /// when the pack has too few of them (`units` rows) to pay for the array's 448 KiB.
    private static func denseCJK(_ table: ShortKeyTable, units: Int) -> [Double] {
        guard units >= 1_000 else { return [] }
        var dense = [Double](repeating: .nan, count: 2 * denseCJKCount)
        for index in 0..<denseCJKCount {
            let scalar = UInt64(0x3000 + index)
            let packed = (0xE0 | scalar >> 12) | (0x80 | (scalar >> 6) & 0x3F) << 8 | (0x80 | scalar & 0x3F) << 16
            if let (polarity, subjectivity) = table.values(word: packed, length: 3) {
                dense[2 * index] = polarity
                dense[2 * index + 1] = subjectivity
            }
        }
        return dense
    }

    private static let denseCJKCount = 0xA000 - 0x3000

    /// Where the unit of the three bytes in `packed` sits in ``denseCJK`` (halved), or nil when
    /// they are not one character of U+3000…U+9FFF.
    @inline(__always)
    private static func denseCJKIndex(_ packed: UInt64) -> Int? {
        let lead = packed & 0xFF
        guard lead &- 0xE3 <= 6, packed & 0xC0_C000 == 0x80_8000 else { return nil }
        return Int(truncatingIfNeeded: (lead & 0x0F) << 12 | (packed >> 8 & 0x3F) << 6 | (packed >> 16 & 0x3F)) &- 0x3000
    }

    /// The index of the word unit `unit` (its bytes, without the kind tag), or nil.
    public func wordUnit(_ unit: UnsafeBufferPointer<UInt8>) -> Int? {
        words.index(of: unit).map { Int(wordEntry[$0]) }
    }

    /// The polarity and subjectivity of the character n-gram unit `gram` (its bytes, without the
    /// kind tag), or nil when the pack has no such unit.
    @inline(__always)
    public func characterWeights(_ gram: UnsafeBufferPointer<UInt8>) -> (polarity: Double, subjectivity: Double)? {
        if gram.count <= ShortKeyTable.maximumKeyLength { return shortCharacters.values(gram) }
        guard let slot = characters.index(of: gram) else { return nil }
        let entry = Int(characterEntry[slot])
        return (polarity[entry], subjectivity[entry])
    }

    /// ``characterWeights(_:)`` of `gram` whose bytes are also given packed into a word,
    /// little-endian, as ``ShortKeyTable`` keys them (a load instead of a packing per n-gram).
    @inline(__always)
    public func characterWeights(_ gram: UnsafeBufferPointer<UInt8>, packed: UInt64) -> (polarity: Double, subjectivity: Double)? {
        if gram.count == 3, !denseCJK.isEmpty, let index = Self.denseCJKIndex(packed) {
            return denseCJK.withUnsafeBufferPointer { dense in
                let polarity = dense[2 &* index]
                return polarity.isNaN ? nil : (polarity, dense[2 &* index &+ 1])
            }
        }
        if gram.count <= ShortKeyTable.maximumKeyLength { return shortCharacters.values(word: packed, length: gram.count) }
        return characterWeights(gram)
    }

    /// Starts fetching the table lines that ``characterWeights(_:packed:)`` of `gram` reads.
    @inline(__always)
    public func prefetchCharacterWeights(_ gram: UnsafeBufferPointer<UInt8>, packed: UInt64) {
        if gram.count == 3, !denseCJK.isEmpty, Self.denseCJKIndex(packed) != nil { return }
        if gram.count <= ShortKeyTable.maximumKeyLength { shortCharacters.prefetch(word: packed, length: gram.count) }
    }

    /// The character n-gram units longer than ``ShortKeyTable/maximumKeyLength`` bytes, keyed by
    /// their bytes alone (no kind tag), so that the scorer looks an n-gram up where it lies in the
    /// text, without copying it; each leads to its index.
    let characters: ByteTable
    let characterEntry: [Int32]
    /// The character units of at most 8 bytes (all but a few) with their weights inline.
    let shortCharacters: ShortKeyTable
    /// For the CJK packs, whose units are mostly single characters: the weights of the units of one
    /// character of U+3000…U+9FFF by code point − 0x3000, polarity and subjectivity in turn (NaN
    /// polarity: no such unit). One load per lookup instead of a hash, a tag and a record; the
    /// answers are ``shortCharacters``' own. Empty for packs with few such units.
    let denseCJK: [Double]
}

/// What a document's learned units add up to.
public struct LearnedEvidence: Sendable, Equatable {
    /// Sum of the polarities of the distinct units found (negated ones flipped when the pack says so).
    public var polarity: Double = 0
    /// Sum of the subjectivities of the distinct units found.
    public var subjectivity: Double = 0
    /// The positive and the negative contributions to `polarity`, apart (negative <= 0).
    public var positive: Double = 0
    public var negative: Double = 0
    /// Number of unit occurrences in the document (found in the table or not).
    public var units: Int = 0
    /// Number of unit occurrences found in the table.
    public var found: Int = 0
    /// The same sums over the pack's `mixed-units.tsv` word units (its second column is MIXED vs
    /// single-polarity documents); read only by a fitted MIXED row.
    public var mixedUnitPositive: Double = 0
    public var mixedUnitNegative: Double = 0
    public var mixedUnitMixedness: Double = 0

    public init(polarity: Double = 0, subjectivity: Double = 0, units: Int = 0) {
        self.polarity = polarity
        self.subjectivity = subjectivity
        self.units = units
    }

    /// Adds a unit's polarity and subjectivity (already multiplied by its `occurrences`).
    @inline(__always)
    public mutating func add(polarity p: Double, subjectivity s: Double, occurrences: Int = 1) {
        polarity += p
        // Without a branch (the sign of a unit's weight is a coin toss to the branch predictor):
        // adding 0 leaves a sum as it was, and neither sum is ever -0.
        let isPositive = p > 0
        positive += isPositive ? p : 0
        negative += isPositive ? 0 : p
        subjectivity += s
        found += occurrences
    }

    /// Adds a `mixed-units.tsv` unit's polarity and MIXED weight.
    @inline(__always)
    public mutating func addMixedUnit(polarity p: Double, mixedness m: Double) {
        let isPositive = p > 0
        mixedUnitPositive += isPositive ? p : 0
        mixedUnitNegative += isPositive ? 0 : p
        mixedUnitMixedness += m
    }

    public static let none = LearnedEvidence()
}
