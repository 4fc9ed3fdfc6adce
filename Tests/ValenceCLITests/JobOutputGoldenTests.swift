import Foundation
import Testing
import ValenceTestSupport
@testable import ValenceJobs

/// The records a job writes, pinned per language: a fixed mixed input (many files, LF/CR/CRLF,
/// empty and whitespace-only documents, a document over 5,120 bytes, invalid UTF-8) goes through
/// `valence run` as a user runs it, and the decompressed `output` must match the digests in
/// `Tests/Fixtures/job-output-golden.tsv` for 1, 2 and 4 threads, in gzip and zstd, and for both
/// input formats. The digests were recorded from main before the streaming pipeline and the
/// libdeflate compressor (issue #10): faster must not mean different by a single byte.
///
/// A digest is FNV-1a 64 over each block of 256 records, so a failure names the first block that
/// differs. To record the digests anew after an intended change of the records (a recalibrated
/// pack, say), run the suite with `VALENCE_WRITE_GOLDEN=1` and review the diff of the fixture.
@Suite(.serialized) struct JobOutputGoldenTests {
    static let languages = ["en", "es", "fr", "de", "it", "pt", "ar", "hi", "ja", "ko", "zh", "zh-TW"]
    static let fixture = Repository.fixture("job-output-golden.tsv")
    static let blockRecords = 256

