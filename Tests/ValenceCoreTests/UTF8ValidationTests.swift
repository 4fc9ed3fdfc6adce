import Testing
import ValenceCore

/// The contiguous validator (ASCII runs sixteen bytes to a step) against the element-wise one and
/// against the standard library, on texts built to put every kind of bad sequence at every place
/// a sixteen-byte step can leave it: before, inside and after ASCII runs of 0 to 40 bytes.
@Suite struct UTF8ValidationTests {
    static let valid: [[UInt8]] = [[0x41], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0x9F, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF]]
    static let invalid: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xC1, 0x81], [0xC3], [0xE0, 0x80, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80],
                                     [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x41, 0x82]]

    @Test func contiguousValidationAgreesWithTheElementWiseOne() {
        var random = SystemRandomNumberGenerator()
        var texts: [[UInt8]] = [[], Array("plain ASCII, longer than sixteen bytes".utf8)]
        for _ in 0..<20_000 {
            var text: [UInt8] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                text += [UInt8](repeating: 0x61, count: Int.random(in: 0...40, using: &random))
                let pieces = Int.random(in: 0...9, using: &random) == 0 ? Self.invalid : Self.valid
                text += pieces.randomElement(using: &random)!
            }
            // A sequence cut by the end of the bytes.
            if Bool.random(using: &random), text.count > 1 { text.removeLast() }
            texts.append(text)
        }
        for text in texts {
            let expected = UTF8Validation.firstInvalidOffset(in: text)
            #expect(text.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) } == expected, "\(text)")
            #expect((expected == nil) == (String(validating: text, as: UTF8.self) != nil), "\(text)")
        }
    }
}
