import ValenceCore

/// Checks UTF-8 one byte at a time, so a document can be validated across read chunks without
/// keeping it. Same rules as `UTF8Validation` (RFC 3629: no overlongs, no surrogates, nothing above
/// U+10FFFF).
struct UTF8StreamValidator: Sendable {
    /// Continuation bytes still expected for the sequence in progress.
    private(set) var pending = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// Whether a multi-byte sequence has started and not finished.
    var isInsideSequence: Bool { pending != 0 }

    /// Feeds one byte at or above 0x80; false when it cannot continue valid UTF-8.
    /// (ASCII needs no call: it is valid exactly when `isInsideSequence` is false.)
    @inline(__always)
    mutating func accept(nonASCII byte: UInt8) -> Bool {
        if pending == 0 {
            guard let shape = UTF8Validation.leadByte(byte) else { return false }
            pending = shape.continuations
            lower = shape.lower
            upper = shape.upper
            return true
        }
        guard byte >= lower, byte <= upper else { return false }
        pending -= 1
        lower = 0x80
        upper = 0xBF
        return true
    }
}
