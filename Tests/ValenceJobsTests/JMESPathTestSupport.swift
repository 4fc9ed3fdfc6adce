import Foundation
import Testing
import ValenceCore
import ValenceJobs

/// Paths and comparisons shared by the JMESPath tests.
enum JMESPathTestSupport {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/spec/jmespath-compliance/` beside the clone (never copied into it).
    static let complianceDirectory = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/spec/jmespath-compliance", isDirectory: true)

    /// Equality of two results.
    /// - `strict`: object keys in the same order and numbers of the same Python type (`1` is not
    ///   `1.0`), as the aws CLI would print them. Otherwise objects are unordered and numbers
    ///   compare by value, as the compliance suite's runner compares them.
    static func same(_ lhs: JSONValue, _ rhs: JSONValue, strict: Bool) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.string(a), .string(b)): return a.utf8.elementsEqual(b.utf8)
        case let (.number(a), .number(b)):
            let isFloatA = a.contains { $0 == "." || $0 == "e" || $0 == "E" }
            let isFloatB = b.contains { $0 == "." || $0 == "e" || $0 == "E" }
            if strict && isFloatA != isFloatB { return false }
            if !isFloatA && !isFloatB, let x = Int(a), let y = Int(b) { return x == y }
            guard let x = Double(a), let y = Double(b) else { return a == b }
            return x == y
        case let (.array(a), .array(b)):
            return a.count == b.count && zip(a, b).allSatisfy { same($0, $1, strict: strict) }
        case let (.object(a), .object(b)):
            guard a.count == b.count else { return false }
            if strict {
                return zip(a, b).allSatisfy { $0.0.utf8.elementsEqual($1.0.utf8) && same($0.1, $1.1, strict: true) }
            }
            return a.allSatisfy { key, value in
                b.contains { $0.0.utf8.elementsEqual(key.utf8) && same(value, $0.1, strict: false) }
            }
        default:
            return false
        }
    }

    /// Compact JSON for messages.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n
        case .string(let s): "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .array(let a): "[" + a.map(text).joined(separator: ",") + "]"
        case .object(let o): "{" + o.map { text(.string($0.0)) + ":" + text($0.1) }.joined(separator: ",") + "}"
        }
    }
}
