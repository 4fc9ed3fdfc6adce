import ValenceCore

/// The aws CLI v2's `--output yaml` (ruamel.yaml's safe dumper, YAML 1.2, block style, unicode
/// kept, width 80): keys in response order, a sequence's dashes level with its key, a string plain
/// unless YAML would read it as something else or it cannot be plain (then single-quoted, or
/// double-quoted when it holds a line break or a control character), a long plain or
/// single-quoted string folded at spaces past column 80 (a line break in a single-quoted string
/// written as an empty line), a plain scalar at the root followed by `...`. Not reproduced: ruamel's
/// folding of double-quoted strings (they are written on one line).
public enum YAMLLayout {
    public static func render(_ value: JSONValue) -> String {
        var writer = Writer()
        switch value {
        case .array(let items) where !items.isEmpty:
            writer.sequence(items, indent: 0)
            writer.out += "\n"
        case .object(let members) where !members.isEmpty:
            writer.mapping(members, indent: 0)
            writer.out += "\n"
        default:
            let plain = writer.scalar(value, indent: 2)
            writer.out += "\n"
            if plain { writer.out += "...\n" }
        }
        return writer.out
    }

    struct Writer {
        var out = ""
        var column = 0

        mutating func write(_ text: String) {
            out += text
            if let newline = text.lastIndex(of: "\n") {
                column = text[text.index(after: newline)...].unicodeScalars.count
            } else {
                column += text.unicodeScalars.count
            }
        }

        mutating func newline(_ indent: Int) { write("\n" + String(repeating: " ", count: indent)) }

        mutating func mapping(_ members: [(String, JSONValue)], indent: Int) {
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { newline(indent) }
                _ = scalar(.string(key), indent: indent + 2, simpleKey: true)
                write(":")
                child(value, indent: indent, inSequence: false)
            }
        }

        mutating func sequence(_ items: [JSONValue], indent: Int) {
            for (i, item) in items.enumerated() {
                if i > 0 { newline(indent) }
                write("-")
                child(item, indent: indent, inSequence: true)
            }
        }

        /// A value after `key:` or `-`.
        mutating func child(_ value: JSONValue, indent: Int, inSequence: Bool) {
            switch value {
            case .object(let members) where !members.isEmpty:
                if inSequence {
                    write(" ")
                    mapping(members, indent: indent + 2)
                } else {
                    newline(indent + 2)
                    mapping(members, indent: indent + 2)
                }
            case .array(let items) where !items.isEmpty:
                if inSequence {
                    write(" ")
                    sequence(items, indent: indent + 2)
                } else {
                    newline(indent)
                    sequence(items, indent: indent)
                }
            default:
                write(" ")
                _ = scalar(value, indent: indent + 2)
            }
        }

        /// Writes a scalar; true when it was written plain.
        @discardableResult
        mutating func scalar(_ value: JSONValue, indent: Int, simpleKey: Bool = false) -> Bool {
            switch value {
            case .null: write("null")
            case .bool(let flag): write(flag ? "true" : "false")
            case .number(let text): write(YAMLLayout.number(text))
            case .array: write("[]"); return false
            case .object: write("{}"); return false
            case .string(let text):
                switch YAMLLayout.style(text) {
                case .plain: folded(text, indent: indent, split: !simpleKey)
                case .single: singleQuoted(text, indent: indent, split: !simpleKey)
                case .double: write(YAMLLayout.doubleQuoted(text))
                }
                return YAMLLayout.style(text) == .plain
            }
            if case .number = value { return true }
            return true
        }

        /// ruamel's `write_single_quoted`: `''` for a quote, a line break as an empty line, a
        /// single inner space past the width as a line break.
        mutating func singleQuoted(_ text: String, indent: Int, split: Bool) {
            write("'")
            let scalars = Array(text.unicodeScalars)
            let breaks: Set<Unicode.Scalar> = ["\n", "\u{85}", "\u{2028}", "\u{2029}"]
            func piece(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
            var start = 0, end = 0, spaces = false, inBreaks = false
            while end <= scalars.count {
                let c: Unicode.Scalar? = end < scalars.count ? scalars[end] : nil
                if spaces {
                    if c != " " {
                        if start + 1 == end && column > 80 && split && start != 0 && end != scalars.count {
                            newline(indent)
                        } else {
                            write(piece(start..<end))
                        }
                        start = end
                    }
                } else if inBreaks {
                    if c == nil || !breaks.contains(c!) {
                        if scalars[start] == "\n" { write("\n") }
                        for item in scalars[start..<end] { write(item == "\n" ? "\n" : String(item)) }
                        write(String(repeating: " ", count: indent))
                        start = end
                    }
                } else if c == nil || c == " " || breaks.contains(c!) || c == "'" {
                    if start < end { write(piece(start..<end)); start = end }
                }
                if c == "'" {
                    write("''")
                    start = end + 1
                }
                if let c {
                    spaces = c == " "
                    inBreaks = breaks.contains(c)
                }
                end += 1
            }
            write("'")
        }

        /// ruamel's `write_plain`: a single space past the width becomes a line break.
        mutating func folded(_ text: String, indent: Int, split: Bool) {
            let scalars = Array(text.unicodeScalars)
            var start = 0
            var index = 0
            while index < scalars.count {
                if scalars[index] == " " {
                    write(String(String.UnicodeScalarView(scalars[start..<index])))
                    var end = index
                    while end < scalars.count, scalars[end] == " " { end += 1 }
                    if end == index + 1, column > 80, split {
                        newline(indent)
                    } else {
                        write(String(repeating: " ", count: end - index))
                    }
                    start = end
                    index = end
                } else {
                    index += 1
                }
            }
            write(String(String.UnicodeScalarView(scalars[start...])))
        }
    }
}
