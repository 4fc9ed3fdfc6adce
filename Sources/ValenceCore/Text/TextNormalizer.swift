import Foundation
internal import CICUShim

/// Unicode normalisation through ICU.
public enum TextNormalizer {
    /// NFKC followed by full case folding (ICU's `nfkc_cf`): `"Ｆｕｌｌ ﬁle ẞtraße"` → `"full file sstrasse"`.
    public static func nfkcCaseFolded(_ text: String) -> String { lookupKey(text, folding: []) }
}

extension TextNormalizer {
    /// The form a token takes for lookup in an ICU pack: NFKC + case folding, then the pack's
    /// foldings. Lexicon keys and rule words go through the same function when the pack loads.
    public static func lookupKey(_ text: String, folding: KeyFolding) -> String {
        var text = text
        var out: [UInt8] = []
        text.withUTF8 { appendLookupKey($0, folding: folding, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the lookup key of the valid UTF-8 `utf8` to `out`, with no allocation beyond `out`'s
    /// own growth (the scoring path reuses one buffer for every token).
    public static func appendLookupKey(_ utf8: UnsafeBufferPointer<UInt8>, folding: KeyFolding, to out: inout [UInt8]) {
        let start = out.count
        var capacity = max(64, utf8.count * 3)
        while true {
            // ICU writes into scratch space (on the stack for a word), and only its result is appended.
            let produced = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { target -> Int32 in
                var status: Int32 = 0
                let produced = utf8.withMemoryRebound(to: CChar.self) { source in
                    vx_nfkc_casefold(source.baseAddress, Int32(source.count), target.baseAddress, Int32(capacity), &status)
                }
                if produced >= 0 && Int(produced) <= capacity {
                    target.withMemoryRebound(to: UInt8.self) { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<Int(produced)])) }
                }
                return produced
            }
            if produced < 0 {  // ICU error on valid UTF-8: keep the bytes as they were
                out.append(contentsOf: utf8)
                break
            }
            if Int(produced) <= capacity { break }
            capacity = Int(produced)
        }
        if !folding.isEmpty { fold(&out, from: start, folding) }
    }

    /// Applies `folding` in place to `bytes[start...]` (NFKC + case folded UTF-8). Every mapping
    /// is to a sequence no longer than its source, so the bytes shrink or stay.
    static func fold(_ bytes: inout [UInt8], from start: Int, _ folding: KeyFolding) {
        var read = start, write = start
        let end = bytes.count
        func emit(_ value: UInt32) {
            let scalar = value
            if scalar < 0x80 { bytes[write] = UInt8(scalar); write += 1; return }
            if scalar < 0x800 {
                bytes[write] = UInt8(0xC0 | (scalar >> 6)); bytes[write + 1] = UInt8(0x80 | (scalar & 0x3F)); write += 2; return
            }
            if scalar < 0x10000 {
                bytes[write] = UInt8(0xE0 | (scalar >> 12)); bytes[write + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                bytes[write + 2] = UInt8(0x80 | (scalar & 0x3F)); write += 3; return
            }
            bytes[write] = UInt8(0xF0 | (scalar >> 18)); bytes[write + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            bytes[write + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F)); bytes[write + 3] = UInt8(0x80 | (scalar & 0x3F)); write += 4
        }
        while read < end {
            let lead = bytes[read]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            var value = UInt32(lead)
            switch length {
            case 2: value = (value & 0x1F) << 6 | UInt32(bytes[read + 1] & 0x3F)
            case 3: value = (value & 0x0F) << 12 | UInt32(bytes[read + 1] & 0x3F) << 6 | UInt32(bytes[read + 2] & 0x3F)
            case 4: value = (value & 0x07) << 18 | UInt32(bytes[read + 1] & 0x3F) << 12 | UInt32(bytes[read + 2] & 0x3F) << 6 | UInt32(bytes[read + 3] & 0x3F)
            default: break
            }
            read += length
            if folding.contains(.accents) {
                if (0x300...0x36F).contains(value) { continue }
                if let base = accentBase[value] {
                    for scalar in base { emit(scalar) }
                    continue
                }
            }
            if folding.contains(.arabic) {
                switch value {
                case 0x640, 0x64B...0x652, 0x670: continue  // tatweel, harakat, superscript alef
                case 0x622, 0x623, 0x625, 0x671: emit(0x627); continue  // alef forms
                case 0x649: emit(0x64A); continue  // alef maksura -> yeh
                case 0x629: emit(0x647); continue  // teh marbuta -> heh
                default: break
                }
            }
            if folding.contains(.devanagari) {
                switch value {
                case 0x93C: continue  // nukta
                case 0x901: emit(0x902); continue  // chandrabindu -> anusvara
                default: break
                }
            }
            emit(value)
        }
        bytes.removeSubrange(write..<end)
    }

    /// Latin letters with diacritics → their base letters (canonical decomposition without the
    /// combining marks), for U+00C0–U+024F and U+1E00–U+1EFF. Computed once.
    static let accentBase: [UInt32: [UInt32]] = {
        var table: [UInt32: [UInt32]] = [:]
        for value in Array(UInt32(0xC0)...0x24F) + Array(UInt32(0x1E00)...0x1EFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                .map(\.value).filter { !(0x300...0x36F).contains($0) }
            guard decomposed != [value], !decomposed.isEmpty else { continue }
            // Only mappings that do not lengthen the UTF-8 (in-place folding relies on it).
            let length = decomposed.reduce(0) { $0 + ($1 < 0x80 ? 1 : $1 < 0x800 ? 2 : 3) }
            if length <= (value < 0x800 ? 2 : 3) { table[value] = decomposed }
        }
        return table
    }()
}
