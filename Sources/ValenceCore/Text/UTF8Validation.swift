internal import CICUShim

/// UTF-8 validation that reports where a byte sequence stops being valid.
public enum UTF8Validation {
    /// ``firstInvalidOffset(in:)`` of contiguous bytes, skipping runs of ASCII sixteen bytes to a
    /// step (`vx_ascii_span`): a pack's files are mostly ASCII, and the standard library's
    /// validation took about eight instructions a byte of them (4 M of an English job's start-up).
    public static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var index = 0
        while true {
            index &+= vx_ascii_span(base + index, count &- index, false)
            if index >= count { return nil }
            // One sequence from its lead byte, then back to the ASCII scan.
            guard let shape = leadByte(base[index]) else { return index }
            let length = shape.continuations &+ 1
            if count &- index < length { return index }
            let second = base[index &+ 1]
            if second < shape.lower || second > shape.upper { return index }
            var offset = 2
            while offset < length {
                if base[index &+ offset] & 0xC0 != 0x80 { return index }
                offset &+= 1
            }
            index &+= length
        }
    }

    /// The byte offset of the first byte that is not part of a well-formed UTF-8 sequence
    /// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), or nil when all is valid.
    public static func firstInvalidOffset<Bytes: Collection>(in bytes: Bytes) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            guard let shape = leadByte(lead) else { return index - bytes.startIndex }
            let length = shape.continuations + 1
            let lower = shape.lower, upper = shape.upper
            if end - index < length { return index - bytes.startIndex }
            let second = bytes[index + 1]
            if second < lower || second > upper { return index - bytes.startIndex }
            var offset = 2
            while offset < length {
                let continuation = bytes[index + offset]
                if continuation & 0xC0 != 0x80 { return index - bytes.startIndex }
                offset += 1
            }
            index += length
        }
        return nil
    }

    /// What a lead byte at or above 0x80 starts (RFC 3629): how many continuation bytes follow,
    /// and the range the first of them must fall in (the others are 0x80...0xBF); nil when the
    /// byte cannot start a sequence. The one table behind every UTF-8 check in Valence.
    @inlinable
    public static func leadByte(_ byte: UInt8) -> (continuations: Int, lower: UInt8, upper: UInt8)? {
        switch byte {
        case 0xC2...0xDF: (1, 0x80, 0xBF)
        case 0xE0: (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (2, 0x80, 0xBF)
        case 0xED: (2, 0x80, 0x9F)
        case 0xF0: (3, 0x90, 0xBF)
        case 0xF1...0xF3: (3, 0x80, 0xBF)
        case 0xF4: (3, 0x80, 0x8F)
        default: nil
        }
    }

    /// Whether `bytes` is entirely well-formed UTF-8.
    public static func isValid<Bytes: Collection>(_ bytes: Bytes) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        firstInvalidOffset(in: bytes) == nil
    }
}
