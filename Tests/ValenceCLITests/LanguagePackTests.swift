import Foundation
import Testing
import ValenceTestSupport

/// The twelve packs through the CLI, as a user meets them: `lexicon check`, `analyze` on clear
/// sentences per language (negation and contrast included), `lexicon learn` and `evaluate`.
@Suite struct LanguagePackTests {
    static let languages = ["en", "es", "fr", "de", "it", "pt", "ar", "hi", "ja", "ko", "zh", "zh-TW"]

    @Test(arguments: languages) func packPassesCheckWithSourceAndLicence(language: String) throws {
        let pack = Repository.root.appendingPathComponent("Lexicons/\(language)")
        let result = try CLIRunner.run("lexicon", "check", pack.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("language       \(language) "))
        for file in ["SOURCE", "LICENSE", "rules.txt", "calibration.txt"] {
            #expect(FileManager.default.fileExists(atPath: pack.appendingPathComponent(file).path), "\(language)/\(file)")
        }
        // A table written by `lexicon learn` (it records its method) leaves out units whose two
        // weights round to 0: they add nothing and must not count as found.
        let learned = pack.appendingPathComponent("learned.tsv").path
        if let text = try? String(contentsOfFile: learned, encoding: .utf8), text.contains("\n#@ method = ") {
            let zeroRows = text.split(separator: "\n").filter { $0.hasSuffix("\t0.0\t0.0") }
            #expect(zeroRows.isEmpty, "\(language): \(zeroRows.count) rows of 0 and 0, e.g. \(zeroRows.first ?? "")")
        }
    }

