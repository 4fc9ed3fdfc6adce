/// The YAML that `--cli-input-yaml` takes, as far as a request needs it: block mappings and
/// sequences (compact `- key: value` items included), flow `[...]` and `{...}`, plain scalars
/// resolved as YAML 1.2's core schema does (null, booleans, integers, floats, else strings),
/// single- and double-quoted strings, comments, a leading `---`. Anchors, tags, multi-line
/// scalars and several documents are refused as invalid.
public enum YAMLInput {
    public struct Invalid: Error, Sendable {}

    public static func parse(_ text: String) throws(Invalid) -> JSONValue {
        var lines: [(indent: Int, text: Substring)] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let stripped = stripComment(raw)
            let content = stripped.drop(while: { $0 == " " })
            if content.allSatisfy({ $0 == " " || $0 == "\t" }) || content == "---" { continue }
            if content == "..." { break }
            lines.append((stripped.count - content.count, Substring(content.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())))
        }
        guard !lines.isEmpty else { return .null }
        var index = 0
        let value = try block(&lines, &index, indent: lines[0].indent)
        guard index == lines.count else { throw Invalid() }
        return value
    }

    static func stripComment(_ line: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for position in line.indices {
            let c = line[position]
            if let open = quote { if c == open { quote = nil } } else if c == "'" || c == "\"" { quote = c } else if c == "#", previous == " " || previous == "\t" {
                return line[..<position]
            }
            previous = c
        }
        return line
    }

    static func block(_ lines: inout [(indent: Int, text: Substring)], _ index: inout Int, indent: Int) throws(Invalid) -> JSONValue {
        if lines[index].text.hasPrefix("- ") || lines[index].text == "-" {
            var items: [JSONValue] = []
            while index < lines.count, lines[index].indent == indent, lines[index].text.hasPrefix("- ") || lines[index].text == "-" {
                let rest = lines[index].text.dropFirst(1).drop(while: { $0 == " " })
                if rest.isEmpty {
                    index += 1
                    guard index < lines.count, lines[index].indent > indent else { items.append(.null); continue }
                    items.append(try block(&lines, &index, indent: lines[index].indent))
                } else {
                    // `- key: value` opens a mapping whose keys sit where `key` starts.
                    let inner = indent + (lines[index].text.count - rest.count)
                    lines[index] = (inner, rest)
                    items.append(try block(&lines, &index, indent: inner))
                }
            }
            return .array(items)
        }
        guard let colon = mappingColon(lines[index].text) else {
            let value = try scalarOrFlow(lines[index].text)
            index += 1
            return value
        }
        _ = colon
        var members: [(String, JSONValue)] = []
        while index < lines.count, lines[index].indent == indent, let colon = mappingColon(lines[index].text) {
            let key = try keyText(lines[index].text[..<colon])
            let rest = lines[index].text[lines[index].text.index(after: colon)...].drop(while: { $0 == " " })
            index += 1
            let value: JSONValue
            if !rest.isEmpty {
                value = try scalarOrFlow(rest)
            } else if index < lines.count, lines[index].indent > indent || (lines[index].indent == indent && lines[index].text.hasPrefix("-")) {
                value = try block(&lines, &index, indent: lines[index].indent)
            } else {
                value = .null
            }
            if members.contains(where: { $0.0 == key }) { throw Invalid() }
            members.append((key, value))
        }
        if index < lines.count, lines[index].indent > indent { throw Invalid() }
        return .object(members)
    }

    /// Where `key: ` ends the key of a mapping line (outside quotes and flow brackets).
    static func mappingColon(_ text: Substring) -> Substring.Index? {
        if text.first == "[" || text.first == "{" { return nil }
        var quote: Character?
        for position in text.indices {
            let c = text[position]
            if let open = quote { if c == open { quote = nil }; continue }
            if (c == "'" || c == "\"") && position == text.startIndex { quote = c; continue }
            if c == ":" {
                let next = text.index(after: position)
                if next == text.endIndex || text[next] == " " { return position }
            }
        }
        return nil
    }

    static func keyText(_ text: Substring) throws(Invalid) -> String {
        let trimmed = Substring(text.reversed().drop(while: { $0 == " " }).reversed())
        if case .string(let key) = try scalarOrFlow(trimmed, resolving: false) { return key }
        throw Invalid()
    }

    static func scalarOrFlow(_ text: Substring, resolving: Bool = true) throws(Invalid) -> JSONValue {
        var parser = FlowParser(scalars: Array(text.unicodeScalars))
        let value = try parser.value(resolving: resolving, inFlow: false)
        parser.skipSpaces()
        guard parser.index == parser.scalars.count else { throw Invalid() }
        return value
    }
}
