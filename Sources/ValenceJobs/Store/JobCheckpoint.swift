/// How far a job's worker has durably got, recorded in the manifest with each lease renewal
/// (`"Checkpoint"`): the temporary archive up to a chunk boundary (already `fsync`ed when this is
/// written), the input position right after the last document in those chunks, and the counts.
/// A worker that takes over the job copies the archive up to `archive.bytes` into a temporary file
/// of its own and reads on from `input` (see ``JobRunner``): the finished archive is the same, byte
/// for byte, as if nothing had happened.
///
/// `selection` is a digest of the selected objects (keys and sizes) the position refers to: when
/// the input changed in between, the checkpoint is of no use and the job starts over.
///
/// A sharded job (issue #14) keeps one checkpoint per shard beside one lease per shard
/// (``JobShards/ShardState``).
public struct JobCheckpoint: Sendable, Hashable {
    public var archive: ArchiveCheckpoint
    public var input: InputPosition
    public var selection: String
    /// Records in the archive so far.
    public var documents: Int
    /// Input bytes read so far (progress).
    public var inputBytes: Int64

    public init(archive: ArchiveCheckpoint, input: InputPosition, selection: String, documents: Int, inputBytes: Int64) {
        self.archive = archive
        self.input = input
        self.selection = selection
        self.documents = documents
        self.inputBytes = inputBytes
    }

    /// FNV-1a 64 of the selected objects' keys and sizes, as 16 hex digits.
    public static func selectionDigest(_ objects: [InputObject]) -> String {
        var text: [UInt8] = []
        for object in objects {
            text += object.key.utf8
            text.append(0)
            text += String(object.size).utf8
            text.append(0x0A)
        }
        return fnv1a(text)
    }

    /// FNV-1a (64-bit) as 16 lowercase hex digits: stable across processes, unlike `Hasher`.
    static func fnv1a(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    var json: JSONValue {
        .object([
            ("ArchiveFile", .string(archive.fileName)), ("ArchiveBytes", .int(archive.bytes)),
            ("MemberBytes", .int(archive.memberBytes)), ("Crc32", .int(Int(archive.checksum))),
            ("Selection", .string(selection)), ("Object", .int(input.object)), ("Offset", .int(Int(input.offset))),
            ("Line", .int(input.line)), ("AfterCR", .bool(input.afterCarriageReturn)),
            ("Documents", .int(documents)), ("InputBytes", .int(Int(inputBytes))),
        ])
    }

    init?(json: JSONValue?) {
        func integer(_ name: String) -> Int? {
            guard case .number(let literal)? = json?[name] else { return nil }
            return Int(literal)
        }
        guard let json, let file = json["ArchiveFile"]?.stringValue, let bytes = integer("ArchiveBytes"),
              let member = integer("MemberBytes"), let crc = integer("Crc32").flatMap(UInt32.init(exactly:)),
              let selection = json["Selection"]?.stringValue, let object = integer("Object"), let offset = integer("Offset"),
              let line = integer("Line"), case .bool(let afterCR)? = json["AfterCR"], let documents = integer("Documents"),
              let inputBytes = integer("InputBytes") else { return nil }
        self.init(archive: ArchiveCheckpoint(fileName: file, bytes: bytes, memberBytes: member, checksum: crc),
                  input: InputPosition(object: object, offset: Int64(offset), line: line, afterCarriageReturn: afterCR),
                  selection: selection, documents: documents, inputBytes: Int64(inputBytes))
    }
}
