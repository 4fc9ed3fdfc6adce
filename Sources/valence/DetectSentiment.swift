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
        if text.isEmpty { throw CLIFailure.minLength("Text", value: 0) }
        let service = SentimentService(analyzers: AnalyzerCatalog(directory: try pack.directory()))
        do {
            let analysis = try service.detectSentiment(text: text, languageCode: languageCode)
            print(Rendering.detectResponse(analysis).serialized(.cli))
        } catch {
            throw CLIFailure(error, operation: "DetectSentiment")
        }
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
        if textList.isEmpty { throw CLIFailure.minLength("TextList", value: 0) }
        for (index, text) in textList.enumerated() where text.isEmpty {
            throw CLIFailure.minLength("TextList[\(index)]", value: 0)
        }
        let service = SentimentService(analyzers: AnalyzerCatalog(directory: try pack.directory()))
        do {
            let (results, errors) = try service.batchDetectSentiment(textList: textList, languageCode: languageCode)
            print(Rendering.batchResponse(results, errors).serialized(.cli))
        } catch {
            throw CLIFailure(error, operation: "BatchDetectSentiment")
        }
    }
}
