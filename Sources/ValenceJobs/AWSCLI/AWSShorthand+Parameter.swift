import Foundation

extension AWSShorthand {
    /// A structure parameter given on the command line as shorthand or JSON (nil when absent),
    /// with a parse error worded as the aws CLI words it for the parameter `name` (`input-data-config`).
    public static func parameter(_ text: String?, name: String) throws(ParameterError) -> JSONValue? {
        guard let text else { return nil }
        do { return try parse(text) } catch {
            throw ParameterError(message: "\n" + error.message.replacingOccurrences(
                of: "Error parsing parameter:", with: "Error parsing parameter '\(name)':"))
        }
    }

    /// `--tags Key=a,Value=1 Key=b,Value=2` or `--tags '[{...}]'`: the items of every value, in
    /// order, as one list; nil when none is given.
    public static func listParameter(_ texts: [String], name: String) throws(ParameterError) -> JSONValue? {
        guard !texts.isEmpty else { return nil }
        var items: [JSONValue] = []
        for text in texts {
            guard let value = try parameter(text, name: name) else { continue }
            if case .array(let list) = value { items += list } else { items.append(value) }
        }
        return .array(items)
    }
}
