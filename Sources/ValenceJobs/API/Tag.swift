import ValenceCore

/// `Tag` (spec §3.5). Tags are stored with the job and never returned by Describe or List.
public struct Tag: Sendable, Equatable {
    public var key: String
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("Key", .string(key))]
        if let value { members.append(("Value", .string(value))) }
        return .object(members)
    }

    static func decode(_ shape: ShapeDecoder.Structure, _ decoder: ShapeDecoder) throws(ServiceError) -> Tag? {
        let mark = decoder.mark
        let key = try decoder.string(shape, "Key", required: true, ModelShapes.tagKey)
        let value = try decoder.string(shape, "Value", ModelShapes.tagValue)
        guard decoder.mark == mark, let key else { return nil }
        return Tag(key: key, value: value)
    }
}
