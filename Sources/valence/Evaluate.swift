import ArgumentParser
import Foundation
import ValenceCore
import ValenceJobs

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scores a labelled JSON Lines file ({\"text\", \"label\"}) and reports accuracy and macro-F1.",
        discussion: """
            Scoring is `valence analyze`'s. --classes auto picks the task from the gold labels: POSITIVE/NEGATIVE \\
            only → binary (POSITIVE when its score beats NEGATIVE's); any MIXED → four classes; otherwise three \\
            classes with MIXED folded into NEUTRAL (gold and predictions). Macro-F1 averages the classes found \\
            in the gold labels or the predictions.
            """
    )

    enum Classes: String, ExpressibleByArgument, CaseIterable {
        case auto, four = "4", three = "3", binary
    }

    @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
    var languageCode: String

    @Option(help: "Labelled documents, one JSON object a line with \"text\" and \"label\".")
    var gold: String

    @Option(help: "auto, 4, 3 (MIXED folded into NEUTRAL) or binary (POSITIVE vs NEGATIVE).")
    var classes: Classes = .auto

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @OptionGroup var pack: PackOptions

    func run() throws {
        let language = try CLIFailure.language(languageCode)
        let session = try pack.session(for: language)
        let data = try LabelledData(path: gold)

        var mode = classes
        if mode == .auto {
            let present = Set(data.labels)
            mode = present.isSubset(of: [.positive, .negative]) ? .binary : present.contains(.mixed) ? .four : .three
        }
        let fold: (Sentiment) -> Sentiment = mode == .three ? { $0 == .mixed ? .neutral : $0 } : { $0 }
        var predicted: [Sentiment] = []
        predicted.reserveCapacity(data.texts.count)
        for text in data.texts {
            let analysis = session.analyze(text)
            if mode == .binary {
                predicted.append(analysis.score.positive >= analysis.score.negative ? .positive : .negative)
            } else {
                predicted.append(fold(analysis.sentiment))
            }
        }
        let report = ClassificationReport(gold: data.labels.map(fold), predicted: predicted)
        if json {
            print(report.json(set: data.name, language: language, mode: mode.rawValue))
        } else {
            print(report.text(set: data.name, language: language, mode: mode.rawValue))
        }
    }
}

/// Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix.
struct ClassificationReport {
    let classes: [Sentiment]
    let confusion: [[Int]]  // [gold][predicted], in `classes` order
    let count: Int

    init(gold: [Sentiment], predicted: [Sentiment]) {
        let present = Set(gold).union(predicted)
        classes = Sentiment.allCases.filter(present.contains)
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
        for (g, p) in zip(gold, predicted) {
            confusion[classes.firstIndex(of: g)!][classes.firstIndex(of: p)!] += 1
        }
        self.confusion = confusion
        count = gold.count
    }

    var accuracy: Double { Double(classes.indices.reduce(0) { $0 + confusion[$1][$1] }) / Double(max(count, 1)) }

    func precision(_ c: Int) -> Double {
        let column = classes.indices.reduce(0) { $0 + confusion[$1][c] }
        return column == 0 ? 0 : Double(confusion[c][c]) / Double(column)
    }

    func recall(_ c: Int) -> Double {
        let row = confusion[c].reduce(0, +)
        return row == 0 ? 0 : Double(confusion[c][c]) / Double(row)
    }

    func f1(_ c: Int) -> Double {
        let (p, r) = (precision(c), recall(c))
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    var macroF1: Double { classes.indices.reduce(0) { $0 + f1($1) } / Double(max(classes.count, 1)) }

    func text(set: String, language: LanguageCode, mode: String) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        var lines = [
            "\(set) (\(language.rawValue), \(mode == "binary" ? "binary POSITIVE vs NEGATIVE" : mode == "3" ? "3 classes, MIXED folded into NEUTRAL" : "4 classes"), \(count) documents)",
            "accuracy  \(f(accuracy))",
            "macro-F1  \(f(macroF1))",
            "",
            "class       precision  recall  F1     support",
        ]
        for (c, name) in classes.enumerated() {
            let padded = name.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
            lines.append("\(padded) \(f(precision(c)))      \(f(recall(c)))   \(f(f1(c)))  \(confusion[c].reduce(0, +))")
        }
        lines.append("")
        lines.append("confusion (rows: gold, columns: predicted)")
        let width = 10
        lines.append("".padding(toLength: width, withPad: " ", startingAt: 0) + classes.map { $0.rawValue.prefix(8).padding(toLength: width, withPad: " ", startingAt: 0) }.joined())
        for (c, name) in classes.enumerated() {
            lines.append(name.rawValue.prefix(8).padding(toLength: width, withPad: " ", startingAt: 0)
                + confusion[c].map { String($0).padding(toLength: width, withPad: " ", startingAt: 0) }.joined())
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }

    func json(set: String, language: LanguageCode, mode: String) -> String {
        var perClass: [(String, JSONValue)] = []
        for (c, name) in classes.enumerated() {
            perClass.append((name.rawValue, .object([
                ("precision", .number(PythonFloat.repr(precision(c)))), ("recall", .number(PythonFloat.repr(recall(c)))),
                ("f1", .number(PythonFloat.repr(f1(c)))), ("support", .number(String(confusion[c].reduce(0, +)))),
            ])))
        }
        let value = JSONValue.object([
            ("set", .string(set)), ("language", .string(language.rawValue)), ("classes", .string(mode)),
            ("documents", .number(String(count))), ("accuracy", .number(PythonFloat.repr(accuracy))),
            ("macro_f1", .number(PythonFloat.repr(macroF1))), ("per_class", .object(perClass)),
            ("labels", .array(classes.map { .string($0.rawValue) })),
            ("confusion", .array(confusion.map { .array($0.map { .number(String($0)) }) })),
        ])
        return value.serialized(.line)
    }
}