    /// The per-language sentences of `Tests/Fixtures/sign-sentences.tsv`.
    static func sentences(_ language: String) throws -> [String] {
        let table = try String(contentsOf: Repository.fixture("sign-sentences.tsv"), encoding: .utf8)
        return table.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count == 3 && fields[0] == language ? String(fields[2]) : nil
        }
    }

    /// Writes the mixed input for `language` under `directory` and returns it. About 2,600
    /// documents, so that the records span several batches and chunks on every thread count.
    static func makeInput(_ language: String, in directory: URL) throws -> URL {
        let input = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input.appendingPathComponent("many/deeper"), withIntermediateDirectories: true)
        let base = try sentences(language)
        #expect(base.count >= 10, "sign sentences for \(language)")
        let separator = ["ja", "zh", "zh-TW"].contains(language) ? "" : " "
        let endings = ["\n", "\r\n", "\r"]
        // Pairs and triples of the sentences, with rotating line endings.
        var lines = Data()
        var index = 0
        for a in base.indices {
            for b in base.indices {
                for c in [nil] + Array(base.indices.prefix(14)) {
                    var text = base[a] + separator + base[b]
                    if let c { text += separator + base[c] }
                    lines.append(Data((text + endings[index % endings.count]).utf8))
                    index += 1
                }
            }
        }
        try lines.write(to: input.appendingPathComponent("a-combined.txt"))
        // Odd documents: empty, whitespace only, over the size limit, invalid UTF-8, no final newline.
        var odd = Data()
        odd.append(Data("\n   \n\t\n\u{00A0}\n\u{3000}\n.\n!!!\n".utf8))
        odd.append(Data((String(repeating: base[0] + separator, count: 5121 / max(1, base[0].utf8.count) + 1) + "\n").utf8))
        odd.append(Data(base[1].utf8) + Data([0xFF, 0xFE]) + Data("\n".utf8))
        odd.append(Data(base[2].utf8) + Data([0xE2, 0x82]) + Data("\r\n".utf8))
        odd.append(Data(base[3].utf8))
        try odd.write(to: input.appendingPathComponent("b-odd.txt"))
        // Many small files, some nested, one empty.
        for (n, sentence) in base.enumerated() {
            let folder = n % 3 == 0 ? "many/deeper" : "many"
            try Data((sentence + "\n" + base[(n + 1) % base.count] + "\n").utf8)
                .write(to: input.appendingPathComponent("\(folder)/part-\(String(format: "%02d", n)).txt"))
        }
        try Data().write(to: input.appendingPathComponent("many/empty.txt"))
        return input
    }

    /// Runs `valence run` and returns the decompressed `output` member.
    static func runJob(_ language: String, input: URL, output: URL, format: String, threads: Int, compression: String) throws -> [UInt8] {
        let result = try CLIRunner.run("run", input.path, "--language-code", language, "--input-format", format,
                                       "--threads", String(threads), "--compression", compression, "--output", output.path)
        #expect(result.status == 0, "\(language) \(format) \(threads) threads \(compression): \(result.stderr)")
        let archive = try [UInt8](Data(contentsOf: output.appendingPathComponent(compression == "zstd" ? "output.tar.zst" : "output.tar.gz")))
        let tar = compression == "zstd" ? try ZstdDecoder.decompress(archive) : try GzipDecoder.decompress(archive)
        return try Self.member(of: tar)
    }

    /// The data of the tar's one member, `output`.
    static func member(of tar: [UInt8]) throws -> [UInt8] {
        #expect(tar.count >= 1536 && tar.count % 512 == 0)
        #expect(Array(tar[0..<6]) == Array("output".utf8) && tar[6] == 0)
        let sizeField = String(decoding: tar[124..<135], as: UTF8.self)
        let size = try #require(Int(sizeField, radix: 8))
        return Array(tar[512..<512 + size])
    }

    /// `count records digest/digest/…`: FNV-1a 64 of each block of 256 records.
    static func digest(_ records: [UInt8]) -> String {
        var blocks: [String] = []
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var inBlock = 0
        var count = 0
        for byte in records {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            if byte == 0x0A {
                count += 1
                inBlock += 1
                if inBlock == blockRecords {
                    blocks.append(String(hash, radix: 16))
                    hash = 0xCBF2_9CE4_8422_2325
                    inBlock = 0
                }
            }
        }
        if inBlock > 0 { blocks.append(String(hash, radix: 16)) }
        return "\(count) \(blocks.joined(separator: "/"))"
    }

    static func expected() throws -> [String: String] {
        guard let text = try? String(contentsOf: fixture, encoding: .utf8) else { return [:] }
        var table: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            if fields.count == 2 { table[String(fields[0])] = String(fields[1]) }
        }
        return table
    }

    @Test(arguments: languages)
    func recordsMatchTheGoldenDigestsOnAnyThreadCountAndCodec(language: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("valence-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try Self.makeInput(language, in: directory)
        var found: [String: String] = [:]
        for format in ["ONE_DOC_PER_LINE", "ONE_DOC_PER_FILE"] {
            let reference = try Self.runJob(language, input: input, output: directory.appendingPathComponent("out-\(format)-1"),
                                            format: format, threads: 1, compression: "gzip")
            found["\(language) \(format)"] = Self.digest(reference)
            let runs: [(Int, String)] = format == "ONE_DOC_PER_LINE" ? [(2, "zstd"), (4, "gzip")] : []
            for (threads, compression) in runs {
                let other = try Self.runJob(language, input: input, output: directory.appendingPathComponent("out-\(format)-\(threads)-\(compression)"),
                                            format: format, threads: threads, compression: compression)
                #expect(other == reference, "\(language) \(format): \(threads) threads, \(compression) differ from 1 thread, gzip")
            }
        }
        if ProcessInfo.processInfo.environment["VALENCE_WRITE_GOLDEN"] == "1" {
            try Self.record(found)
            return
        }
        let expected = try Self.expected()
        for (key, digest) in found.sorted(by: { $0.key < $1.key }) {
            let golden = try #require(expected[key], "no golden digest for \(key) in \(Self.fixture.path)")
            if golden != digest {
                let mine = digest.split(separator: " "), theirs = golden.split(separator: " ")
                let a = mine.count > 1 ? mine[1].split(separator: "/") : [], b = theirs.count > 1 ? theirs[1].split(separator: "/") : []
                let first = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
                Issue.record("\(key): records differ from the golden output (records \(mine[0]) vs \(theirs[0]); first differing block of \(Self.blockRecords) records: #\(first))")
            }
        }
    }

    /// Merges `found` into the fixture (each language's test writes its own lines).
    static func record(_ found: [String: String]) throws {
        var table = try expected()
        for (key, value) in found { table[key] = value }
        var text = "# Decompressed `output` of `valence run` on JobOutputGoldenTests' mixed input: records, then FNV-1a 64 per 256 records.\n"
        for key in table.keys.sorted() { text += "\(key)\t\(table[key]!)\n" }
        try text.write(to: fixture, atomically: true, encoding: .utf8)
    }
}
