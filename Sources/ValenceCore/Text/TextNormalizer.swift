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
