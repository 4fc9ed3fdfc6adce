/// Where an ``InputReader`` stands between two documents: enough to start a new reader there
/// that reads exactly what the old one would have read next (a job resumed from a checkpoint).
public struct InputPosition: Sendable, Hashable {
    /// The index of the object in the selection; `objects.count` at the end of the input.
    public var object: Int
    /// Bytes of that object consumed (a byte order mark included).
    public var offset: Int64
    /// The zero-based line the next document starts on (`ONE_DOC_PER_LINE`).
    public var line: Int
    /// The last line ended with a bare CR: an LF right at `offset` is part of that line break.
    public var afterCarriageReturn: Bool

    public init(object: Int, offset: Int64 = 0, line: Int = 0, afterCarriageReturn: Bool = false) {
        self.object = object
        self.offset = offset
        self.line = line
        self.afterCarriageReturn = afterCarriageReturn
    }

    /// The start of the input.
    public static let start = InputPosition(object: 0)
}
