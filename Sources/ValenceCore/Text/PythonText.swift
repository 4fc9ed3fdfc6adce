/// Python `str` semantics that VADER's tokenisation depends on.
enum PythonText {
    /// `str.isspace()` for one scalar: Unicode White_Space plus the ASCII separators 0x1C–0x1F.
    @inline(__always)
    static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// ``isSpace(_:)`` for an ASCII byte: 0x09...0x0D, 0x1C...0x1F and 0x20, as bits of one word.
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte <= 0x20 && (0x1_F000_3E00 as UInt64) &>> UInt64(byte) & 1 != 0
    }

    /// ASCII punctuation, Python's `string.punctuation` (0x21...0x2F, 0x3A...0x40, 0x5B...0x60,
    /// 0x7B...0x7E), as bits of two words: bytes below 0x40 and the rest below 0x80.
    @inline(__always)
    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        let bits: UInt64 = byte < 0x40 ? 0xFC00_FFFE_0000_0000 : 0x7800_0001_F800_0001
        return byte < 0x80 && bits &>> UInt64(byte & 0x3F) & 1 != 0
    }

    /// `str.isupper()`: no lowercase or titlecase character and at least one uppercase one.
    static func isUpper(_ text: Substring) -> Bool {
        var hasCased = false
        var isASCII = true
        for byte in text.utf8 {
            if byte >= 0x80 { isASCII = false; break }
            if byte >= 0x61 && byte <= 0x7A { return false }
            if byte >= 0x41 && byte <= 0x5A { hasCased = true }
        }
        if isASCII { return hasCased }
        hasCased = false
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isLowercase || properties.generalCategory == .titlecaseLetter { return false }
            if properties.isUppercase { hasCased = true }
        }
        return hasCased
    }

    /// `str.lower()` of valid UTF-8 appended to `out`, as `String.lowercased()` gives it (each
    /// scalar's lowercase mapping; Python's contextual final sigma is not applied), from a table when
    /// it can (``appendLowercasedFromTable(_:to:)``).
    static func appendLowercased(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let start = out.count
        if appendLowercasedFromTable(bytes, to: &out) { return }
        out.removeSubrange(start...)
        out.append(contentsOf: String(decoding: bytes, as: UTF8.self).lowercased().utf8)
    }

    /// ``appendLowercased(_:to:)`` without building a string, for words whose scalars
    /// are below U+0800 or in General Punctuation (U+2000–U+206F: “ ” ’ …, none of them cased).
    /// False, with some bytes appended, for any other word (``appendLowercased(_:to:)`` then takes
    /// `String.lowercased()`).
    static func appendLowercasedFromTable(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                out.append(lead | (lead &- 0x41 < 26 ? 0x20 : 0))
                index += 1
            } else if lead < 0xE0 {
                let value = Int(lead & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
                let lowered = lowercase[value]
                guard lowered != 0 else { return false }
                out.append(0xC0 | UInt8(truncatingIfNeeded: lowered >> 6))
                out.append(0x80 | UInt8(truncatingIfNeeded: lowered & 0x3F))
                index += 2
            } else if lead == 0xE2 && bytes[index + 1] &- 0x80 < 2 {
                // E2 80 80 – E2 81 BF: U+2000–U+207F; U+2070 on (superscripts) may not be uncased.
                guard bytes[index + 1] == 0x80 || bytes[index + 2] < 0xB0 else { return false }
                out.append(lead)
                out.append(bytes[index + 1])
                out.append(bytes[index + 2])
                index += 3
            } else {
                return false
            }
        }
        return true
    }

    /// `lowercase[v]` for the two-byte scalars v (U+0080–U+07FF): the scalar `str.lower()` maps v to
    /// when that is one two-byte scalar, else 0 (İ U+0130 becomes two scalars).
    static let lowercase: [UInt16] = (0..<0x800).map { value -> UInt16 in
        guard value >= 0x80, let scalar = Unicode.Scalar(UInt32(value)) else { return 0 }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        guard mapping.count == 1, let lowered = mapping.first, (0x80..<0x800).contains(lowered.value) else { return 0 }
        return UInt16(lowered.value)
    }

    /// VADER's `_strip_punc_if_word`: strip ASCII punctuation from both ends, unless two or
    /// fewer characters would remain (then the token is likely an emoticon and stays whole).
    static func stripPunctuationIfWord(_ token: Substring) -> Substring {
        let utf8 = token.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isASCIIPunctuation(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isASCIIPunctuation(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        let stripped = token[start..<end]
        var count = 0
        for _ in stripped.unicodeScalars {
            count += 1
            if count > 2 { return stripped }
        }
        return token
    }
}
