/// ICU's word segmentation (UAX #29 as ICU's root rules implement it) of text made only of ASCII and
/// the Latin-1 letters U+00C0–U+00FF (but × and ÷), without ICU: most documents of the Latin-script
/// languages, for which ICU's rule machine was a third of the per-document cost.
///
/// For these characters the rules reduce to:
/// - letters (A–Z, a–z, À–ÿ, and `@`, a letter to ICU), digits and `_` join one another (WB5, WB8–WB10, WB13a/b);
/// - `.` and `'` join two letters or two digits, `,` and `;` two digits (WB6/7, WB11/12); `:` joins
///   nothing (ICU drops it from MidLetter);
/// - spaces run together (WB3d), CR LF is one segment (WB3), anything else stands alone.
///
/// A segment's rule status follows ICU's tags: the rule that joined its last character decides
/// (200 after a letter, 100 after a digit, so `a1` and `a_1` are numbers and `1_a` a word; after `_`,
/// 100 when a digit comes before it, else 200), a lone `_` is 0.
/// `LatinWordBreakTests` compares every segment and status with ICU's, for every locale, on every
/// shared text this path accepts and on every short string over the characters the rules name.
enum LatinWordBreak {
    /// Byte classes.
    private static let other: UInt8 = 0, letter: UInt8 = 1, digit: UInt8 = 2, connector: UInt8 = 3
    private static let midLetterOrNumber: UInt8 = 4, midNumber: UInt8 = 5, space: UInt8 = 6
    private static let carriageReturn: UInt8 = 7, lineBreak: UInt8 = 8, latin1Lead: UInt8 = 9, unsupported: UInt8 = 10

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
        case 0xC3: latin1Lead
        case 0x80...: unsupported
        default: other
        }
    }

    /// Whether every scalar of `utf8` (valid UTF-8) is ASCII or a Latin-1 letter: the text this path
    /// segments. Eight ASCII bytes at a time.
    static func accepts(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(utf8.baseAddress) else { return true }
        let count = utf8.count
        var index = 0
        while index < count {
            if index &+ 8 <= count, base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index &+= 8
                continue
            }
            let byte = utf8[index]
            if byte < 0x80 { index &+= 1; continue }
            // C3 80–BF is U+00C0–U+00FF; × is C3 97, ÷ C3 B7.
            guard byte == 0xC3, index &+ 1 < count else { return false }
            let next = utf8[index &+ 1]
            guard next != 0x97, next != 0xB7 else { return false }
            index &+= 2
        }
        return true
    }

    /// Calls `body` with each segment (byte range, ICU rule status) of text that ``accepts(_:)``.
    static func forEachSegment(in utf8: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Int32) throws -> Void) rethrows {
        try classes.withUnsafeBufferPointer { classes in
            let count = utf8.count
            // The class of the character at `index` (a Latin-1 letter is a letter), or `other` past the end.
            @inline(__always) func kind(_ index: Int) -> UInt8 {
                guard index < count else { return other }
                let c = classes[Int(utf8[index])]
                return c == latin1Lead ? letter : c
            }
            @inline(__always) func width(_ index: Int) -> Int { utf8[index] == 0xC3 ? 2 : 1 }
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
                                  kind(index + 1) == last {
                            status = last == letter ? 200 : 100
                            index += 1
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
