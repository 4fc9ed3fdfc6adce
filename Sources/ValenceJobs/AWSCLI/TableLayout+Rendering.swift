extension TableLayout {
    func rendered() -> String {
        var sections = self.sections
        var maxWidth = sections.map { $0.totalWidth() }.max() ?? 0
        if maxWidth > terminalWidth {
            for (i, section) in sections.enumerated() where section.rows.count == 1 && !section.headers.isEmpty {
                var vertical = Section(title: section.title, indent: section.indent)
                for (header, element) in zip(section.headers, section.rows[0]) { vertical.addRow([header, element]) }
                sections[i] = vertical
            }
            maxWidth = sections.map { $0.totalWidth() }.max() ?? 0
        }
        var out = String(repeating: "-", count: maxWidth) + "\n"
        for section in sections { render(section, maxWidth: maxWidth - 2 * section.indent, into: &out) }
        return out
    }

    private func style(_ text: String, _ codes: String) -> String {
        colored ? codes + text + "\u{1B}[0m" : text
    }

    private func render(_ section: Section, maxWidth: Int, into out: inout String) {
        let edge = String(repeating: style("|", "\u{1B}[2m\u{1B}[33m"), count: section.indent)
        func line(_ text: String) { out += edge + text + edge + "\n" }
        if !section.title.isEmpty {
            line(Self.center(section.title, length: maxWidth, leftEdge: "|"))
            if section.headers.isEmpty && section.rows.isEmpty { line("+" + String(repeating: "-", count: maxWidth - 2) + "+") }
        }
        let widths = section.columnWidths(padding: 4, maxWidth: maxWidth)
        func lineBreak() {
            line(widths.enumerated().map { i, w in i == 0 ? "+" + String(repeating: "-", count: w - 2) + "+" : String(repeating: "-", count: w - 1) + "+" }.joined())
        }
        if !section.headers.isEmpty {
            lineBreak()
            line(zip(widths, section.headers).enumerated().map { i, pair in Self.center(pair.1, length: pair.0, leftEdge: i == 0 ? "|" : "") }.joined())
        }
        guard !section.rows.isEmpty, !widths.isEmpty else { return }
        lineBreak()
        for row in section.rows {
            line(zip(widths, row).enumerated().map { i, pair in
                Self.alignLeft(pair.1, styled: style(pair.1, "\u{1B}[1m\u{1B}[34m"), length: pair.0, leftEdge: i == 0 ? "|" : "")
            }.joined())
        }
        lineBreak()
    }

    static func center(_ text: String, length: Int, leftEdge: String) -> String {
        let textLength = width(text)
        let start = length / 2 - textLength / 2 - 1
        let soFar = leftEdge.count + start + textLength
        return leftEdge + String(repeating: " ", count: max(0, start)) + text + String(repeating: " ", count: max(0, length - 1 - soFar)) + "|"
    }

    static func alignLeft(_ text: String, styled: String, length: Int, leftEdge: String) -> String {
        let textLength = width(text)
        let padding = length - (textLength + 2 + leftEdge.count + 1) >= 0 ? 2 : 0
        let soFar = leftEdge.count + padding + textLength
        return leftEdge + String(repeating: " ", count: padding) + styled + String(repeating: " ", count: max(0, length - soFar - 1)) + "|"
    }
}
