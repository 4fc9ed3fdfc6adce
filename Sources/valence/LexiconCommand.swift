import ArgumentParser
import Foundation
import ValenceCore

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Checks and calibrates lexicon packs.",
        subcommands: [Check.self, Calibrate.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validates a pack directory: every file, every line.")

        @Argument(help: "The pack directory, e.g. Lexicons/en.")
        var pack: String

        func run() throws {
            let loaded: LexiconPack
            do { loaded = try LexiconPack.load(from: pack) } catch {
                throw CLIFailure(status: 1, message: "valence: error: \(error)")
            }
            var problems: [String] = []
            for file in ["SOURCE", "LICENSE"] where !FileManager.default.fileExists(atPath: "\(pack)/\(file)") {
                problems.append("\(pack)/\(file): missing")
            }
            var seen: [String: Int] = [:]
            var duplicates = 0
            for entry in loaded.entries {
                seen[entry.key, default: 0] += 1
                if seen[entry.key] == 2 { duplicates += 1 }
            }
            if loaded.calibration == nil { problems.append("\(pack)/calibration.txt: missing (run `valence lexicon calibrate`)") }
            let compiled = CompiledLexicon(pack: loaded)
            if !problems.isEmpty {
                throw CLIFailure(status: 1, message: problems.map { "valence: error: \($0)" }.joined(separator: "\n"))
            }
            let rules = loaded.rules
            print("""
                \(pack): OK
                  language       \(loaded.language.rawValue) (tokenizer: \(rules.tokenizer.rawValue))
                  lexicon words  \(compiled.wordCount)\(duplicates > 0 ? " (\(duplicates) keys repeated; the last value wins)" : "")
                  emoji          \(loaded.emoji.count)
                  negators       \(rules.negators.count)
                  boosters       \(rules.boosters.filter { $0.increment > 0 }.count) boosters, \(rules.boosters.filter { $0.increment < 0 }.count) dampeners
                  contrast       \(rules.contrast.joined(separator: ", "))
                  idioms         \(rules.idioms.count)
                  calibration    \(loaded.calibration?.provenance.first ?? "none")
                """)
        }
    }

    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fits the pack's four-class softmax on labelled JSON Lines ({\"text\", \"label\"}) and writes calibration.txt."
        )

        @Argument(help: "The pack directory, e.g. Lexicons/en.")
        var pack: String

        @Option(help: "Labelled training documents, one JSON object a line with \"text\" and \"label\".")
        var train: String

        func run() throws {
            var loaded: LexiconPack
            do { loaded = try LexiconPack.load(from: pack) } catch {
                throw CLIFailure(status: 1, message: "valence: error: \(error)")
            }
            loaded.calibration = nil
            let session = try SentimentAnalyzer(pack: loaded).makeSession()
            let reader: LineReader
            do { reader = try LineReader(path: train) } catch {
                throw CLIFailure(status: 1, message: "valence: error: cannot read \(error.localizedDescription)")
            }
            var features: [[Double]] = []
            var labels: [Sentiment] = []
            while let line = try reader.nextLine() {
                if line.isEmpty { continue }
                let place = "\(train) line \(reader.lineNumber)"
                guard UTF8Validation.isValid(Array(line)) else { throw CLIFailure(status: 1, message: "valence: error: \(place): invalid UTF-8") }
                guard let value = try? JSONValue.parse(String(decoding: line, as: UTF8.self)),
                      let text = value["text"]?.stringValue, let label = value["label"]?.stringValue,
                      let sentiment = Sentiment(label: label)
                else {
                    throw CLIFailure(status: 1, message: "valence: error: \(place): expected {\"text\": ..., \"label\": POSITIVE|NEGATIVE|NEUTRAL|MIXED}")
                }
                features.append(Calibration.features(session.valence(of: text).0))
                labels.append(sentiment)
            }
            guard !features.isEmpty else { throw CLIFailure(status: 1, message: "valence: error: \(train): no documents") }
            let calibration = Calibration.fit(features: features, labels: labels)
            let trainName = URL(fileURLWithPath: train).lastPathComponent
            let text = calibration.serialized(header: [
                "Four-class calibration of this pack: softmax(weights · features), one row per class.",
                "Written by: valence lexicon calibrate \(pack) --train <shared>/train/\(trainName)",
            ])
            let path = "\(pack)/calibration.txt"
            do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                throw CLIFailure(status: 1, message: "valence: error: cannot write \(path): \(error.localizedDescription)")
            }
            print("wrote \(path) from \(features.count) documents")
        }
    }
}
