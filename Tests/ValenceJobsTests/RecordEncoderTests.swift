import Foundation
import Testing
import ValenceCore
@testable import ValenceJobs
import ValenceTestSupport

@Suite struct RecordEncoderTests {
    static func success(_ file: String, _ line: Int?, _ sentiment: Sentiment,
                        mixed: Float, negative: Float, neutral: Float, positive: Float) -> String {
        var encoder = RecordEncoder()
        var out: [UInt8] = []
        encoder.appendSuccess(file: file, line: line, sentiment: sentiment,
                              score: SentimentScore(positive: positive, negative: negative, neutral: neutral, mixed: mixed),
                              to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func error(_ file: String, _ line: Int?, _ error: DocumentError) -> String {
        var encoder = RecordEncoder()
        var out: [UInt8] = []
        encoder.appendError(file: file, line: line, error: error, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("§13 #28: the ONE_DOC_PER_LINE success records of the developer guide, byte for byte")
    func item28PerLineSuccessRecords() {
        #expect(Self.success("50_docs", 0, .neutral, mixed: 0.002734508365392685, negative: 0.008935936726629734,
                             neutral: 0.9841893315315247, positive: 0.004140198230743408)
            == #"{"File": "50_docs", "Line": 0, "Sentiment": "NEUTRAL", "SentimentScore": {"Mixed": 0.002734508365392685, "Negative": 0.008935936726629734, "Neutral": 0.9841893315315247, "Positive": 0.004140198230743408}}"# + "\n")
        #expect(Self.success("50_docs", 2, .neutral, mixed: 0.0023119584657251835, negative: 0.0029857370536774397,
                             neutral: 0.9866572022438049, positive: 0.008045154623687267)
            == #"{"File": "50_docs", "Line": 2, "Sentiment": "NEUTRAL", "SentimentScore": {"Mixed": 0.0023119584657251835, "Negative": 0.0029857370536774397, "Neutral": 0.9866572022438049, "Positive": 0.008045154623687267}}"# + "\n")
        // §14.6, with exponent-form scores.
        #expect(Self.success("reviews.txt", 1, .positive, mixed: 8.718466233403888e-06, negative: 6.134175055194646e-05,
                             neutral: 0.0002941041602753103, positive: 0.9996358156204224)
            == #"{"File": "reviews.txt", "Line": 1, "Sentiment": "POSITIVE", "SentimentScore": {"Mixed": 8.718466233403888e-06, "Negative": 6.134175055194646e-05, "Neutral": 0.0002941041602753103, "Positive": 0.9996358156204224}}"# + "\n")
        #expect(Self.success("reviews.txt", 0, .mixed, mixed: 0.6591159105300903, negative: 0.26492202281951904,
                             neutral: 0.035430654883384705, positive: 0.04053137078881264)
            == #"{"File": "reviews.txt", "Line": 0, "Sentiment": "MIXED", "SentimentScore": {"Mixed": 0.6591159105300903, "Negative": 0.26492202281951904, "Neutral": 0.035430654883384705, "Positive": 0.04053137078881264}}"# + "\n")
    }

