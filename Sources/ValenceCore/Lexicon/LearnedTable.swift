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

    public var entries: [Entry]
    /// `#@ name = value` lines, in file order.
    public var settings: [(name: String, value: String)]
    /// Free-text `#` lines.
    public var provenance: [String]

    public init(entries: [Entry], settings: [(name: String, value: String)] = [], provenance: [String] = []) {
        self.entries = entries
        self.settings = settings
        self.provenance = provenance
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
        var table = LearnedTable(entries: [])
        var sawHeader = false
        for (number, line) in LexiconPack.numberedLines(text) {
            if line.isEmpty { continue }
            if line.hasPrefix("#@") {
                let parts = line.dropFirst(2).split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { throw PackError(file: file, line: number, message: "expected '#@ name = value'") }
                table.settings.append((parts[0], parts[1]))
                continue
            }
            if line.hasPrefix("#") { table.provenance.append(line.dropFirst().trimmingCharacters(in: .whitespaces)); continue }
            if !sawHeader {
                guard line == header else { throw PackError(file: file, line: number, message: "expected the header row '\(header.replacingOccurrences(of: "\t", with: "<TAB>"))'") }
                sawHeader = true
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let kind = UnitKind(rawValue: String(fields[0])), !fields[1].isEmpty else {
                throw PackError(file: file, line: number, message: "expected 'w|c<TAB>unit<TAB>polarity<TAB>subjectivity'")
            }
            guard let polarity = Double(fields[2]), let subjectivity = Double(fields[3]),
                  (-5...5).contains(polarity), (-5...5).contains(subjectivity) else {
                throw PackError(file: file, line: number, message: "polarity and subjectivity must be numbers in -5...5")
            }
            table.entries.append(Entry(kind: kind, unit: String(fields[1]), polarity: polarity, subjectivity: subjectivity))
        }
        guard sawHeader else { throw PackError(file: file, message: "missing the header row") }
        return table
    }
}

/// Learned weights compiled for scoring: one byte table keyed by a kind byte (`w`/`c`) then the
/// unit's UTF-8 bytes.
public struct CompiledLearned: Sendable {
    public let table: ByteTable
    public let polarity: [Double]
    public let subjectivity: [Double]

    public init(_ learned: LearnedTable) {
        var table = ByteTable(minimumCapacity: learned.entries.count)
        var polarity: [Double] = []
        var subjectivity: [Double] = []
        for entry in learned.entries {
            let (index, inserted) = table.insert([entry.kind.tag] + Array(entry.unit.utf8))
            if inserted {
                polarity.append(entry.polarity)
                subjectivity.append(entry.subjectivity)
            } else {
                polarity[index] = entry.polarity
                subjectivity[index] = entry.subjectivity
            }
        }
        self.table = table
        self.polarity = polarity
        self.subjectivity = subjectivity
        var characters = ByteTable(minimumCapacity: learned.entries.count)
        var characterEntry: [Int32] = []
        for entry in learned.entries where entry.kind == .characters {
            guard let index = table.index(of: [entry.kind.tag] + Array(entry.unit.utf8)) else { continue }
            let (slot, inserted) = characters.insert(Array(entry.unit.utf8))
            if inserted { characterEntry.append(Int32(index)) } else { characterEntry[slot] = Int32(index) }
        }
        self.characters = characters
        self.characterEntry = characterEntry
    }

    /// The character n-gram units keyed by their bytes alone (no kind tag), so that the scorer
    /// looks an n-gram up where it lies in the text, without copying it; each leads to its
    /// entry in ``table``.
    public let characters: ByteTable
    public let characterEntry: [Int32]
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

    public init(polarity: Double = 0, subjectivity: Double = 0, units: Int = 0) {
        self.polarity = polarity
        self.subjectivity = subjectivity
        self.units = units
    }

    /// Adds a unit's polarity and subjectivity (already multiplied by its `occurrences`).
    @inline(__always)
    public mutating func add(polarity p: Double, subjectivity s: Double, occurrences: Int = 1) {
        polarity += p
        if p > 0 { positive += p } else { negative += p }
        subjectivity += s
        found += occurrences
    }

    public static let none = LearnedEvidence()
}
