import ArgumentParser
import ValenceCore

struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Shows how ICU word break splits a text into tokens (one token a line: kind, then token)."
    )

    @Option(help: "The text.")
    var text: String

    @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
    var languageCode: String

    func run() throws {
        let language = try CLIFailure.language(languageCode)
        let segmenter = try Segmenter(language: language)
        var copy = text
        try copy.withUTF8 { utf8 in
            try segmenter.forEachToken(in: utf8) { token in
                let piece = String(decoding: UnsafeBufferPointer(rebasing: utf8[token.range]), as: UTF8.self)
                print("\(token.kind)\t\(piece)")
            }
        }
    }
}
