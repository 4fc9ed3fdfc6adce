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

    /// ``isSpace(_:)`` for an ASCII byte.
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte)
    }

    /// ASCII punctuation, Python's `string.punctuation`.
    @inline(__always)
    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
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

    /// `str.lower()` appended to `out` as UTF-8.
    static func appendLowercased(_ text: Substring, to out: inout [UInt8]) {
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 { isASCII = false; break }
        if isASCII {
            for byte in text.utf8 { out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        } else {
            out.append(contentsOf: text.lowercased().utf8)
        }
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
