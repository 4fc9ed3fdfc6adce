import ArgumentParser

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Checks, learns and calibrates lexicon packs.",
        subcommands: [Check.self, Learn.self, Calibrate.self]
    )
}
