import Foundation
import ValenceCore
import ValenceJobs

/// The parsers that read what users and crashes hand to Valence, each checked on arbitrary bytes:
/// no crash, no hang, and a property that must hold whatever the input (issue #11).
///
/// Every target rejects bad input with an error; a crash, a sanitizer report or a broken property
/// (`check` traps with a message) is a bug.
enum FuzzTarget: String, CaseIterable {
    /// `ONE_DOC_PER_LINE` and `ONE_DOC_PER_FILE` reading of a file: the same documents whatever the
    /// read chunk size, every text at most 5120 bytes, lines ascending.
    case reader
    /// The aws CLI shorthand syntax: a parsed value serializes to JSON that parses back to itself.
    case shorthand
    /// `--cli-input-json` and `--cli-input-yaml` (parsing, the flags' merge, botocore's checks):
    /// an accepted body serializes to JSON that parses back to itself.
    case cliInputJSON = "cli-input-json"
    /// A job manifest from its JSON: one that loads writes back to JSON that loads to the same.
    case manifest
    /// A lexicon pack with one file replaced by the input: it parses and scores, or is refused.
    case pack
    /// Segmentation and scoring of arbitrary text in every language: scores are finite, in [0, 1]
    /// and sum to 1; Latin text cut without ICU gets ICU's tokens; the shim's CJK dictionary break
    /// gives ICU's segments.
    case segmenter
    /// The gzip codec's deflate at every level, the input in two chunks: zlib inflates the pieces
    /// back to the input, byte for byte.
    case deflate

    static let lexicons = ProcessInfo.processInfo.environment["VALENCE_LEXICONS"] ?? "Lexicons"
    nonisolated(unsafe) static var analyzers: [LanguageCode: SentimentAnalyzer.Session] = [:]
    nonisolated(unsafe) static var packFiles: [LexiconPack.File: [UInt8]] = [:]
    nonisolated(unsafe) static var segmenters: [LanguageCode: (Segmenter, Segmenter)] = [:]
    nonisolated(unsafe) static var cjkBreakers: [(ICUWordBreaker, ICUWordBreaker)] = []
    static let scratch = "/dev/shm/valence-fuzz-\(getpid())"

