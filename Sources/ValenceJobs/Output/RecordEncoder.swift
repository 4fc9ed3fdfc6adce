import ValenceCore

/// Writes the JSON Lines records of a sentiment job's `output` (spec §7.3, §7.4) straight into a
/// byte buffer, exactly as Comprehend's Python writer lays them out (`json.dumps` defaults:
/// `", "` and `": "`, non-ASCII escaped as `\uXXXX`, floats as `repr`):
///
///     {"File": "50_docs", "Line": 0, "Sentiment": "NEUTRAL", "SentimentScore": {"Mixed": 0.002734508365392685, "Negative": 0.008935936726629734, "Neutral": 0.9841893315315247, "Positive": 0.004140198230743408}}
///     {"File": "50_docs", "Line": 1, "ErrorCode": "DOCUMENT_SIZE_EXCEEDED", "ErrorMessage": "Document size is exceeded maximum size limit 5120 bytes."}
///
/// `Line` is present only for `ONE_DOC_PER_LINE` input (pass `nil` otherwise). Every record ends
/// with `"\n"`. One encoder per worker: it remembers the last file name's encoded form, so the
/// lines of one file pay for escaping the name once.
public struct RecordEncoder: Sendable {
    private var cachedFile: String?
    /// `{"File": "<escaped name>"` for `cachedFile`.
    private var filePrefix: [UInt8] = []

    public init() {}

    /// Appends a success record: `{"File": …, ["Line": …,] "Sentiment": …, "SentimentScore":
    /// {"Mixed": …, "Negative": …, "Neutral": …, "Positive": …}}` and a newline.
    public mutating func appendSuccess(
        file: String, line: Int?, sentiment: Sentiment, score: SentimentScore, to out: inout [UInt8]
    ) {
        appendFilePrefix(file, to: &out)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.scratchSize) { scratch in
            let count = Self.putSuccessTail(line: line, sentiment: sentiment, score: score, at: scratch.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<count]))
        }
    }

    /// Appends an error record: `{"File": …, ["Line": …,] "ErrorCode": …, "ErrorMessage": …}` and a
    /// newline.
    public mutating func appendError(file: String, line: Int?, error: DocumentError, to out: inout [UInt8]) {
        appendError(file: file, line: line, code: error.code, message: error.message, to: &out)
    }

    /// Appends an error record with any code and message.
    public mutating func appendError(file: String, line: Int?, code: String, message: String, to out: inout [UInt8]) {
        appendFilePrefix(file, to: &out)
        if let line {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.scratchSize) { scratch in
                let count = Self.putLineTail(line, at: scratch.baseAddress!)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<count]))
            }
        }
        Self.append(", \"ErrorCode\": ", to: &out)
        Self.appendString(code, to: &out)
        Self.append(", \"ErrorMessage\": ", to: &out)
        Self.appendString(message, to: &out)
        Self.append("}\n", to: &out)
    }

    // MARK: - Pieces

    private mutating func appendFilePrefix(_ file: String, to out: inout [UInt8]) {
        if file != cachedFile {
            filePrefix.removeAll(keepingCapacity: true)
            Self.append("{\"File\": ", to: &filePrefix)
            Self.appendString(file, to: &filePrefix)
            cachedFile = file
        }
        out.append(contentsOf: filePrefix)
    }

    /// Room for everything after the file name in a success record (about 270 bytes at most).
    private static let scratchSize = 320

    /// Everything after the file name in a success record; returns the byte count.
    @inline(__always)
    private static func putSuccessTail(
        line: Int?, sentiment: Sentiment, score: SentimentScore, at start: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var p = start
        if let line { p = put(line: line, at: p) }
        p = put(", \"Sentiment\": \"", at: p)
        p = put(label(sentiment), at: p)
        p = put("\", \"SentimentScore\": {\"Mixed\": ", at: p)
        p += Float32Repr.append(score.mixed, to: p)
        p = put(", \"Negative\": ", at: p)
        p += Float32Repr.append(score.negative, to: p)
        p = put(", \"Neutral\": ", at: p)
        p += Float32Repr.append(score.neutral, to: p)
        p = put(", \"Positive\": ", at: p)
        p += Float32Repr.append(score.positive, to: p)
        p = put("}}\n", at: p)
        return p - start
    }

    private static func putLineTail(_ line: Int, at start: UnsafeMutablePointer<UInt8>) -> Int {
        put(line: line, at: start) - start
    }

    private static func label(_ sentiment: Sentiment) -> StaticString {
        switch sentiment {
        case .positive: "POSITIVE"
        case .negative: "NEGATIVE"
        case .neutral: "NEUTRAL"
        case .mixed: "MIXED"
        }
    }

    @inline(__always)
    private static func put(_ text: StaticString, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        p.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return p + text.utf8CodeUnitCount
    }

    /// `, "Line": <decimal>`.
    @inline(__always)
    private static func put(line: Int, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var p = put(", \"Line\": ", at: start)
        if line < 0 {
            p[0] = 0x2D
            p += 1
        }
        // Digits are written right-aligned into 20 bytes, then moved down.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &digits) { raw -> Int in
            let end = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + 24
            let n = Float32Repr.writeDigits(UInt64(line.magnitude), endingAt: end)
            p.update(from: end - n, count: n)
            return n
        }
        return p + count
    }

    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A JSON string as Python's `json.dumps` writes it with `ensure_ascii=True`: `\"`, `\\`, `\n`,
    /// `\r`, `\t`, `\b`, `\f`, and `\u00XX` / `\uXXXX` (lowercase hex, UTF-16 surrogate pairs above
    /// U+FFFF) for other control characters, DEL and everything non-ASCII.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var isPlain = true
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x7F {
            isPlain = false
            break
        }
        if isPlain {
            out.append(contentsOf: text.utf8)
            out.append(0x22)
            return
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x08: out.append(0x5C); out.append(0x62)
            case 0x0C: out.append(0x5C); out.append(0x66)
            case 0x20 ..< 0x7F: out.append(UInt8(truncatingIfNeeded: value))
            case 0x10000...:
                let v = value - 0x10000
                appendEscape(0xD800 + (v >> 10), to: &out)
                appendEscape(0xDC00 + (v & 0x3FF), to: &out)
            default:
                appendEscape(value, to: &out)
            }
        }
        out.append(0x22)
    }

    private static func appendEscape(_ unit: UInt32, to out: inout [UInt8]) {
        let hex = "0123456789abcdef".utf8
        @inline(__always) func digit(_ shift: UInt32) -> UInt8 {
            hex[hex.index(hex.startIndex, offsetBy: Int((unit >> shift) & 0xF))]
        }
        out.append(contentsOf: [0x5C, 0x75, digit(12), digit(8), digit(4), digit(0)])
    }
}
