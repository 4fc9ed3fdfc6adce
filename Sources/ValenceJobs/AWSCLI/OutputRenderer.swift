import Foundation

/// How the aws CLI prints a response: `--query` (JMESPath) then `--output` (json, text, table,
/// yaml, yaml-stream), with timestamps in ISO 8601 as CLI v2 prints them. Every `valence` command
/// that answers as `aws comprehend` does prints through here.
public struct OutputSettings: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case json, text, table, yaml
        case yamlStream = "yaml-stream"
    }

    public var format: Format
    public var query: JMESPath.Expression?
    /// Colours in table output (`--color on`, or `auto` on a terminal).
    public var colored: Bool
    /// The zone timestamps are shown in: the local one, as CLI v2 shows them.
    public var timeZone: TimeZone
    /// CLI v2's `cli_timestamp_format`: ISO 8601 (true, the default) or the wire's epoch seconds.
    public var isoTimestamps = true
    /// Columns before a table turns its one-row sections vertical: the terminal's, else 80.
    public var terminalWidth = 80

    public init(format: Format = .json, query: JMESPath.Expression? = nil, colored: Bool = false, timeZone: TimeZone = .current) {
        self.format = format
        self.query = query
        self.colored = colored
        self.timeZone = timeZone
    }
}

/// A paginated operation's answer: the pages as the service returned them (after `--max-items`
/// truncation) and the token to resume from, when output stopped early.
public struct PagedResponse: Sendable {
    public var pages: [JSONValue]
    public var resultKey: String
    public var resumeToken: String?

    public init(pages: [JSONValue], resultKey: String, resumeToken: String?) {
        self.pages = pages
        self.resultKey = resultKey
        self.resumeToken = resumeToken
    }

    /// botocore's `build_full_result`: every page's results in one list, then `NextToken` when
    /// output stopped early.
    public var fullResult: JSONValue {
        var items: [JSONValue] = []
        for page in pages { if case .array(let list)? = page[resultKey] { items += list } }
        var members: [(String, JSONValue)] = [(resultKey, .array(items))]
        if let resumeToken { members.append(("NextToken", .string(resumeToken))) }
        return .object(members)
    }
}

public enum OutputRenderer {
    /// The text the aws CLI prints for `response` of `operation` (empty when it prints nothing).
    public static func render(_ response: JSONValue, operation: String, settings: OutputSettings,
                              model: ServiceModel = .comprehend) throws(ParameterError) -> String {
        let shown = settings.isoTimestamps ? model.showingTimestamps(response, shape: model.operation(operation).output, in: settings.timeZone) : response
        switch settings.format {
        case .text: return TextLayout.render(try query(shown, settings))
        case .yamlStream: return try yaml(shown, settings)
        default: return try buffered(try query(shown, settings), operation: operation, settings: settings)
        }
    }

    /// The same for a paginated operation: text and yaml-stream print page by page (the query
    /// applies to each page, as in the aws CLI); the other formats print the full result.
    public static func render(_ paged: PagedResponse, operation: String, settings: OutputSettings,
                              model: ServiceModel = .comprehend) throws(ParameterError) -> String {
        let shape = model.operation(operation).output
        let pages = paged.pages.map { settings.isoTimestamps ? model.showingTimestamps($0, shape: shape, in: settings.timeZone) : $0 }
        switch settings.format {
        case .text:
            var out = ""
            for page in pages { out += TextLayout.render(try query(.object([(paged.resultKey, page[paged.resultKey] ?? .array([]))]), settings)) }
            if let token = paged.resumeToken {
                out += TextLayout.render(try query(.object([("NextToken", .object([("NextToken", .string(token))]))]), settings))
            }
            return out
        case .yamlStream:
            var out = ""
            for page in pages { out += YAMLLayout.render(.array([try query(page, settings)])) }
            return out
        default:
            let full = settings.isoTimestamps ? model.showingTimestamps(paged.fullResult, shape: shape, in: settings.timeZone) : paged.fullResult
            return try buffered(try query(full, settings), operation: operation, settings: settings)
        }
    }

    static func buffered(_ value: JSONValue, operation: String, settings: OutputSettings) throws(ParameterError) -> String {
        if case .object(let members) = value, members.isEmpty { return "" }
        switch settings.format {
        case .table: return TableLayout.render(value, title: operation, terminalWidth: settings.terminalWidth, colored: settings.colored) ?? ""
        case .yaml: return YAMLLayout.render(value)
        default: return value.serialized(.cli) + "\n"
        }
    }

    static func yaml(_ value: JSONValue, _ settings: OutputSettings) throws(ParameterError) -> String {
        YAMLLayout.render(try query(value, settings))
    }

    static func query(_ value: JSONValue, _ settings: OutputSettings) throws(ParameterError) -> JSONValue {
        guard let expression = settings.query else { return value }
        do { return try expression.evaluate(on: value) } catch {
            throw ParameterError(message: "\n\(error.message)")
        }
    }

    /// Python's truth value of a JSON value.
    static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .number(let text): (Double(text) ?? 1) != 0
        case .string(let text): !text.isEmpty
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        }
    }
}
