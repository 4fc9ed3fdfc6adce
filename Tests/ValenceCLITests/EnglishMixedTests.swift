import Foundation
import Testing
import ValenceTestSupport

/// The English pack's fitted MIXED row (issue #15 acceptance 2), as a user sees it through `analyze`.
@Suite struct EnglishMixedTests {
    /// Written for this test: five review sentences that praise one thing and damn another, and five
    /// that take one side. MIXED on at least four of the first and on none of the second.
    static let twoSided = [
        "The food was great but the service was terrible.",
        "I love the camera, but the battery life is awful and the screen scratches easily.",
        "The pasta was delicious, but the waiter was rude and slow.",
        "Great location and friendly staff, but the room was dirty and noisy.",
        "The screen is beautiful, but the speakers are horrible.",
    ]
    static let oneSided = [
        "The food was great and the service was excellent.",
        "The waiter was rude and the soup was cold.",
        "I love this phone, the battery lasts for days.",
        "Terrible movie, boring and far too long.",
        "The hotel staff were friendly and helpful.",
    ]

    @Test func englishAnswersMixedOnTwoSidedSentencesOnly() throws {
        let two = try EvidenceTests.sentiments("en", Self.twoSided)
        let one = try EvidenceTests.sentiments("en", Self.oneSided)
        #expect(two.filter { $0 == "MIXED" }.count >= 4, "\(zip(Self.twoSided, two).map { "\($1): \($0)" })")
        #expect(!one.contains("MIXED"), "\(zip(Self.oneSided, one).map { "\($1): \($0)" })")
    }

    /// The MIXED row reads mixed-units.tsv (calibration-extras mixed-units): `lexicon check` shows it, and a
    /// pack that names the extra without the file is refused rather than scored without its units.
    @Test func theEnglishPackShipsItsMixedUnitsAndCheckRequiresThem() throws {
        let pack = Repository.root.appendingPathComponent("Lexicons/en")
        let shipped = try CLIRunner.run("lexicon", "check", pack.path)
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect(shipped.stdout.range(of: #"mixed units    [0-9]+ words"#, options: .regularExpression) != nil, "\(shipped.stdout)")
        let scratch = try TemporaryDirectory("packs")
        defer { scratch.remove() }
        let copy = scratch.path("en")
        try FileManager.default.copyItem(atPath: pack.path, toPath: copy)
        try FileManager.default.removeItem(atPath: "\(copy)/mixed-units.tsv")
        let missing = try CLIRunner.run("lexicon", "check", copy)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("\(copy)/mixed-units.tsv: missing (calibration-extras names mixed-units"), "\(missing.stderr)")
    }

    /// `lexicon calibrate --rows-train FILE --rows-weight W` (the alternative `tools/cv_select.py rows` measures):
    /// the POSITIVE, NEGATIVE and NEUTRAL rows are fitted on the review sentences too and read the mixed units,
    /// and the file says how it was written.
    @Test func calibrateCanFitTheRowsOnReviewSentencesToo() throws {
        let scratch = try TemporaryDirectory("packs")
        defer { scratch.remove() }
        let pack = scratch.path("en")
        try FileManager.default.copyItem(atPath: Repository.root.appendingPathComponent("Lexicons/en").path, toPath: pack)
        func jsonl(_ rows: [(String, String)]) -> String {
            rows.map { #"{"text": "\#($0.0)", "label": "\#($0.1)"}"# }.joined(separator: "\n") + "\n"
        }
        var tweets: [(String, String)] = [], reviews: [(String, String)] = []
        for i in 0..<20 {
            tweets += [("what a lovely day \(i)", "POSITIVE"), ("this is awful \(i)", "NEGATIVE"), ("the bus leaves at \(i)", "NEUTRAL")]
            reviews += [("the pasta was tasty \(i)", "POSITIVE"), ("the waiter was rude \(i)", "NEGATIVE"),
                        ("the pasta was tasty but the waiter was rude \(i)", "MIXED")]
        }
        let train = try scratch.write("tweets.jsonl", jsonl(tweets)), mams = try scratch.write("reviews.jsonl", jsonl(reviews))
        let result = try CLIRunner.run("lexicon", "calibrate", pack, "--train", train, "--mixed-train", mams,
                                       "--rows-train", mams, "--rows-weight", "0.1")
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: "\(pack)/calibration.txt", encoding: .utf8)
        #expect(text.contains("--mixed-train <shared>/train/reviews.jsonl --rows-train <shared>/train/reviews.jsonl --rows-weight 0.1\n"))
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t") }
        let column = try #require(lines.first?.firstIndex(of: "units-polarity-mean"))
        let positive = try #require(lines.first { $0.first == "POSITIVE" })
        #expect(Double(positive[column]) != 0, "the rows read the mixed units")
        // The documents counted: the tweets and the single-polarity review sentences (MIXED ones left out).
        #expect(text.contains("documents: 100 (POSITIVE 40, NEGATIVE 40, NEUTRAL 20, MIXED 0)"), "\(text)")
    }
}
