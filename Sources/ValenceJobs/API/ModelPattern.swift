import Foundation

/// A `pattern` constraint from the Comprehend model, matched as AWS's validator matches it: against
/// the **whole** value (Java `String.matches`, spec §4.2), with ICU semantics for `\p{L}`, `\p{Z}`,
/// `\p{N}` and `\p{ASCII}`.
public struct ModelPattern: @unchecked Sendable {
    /// The pattern as the model writes it, and as `ValidationException` messages quote it.
    public let source: String
    // Immutable after init; NSRegularExpression is safe to share between threads.
    private let regex: NSRegularExpression

    public init(_ source: String) {
        self.source = source
        // \A ... \z, not ^ ... $: `$` also matches before a final line terminator, and a full match
        // must consume the value to its very end. The group keeps alternations inside the anchors.
        do {
            regex = try NSRegularExpression(pattern: "\\A(?:" + source + ")\\z")
        } catch {
            preconditionFailure("invalid model pattern \(source): \(error)")
        }
    }

    /// Whether `value` as a whole matches the pattern.
    public func matches(_ value: String) -> Bool {
        regex.firstMatch(in: value, options: [], range: NSRange(location: 0, length: value.utf16.count)) != nil
    }
}

/// The length and pattern constraints of one string shape (spec §3.3). Lengths count Unicode
/// scalar values (spec §4.4).
public struct StringConstraint: Sendable {
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: ModelPattern?

    public init(minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern.map(ModelPattern.init)
    }

    /// Appends every violated constraint to `report`, in the order min length, max length, pattern
    /// (AWS's own order varies between services; this one is fixed and tested). Returns whether
    /// `value` satisfied all of them.
    @discardableResult
    public func check(_ value: String, at path: String, into report: inout ValidationReport) -> Bool {
        let before = report.items.count
        let length = value.unicodeScalars.count
        if let minLength, length < minLength {
            report.violation(value: value, at: path, ValidationReport.minLength(minLength))
        }
        if let maxLength, length > maxLength {
            report.violation(value: value, at: path, ValidationReport.maxLength(maxLength))
        }
        if let pattern, !pattern.matches(value) {
            report.violation(value: value, at: path, ValidationReport.pattern(pattern.source))
        }
        return report.items.count == before
    }
}

/// The string shapes of the Comprehend model (botocore 1.43.11 `service-2.json`) used by the
/// sentiment job operations, with their constraints verbatim (spec §2, §3).
public enum ModelShapes {
    public static let s3Uri = StringConstraint(maxLength: 1024, pattern: #"s3://[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9](/.*)?"#)
    public static let iamRoleArn = StringConstraint(minLength: 20, maxLength: 2048, pattern: #"arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+"#)
    public static let jobName = StringConstraint(minLength: 1, maxLength: 256, pattern: #"^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$"#)
    public static let jobId = StringConstraint(minLength: 1, maxLength: 32, pattern: #"^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$"#)
    public static let clientRequestToken = StringConstraint(minLength: 1, maxLength: 64, pattern: #"^[a-zA-Z0-9-]+$"#)
    public static let kmsKeyId = StringConstraint(maxLength: 2048, pattern: #"^\p{ASCII}+$"#)
    public static let securityGroupId = StringConstraint(minLength: 1, maxLength: 32, pattern: #"[-0-9a-zA-Z]+"#)
    public static let subnetId = StringConstraint(minLength: 1, maxLength: 32, pattern: #"[-0-9a-zA-Z]+"#)
    public static let tagKey = StringConstraint(minLength: 1, maxLength: 128)
    public static let tagValue = StringConstraint(minLength: 0, maxLength: 256)
    /// Shape `String` (e.g. `NextToken`).
    public static let string = StringConstraint(minLength: 1)
}