    func run(_ bytes: [UInt8]) {
        switch self {
        case .reader: Self.reader(bytes)
        case .shorthand: Self.shorthand(bytes)
        case .cliInputJSON: Self.cliInputJSON(bytes)
        case .manifest: Self.manifest(bytes)
        case .pack: Self.pack(bytes)
        case .segmenter: Self.segmenter(bytes)
        case .deflate: Self.deflate(bytes)
        }
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("property broken: \(message())") }
    }

    // MARK: - Targets

    static func reader(_ bytes: [UInt8]) {
        guard FileManager.default.createFile(atPath: scratch, contents: Data(bytes)) else { fatalError("cannot write \(scratch)") }
        for format in [InputFormat.oneDocPerLine, .oneDocPerFile] {
            var results: [[InputDocument]] = []
            for chunkSize in [4096, 7] {
                guard var reader = try? DocumentReader(path: scratch, fileName: "f.txt", format: format, chunkSize: chunkSize) else { return }
                var documents: [InputDocument] = []
                while let document = try? reader.next() { documents.append(document) }
                results.append(documents)
            }
            check(results[0] == results[1], "chunk sizes disagree")
            // The pipeline's path (batches filled by `fill`, ASCII lines taken in bulk) reads the same.
            for (chunkSize, batchSize) in [(4096, 3), (4096, 2048), (7, 5)] {
                guard var reader = try? DocumentReader(path: scratch, fileName: "f.txt", format: format, chunkSize: chunkSize) else { return }
                var batched: [InputDocument] = []
                var batch = DocumentBatch()
                while (try? reader.nextBatch(into: &batch, maxDocuments: batchSize)) != nil, !batch.isEmpty { batched += batch.documents }
                check(batched == results[0], "batches of \(batchSize) (chunk \(chunkSize)) disagree with one-at-a-time reading")
            }
            var previous = -1
            for document in results[0] {
                check(document.textByteCount <= DocumentReader.maxDocumentBytes, "a text over 5120 bytes")
                if let line = document.line {
                    check(line > previous, "lines not ascending")
                    previous = line
                }
            }
        }
    }

    static func shorthand(_ bytes: [UInt8]) {
        guard let value = try? AWSShorthand.parse(String(decoding: bytes, as: UTF8.self)) else { return }
        roundTrip(value)
    }

    static func cliInputJSON(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let builder = RequestBuilder(operation: "StartSentimentDetectionJob")
        let flags = [CLIArgument("--job-name", "JobName", "x")]
        // The same text as --cli-input-json and as --cli-input-yaml (YAML's flow style reads most JSON).
        if let value = try? builder.body(flags, cliInputJSON: text) { roundTrip(value) }
        if let value = try? builder.body(flags, cliInputJSON: nil, cliInputYAML: text) { roundTrip(value) }
    }

    static func manifest(_ bytes: [UInt8]) {
        guard let json = try? JSONValue.parse(String(decoding: bytes, as: UTF8.self)),
              let manifest = try? JobManifest(json: json) else { return }
        let again = try? JobManifest(json: JSONValue.parse(manifest.json.serialized(.cli)))
        check(again == manifest, "a manifest does not survive writing and reading back")
    }

    static func pack(_ bytes: [UInt8]) {
        if packFiles.isEmpty {
            // The English pack's files, the long tables cut to their first 300 lines so that each
            // run parses in about a millisecond.
            for file in LexiconPack.File.allCases {
                guard let data = FileManager.default.contents(atPath: "\(lexicons)/en/\(file.rawValue)") else { continue }
                let lines = Array(data).split(separator: 0x0A, omittingEmptySubsequences: false)
                packFiles[file] = Array(lines.prefix(300).joined(separator: [0x0A]))
            }
        }
        guard let first = bytes.first else { return }
        let replaced = LexiconPack.File.allCases[Int(first) % LexiconPack.File.allCases.count]
        let body = Array(bytes.dropFirst())
        guard let pack = try? LexiconPack.parse(location: "fuzz", contents: { file in file == replaced ? body : packFiles[file] }) else { return }
        guard let session = try? SentimentAnalyzer(pack: pack).makeSession() else { return }
        checkScores(session.analyze("The food was great but the service was terrible :( 😀").score)
    }

    static func segmenter(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let language = LanguageCode.allCases[Int(first) % LanguageCode.allCases.count]
        if analyzers[language] == nil {
            let catalog = AnalyzerCatalog(directory: lexicons)
            guard let analyzer = try? catalog.analyzer(for: language), let session = try? analyzer.makeSession() else {
                fatalError("cannot load the \(language.rawValue) pack from \(lexicons) (set VALENCE_LEXICONS)")
            }
            analyzers[language] = session
        }
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        checkScores(analyzers[language]!.analyze(text).score)
        // Text of ASCII and Latin-1 letters is segmented without ICU: the tokens must be ICU's.
        if segmenters[language] == nil {
            guard let latin = try? Segmenter(language: language), let icu = try? Segmenter(language: language, segmentsLatinTextWithoutICU: false) else {
                fatalError("cannot open the \(language.rawValue) segmenters")
            }
            segmenters[language] = (latin, icu)
        }
        let (latin, icu) = segmenters[language]!
        /// What a segmenting call hands out for `text`, in order.
        func collect<Item>(_ each: (UnsafeBufferPointer<UInt8>, (Item) throws -> Void) throws -> Void) -> [Item] {
            var copy = text, result: [Item] = []
            copy.withUTF8 { utf8 in try? each(utf8) { result.append($0) } }
            return result
        }
        check(collect(latin.forEachToken) == collect(icu.forEachToken), "LatinWordBreak and ICU disagree on \(text.debugDescription)")
        // zh and ja text is cut by the shim's own CJK dictionary break: ICU's engine must agree, through
        // every CJK locale whatever the pack's language.
        if cjkBreakers.isEmpty {
            cjkBreakers = ["zh_Hans", "zh_Hant", "ja"].map { locale in
                guard let fast = try? ICUWordBreaker(locale: locale),
                      let icu = try? ICUWordBreaker(locale: locale, usesICUDictionary: true) else {
                    fatalError("cannot open the \(locale) word breakers")
                }
                return (fast, icu)
            }
        }
        let (fast, reference) = cjkBreakers[Int(first) % cjkBreakers.count]
        check(collect(fast.forEachSegment) == collect(reference.forEachSegment),
              "the CJK dictionary break and ICU's disagree on \(text.debugDescription)")
    }

    static func deflate(_ bytes: [UInt8]) {
        // The first byte picks where the input is cut in two.
        let cut = bytes.isEmpty ? 0 : Int(bytes[0]) * bytes.count / 256
        for level in 0...3 {
            guard let compressor = try? ChunkCompressor(.gzip(level: level)),
                  let first = try? compressor.compress(Array(bytes[..<cut])),
                  let second = try? compressor.compress(Array(bytes[cut...])) else {
                fatalError("gzip level \(level) refused \(bytes.count) bytes")
            }
            let inflated = try? GzipDecoder.decompress(first.bytes + second.bytes, rawPieces: true)
            check(inflated == bytes, "level \(level): inflated \(inflated.map { "\($0.count) bytes" } ?? "nothing"), not the \(bytes.count) given")
        }
    }

    static func roundTrip(_ value: JSONValue) {
        let text = value.serialized(.line)
        check((try? JSONValue.parse(text)) == value, "JSON does not round-trip: \(text)")
    }

    static func checkScores(_ score: SentimentScore) {
        let parts = [score.positive, score.negative, score.neutral, score.mixed]
        check(parts.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 }, "a score outside [0, 1]: \(parts)")
        check(abs(parts.reduce(0, +) - 1) < 1e-3, "scores do not sum to 1: \(parts)")
    }
}
