import ArgumentParser
import ValenceCore
import ValenceJobs

struct DetectSentiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect-sentiment",
        abstract: "Scores one text, as `aws comprehend detect-sentiment` does."
    )

    @Option(help: "The text (at most 5000 UTF-8 bytes).")
    var text: String?

    @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
    var languageCode: String?

    @OptionGroup var aws: AWSOptions

    func run() throws {
        try aws.run("DetectSentiment", [CLIArgument("--text", "Text", text), CLIArgument("--language-code", "LanguageCode", languageCode)])
    }
}

struct BatchDetectSentiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch-detect-sentiment",
        abstract: "Scores up to 25 texts, as `aws comprehend batch-detect-sentiment` does."
    )

    @Option(parsing: .upToNextOption, help: "The texts (1 to 25, each at most 5000 UTF-8 bytes), or one JSON array of them.")
    var textList: [String] = []

    @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
    var languageCode: String?

    @OptionGroup var aws: AWSOptions

    func run() throws {
        let arguments = [CLIArgument("--text-list", "TextList", textList.isEmpty ? nil : textList),
                         CLIArgument("--language-code", "LanguageCode", languageCode)]
        try aws.run("BatchDetectSentiment", arguments)
    }
}
