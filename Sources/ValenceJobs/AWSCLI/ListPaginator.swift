import Foundation

/// The aws CLI's paging flags of a paginated operation (CLI v2: `--max-items`,
/// `--starting-token`, `--page-size`, and the global `--no-paginate`).
public struct PagingOptions: Sendable {
    public var maxItems: Int?
    public var startingToken: String?
    public var pageSize: Int?
    public var noPaginate: Bool

    public init(maxItems: Int? = nil, startingToken: String? = nil, pageSize: Int? = nil, noPaginate: Bool = false) {
        self.maxItems = maxItems
        self.startingToken = startingToken
        self.pageSize = pageSize
        self.noPaginate = noPaginate
    }
}

/// botocore's `PageIterator` for the aws CLI: unless the caller asks for one page (the
/// operation's own token or limit member, or `--no-paginate`), it follows the output token,
/// keeps at most `--max-items` results and hands back a resume token in botocore's format
/// (base64 of `{"NextToken": ..., "boto_truncate_amount": n}`), which `--starting-token` takes.
public enum ListPaginator {
    /// Whether the aws CLI pages for this body: not when it names the input token or the limit.
    public static func paginates(_ body: JSONValue, paginator: ServiceModel.Paginator, options: PagingOptions) -> Bool {
        !options.noPaginate && body[paginator.inputToken] == nil && body[paginator.limitKey] == nil
    }

    /// Every page, as the CLI would print them.
    public static func pages(_ body: JSONValue, paginator: ServiceModel.Paginator, options: PagingOptions,
                             call: (JSONValue) throws -> JSONValue) throws -> PagedResponse {
        var (token, skip) = try decode(options.startingToken)
        var pages: [JSONValue] = []
        var total = 0
        var resume: String?
        while true {
            var members: [(String, JSONValue)] = []
            if case .object(let given) = body { members = given }
            if let token { members.append((paginator.inputToken, .string(token))) }
            if let size = options.pageSize { members.append((paginator.limitKey, .int(size))) }
            var page = try call(.object(members))
            var items: [JSONValue] = []
            if case .array(let list)? = page[paginator.resultKey] { items = list }
            let startingTruncation = skip
            if skip > 0 { items = Array(items.dropFirst(skip)) as [JSONValue]; skip = 0 }
            if let maxItems = options.maxItems, total + items.count > maxItems {
                let keep = maxItems - total
                items = Array(items.prefix(keep))
                resume = encode(token, truncate: keep + startingTruncation)
                pages.append(replacing(page, paginator.resultKey, with: .array(items)))
                break
            }
            page = replacing(page, paginator.resultKey, with: .array(items))
            pages.append(page)
            total += items.count
            guard let next = page[paginator.outputToken]?.stringValue else { break }
            if let maxItems = options.maxItems, total == maxItems {
                resume = encode(next, truncate: nil)
                break
            }
            token = next
        }
        return PagedResponse(pages: pages, resultKey: paginator.resultKey, resumeToken: resume)
    }

    static func replacing(_ page: JSONValue, _ key: String, with value: JSONValue) -> JSONValue {
        guard case .object(let members) = page else { return page }
        return .object(members.map { $0.0 == key ? ($0.0, value) : $0 })
    }

    /// botocore's `TokenEncoder`: base64 of `json.dumps` of the token dictionary.
    static func encode(_ token: String?, truncate: Int?) -> String {
        var members: [(String, JSONValue)] = [("NextToken", token.map { .string($0) } ?? .null)]
        if let truncate { members.append(("boto_truncate_amount", .int(truncate))) }
        return Data(JSONValue.object(members).serialized(.record).utf8).base64EncodedString()
    }

    /// A `--starting-token`: botocore's encoded form, or the deprecated `token___n`.
    static func decode(_ text: String?) throws(ParameterError) -> (String?, Int) {
        guard let text else { return (nil, 0) }
        if let data = Data(base64Encoded: text), let json = String(data: data, encoding: .utf8),
           case .object? = try? JSONValue.parse(json), let value = try? JSONValue.parse(json) {
            let skip = value["boto_truncate_amount"].flatMap { PythonValue.integer($0) } ?? 0
            return (value["NextToken"]?.stringValue, skip)
        }
        let parts = text.components(separatedBy: "___")
        if parts.count == 2, let skip = Int(parts[1]) { return (parts[0].isEmpty ? nil : parts[0], skip) }
        return (text, 0)
    }
}
