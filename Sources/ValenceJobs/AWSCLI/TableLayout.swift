/// The aws CLI's `--output table` (awscli/formatter.py TableFormatter, awscli/table.py
/// MultiTable): sections titled by the operation and by each non-scalar key, keys sorted, a
/// section of one row turned vertical when the table is wider than the terminal, widths counted
/// with East Asian wide characters as two columns.
public struct TableLayout {
    struct Section {
        var title = ""
        var headers: [String] = []
        var rows: [[String]] = []
        var indent = 0
        var widths: [Int] = []

        mutating func note(_ row: [String]) {
            if widths.isEmpty { widths = row.map(TableLayout.width) } else {
                for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TableLayout.width(cell)) }
            }
        }

        mutating func addHeader(_ row: [String]) { note(row); headers = row }
        mutating func addRow(_ row: [String]) { rows.append(row); note(row) }

        func columnWidths(padding: Int, maxWidth: Int?) -> [Int] {
            let unscaled = widths.map { $0 + padding }
            guard let maxWidth, !unscaled.isEmpty else { return unscaled }
            let scale = Double(maxWidth) / Double(unscaled.reduce(0, +))
            var scaled = unscaled.map { Int((scale * Double($0)).rounded(.toNearestOrEven)) }
            var off = scaled.reduce(0, +) - maxWidth
            while off != 0 {
                let order = off < 0 ? Array(scaled.indices.reversed()) : Array(scaled.indices)
                for i in order {
                    if off > 0 { scaled[i] -= 1; off -= 1 } else { scaled[i] += 1; off += 1 }
                    if off == 0 { break }
                }
            }
            return scaled
        }

        func totalWidth() -> Int {
            let total = widths.reduce(0) { $0 + $1 + 4 } + 2 + 2 * indent
            return max(TableLayout.width(title) + 2 + 2 * indent, total)
        }
    }

    var sections: [Section] = []
    let terminalWidth: Int
    let colored: Bool

    /// The table of `value` titled `title` (the operation's name), or nil when the aws CLI prints
    /// nothing (a false-ish value: null, empty, zero, false).
    public static func render(_ value: JSONValue, title: String, terminalWidth: Int = 80, colored: Bool = false) -> String? {
        var layout = TableLayout(terminalWidth: terminalWidth, colored: colored)
        guard layout.build(title: title, value, indent: 0) else { return nil }
        return layout.rendered()
    }

    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1.value) ? 2 : 1) }
    }

    static func isWide(_ value: UInt32) -> Bool {
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if wideRanges[mid].upperBound < value { low = mid + 1 } else if wideRanges[mid].lowerBound > value { high = mid - 1 } else { return true }
        }
        return false
    }

    static func isScalar(_ value: JSONValue) -> Bool {
        switch value { case .array, .object: false; default: true }
    }

    static func cell(_ value: JSONValue) -> String { PythonValue.str(value) }

    private mutating func newSection(_ title: String, indent: Int) {
        sections.append(Section(title: title, indent: indent))
    }

    private mutating func addRow(_ row: [String]) { sections[sections.count - 1].addRow(row) }
    private mutating func addHeader(_ row: [String]) { sections[sections.count - 1].addHeader(row) }

    private mutating func build(title: String?, _ value: JSONValue, indent: Int) -> Bool {
        guard OutputRenderer.isTruthy(value) else { return false }
        if let title { newSection(title, indent: indent) }
        if case .array(let items) = value {
            if case .object = items[0] {
                buildFromList(items, indent: indent, title: title)
            } else {
                for item in items {
                    if Self.isScalar(item) {
                        addRow([Self.cell(item)])
                    } else if case .array(let row) = item, row.allSatisfy(Self.isScalar) {
                        addRow(row.map(Self.cell))
                    } else if case .object(let members) = item {
                        addRow(members.map(\.0))  // Python iterates a dict's keys: a row of them
                    } else {
                        _ = build(title: nil, item, indent: 0)
                    }
                }
            }
        }
        if case .object(let members) = value {
            let (headers, more) = Self.group(members)
            if headers.count == 1 {
                addRow([headers[0], Self.cell(value[headers[0]]!)])
            } else if !headers.isEmpty {
                addHeader(headers)
                addRow(headers.map { Self.cell(value[$0]!) })
            }
            for key in more { _ = build(title: key, value[key]!, indent: indent + 1) }
        }
        return true
    }

    private mutating func buildFromList(_ items: [JSONValue], indent: Int, title: String?) {
        var headerSet = Set<String>(), moreSet = Set<String>()
        for case .object(let members) in items {
            let (headers, more) = Self.group(members)
            headerSet.formUnion(headers)
            moreSet.formUnion(more)
        }
        let headers = headerSet.sorted(by: Self.pythonOrder), more = moreSet.sorted(by: Self.pythonOrder)
        addHeader(headers)
        for (index, element) in items.enumerated() {
            if index > 0 && !more.isEmpty {
                newSection(title ?? "", indent: indent)
                addHeader(headers)
            }
            addRow(headers.map { element[$0].map(Self.cell) ?? "" })
            for key in more { if let member = element[key] { _ = build(title: key, member, indent: indent + 1) } }
        }
    }

    /// Python's `sorted` on `str`: by code point.
    static func pythonOrder(_ a: String, _ b: String) -> Bool { a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) }

    static func group(_ members: [(String, JSONValue)]) -> ([String], [String]) {
        var headers: [String] = [], more: [String] = []
        for (key, value) in members where !headers.contains(key) && !more.contains(key) {
            if isScalar(value) { headers.append(key) } else { more.append(key) }
        }
        return (headers.sorted(by: pythonOrder), more.sorted(by: pythonOrder))
    }
}
