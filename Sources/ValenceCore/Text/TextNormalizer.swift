import Foundation
internal import CICUShim

/// Unicode normalisation through ICU.
public enum TextNormalizer {
    /// NFKC followed by full case folding (ICU's `nfkc_cf`): `"Ｆｕｌｌ ﬁle ẞtraße"` → `"full file sstrasse"`.
    public static func nfkcCaseFolded(_ text: String) -> String {
        var source = text
        return source.withUTF8 { utf8 -> String in
            utf8.withMemoryRebound(to: CChar.self) { chars -> String in
                var capacity = max(64, chars.count * 3)
                while true {
                    var status: Int32 = 0
                    var produced: Int32 = 0
                    let result = String(unsafeUninitializedCapacity: capacity) { out in
                        out.withMemoryRebound(to: CChar.self) { target in
                            produced = vx_nfkc_casefold(chars.baseAddress, Int32(chars.count), target.baseAddress, Int32(capacity), &status)
                        }
                        return produced >= 0 && Int(produced) <= capacity ? Int(produced) : 0
                    }
                    if produced < 0 { return text }  // ICU error on valid UTF-8: keep the text as it was
                    if Int(produced) <= capacity { return result }
                    capacity = Int(produced)
                }
            }
        }
    }
}

extension TextNormalizer {
    /// The form a token takes for lookup in an ICU pack: NFKC + case folding, then the pack's
    /// foldings. Lexicon keys and rule words go through the same function when the pack loads.
    public static func lookupKey(_ text: String, folding: KeyFolding) -> String {
        let folded = nfkcCaseFolded(text)
        return folding.isEmpty ? folded : fold(folded, folding)
    }

    /// Applies `folding` to text that is already NFKC + case folded.
    public static func fold(_ text: String, _ folding: KeyFolding) -> String {
        var scalars = String.UnicodeScalarView()
        var changed = false
        let source = folding.contains(.accents) ? text.decomposedStringWithCanonicalMappingScalars : Array(text.unicodeScalars)
        if folding.contains(.accents) { changed = true }
        for scalar in source {
            let value = scalar.value
            if folding.contains(.accents), (0x300...0x36F).contains(value) { continue }
            if folding.contains(.arabic) {
                switch value {
                case 0x640, 0x64B...0x652, 0x670: changed = true; continue  // tatweel, harakat, superscript alef
                case 0x622, 0x623, 0x625, 0x671: scalars.append("\u{627}"); changed = true; continue  // alef forms
                case 0x649: scalars.append("\u{64A}"); changed = true; continue  // alef maksura -> yeh
                case 0x629: scalars.append("\u{647}"); changed = true; continue  // teh marbuta -> heh
                default: break
                }
            }
            if folding.contains(.devanagari) {
                switch value {
                case 0x93C: changed = true; continue  // nukta
                case 0x901: scalars.append("\u{902}"); changed = true; continue  // chandrabindu -> anusvara
                default: break
                }
            }
            scalars.append(scalar)
        }
        guard changed else { return text }
        let result = String(scalars)
        return folding.contains(.accents) ? result.precomposedStringWithCanonicalMapping : result
    }
}

private extension String {
    var decomposedStringWithCanonicalMappingScalars: [Unicode.Scalar] {
        Array((self as NSString).decomposedStringWithCanonicalMapping.unicodeScalars)
    }
}
