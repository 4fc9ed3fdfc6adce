internal import CICUShim

/// An ICU word-break iterator (UBRK_WORD) for one locale.
///
/// Not thread-safe: each thread that segments text owns its own breaker. The text is borrowed
/// only for the duration of one `segment` call.
public final class ICUWordBreaker {
    /// One segment between two ICU word boundaries.
    public struct Segment: Equatable, Sendable {
        /// Byte offsets into the UTF-8 text.
        public var range: Range<Int>
        /// ICU's rule status: 0 for spaces and punctuation, 100..<200 numbers, 200..<300 letters,
        /// 300..<400 kana, 400..<500 ideographs.
        public var ruleStatus: Int32

        public var isWordLike: Bool { ruleStatus >= 100 }
    }

    /// The version of the system ICU that Valence is linked against.
    public static var icuVersion: String { String(cString: vx_icu_version()) }

    private let handle: OpaquePointer
    private var buffer: [Int32]
    /// Whether text goes to ICU through a UTF-8 UText rather than converted to UTF-16 (the default,
    /// faster; ill-formed text takes the UText way anyway). For tests that compare the two.
    /// Whether zh, ja, ko, ar and hi text is cut by ICU's own iterator and dictionary engine rather
    /// than by the shim's reimplementation of them (the default: the same boundaries, found faster;
    /// see `Sources/CICUShim/cjk.cpp`). For tests that compare the two. Both choices are the `flags`
    /// of every `vx_wordbreaker_segment` call.
    private let flags: Int32

    /// Opens a breaker for an ICU locale identifier such as `"en"`, `"ja"` or `"zh_Hant"`.
    public convenience init(locale: String) throws(TextError) {
        try self.init(locale: locale, readsUTF8Text: false)
    }

    /// A breaker that may be told to leave zh, ja, ko, ar and hi text to ICU's own iterator and
    /// dictionary engine (`usesICUDictionary: true`): for comparisons, the boundaries are the same.
    public convenience init(locale: String, usesICUDictionary: Bool) throws(TextError) {
        try self.init(locale: locale, readsUTF8Text: false, usesICUDictionary: usesICUDictionary)
    }

    init(locale: String, readsUTF8Text: Bool, usesICUDictionary: Bool = false) throws(TextError) {
        flags = (readsUTF8Text ? VX_SEGMENT_UTF8_TEXT : 0) | (usesICUDictionary ? VX_SEGMENT_ICU_DICTIONARY : 0)
        var status: Int32 = 0
        guard let handle = vx_wordbreaker_open(locale, &status) else {
            throw TextError(code: .icuFailure, message: "ICU could not open a word-break iterator for locale '\(locale)' (status \(status))")
        }
        self.handle = handle
        self.buffer = [Int32](repeating: 0, count: 3 * 256)
    }

    /// How many texts were cut without ICU's iterator (zh, ja, ko, ar, hi; for tests).
    var textsCutWithoutICUDictionary: Int { Int(vx_wordbreaker_dictionary_texts(handle)) }

    deinit {
        vx_wordbreaker_close(handle)
    }

    /// Splits UTF-8 text at ICU word boundaries, calling `body` for each segment in order.
    public func forEachSegment(
        in utf8: UnsafeBufferPointer<UInt8>,
        _ body: (Segment) throws -> Void
    ) throws {
        guard utf8.count < Int(Int32.max) else {
            throw TextError(code: .tooLarge, message: "text of \(utf8.count) bytes is too large to segment")
        }
        var count = try fill(utf8)
        if count > buffer.count / 3 {
            buffer = [Int32](repeating: 0, count: 3 * count)
            count = try fill(utf8)
        }
        for index in 0..<count {
            let segment = Segment(
                range: Int(buffer[3 * index])..<Int(buffer[3 * index + 1]),
                ruleStatus: buffer[3 * index + 2]
            )
            try body(segment)
        }
    }

    /// All segments of `text`, in order.
    public func segments(of text: String) throws -> [Segment] {
        var copy = text
        return try copy.withUTF8 { utf8 in
            var result: [Segment] = []
            try forEachSegment(in: utf8) { result.append($0) }
            return result
        }
    }

    private func fill(_ utf8: UnsafeBufferPointer<UInt8>) throws(TextError) -> Int {
        var status: Int32 = 0
        let capacity = Int32(buffer.count / 3)
        let count = utf8.withMemoryRebound(to: CChar.self) { chars in
            buffer.withUnsafeMutableBufferPointer { out in
                vx_wordbreaker_segment(handle, chars.baseAddress, Int32(chars.count), out.baseAddress, capacity, flags, &status)
            }
        }
        guard count >= 0 else {
            throw TextError(code: .icuFailure, message: "ICU word break failed (status \(status))")
        }
        return Int(count)
    }
}
