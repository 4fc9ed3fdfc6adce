/// UTF-8 validation that reports where a byte sequence stops being valid.
public enum UTF8Validation {
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
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index - bytes.startIndex
            }
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

    /// Whether `bytes` is entirely well-formed UTF-8.
    public static func isValid<Bytes: Collection>(_ bytes: Bytes) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        firstInvalidOffset(in: bytes) == nil
    }
}
