/// What Valence accepts as a KMS key reference (`OutputDataConfig.KmsKeyId`, `VolumeKmsKeyId`).
///
/// Comprehend asks KMS whether the key exists and may be used, and answers
/// `KmsKeyValidationException` when not. Offline there is no KMS, so "cannot be validated" means
/// "is none of the four forms the model documents" (spec §3.2):
///
/// * key ID: a UUID (`1234abcd-12ab-34cd-56ef-1234567890ab`) or a multi-Region key ID
///   (`mrk-` + 32 hex digits);
/// * key ARN: `arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>`;
/// * alias name: `alias/<name>`, name of `[a-zA-Z0-9:/_-]`, 256 characters in all at most;
/// * alias ARN: `arn:<partition>:kms:<region>:<12-digit account>:alias/<name>`.
///
/// Hex digits may be either case; the partition is `aws` or `aws-<suffix>`.
public enum KmsKeyReference {
    private static let keyID = #"(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})"#
    private static let aliasName = #"alias/[a-zA-Z0-9:/_-]+"#
    private static let arnPrefix = #"arn:aws(?:-[a-z]+)*:kms:[a-z0-9-]+:[0-9]{12}:"#
    private static let form = ModelPattern(
        "\(keyID)|\(aliasName)|\(arnPrefix)key/\(keyID)|\(arnPrefix)\(aliasName)"
    )

    /// Whether `value` has one of the four accepted forms.
    public static func isWellFormed(_ value: String) -> Bool {
        if value.hasPrefix("alias/"), value.unicodeScalars.count > 256 { return false }
        return form.matches(value)
    }

    /// The error for a key that is not well formed: the model's documentation of the exception.
    static let error = ServiceError(.kmsKeyValidation,
        "The KMS customer managed key (CMK) entered cannot be validated. Verify the key and re-enter it.")
}