    /// Tests/Fixtures/sign-sentences.tsv: `lang<TAB>+|-<TAB>text`, written for these tests (13 a
    /// language, each with negation and contrast). The lexicon-and-rules valence (the `Valence`
    /// block's compound) must have the stated sign for every one.
    @Test(arguments: languages) func clearSentencesGetTheirSign(language: String) throws {
        let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/sign-sentences.tsv")
        let rows = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: "\t", maxSplits: 2).map(String.init) }
            .filter { $0.count == 3 && $0[0] == language }
        #expect(rows.count >= 10)
        let input = try rows.enumerated().map { index, row in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": index, "text": row[2]]), as: UTF8.self)
        }.joined(separator: "\n")
        let result = try CLIRunner.run("analyze", "--language-code", language, stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == rows.count)
        var calibratedAgree = 0
        for (row, line) in zip(rows, lines) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let compound = (object["Valence"] as! [String: Any])["compound"] as! Double
            let sign = compound > 0 ? "+" : compound < 0 ? "-" : "0"
            #expect(sign == row[1], "\(language): \(row[2]) scored \(compound)")
            let scores = object["SentimentScore"] as! [String: Double]
            if (scores["Positive"]! > scores["Negative"]! ? "+" : "-") == row[1] { calibratedAgree += 1 }
        }
        // The calibrated scores also read learned units from a single training domain per
        // language (securities reports for ja, shopping reviews for zh): most, not all, must agree.
        #expect(calibratedAgree >= rows.count - 3, "\(language): calibrated POSITIVE-vs-NEGATIVE right on \(calibratedAgree) of \(rows.count)")
    }

    /// `--explain` on a pack with learned units: the document's learned sums, and each token's
    /// share of the learned polarity (the shares add up to the sum).
    @Test func explainShowsLearnedEvidencePerToken() throws {
        let result = try CLIRunner.run("analyze", "--language-code", "ko", "--explain",
                                       stdin: #"{"id": 1, "text": "이 영화 정말 재밌어요 최고"}"#)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let learned = try #require(object["Learned"] as? [String: Any])
        let polarity = try #require(learned["polarity"] as? Double)
        #expect(polarity > 0)
        #expect(learned["units"] as? Int == 5 + 11 + 6)  // 5 eojeol, their 11 characters and 6 character bigrams
        let tokens = try #require(object["Tokens"] as? [[String: Any]])
        let shares = tokens.compactMap { $0["learned"] as? Double }
        #expect(shares.count == tokens.count)
        #expect(abs(shares.reduce(0, +) - polarity) < 0.001 * Double(tokens.count))
        // English's table is TextBlob's word list, read with negation: "not good" turns good's 0.7 around.
        let english = try CLIRunner.run("analyze", "--language-code", "en", "--explain", stdin: #"{"id": 1, "text": "not good"}"#)
        #expect(english.stdout.contains(#""Learned": {"polarity": -0.7, "subjectivity": 0.6, "units": 2}"#), "\(english.stdout)")
        #expect(english.stdout.contains(#""learned": -0.7}"#))
    }

    @Test func learnIsDeterministicAndLearnsTheObviousWords() throws {
        let scratch = try TemporaryDirectory("packs"), directory = scratch.url
        defer { scratch.remove() }
        var lines: [String] = []
        for i in 0..<40 {
            lines.append(#"{"text": "quel film merveilleux numéro \#(i)", "label": "POSITIVE"}"#)
            lines.append(#"{"text": "quel film affreux numéro \#(i)", "label": "NEGATIVE"}"#)
            lines.append(#"{"text": "le film passe à vingt heures, numéro \#(i)", "label": "NEUTRAL"}"#)
        }
        let train = directory.appendingPathComponent("train.jsonl")
        try lines.joined(separator: "\n").write(to: train, atomically: true, encoding: .utf8)
        let first = directory.appendingPathComponent("a.tsv"), second = directory.appendingPathComponent("b.tsv")
        for out in [first, second] {
            let result = try CLIRunner.run("lexicon", "learn", "--language-code", "fr", "--train", train.path, "--out", out.path)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("wrote \(out.path): "))
        }
        let a = try Data(contentsOf: first), b = try Data(contentsOf: second)
        #expect(a == b)
        let table = String(decoding: a, as: UTF8.self)
        #expect(table.contains("#@ method = logistic\n"))
        #expect(table.contains("#@ train = train.jsonl\n"))
        func weights(_ unit: String) -> (Double, Double)? {
            for line in table.split(separator: "\n") where line.hasPrefix("w\t\(unit)\t") {
                let f = line.split(separator: "\t")
                return (Double(f[2])!, Double(f[3])!)
            }
            return nil
        }
        let good = try #require(weights("merveilleux")), bad = try #require(weights("affreux")), hour = try #require(weights("heures"))
        #expect(good.0 > 0.1 && bad.0 < -0.1)
        #expect(good.1 > 0 && bad.1 > 0 && hour.1 < 0)  // subjectivity: opinion words vs the neutral one
    }

    @Test func learnedPolarityNoLearnsSubjectivityOnly() throws {
        let scratch = try TemporaryDirectory("packs"), directory = scratch.url
        defer { scratch.remove() }
        let pack = directory.appendingPathComponent("fr")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try "[pack]\nlanguage = fr\ntokenizer = icu\nlearned-polarity = no\n".write(
            to: pack.appendingPathComponent("rules.txt"), atomically: true, encoding: .utf8)
        var lines: [String] = []
        for i in 0..<30 {
            lines.append(#"{"text": "film merveilleux \#(i)", "label": "POSITIVE"}"#)
            lines.append(#"{"text": "film affreux \#(i)", "label": "NEGATIVE"}"#)
            lines.append(#"{"text": "film à vingt heures \#(i)", "label": "NEUTRAL"}"#)
        }
        let train = directory.appendingPathComponent("train.jsonl")
        try lines.joined(separator: "\n").write(to: train, atomically: true, encoding: .utf8)
        let out = pack.appendingPathComponent("learned.tsv")
        let result = try CLIRunner.run("lexicon", "learn", "--language-code", "fr", "--train", train.path, "--out", out.path,
                                       "--pack", pack.path)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("w\t") }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.split(separator: "\t")[2] == "0.0" })
        #expect(rows.contains { $0.hasPrefix("w\theures\t") && Double($0.split(separator: "\t")[3])! < 0 })
        let calibrate = try CLIRunner.run("lexicon", "calibrate", pack.path, "--train", train.path)
        #expect(calibrate.status == 0, "\(calibrate.stderr)")
        #expect(try String(contentsOf: pack.appendingPathComponent("calibration.txt"), encoding: .utf8).contains("cross-fitted over 5 folds"))

        // --learned-l2-scale (issue #15): recorded in the file's header and provenance; out-of-range values are refused.
        let scaled = try CLIRunner.run("lexicon", "calibrate", pack.path, "--train", train.path, "--learned-l2-scale", "10")
        #expect(scaled.status == 0, "\(scaled.stderr)")
        let text = try String(contentsOf: pack.appendingPathComponent("calibration.txt"), encoding: .utf8)
        #expect(text.contains("--learned-l2-scale 10.0") && text.contains("x 10.0 on the learned-table features"))
        for bad in ["0", "-1", "nan", "1000"] {
            let refused = try CLIRunner.run("lexicon", "calibrate", pack.path, "--train", train.path, "--learned-l2-scale", bad)
            #expect(refused.status != 0 && refused.stderr.contains("--learned-l2-scale"), "\(bad): \(refused.stderr)")
        }
    }

    @Test func evaluateReportsAccuracyMacroF1AndConfusion() throws {
        let scratch = try TemporaryDirectory("packs"), directory = scratch.url
        defer { scratch.remove() }
        let gold = directory.appendingPathComponent("gold.jsonl")
        try """
            {"text": "This is a wonderful, excellent day.", "label": "POSITIVE"}
            {"text": "I love it, great work!", "label": "POSITIVE"}
            {"text": "This is terrible and awful.", "label": "NEGATIVE"}
            {"text": "I hate this horrible thing.", "label": "NEGATIVE"}
            """.write(to: gold, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run("evaluate", "--language-code", "en", "--gold", gold.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            gold.jsonl (en, binary POSITIVE vs NEGATIVE, 4 documents)
            accuracy  1.000
            macro-F1  1.000

            class       precision  recall  F1     support
            POSITIVE    1.000      1.000   1.000  2
            NEGATIVE    1.000      1.000   1.000  2

            confusion (rows: gold, columns: predicted)
                      POSITIVE  NEGATIVE
            POSITIVE  2         0
            NEGATIVE  0         2

            """)
        let three = try CLIRunner.run("evaluate", "--language-code", "en", "--gold", gold.path, "--classes", "3", "--json")
        #expect(three.status == 0)
        #expect(three.stdout.hasPrefix(#"{"set": "gold.jsonl", "language": "en", "classes": "3", "documents": 4, "accuracy": 1.0, "macro_f1": 1.0,"#))
    }

    @Test func evaluateRejectsBadGoldWithTheLine() throws {
        let scratch = try TemporaryDirectory("packs"), directory = scratch.url
        defer { scratch.remove() }
        let gold = directory.appendingPathComponent("gold.jsonl")
        try "{\"text\": \"fine\", \"label\": \"POSITIVE\"}\n{\"text\": \"x\", \"label\": \"HAPPY\"}\n".write(to: gold, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run("evaluate", "--language-code", "en", "--gold", gold.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("gold.jsonl line 2: expected {\"text\": ..., \"label\": POSITIVE|NEGATIVE|NEUTRAL|MIXED}"))
    }
}
