import ArgumentParser
import ValenceCore
import ValenceJobs

extension LexiconCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Validates a pack directory: every file, every line.")

        @Argument(help: "The pack directory, e.g. Lexicons/en.")
        var pack: String

        func run() throws {
            let check = try CLIFailure.calling { try PackDirectory(path: pack).check() }
            if !check.problems.isEmpty {
                throw CLIFailure(status: 1, message: check.problems.map { "valence: error: \($0)" }.joined(separator: "\n"))
            }
            let loaded = check.pack, rules = loaded.rules
            let repeated = check.repeatedKeys > 0 ? " (\(check.repeatedKeys) keys repeated; the last value wins)" : ""
            let learned = loaded.learned.map {
                "\($0.entries.count) (\($0.entries.filter { $0.kind == .word }.count) words, \($0.entries.filter { $0.kind == .characters }.count) character n-grams)"
            }
            print("""
                \(pack): OK
                  language       \(loaded.language.rawValue) (tokenizer: \(rules.tokenizer.rawValue))
                  lexicon words  \(check.compiled.wordCount)\(repeated)
                  emoji          \(loaded.emoji.count)
                  negators       \(rules.negators.count)
                  boosters       \(rules.boosters.filter { $0.increment > 0 }.count) boosters, \(rules.boosters.filter { $0.increment < 0 }.count) dampeners
                  contrast       \(rules.contrast.joined(separator: ", "))
                  negators after \(rules.negatorsAfter.count)
                  idioms         \(rules.idioms.count)
                  learned units  \(learned ?? "none")
                  mixed units    \(loaded.mixedUnits.map { "\($0.entries.count) words" } ?? "none")
                  calibration    \(loaded.calibration?.provenance.first ?? "none")
                """)
        }
    }
}
