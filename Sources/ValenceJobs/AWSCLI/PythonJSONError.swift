/// Python's `json.loads` error text for a JSON text Valence's parser refused
/// (`Expecting value: line 1 column 11 (char 10)`).
enum PythonJSONError {
    static func message(_ error: JSONParseError, in text: String) -> String {
        let what: String
        switch error.message {
        case "expected a string key": what = "Expecting property name enclosed in double quotes"
        case "expected ':'": what = "Expecting ':' delimiter"
        case "expected ',' or '}'", "expected ',' or ']'": what = "Expecting ',' delimiter"
        case "unexpected text after the JSON value": what = "Extra data"
        case "unterminated string": what = "Unterminated string starting at"
        case "control character in string": what = "Invalid control character at"
        case "invalid escape", "invalid \\u escape", "truncated \\u escape": what = "Invalid \\escape"
        default: what = "Expecting value"
        }
        let prefix = String(decoding: text.utf8.prefix(error.offset), as: UTF8.self)
        let char = prefix.unicodeScalars.count
        let line = prefix.unicodeScalars.filter { $0 == "\n" }.count + 1
        let column = char - (prefix.unicodeScalars.lastIndex(of: "\n").map { prefix.unicodeScalars.distance(from: prefix.unicodeScalars.startIndex, to: $0) + 1 } ?? 0) + 1
        return "\(what): line \(line) column \(column) (char \(char))"
    }
}
