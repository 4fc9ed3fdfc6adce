/// A pack's `emoji.tsv` (`emoji<TAB>description`, one a line; any further field is ignored), kept as
/// the file's bytes with where each line's two fields lie, and looked up by scalar: like VADER, only
/// an emoji of one scalar can match a character of a text, and a later line for the same emoji wins.
///
/// Nothing is turned into a `String` when a pack loads: building two strings a line and a dictionary
/// of string descriptions took 12.5 M of the ~110 M instructions an English job spends before its
/// first document (the file has 3,570 lines, of which 1,212 are one scalar).
public struct EmojiTable: Sendable {
    /// The file's bytes, valid UTF-8.
    private let bytes: [UInt8]
    /// Per line: the emoji's and the description's byte ranges in `bytes`.
    private let fields: [(emoji: Range<Int32>, description: Range<Int32>)]
    /// One-scalar emoji -> its line in `fields`.
    private let lines: [UInt32: Int32]

    /// A table with no emoji.
    public init() {
        bytes = []
        fields = []
        lines = [:]
    }

    /// Reads `emoji.tsv` from its bytes (valid UTF-8); `file` names it in errors.
    public init(utf8: [UInt8], file: String) throws(PackError) {
        var fields: [(emoji: Range<Int32>, description: Range<Int32>)] = []
        var lines: [UInt32: Int32] = [:]
        try utf8.withUnsafeBufferPointer { (all) throws(PackError) in
            guard let base = all.baseAddress else { return }
            try LexiconPack.forEachLine(of: utf8) { (number, line) throws(PackError) in
                guard !line.isEmpty else { return }
                guard let (emoji, description) = LexiconPack.firstTwoFields(line), !emoji.isEmpty, !description.isEmpty else {
                    throw PackError(file: file, line: number, message: "expected 'emoji<TAB>description'")
                }
                let offset = line.baseAddress! - base
                fields.append((Int32(offset + emoji.lowerBound)..<Int32(offset + emoji.upperBound),
                               Int32(offset + description.lowerBound)..<Int32(offset + description.upperBound)))
                if let scalar = Self.singleScalar(UnsafeBufferPointer(rebasing: line[emoji])) {
                    lines[scalar] = Int32(fields.count - 1)
                }
            }
        }
        self.bytes = utf8
        self.fields = fields
        self.lines = lines
    }

    /// The number of lines (emoji), of one scalar or more.
    public var count: Int { fields.count }

    /// Whether no emoji of one scalar is in the table (none can match a text).
    public var isEmpty: Bool { lines.isEmpty }

    /// Every line as strings, in file order (for tools and tests; scoring reads bytes).
    public var entries: [(emoji: String, description: String)] {
        fields.map { (string($0.emoji), string($0.description)) }
    }

    /// Whether `scalar` is an emoji of the table.
    @inline(__always)
    public func contains(_ scalar: UInt32) -> Bool {
        lines[scalar] != nil
    }

    /// Calls `body` with the UTF-8 bytes of `scalar`'s description; nil when it is not in the table.
    public func withDescription<R>(of scalar: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let line = lines[scalar] else { return nil }
        let range = fields[Int(line)].description
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(range.lowerBound)..<Int(range.upperBound)])) }
    }

    private func string(_ range: Range<Int32>) -> String {
        String(decoding: bytes[Int(range.lowerBound)..<Int(range.upperBound)], as: UTF8.self)
    }

    /// The scalar of valid UTF-8 `field` when it is exactly one scalar.
    static func singleScalar(_ field: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let lead = UInt32(field[0])
        switch (lead, field.count) {
        case (..<0x80, 1): return lead
        case (0xC0..<0xE0, 2): return (lead & 0x1F) << 6 | UInt32(field[1] & 0x3F)
        case (0xE0..<0xF0, 3): return (lead & 0x0F) << 12 | UInt32(field[1] & 0x3F) << 6 | UInt32(field[2] & 0x3F)
        case (0xF0..., 4):
            return (lead & 0x07) << 18 | UInt32(field[1] & 0x3F) << 12 | UInt32(field[2] & 0x3F) << 6 | UInt32(field[3] & 0x3F)
        default: return nil
        }
    }
}
