import Foundation
import ValenceCore

extension LabelledDocuments {
    /// Reads a labelled JSON Lines file (`{"text", "label"}` a line; blank lines skipped, CRLF
    /// accepted). Every line must be valid UTF-8 JSON with a string `text` and one of the four
    /// labels; the file must hold at least one document.
    public static func read(path: String) throws(PackFileError) -> LabelledDocuments {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PackFileError(message: "cannot read \(path)")
        }
        var texts: [String] = []
        var labels: [Sentiment] = []
        var number = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let bytes = line.last == 0x0D ? line.dropLast() : line[...]
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let place = "\(path) line \(number)"
            guard UTF8Validation.isValid(Array(bytes)) else { throw PackFileError(message: "\(place): invalid UTF-8") }
            guard let value = try? JSONValue.parse(String(decoding: bytes, as: UTF8.self)),
                  let text = value["text"]?.stringValue, let label = value["label"]?.stringValue,
                  let sentiment = Sentiment(label: label)
            else {
                throw PackFileError(message: "\(place): expected {\"text\": ..., \"label\": POSITIVE|NEGATIVE|NEUTRAL|MIXED}")
            }
            texts.append(text)
            labels.append(sentiment)
        }
        guard !texts.isEmpty else { throw PackFileError(message: "\(path): no documents") }
        return LabelledDocuments(
            name: URL(fileURLWithPath: path).lastPathComponent, texts: texts, labels: labels,
            fingerprint: LexiconLearner.fingerprint(data))
    }
}
