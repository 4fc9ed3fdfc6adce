import ValenceCore

/// JMESPath, the query language of the aws CLI's `--query`
/// (<https://jmespath.org/specification.html>), with the results of jmespath.py, the
/// implementation the aws CLI runs.
///
/// ```swift
/// let expression = try JMESPath.Expression(parsing: "JobPropertiesList[?JobStatus=='FAILED'].JobId")
/// let ids = try expression.evaluate(on: response)
/// ```
public enum JMESPath {
    /// Compiles `expression` and evaluates it on `document`.
    public static func search(_ expression: String, in document: JSONValue) throws(JMESPathError) -> JSONValue {
        try Expression(parsing: expression).evaluate(on: document)
    }
}
