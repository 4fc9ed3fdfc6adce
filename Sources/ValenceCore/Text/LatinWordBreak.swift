/// ICU's word segmentation (UAX #29 as ICU's root rules implement it) of text made only of ASCII, the
/// Latin-1 letters U+00C0–U+00FF (but × and ÷) and a few common punctuation marks (listed at
/// ``nonASCII(_:at:)``), without ICU: most documents of the Latin-script languages, for which ICU's
/// rule machine was a third of the per-document cost.
///
/// For these characters the rules reduce to:
/// - letters (A–Z, a–z, À–ÿ, and `@`, a letter to ICU), digits and `_` join one another (WB5,
///   WB8–WB10, WB13a/b);
/// - `.`, `'`, `‘` and `’` join two letters or two digits, `,` and `;` two digits (WB6/7, WB11/12);
///   `:` joins nothing (ICU drops it from MidLetter);
/// - spaces run together (WB3d), CR LF is one segment (WB3), anything else stands alone.
///
/// A segment's rule status follows ICU's tags: the rule that joined its last character decides
/// (200 after a letter, 100 after a digit, so `a1` and `a_1` are numbers and `1_a` a word; after `_`,
/// 100 when a digit comes before it, else 200), a lone `_` is 0.
/// `LatinWordBreakTests` compares every segment and status with ICU's, for every locale, on every
/// string of up to three characters over the characters the rules name, on random longer strings,
/// and on every shared text this path accepts.
enum LatinWordBreak {
    /// Character classes.
    static let other: UInt8 = 0, letter: UInt8 = 1, digit: UInt8 = 2, connector: UInt8 = 3
    static let midLetterOrNumber: UInt8 = 4, midNumber: UInt8 = 5, space: UInt8 = 6
    static let carriageReturn: UInt8 = 7, lineBreak: UInt8 = 8, unsupported: UInt8 = 9

    /// The class of each ASCII byte (`unsupported` from 0x80: see ``nonASCII(_:at:)``).
    private static let classes: [UInt8] = (0..<256).map { byte -> UInt8 in
        switch byte {
        case 0x40...0x5A, 0x61...0x7A: letter   // ICU counts `@` among the letters
        case 0x30...0x39: digit
        case 0x5F: connector
        case 0x2E, 0x27: midLetterOrNumber
        case 0x2C, 0x3B: midNumber
        case 0x20: space
        case 0x0D: carriageReturn
        case 0x0A, 0x0B, 0x0C: lineBreak
        case 0x80...: unsupported
        default: other
        }
    }

    /// The class and byte length of the non-ASCII scalar at `index` of valid UTF-8: a Latin-1 letter,
    /// `‘` or `’` (which join as `'` does), or one of ¡ « ° ´ » ¿ – — “ ” „ … € (none of them joins
    /// anything, none is an emoji); `unsupported` for any other.
    @inline(__always)
    static func nonASCII(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt8, Int) {
        let lead = utf8[index]
        if lead == 0xC3 {
            // C3 80–BF is U+00C0–U+00FF; × is C3 97, ÷ C3 B7.
            let next = utf8[index &+ 1]
            return (next == 0x97 || next == 0xB7 ? unsupported : letter, 2)
        }
        if lead == 0xC2 {
            switch utf8[index &+ 1] {
            case 0xA1, 0xAB, 0xB0, 0xB4, 0xBB, 0xBF: return (other, 2)   // ¡ « ° ´ » ¿
            default: return (unsupported, 2)
            }
        }
        if lead == 0xE2 {
            let second = utf8[index &+ 1], third = utf8[index &+ 2]
            if second == 0x80 {
                switch third {
                case 0x98, 0x99: return (midLetterOrNumber, 3)                    // ‘ ’
                case 0x93, 0x94, 0x9C, 0x9D, 0x9E, 0xA6: return (other, 3)        // – — “ ” „ …
                default: return (unsupported, 3)
                }
            }
            if second == 0x82 && third == 0xAC { return (other, 3) }                // €
        }
        return (unsupported, 1)
    }

    /// Whether every scalar of `utf8` (valid UTF-8) is one this path segments. Eight ASCII bytes at a time.
    static func accepts(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(utf8.baseAddress) else { return true }
        let count = utf8.count
        var index = 0
        while index < count {
            if index &+ 8 <= count, base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index &+= 8
                continue
            }
            if utf8[index] < 0x80 { index &+= 1; continue }
            let (kind, width) = nonASCII(utf8, at: index)
            if kind == unsupported { return false }
            index &+= width
        }
        return true
    }

    /// Calls `body` with each segment (byte range, ICU rule status) of text that ``accepts(_:)``.
    static func forEachSegment(in utf8: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Int32) throws -> Void) rethrows {
        try classes.withUnsafeBufferPointer { classes in
            let count = utf8.count
            // The class of the character at `index`, or `other` past the end; its byte length.
            @inline(__always) func kind(_ index: Int) -> UInt8 {
                guard index < count else { return other }
                let byte = utf8[index]
                return byte < 0x80 ? classes[Int(byte)] : nonASCII(utf8, at: index).0
            }
            @inline(__always) func width(_ index: Int) -> Int { utf8[index] < 0x80 ? 1 : nonASCII(utf8, at: index).1 }
            var index = 0
            while index < count {
                let start = index
                let first = kind(index)
                index += width(index)
                switch first {
                case letter, digit, connector:
                    // `last` is the class of the segment's last character; `status` the tag of the
                    // rule that joined it.
                    var last = first
                    var status: Int32 = first == letter ? 200 : first == digit ? 100 : 0
                    while index < count {
                        let next = kind(index)
                        if next == letter || next == digit || next == connector {
                            if next == letter {
                                status = 200
                            } else if next == digit {
                                status = 100
                            } else {
                                status = last == digit ? 100 : 200
                            }
                            last = next
                            index += width(index)
                        } else if (next == midLetterOrNumber && (last == letter || last == digit)) || (next == midNumber && last == digit),
                                  kind(index + width(index)) == last {
                            status = last == letter ? 200 : 100
                            index += width(index)
                            index += width(index)
                        } else {
                            break
                        }
                    }
                    try body(start..<index, status)
                case space:
                    while index < count && utf8[index] == 0x20 { index += 1 }
                    try body(start..<index, 0)
                case carriageReturn:
                    if index < count && utf8[index] == 0x0A { index += 1 }
                    try body(start..<index, 0)
                default:
                    try body(start..<index, 0)
                }
            }
        }
    }
}
