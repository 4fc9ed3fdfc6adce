import Foundation

/// Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix.
public struct ClassificationReport: Sendable {
    /// The classes found in the gold labels or the predictions, in `Sentiment.allCases` order.
    public let classes: [Sentiment]
    public let confusion: [[Int]]  // [gold][predicted], in `classes` order
    public let count: Int

    public init(gold: [Sentiment], predicted: [Sentiment]) {
        let present = Set(gold).union(predicted)
        classes = Sentiment.allCases.filter(present.contains)
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
        for (g, p) in zip(gold, predicted) {
            confusion[classes.firstIndex(of: g)!][classes.firstIndex(of: p)!] += 1
        }
        self.confusion = confusion
        count = gold.count
    }

    public var accuracy: Double { Double(classes.indices.reduce(0) { $0 + confusion[$1][$1] }) / Double(max(count, 1)) }

    public func precision(_ c: Int) -> Double {
        let column = classes.indices.reduce(0) { $0 + confusion[$1][c] }
        return column == 0 ? 0 : Double(confusion[c][c]) / Double(column)
    }

    public func recall(_ c: Int) -> Double {
        let row = confusion[c].reduce(0, +)
        return row == 0 ? 0 : Double(confusion[c][c]) / Double(row)
    }

    public func f1(_ c: Int) -> Double {
        let (p, r) = (precision(c), recall(c))
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    public var macroF1: Double { classes.indices.reduce(0) { $0 + f1($1) } / Double(max(classes.count, 1)) }

    public func text(set: String, language: LanguageCode, mode: String) -> String {
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
}
