import ValenceCore

/// JMESPath, the query language of the aws CLI's `--query`
/// (<https://jmespath.org/specification.html>), with the results of jmespath.py, the
/// implementation the aws CLI runs.
///
/// ```swift
/// let expression = try JMESPath.Expression(parsing: "JobPropertiesList[?JobStatus=='FAILED'].JobId")
/// let ids = try expression.evaluate(on: response)
/// ```
///
/// Where jmespath.py's answer is not JSON or not the specification's, Valence answers differently:
/// - `&expression` anywhere but as a function argument is an invalid-type error (jmespath.py lets
///   a Python object flow on, which the aws CLI then cannot print), and so is `&expression` given
///   to a parameter that takes any value (`to_string(&a)`).
/// - Every argument of a variadic function is type-checked (``merge(`{}`, `[["a", 1]]`)``).
/// - Ordering a number against a string, or asking whether a string `contains` a non-string, is an
///   invalid-type error where Python raises `TypeError`.
/// - What `JSONValue` cannot hold: a lone surrogate escape reads as U+FFFD, `NaN` and `Infinity`
///   in a backtick literal read as strings, and arithmetic on integers beyond 64 bits is a
///   float's (such integers pass through unchanged).
/// - Nesting deeper than 256 levels, or a tree taller than 1024 nodes (a chain of some 500
///   operators), is a syntax error rather than a risk to the stack; jmespath.py's limit is
///   Python's recursion limit, which the same expressions mostly reach too.
public enum JMESPath {
    /// Compiles `expression` and evaluates it on `document`.
    public static func search(_ expression: String, in document: JSONValue) throws(JMESPathError) -> JSONValue {
        try Expression(parsing: expression).evaluate(on: document)
    }
}
