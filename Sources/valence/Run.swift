import ArgumentParser
import Foundation
import ValenceCore
import ValenceJobs

/// `valence run`: a sentiment job on local files, for people at a terminal.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs a sentiment job on a local file or directory and writes Comprehend's output.tar.gz.",
        discussion: """
            Every regular file under INPUT (recursively, in byte order of the relative path, selected as a \
            job selects the objects of its input prefix) is read as \
            UTF-8, one document per file or per line, and scored; the records go to DIR/output.tar.gz \
            (or output.tar.zst), exactly as a Comprehend job writes them. A progress line shows on a terminal.
            """
    )

    @Argument(help: "A file or a directory of UTF-8 text files.")
    var input: String

    @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
    var languageCode: String

    @Option(help: "The directory to write output.tar.gz into (created if missing).")
    var output: String

    @Option(help: "ONE_DOC_PER_FILE (default) or ONE_DOC_PER_LINE.")
    var inputFormat: String = "ONE_DOC_PER_FILE"

    @Option(help: "gzip (Comprehend's format, default) or zstd (faster; writes output.tar.zst).")
    var compression: String = "gzip"

    @Option(help: "Scoring threads (default: $VALENCE_THREADS, else the number of cores).")
    var threads: Int?

    @OptionGroup var pack: PackOptions

    func run() throws {
        let language = try CLIFailure.language(languageCode)
        guard let format = InputFormat(rawValue: inputFormat) else {
            throw CLIFailure(status: 252, message: "valence: error: --input-format must be ONE_DOC_PER_FILE or ONE_DOC_PER_LINE")
        }
        let codec = ArchiveCompression(codec: try CLIFailure.compression(compression))
        guard FileManager.default.fileExists(atPath: input) else {
            throw CLIFailure(status: 1, message: "valence: error: \(input): no such file or directory")
        }
        let objects: [InputObject]
        do {
            objects = try InputSelector.select(localPath: input)
        } catch {
            throw CLIFailure(status: 1, message: "valence: error: cannot read \(input): \(error.reason)")
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure(status: 1, message: "valence: error: cannot create \(output): \(error.localizedDescription)")
        }
        let archivePath = URL(fileURLWithPath: output).appendingPathComponent(codec.archiveFileName).path
        let configuration = pack.configuration(threads: threads)
        let lexicons = try CLIFailure.calling { try configuration.requireLexicons() }
        var job = LocalJob(analyzers: AnalyzerCatalog(directory: lexicons), threads: configuration.threads, compression: codec)
        job.batchDocuments = configuration.batchDocuments
        let display = ProgressLine(enabled: isatty(2) == 1)
        let started = Date()
        let documents: Int
        do {
            documents = try job.run(objects, format: format, language: language, archivePath: archivePath,
                                            modificationTime: Int64(started.timeIntervalSince1970), progress: display.update)
        } catch {
            display.clear()
            throw CLIFailure(status: 1, message: "valence: error: \(error)")
        }
        display.clear()
        let seconds = Date().timeIntervalSince(started)
        let bytes = objects.reduce(Int64(0)) { $0 + $1.size }
        FileHandle.standardError.write(Data(String(format: "%d documents from %d files (%.1f MB) in %.1f s\n",
                                                   documents, objects.count, Double(bytes) / 1e6, seconds).utf8))
        print(archivePath)
    }
}

/// One self-rewriting status line on stderr: documents, rate, percent and ETA.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    let started = Date()

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: JobRunner.Progress) {
        guard enabled else { return }
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        let estimate = ProgressEstimate.estimate(bytesProcessed: progress.bytesProcessed, totalBytes: progress.totalBytes, elapsed: seconds)
        let text = String(format: "\r\u{1B}[K%5.1f%%  %d documents  %.0f docs/s  %.1f MB/s  ETA %.0f s",
                          (estimate?.fraction ?? 0) * 100, progress.documents, Double(progress.documents) / seconds,
                          Double(progress.bytesProcessed) / 1e6 / seconds, estimate?.secondsLeft ?? 0)
        FileHandle.standardError.write(Data(text.utf8))
    }

    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
