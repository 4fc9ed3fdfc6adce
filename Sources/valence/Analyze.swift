import ArgumentParser
import Foundation
import ValenceCore
import ValenceJobs

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scores JSON Lines documents ({\"id\", \"text\", ...}), one output line per input line, in order.",
        discussion: """
            Each output line is {"id", "Sentiment", "SentimentScore", "Valence": {"compound", "pos", "neu", "neg"}}; \
            for English, Valence equals vaderSentiment 3.3.2's polarity_scores. Blank input lines are skipped.
            """
    )

    @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
    var languageCode: String

    @Option(help: "Input JSON Lines file (default: standard input).")
    var input: String?

    @Option(help: "Output JSON Lines file (default: standard output).")
    var output: String?

    @Flag(help: "Add each token's contribution: token, base valence, rules applied, final value.")
    var explain = false

    @OptionGroup var pack: PackOptions

    func run() throws {
        let language = try CLIFailure.language(languageCode)
        let session = try pack.session(for: language)

        let inputName = input ?? "<stdin>"
        let reader: LineReader
        do { reader = try LineReader(path: input) } catch {
            throw CLIFailure(status: 1, message: "valence: error: cannot read \(error.localizedDescription)")
        }
        let sink = try OutputSink(path: output)
        do {
            try score(reader, inputName, session, sink)
        } catch {
            // Keep every record scored before the bad line: to stdout, or as <output>.partial.
            try? sink.abandon()
            throw error
        }
        try sink.close()
    }

    private func score(_ reader: LineReader, _ inputName: String, _ session: SentimentAnalyzer.Session, _ sink: OutputSink) throws {
        while let line = try reader.nextLine() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let where_ = "\(inputName) line \(reader.lineNumber)"
            if let offset = UTF8Validation.firstInvalidOffset(in: Array(line)) {
                throw CLIFailure(status: 1, message: "valence: error: \(where_): invalid UTF-8 at byte \(offset + 1) of the line")
            }
            let value: JSONValue
            do { value = try JSONValue.parse(String(decoding: line, as: UTF8.self)) } catch {
                throw CLIFailure(status: 1, message: "valence: error: \(where_): not valid JSON (\(error))")
            }
            guard let text = value["text"]?.stringValue else {
                throw CLIFailure(status: 1, message: "valence: error: \(where_): expected an object with a string member \"text\"")
            }
            let analysis = session.analyze(text, explain: explain)
            try sink.write(Rendering.analyzeRecord(id: value["id"] ?? .null, analysis).serialized(.line) + "\n")
        }
    }
}

/// Buffered output to a file (written to a temporary name, renamed when complete) or stdout.
final class OutputSink {
    private let handle: FileHandle
    private let path: String?
    private let temporary: String?
    private var buffer = Data()

    init(path: String?) throws {
        self.path = path
        if let path, path != "-" {
            let temporary = path + ".tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
                throw CLIFailure(status: 1, message: "valence: error: cannot write \(path)")
            }
            self.handle = handle
            self.temporary = temporary
        } else {
            self.handle = FileHandle.standardOutput
            self.temporary = nil
        }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if let temporary, let path {
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw CLIFailure(status: 1, message: "valence: error: cannot write \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// After an error: flush what was written; a file output stays as `<output>.partial`, never
    /// under the final name.
    func abandon() throws {
        try flush()
        if let temporary, let path {
            try handle.close()
            rename(temporary, path + ".partial")
        }
    }

    deinit {
        if let temporary, FileManager.default.fileExists(atPath: temporary) { unlink(temporary) }
    }
}
