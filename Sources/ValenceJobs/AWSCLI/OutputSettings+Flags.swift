extension OutputSettings {
    /// The settings of `--output`, `--query` and `--color`, refused as the aws CLI refuses them.
    public init(output: String?, query: String?, color: String?, stdoutIsTerminal: Bool) throws(ParameterError) {
        self.init()
        if let output {
            guard let format = Format(rawValue: output) else { throw Self.invalidChoice("--output", Format.allCases.map(\.rawValue)) }
            self.format = format
        }
        if let color, !["on", "off", "auto"].contains(color) { throw Self.invalidChoice("--color", ["on", "off", "auto"]) }
        colored = color == "on" || (color != "off" && stdoutIsTerminal)
        if let query {
            do { self.query = try JMESPath.Expression(parsing: query) } catch {
                throw ParameterError(message: "\nBad value for --query \(query): Invalid jmespath expression: \(error.message):\n\"\(query)\"\n"
                    + String(repeating: " ", count: (error.offset ?? query.unicodeScalars.count) + 1) + "^")
            }
        }
    }

    /// argparse's `invalid choice` in the aws CLI's layout: two choices a line, each padded to 40.
    static func invalidChoice(_ flag: String, _ choices: [String]) -> ParameterError {
        var lines: [String] = []
        for start in stride(from: 0, to: choices.count, by: 2) {
            lines.append(choices[start..<min(start + 2, choices.count)].map { $0.padding(toLength: max(40, $0.count), withPad: " ", startingAt: 0) }.joined(separator: " | "))
        }
        return .usage("argument \(flag): Invalid choice, valid choices are:\n\n" + lines.joined(separator: "\n"))
    }

    /// argparse's check of an `int` option (`--cli-read-timeout`, `--max-items`).
    public static func integer(_ text: String?, flag: String) throws(ParameterError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw .usage("argument \(flag): invalid int value: \(PythonValue.reprString(text))") }
        return value
    }
}
