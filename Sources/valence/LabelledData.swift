import Foundation
import ValenceCore

/// A labelled JSON Lines file (`{"text", "label"}` a line), as the train and dev sets are written.
struct LabelledData {
    var texts: [String] = []
    var labels: [Sentiment] = []
    /// FNV-1a 64 of the file's bytes.
    var fingerprint = ""
    var name: String

    init(path: String) throws {
        name = URL(fileURLWithPath: path).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(status: 1, message: "valence: error: cannot read \(path)")
        }
        fingerprint = LexiconLearner.fingerprint(data)
        var number = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let bytes = line.last == 0x0D ? line.dropLast() : line[...]
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let place = "\(path) line \(number)"
            guard UTF8Validation.isValid(Array(bytes)) else { throw CLIFailure(status: 1, message: "valence: error: \(place): invalid UTF-8") }
            guard let value = try? JSONValue.parse(String(decoding: bytes, as: UTF8.self)),
                  let text = value["text"]?.stringValue, let label = value["label"]?.stringValue,
                  let sentiment = Sentiment(label: label)
            else {
                throw CLIFailure(status: 1, message: "valence: error: \(place): expected {\"text\": ..., \"label\": POSITIVE|NEGATIVE|NEUTRAL|MIXED}")
            }
            texts.append(text)
            labels.append(sentiment)
        }
        guard !texts.isEmpty else { throw CLIFailure(status: 1, message: "valence: error: \(path): no documents") }
    }
}

extension LexiconPack {
    /// Loads a pack for the CLI, turning a pack error into exit status 1.
    static func loadForCLI(_ directory: String) throws -> LexiconPack {
        do { return try LexiconPack.load(from: directory) } catch {
            throw CLIFailure(status: 1, message: "valence: error: \(error)")
        }
    }

    /// The pack's learning corpus for `data`: units from a session of the pack without its learned
    /// units or calibration (the learner must not see its own output).
    func learningCorpus(_ data: LabelledData) throws -> LearningCorpus {
        var bare = self
        bare.learned = nil
        bare.calibration = nil
        let session = try SentimentAnalyzer(pack: bare).makeSession()
        var corpus = LearningCorpus()
        for (text, label) in zip(data.texts, data.labels) { corpus.add(text, label: label, session: session) }
        return corpus
    }
}
