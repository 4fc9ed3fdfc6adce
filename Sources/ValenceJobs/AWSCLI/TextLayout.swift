/// The aws CLI's `--output text` (awscli/text.py): a dict's scalar values on one tab-separated
/// line (keys sorted), each non-scalar member after it under its key in upper case, a list of
/// dicts one line per element with the union of their scalar keys, values as Python's `str`.
public enum TextLayout {
    public static func render(_ value: JSONValue) -> String {
        var out = ""
        format(value, identifier: nil, scalarKeys: nil, into: &out)
        return out
    }

    static func format(_ value: JSONValue, identifier: String?, scalarKeys: [String]?, into out: inout String) {
        switch value {
        case .object(let members): formatDict(members, identifier: identifier, scalarKeys: scalarKeys, into: &out)
        case .array(let items): formatList(items, identifier: identifier, into: &out)
        default: out += PythonValue.str(value) + "\n"
        }
    }

    static func formatList(_ items: [JSONValue], identifier: String?, into out: inout String) {
        guard !items.isEmpty else { return }
        if items.contains(where: { if case .object = $0 { true } else { false } }) {
            var keys = Set<String>()
            for case .object(let members) in items {
                for (key, value) in members where TableLayout.isScalar(value) { keys.insert(key) }
            }
            let sorted = keys.sorted(by: TableLayout.pythonOrder)
            for item in items { format(item, identifier: identifier, scalarKeys: sorted, into: &out) }
        } else if items.contains(where: { if case .array = $0 { true } else { false } }) {
            let scalars = items.filter(TableLayout.isScalar)
            if !scalars.isEmpty { formatScalars(scalars, identifier: identifier, into: &out) }
            for item in items where !TableLayout.isScalar(item) { format(item, identifier: identifier, scalarKeys: nil, into: &out) }
        } else {
            formatScalars(items, identifier: identifier, into: &out)
        }
    }

    static func formatScalars(_ items: [JSONValue], identifier: String?, into out: inout String) {
        if let identifier {
            for item in items { out += identifier.uppercased() + "\t" + PythonValue.str(item) + "\n" }
        } else {
            out += items.map(PythonValue.str).joined(separator: "\t") + "\n"
        }
    }

    static func formatDict(_ members: [(String, JSONValue)], identifier: String?, scalarKeys: [String]?, into out: inout String) {
        var scalars: [String] = []
        var nonScalars: [(String, JSONValue)] = []
        let dict = JSONValue.object(members)
        if let scalarKeys {
            scalars = scalarKeys.map { dict[$0].map(PythonValue.str) ?? "" }
            let rest = Set(members.map(\.0)).subtracting(scalarKeys).sorted(by: TableLayout.pythonOrder)
            nonScalars = rest.map { ($0, dict[$0]!) }
        } else {
            for key in Set(members.map(\.0)).sorted(by: TableLayout.pythonOrder) {
                let value = dict[key]!
                if TableLayout.isScalar(value) { scalars.append(PythonValue.str(value)) } else { nonScalars.append((key, value)) }
            }
        }
        if !scalars.isEmpty {
            if let identifier { scalars.insert(identifier.uppercased(), at: 0) }
            out += scalars.joined(separator: "\t") + "\n"
        }
        for (key, value) in nonScalars { format(value, identifier: key, scalarKeys: nil, into: &out) }
    }
}
