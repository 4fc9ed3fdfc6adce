import ArgumentParser
import ValenceCore
import ValenceJobs

struct DetectSentiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect-sentiment",
        abstract: "Scores one text, as `aws comprehend detect-sentiment` does."
    )

    @Option(help: "The text (at most 5000 UTF-8 bytes).")
    var text: String

    @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
    var languageCode: String

    @OptionGroup var pack: PackOptions

    func run() throws {
        try CLIFailure.calling("DetectSentiment") { try ClientShape.checkDetect(text: text) }
        let service = try pack.jobService()
        let response = try CLIFailure.calling("DetectSentiment") { try service.detectSentiment(text: text, languageCode: languageCode) }
        print(response.serialized(.cli))
    }
}

struct BatchDetectSentiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch-detect-sentiment",
        abstract: "Scores up to 25 texts, as `aws comprehend batch-detect-sentiment` does."
    )

    @Option(parsing: .upToNextOption, help: "The texts (1 to 25, each at most 5000 UTF-8 bytes).")
    var textList: [String]

    @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
    var languageCode: String

    @OptionGroup var pack: PackOptions

    func run() throws {
        try CLIFailure.calling("BatchDetectSentiment") { try ClientShape.checkBatch(textList: textList) }
        let service = try pack.jobService()
        let response = try CLIFailure.calling("BatchDetectSentiment") {
            try service.batchDetectSentiment(textList: textList, languageCode: languageCode)
        }
        print(response.serialized(.cli))
    }
}
