import Foundation
import Testing
import ValenceTestSupport

/// `valence run`: a job on local files, the archive Comprehend writes (§13 #26–#29).
@Suite struct RunCommandTests {
    static func makeInput() throws -> TemporaryDirectory {
        let scratch = try TemporaryDirectory("run"), directory = scratch.url
        let input = directory.appendingPathComponent("in/sub")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data("I love it\nI hate it\n\nThe bus leaves at noon\r\n".utf8).write(to: directory.appendingPathComponent("in/a.txt"))
        try Data("What a wonderful day\rTerrible service".utf8).write(to: input.appendingPathComponent("b.txt"))
        return scratch
    }

    @Test func item26OneDocPerLineWritesTheTarGzOfAJob() throws {
        let scratch = try Self.makeInput(), directory = scratch.url
        defer { scratch.remove() }
        let out = directory.appendingPathComponent("out")
        let result = try CLIRunner.run("run", directory.appendingPathComponent("in").path, "--language-code", "en",
                                       "--input-format", "ONE_DOC_PER_LINE", "--output", out.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == out.appendingPathComponent("output.tar.gz").path + "\n")
        #expect(result.stderr.hasPrefix("5 documents from 2 files"))
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", """
            import json, sys, tarfile
            with tarfile.open(sys.argv[1], "r:gz") as t:
                names = t.getnames()
                records = [json.loads(l) for l in t.extractfile("output").read().decode().splitlines()]
            print(names, [(r["File"], r.get("Line"), r["Sentiment"]) for r in records])
            """, out.appendingPathComponent("output.tar.gz").path]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        python.waitUntilExit()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed == "['output'] [('a.txt', 0, 'POSITIVE'), ('a.txt', 1, 'NEGATIVE'), ('a.txt', 3, 'NEUTRAL'), ('b.txt', 0, 'POSITIVE'), ('b.txt', 1, 'NEGATIVE')]\n")
    }

    /// `valence run` cuts batches as the configuration says (`VALENCE_BATCH_DOCUMENTS`, resolved once
    /// for every command): each batch is a chunk of the archive, so the archive's size follows the
    /// batch size while its records do not.
    @Test func runCutsBatchesAsConfigured() throws {
        let scratch = try TemporaryDirectory("run"), directory = scratch.url
        defer { scratch.remove() }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("in"), withIntermediateDirectories: true)
        let lines = (0..<300).map { "Line \($0) is \(["great", "awful", "fine", "so-so"][$0 % 4]) today" }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("in/docs.txt"))
        var archives: [String: Data] = [:], records: [String: String] = [:]
        for batch in ["1", "7", ""] {
            let out = directory.appendingPathComponent("out\(batch)")
            let result = try CLIRunner.run("run", directory.appendingPathComponent("in").path, "--language-code", "en",
                                           "--input-format", "ONE_DOC_PER_LINE", "--output", out.path,
                                           environment: ["VALENCE_BATCH_DOCUMENTS": batch])
            #expect(result.status == 0, "\(result.stderr)")
            let archive = out.appendingPathComponent("output.tar.gz")
            archives[batch] = try Data(contentsOf: archive)
            let extract = Process()
            extract.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            extract.arguments = ["tar", "-xzOf", archive.path, "output"]
            let pipe = Pipe()
            extract.standardOutput = pipe
            try extract.run()
            extract.waitUntilExit()
            records[batch] = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        #expect(records["1"]?.split(separator: "\n").count == 300)
        #expect(records["1"] == records[""] && records["7"] == records[""])
        // One chunk per document, per seven, per default batch (all 300): a chunk's compression starts
        // afresh, so the smaller the batches, the larger the archive (its time stamp does not change its size).
        let sizes = ["1", "7", ""].map { archives[$0]?.count ?? 0 }
        #expect(sizes[0] > sizes[1] + 500 && sizes[1] > sizes[2] + 500, "\(sizes)")
    }

    /// A job in each of the other languages: every pack scores through the job path.
    @Test(arguments: [
        ("es", "Me encantó, es maravilloso", "Es horrible, no me gustó nada"),
        // The ja pack learned from securities reports (the ja training set): business sentences.
        ("ja", "売上高は増加し、増益となりました。", "売上高は大幅に減少し、営業損失を計上しました。"),
        ("ko", "정말 재밌어요 최고", "최악이에요 너무 별로"),
        ("zh-TW", "這本書非常精彩，我很喜歡。", "服務太差了，很失望。"),
        ("ar", "الخدمة ممتازة والمكان جميل", "الخدمة سيئة جدا"),
    ])
    func jobsScoreOtherLanguages(language: String, positive: String, negative: String) throws {
        let scratch = try TemporaryDirectory("run"), directory = scratch.url
        defer { scratch.remove() }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("in"), withIntermediateDirectories: true)
        try Data("\(positive)\n\(negative)\n".utf8).write(to: directory.appendingPathComponent("in/docs.txt"))
        let out = directory.appendingPathComponent("out")
        let result = try CLIRunner.run("run", directory.appendingPathComponent("in").path, "--language-code", language,
                                       "--input-format", "ONE_DOC_PER_LINE", "--output", out.path)
        #expect(result.status == 0, "\(result.stderr)")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-xzOf", out.appendingPathComponent("output.tar.gz").path, "output"]
        let pipe = Pipe()
        tar.standardOutput = pipe
        try tar.run()
        tar.waitUntilExit()
        let records = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        #expect(records.count == 2)
        #expect(records.first?.contains(#""Line": 0, "Sentiment": "POSITIVE""#) == true, "\(records)")
        #expect(records.last?.contains(#""Line": 1, "Sentiment": "NEGATIVE""#) == true, "\(records)")
    }

    @Test func item26OneDocPerFileAndZstd() throws {
        let scratch = try Self.makeInput(), directory = scratch.url
        defer { scratch.remove() }
        let out = directory.appendingPathComponent("out")
        let result = try CLIRunner.run("run", directory.appendingPathComponent("in").path, "--language-code", "en",
                                       "--compression", "zstd", "--output", out.path)
        #expect(result.status == 0, "\(result.stderr)")
        let archive = try Data(contentsOf: out.appendingPathComponent("output.tar.zst"))
        #expect(Array(archive.prefix(4)) == [0x28, 0xB5, 0x2F, 0xFD])  // zstd frame magic
        #expect(result.stderr.hasPrefix("2 documents from 2 files"))
    }

    @Test func compressionOtherThanGzipOrZstdIsRefused() throws {
        let result = try CLIRunner.run("run", "/nonexistent/input", "--language-code", "en", "--compression", "brotli",
                                       "--output", "/tmp/valence-never")
        #expect(result.status == 252)
        #expect(result.stderr == "valence: error: --compression must be gzip or zstd, not 'brotli'\n")
    }

    @Test func missingInputIsAClearError() throws {
        let result = try CLIRunner.run("run", "/nonexistent/input", "--language-code", "en", "--output", "/tmp/valence-never")
        #expect(result.status == 1)
        #expect(result.stderr == "valence: error: /nonexistent/input: no such file or directory\n")
    }

    @Test func languageWithoutAPackFailsTheJobWithAMessage() throws {
        let scratch = try Self.makeInput(), directory = scratch.url
        defer { scratch.remove() }
        // A Lexicons directory with the English pack only (all twelve ship with Valence).
        let lexicons = directory.appendingPathComponent("lexicons")
        try FileManager.default.createDirectory(at: lexicons, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: lexicons.appendingPathComponent("en"),
                                                   withDestinationURL: Repository.root.appendingPathComponent("Lexicons/en"))
        let result = try CLIRunner.run("run", directory.appendingPathComponent("in").path, "--language-code", "fr",
                                       "--output", directory.appendingPathComponent("out").path,
                                       environment: ["VALENCE_LEXICONS": lexicons.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("valence: error: UNSUPPORTED_LANGUAGE: "))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/output.tar.gz").path))
    }
}
