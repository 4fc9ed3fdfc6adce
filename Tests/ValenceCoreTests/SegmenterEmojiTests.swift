import Testing
@testable import ValenceCore

/// The emoji test of non-word segments answers as `Unicode.Scalar.Properties.isEmoji` for every
/// scalar from U+00A9 (the bitmap below its end, the property above the BMP, and no emoji between).
@Suite struct SegmenterEmojiTests {
    @Test func agreesWithTheScalarPropertyOnEveryScalar() {
        var disagreements: [UInt32] = []
        for value in UInt32(0xA9)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Segmenter.isEmoji(value) != scalar.properties.isEmoji { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty, "first disagreements: \(disagreements.prefix(8).map { String($0, radix: 16) })")
        // The bitmap holds some (©, ☀, 〰, ㊙), and the property of each is what it says.
        #expect([0xA9, 0x2600, 0x3030, 0x3299].allSatisfy { Segmenter.isEmoji($0) })
        #expect(![0xAA, 0x3001, 0x300C, 0xFF01, 0x4E00].contains { Segmenter.isEmoji($0) })
    }
}
