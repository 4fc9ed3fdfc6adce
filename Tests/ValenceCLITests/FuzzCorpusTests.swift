import Foundation
import Testing
import ValenceTestSupport

/// Every seed of every fuzz target (Fuzz/Corpus/<target>/), replayed through the target in an
/// ordinary build: the inputs that once crashed or hung stay fixed, and each seed still meets its
/// target's property (issue #11; tools/fuzz.sh runs the fuzzers themselves).
@Suite struct FuzzCorpusTests {
    static let targets = ["reader", "shorthand", "cli-input-json", "manifest", "pack", "segmenter", "deflate"]

    @Test(arguments: targets)
    func seedsPass(_ target: String) throws {
        let binary = CLIRunner.binary.deletingLastPathComponent().appendingPathComponent("valence-fuzz").path
        let corpus = Repository.root.appendingPathComponent("Fuzz/Corpus/\(target)").path
        let seeds = try FileManager.default.contentsOfDirectory(atPath: corpus)
        #expect(seeds.count >= 2, "a target without seeds")
        var environment = ProcessInfo.processInfo.environment
        environment["VALENCE_LEXICONS"] = Repository.lexicons.path
        let run = try ToolRun.run(binary, [target, corpus], environment: environment)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "\(target): \(seeds.count) inputs, no crash\n")
    }

    @Test func theReplayFailsWhenATargetTraps() throws {
        // Not a test that cannot fail: a target that traps (here the segmenter without packs)
        // fails the replay, and an unknown target is refused.
        let binary = CLIRunner.binary.deletingLastPathComponent().appendingPathComponent("valence-fuzz").path
        let corpus = Repository.root.appendingPathComponent("Fuzz/Corpus/segmenter").path
        var environment = ProcessInfo.processInfo.environment
        environment["VALENCE_LEXICONS"] = "/nonexistent"
        let trapped = try ToolRun.run(binary, ["segmenter", corpus], environment: environment)
        #expect(trapped.status != 0)
        #expect(trapped.stderr.contains("cannot load the"))
        #expect(try ToolRun.run(binary, ["no-such-target", corpus]).status == 2)
    }
}
