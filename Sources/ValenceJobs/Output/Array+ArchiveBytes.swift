extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws `ArchiveError` (the standard one rethrows untyped).
    func withArchiveBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ArchiveError) -> R) throws(ArchiveError) -> R {
        let result = withUnsafeBytes { raw in Result { () throws(ArchiveError) in try body(raw) } }
        return try result.get()
    }
}
