import ValenceCore

extension ClassificationReport {
    /// The figures as one JSON line (`valence evaluate --json`), numbers as Python prints them, for
    /// the accuracy report scripts.
    public func json(set: String, language: LanguageCode, mode: String) -> String {
        var perClass: [(String, JSONValue)] = []
        for (c, name) in classes.enumerated() {
            perClass.append((name.rawValue, .object([
                ("precision", .number(PythonFloat.repr(precision(c)))), ("recall", .number(PythonFloat.repr(recall(c)))),
                ("f1", .number(PythonFloat.repr(f1(c)))), ("support", .number(String(confusion[c].reduce(0, +)))),
            ])))
        }
        let value = JSONValue.object([
            ("set", .string(set)), ("language", .string(language.rawValue)), ("classes", .string(mode)),
            ("documents", .number(String(count))), ("accuracy", .number(PythonFloat.repr(accuracy))),
            ("macro_f1", .number(PythonFloat.repr(macroF1))), ("per_class", .object(perClass)),
            ("labels", .array(classes.map { .string($0.rawValue) })),
            ("confusion", .array(confusion.map { .array($0.map { .number(String($0)) }) })),
        ])
        return value.serialized(.line)
    }
}
