extension ServiceModel {
    /// botocore's `ArgumentGenerator`: a sample of `shape`, as `--generate-cli-skeleton` prints
    /// it. Strings are empty (`memberNames`: the member's name, for `output`), an enum takes its
    /// first value (botocore picks one at random), lists hold one sample, timestamps are
    /// `1970-01-01T00:00:00`.
    public func skeleton(_ name: String, memberNames: Bool = false, member: String = "", stack: [String] = []) -> JSONValue {
        let stack = stack + [name]
        switch shape(name) {
        case .structure(_, let members):
            if stack.filter({ $0 == name }).count > 1 { return .object([]) }
            return .object(members.map { ($0.0, skeleton($0.1, memberNames: memberNames, member: $0.0, stack: stack)) })
        case .list(_, let item): return .array([skeleton(item, memberNames: memberNames, member: member, stack: stack)])
        case .string(_, let values): return .string(memberNames ? member : values.first ?? "")
        case .integer: return .int(0)
        case .float: return .number("0.0")
        case .boolean: return .bool(true)
        case .timestamp: return .string("1970-01-01T00:00:00")
        case .blob: return .null
        }
    }
}