    @Test("§13 #26, #28: ONE_DOC_PER_FILE records have no Line key")
    func item28PerFileSuccessRecord() {
        #expect(Self.success("small_doc", nil, .neutral, mixed: 0.0023450672160834074, negative: 0.0009663937962614,
                             neutral: 0.9795311689376831, positive: 0.017157377675175667)
            == #"{"File": "small_doc", "Sentiment": "NEUTRAL", "SentimentScore": {"Mixed": 0.0023450672160834074, "Negative": 0.0009663937962614, "Neutral": 0.9795311689376831, "Positive": 0.017157377675175667}}"# + "\n")
        #expect(Self.success("n", nil, .negative, mixed: 0, negative: 1, neutral: 0, positive: 0)
            == #"{"File": "n", "Sentiment": "NEGATIVE", "SentimentScore": {"Mixed": 0.0, "Negative": 1.0, "Neutral": 0.0, "Positive": 0.0}}"# + "\n")
    }

    @Test("§13 #29: DOCUMENT_SIZE_EXCEEDED error record")
    func item29DocumentSizeExceeded() {
        #expect(Self.error("50_docs", 1, .documentSizeExceeded)
            == #"{"File": "50_docs", "Line": 1, "ErrorCode": "DOCUMENT_SIZE_EXCEEDED", "ErrorMessage": "Document size is exceeded maximum size limit 5120 bytes."}"# + "\n")
        // ONE_DOC_PER_FILE (no Line) has AWS's other wording; a per-file record never has the per-line one.
        #expect(Self.error("huge_doc", nil, .documentSizeExceededPerFileWording)
            == #"{"File": "huge_doc", "ErrorCode": "DOCUMENT_SIZE_EXCEEDED", "ErrorMessage": "Document size is exceeds the limit of 5120 bytes."}"# + "\n")
        #expect(DocumentError.maximumDocumentBytes == 5120)
    }

    @Test("§13 #30: UNSUPPORTED_ENCODING error record")
    func item30UnsupportedEncoding() {
        #expect(Self.error("logs/app.txt", 41, .unsupportedEncoding)
            == #"{"File": "logs/app.txt", "Line": 41, "ErrorCode": "UNSUPPORTED_ENCODING", "ErrorMessage": "Document is not in UTF-8 format and all subsequent lines are ignored."}"# + "\n")
        #expect(Self.error("scan.bin", nil, .unsupportedEncodingPerFileWording)
            == #"{"File": "scan.bin", "ErrorCode": "UNSUPPORTED_ENCODING", "ErrorMessage": "Document is not in UTF-8 format and all subsequent line are ignored."}"# + "\n")
    }

    @Test("File names are escaped as Python's json.dumps does with ensure_ascii")
    func fileNameEscaping() {
        let cases: [(String, String)] = [
            ("données/été.txt", #""donn\u00e9es/\u00e9t\u00e9.txt""#),
            ("日本語", #""\u65e5\u672c\u8a9e""#),
            ("smile 😀", #""smile \ud83d\ude00""#),
            ("q\"b\\s/", #""q\"b\\s/""#),
            ("tab\tnl\ncr\rbs\u{08}ff\u{0C}", #""tab\tnl\ncr\rbs\bff\f""#),
            ("ctl\u{01}\u{1F}del\u{7F}", #""ctl\u0001\u001fdel\u007f""#),
            ("nbsp\u{A0}ls\u{2028}", #""nbsp\u00a0ls\u2028""#),
        ]
        for (name, escaped) in cases {
            #expect(Self.error(name, nil, DocumentError(code: "C", message: "m"))
                == "{\"File\": \(escaped), \"ErrorCode\": \"C\", \"ErrorMessage\": \"m\"}\n", "\(name)")
        }
    }

    /// The reference: the same record built as a JSONValue and written by ValenceCore's
    /// Python-style serializer.
    static func reference(_ file: String, _ line: Int?, _ sentiment: Sentiment, _ score: SentimentScore) -> String {
        var members: [(String, JSONValue)] = [("File", .string(file))]
        if let line { members.append(("Line", .int(line))) }
        members.append(("Sentiment", .string(sentiment.rawValue)))
        members.append(("SentimentScore", .object([
            ("Mixed", .float(Double(score.mixed))),
            ("Negative", .float(Double(score.negative))),
            ("Neutral", .float(Double(score.neutral))),
            ("Positive", .float(Double(score.positive))),
        ])))
        return JSONValue.object(members).serialized(.record) + "\n"
    }

    static func randomScore(_ generator: inout some RandomNumberGenerator) -> SentimentScore {
        // Softmax-like: one large class, the others spread over many magnitudes.
        func small() -> Float { Float(pow(10, Double.random(in: -12...0, using: &generator))) }
        let a = small(), b = small(), c = small()
        return SentimentScore(positive: 1 - (a + b + c) / 3, negative: a / 3, neutral: b / 3, mixed: c / 3)
    }

    static let names = ["doc.txt", "a/b/c.txt", "données/été.txt", "😀.txt", "q\"uote", "back\\slash", "日本語/レビュー.csv", ""]

    @Test("Success and error records equal JSONValue's Python-style serialization, byte for byte")
    func agreesWithJSONValueSerializer() {
        var generator = SystemRandomNumberGenerator()
        var encoder = RecordEncoder()       // one encoder for all, so the file-name cache is exercised
        for index in 0 ..< 5000 {
            let file = Self.names[index % Self.names.count] + (index % 3 == 0 ? "" : String(index / 7))
            let line: Int? = index % 4 == 0 ? nil : Int.random(in: 0 ... 1_000_000, using: &generator)
            var out: [UInt8] = [0x41]        // appends after what is already there
            if index % 10 == 9 {
                // The error record a job writes: the per-file wording when there is no Line.
                let error: DocumentError = line == nil ? .unsupportedEncodingPerFileWording : .unsupportedEncoding
                encoder.appendError(file: file, line: line, error: error, to: &out)
                var members: [(String, JSONValue)] = [("File", .string(file))]
                if let line { members.append(("Line", .int(line))) }
                members += [("ErrorCode", .string("UNSUPPORTED_ENCODING")),
                            ("ErrorMessage", .string(error.message))]
                #expect(String(decoding: out, as: UTF8.self) == "A" + JSONValue.object(members).serialized(.record) + "\n")
            } else {
                let score = Self.randomScore(&generator)
                let sentiment = Sentiment.allCases.randomElement(using: &generator)!
                encoder.appendSuccess(file: file, line: line, sentiment: sentiment, score: score, to: &out)
                #expect(String(decoding: out, as: UTF8.self) == "A" + Self.reference(file, line, sentiment, score))
            }
        }
    }

    @Test("Scores print as PythonFloat.repr of the float32 value widened to double (spec §1.6)")
    func scoresMatchPythonFloatRepr() {
        var values: [Float] = [
            0, 1, 0.5, 0.25, 0.1, 0.2, 0.3, 1e-4, 9.999999e-5, 1.0001e-4, 0x1p-43, 0x1.fffffep-44,
            0x1p-42, 0x1.000002p-43, 1e-13, 1e-20, 1e-38, Float.leastNonzeroMagnitude,
            Float.leastNormalMagnitude, 0.99999994, 0.9999999, 0x1p-1, 0x1p-2, 0x1p-10, 0x1p-20,
            Float(bitPattern: 0x3F7F_FFFF), 2, 123456, 1e10, 1e16, 3e38, -0.0, -0.5, .nan, .infinity,
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 200_000 {
            values.append(Float(bitPattern: UInt32.random(in: 0x2A00_0000 ... 0x3F80_0000, using: &generator)))
        }
        var mismatches: [String] = []
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            for value in values {
                let count = Float32Repr.append(value, to: buffer.baseAddress!)
                let fast = String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
                let reference = PythonFloat.repr(Double(value))
                if fast != reference && mismatches.count < 10 { mismatches.append("\(value.bitPattern): \(fast) vs \(reference)") }
            }
        }
        #expect(mismatches.isEmpty)
    }

    @Test("Eight digits at once: every value below 10^8 at every 64th, and every value near a power of ten or a lane's edge")
    func eightDigitsInLanes() {
        var values = Array(stride(from: UInt64(0), to: 100_000_000, by: 64)) + Array(0 ..< 20_000)
        for power in [UInt64(10), 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000] {
            values += (power - min(power, 300) ..< min(power + 300, 100_000_000)).map { $0 }
        }
        var mismatches: [UInt64] = []
        for value in values {
            var word = Float32Repr.eightDigits(value).littleEndian
            let text = withUnsafeBytes(of: &word) { String(decoding: $0, as: UTF8.self) }
            let decimal = String(value)
            if text != String(repeating: "0", count: 8 - decimal.count) + decimal && mismatches.count < 10 { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("§13 #28: CPython parses every record and writes it back identically; scores are float32")
    func pythonWritesTheSameBytes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var generator = SystemRandomNumberGenerator()
        var encoder = RecordEncoder()
        var out: [UInt8] = []
        for index in 0 ..< 3000 {
            let file = Self.names[index % Self.names.count] + String(index % 5)
            let line: Int? = index % 2 == 0 ? index : nil
            if index % 50 == 0 {
                encoder.appendError(file: file, line: line, error: .documentSizeExceeded, to: &out)
            } else {
                encoder.appendSuccess(file: file, line: line, sentiment: .allCases[index % 4],
                                      score: Self.randomScore(&generator), to: &out)
            }
        }
        let path = directory.path("records.jsonl")
        try Data(out).write(to: URL(fileURLWithPath: path))
        let script = """
            import json, struct, sys
            lines = open(sys.argv[1], 'rb').read().split(b'\\n')
            assert lines[-1] == b'', 'no final newline'
            for raw in lines[:-1]:
                record = json.loads(raw)
                again = json.dumps(record).encode('ascii')
                assert again == raw, (raw, again)
                assert list(record)[:1] == ['File'], raw
                for value in record.get('SentimentScore', {}).values():
                    assert struct.unpack('f', struct.pack('f', value))[0] == value, value
            print(len(lines) - 1)
            """
        let run = try ToolRun.python(script, [path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "3000\n")
    }
}
