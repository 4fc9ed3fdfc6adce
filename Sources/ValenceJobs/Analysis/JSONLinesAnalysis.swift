import ValenceCore

/// `valence analyze`: scores JSON Lines documents (`{"id", "text", ...}` a line) with one session,
/// one output record a line, in input order. Blank lines are skipped; a line that is not UTF-8,
/// not JSON, or has no string `text` stops the run with an error naming it, after every record
/// before it was written (to standard output, or as `<output>.partial`).
public struct JSONLinesAnalysis {
    public let session: SentimentAnalyzer.Session
    /// Add each token's contribution to the records.
    public var explain: Bool

    public init(session: SentimentAnalyzer.Session, explain: Bool = false) {
        self.session = session
        self.explain = explain
    }

    /// Scores `input` (standard input for nil or "-") into `output` (standard output for nil or "-").
    public func run(input: String?, output: String?) throws {
        let reader: LineReader
        do { reader = try LineReader(path: input) } catch {
            throw AnalysisError(message: "cannot read \(error.localizedDescription)")
        }
        let sink = try AnalysisOutput(path: output)
        do {
            try score(reader, inputName: input ?? "<stdin>", into: sink)
        } catch {
            try? sink.abandon()
            throw error
        }
        try sink.close()
    }

    private func score(_ reader: LineReader, inputName: String, into sink: AnalysisOutput) throws {
        while let line = try reader.nextLine() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let place = "\(inputName) line \(reader.lineNumber)"
            if let offset = UTF8Validation.firstInvalidOffset(in: Array(line)) {
                throw AnalysisError(message: "\(place): invalid UTF-8 at byte \(offset + 1) of the line")
            }
            let value: JSONValue
            do { value = try JSONValue.parse(String(decoding: line, as: UTF8.self)) } catch {
                throw AnalysisError(message: "\(place): not valid JSON (\(error))")
            }
            guard let text = value["text"]?.stringValue else {
                throw AnalysisError(message: "\(place): expected an object with a string member \"text\"")
            }
            try sink.write(session.analyze(text, explain: explain).record(id: value["id"] ?? .null).serialized(.line) + "\n")
        }
    }
}
