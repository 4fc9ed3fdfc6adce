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
        text.withUTF8 { _ = appendLookupKey($0, folding: folding, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the lookup key of the valid UTF-8 `utf8` to `out`, with no allocation beyond `out`'s
    /// own growth (the scoring path reuses one buffer for every token). Returns false when `utf8`
    /// certainly has no uppercase letter (it was its own key: ASCII without A–Z, kana, CJK
    /// ideographs, Hangul), so that Python's `isupper()` of it is false without asking.
    @discardableResult
    public static func appendLookupKey(_ utf8: UnsafeBufferPointer<UInt8>, folding: KeyFolding, to out: inout [UInt8]) -> Bool {
        appendLookupKey(utf8, stability: caseFoldStability(utf8), folding: folding, to: &out)
    }

    /// ``appendLookupKey(_:folding:to:)`` for a caller that has `utf8`'s ``caseFoldStability(_:)`` already.
    @inline(__always)
    static func appendLookupKey(
        _ utf8: UnsafeBufferPointer<UInt8>, stability: CaseFoldStability, folding: KeyFolding, to out: inout [UInt8]
    ) -> Bool {
        let start = out.count
        switch stability {
        case .unchanged: out.append(contentsOf: utf8)
        case .lowered: appendStableCaseFolded(utf8, to: &out)
        case .unstable: appendICUCaseFolded(utf8, to: &out)
        }
        if !folding.isEmpty { fold(&out, from: start, folding) }
        return stability != .unchanged
    }

    /// How `utf8` gets its key. ``appendStableCaseFolded(_:to:)`` gives it exactly ICU's `nfkc_cf`
    /// (``CaseFoldStability/lowered``, or ``CaseFoldStability/unchanged`` when that would change
    /// nothing) when every scalar is ASCII, a Latin-1 letter other than ß (U+00C0–U+00FF but ×, ß
    /// and ÷), a hiragana or katakana letter (U+3041–U+3096, U+30A1–U+30FA), the prolonged sound
    /// mark ー (U+30FC), a CJK unified ideograph (U+3400–U+4DBF, U+4E00–U+9FFF) or a Hangul syllable
    /// (U+AC00–U+D7A3). None of these has a compatibility decomposition, none is a combining mark or
    /// composes with its neighbour (their canonical decompositions, such as が = か + U+3099,
    /// recompose to themselves), and their case folding is the simple one: A–Z and U+00C0–U+00DE to
    /// the letter 0x20 above. So `nfkc_cf` maps such a string scalar by scalar.
    /// `CaseFoldFastPathTests` checks every scalar of the set against ICU, and every token of every
    /// shared text of every language.
    enum CaseFoldStability {
        /// Not in the set: ICU folds it.
        case unstable
        /// In the set, with nothing to lower (no A–Z, no Latin-1 letter): its own key.
        case unchanged
        /// In the set, with letters to lower (``appendStableCaseFolded(_:to:)``).
        case lowered
    }

    @inline(__always)
    static func caseFoldStability(_ utf8: UnsafeBufferPointer<UInt8>) -> CaseFoldStability {
        var index = 0
        let count = utf8.count
        var lowers = false
        while index < count {
            let lead = utf8[index]
            if lead < 0x80 {
                lowers = lowers || lead &- 0x41 < 26
                index += 1
                continue
            }
            if lead == 0xC3 {
                // U+00C0–U+00FF: C3 80–BF; × is C3 97, ß C3 9F, ÷ C3 B7.
                guard index + 1 < count else { return .unstable }
                let next = utf8[index + 1]
                if next == 0x97 || next == 0x9F || next == 0xB7 { return .unstable }
                lowers = true
                index += 2
                continue
            }
            guard lead & 0xF0 == 0xE0, index + 2 < count else { return .unstable }
            let value = UInt32(lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
            switch value {
            case 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3: index += 3
            default: return .unstable
            }
        }
        return lowers ? .lowered : .unchanged
    }

    /// `nfkc_cf` of text that ``caseFoldStability(_:)`` finds in its set: A–Z and À–Þ (but ×) lowered.
    @inline(__always)
    static func appendStableCaseFolded(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: utf8)
        out.withUnsafeMutableBufferPointer { out in
            var index = start
            while index < out.count {
                let byte = out[index]
                if byte &- 0x41 < 26 {
                    out[index] = byte | 0x20
                } else if byte == 0xC3 {
                    // À–Þ are C3 80–9E; × (C3 97) and ß (C3 9F) never get here.
                    if out[index + 1] < 0xA0 { out[index + 1] += 0x20 }
                    index += 1
                }
                index += 1
            }
        }
    }

    /// ICU's `nfkc_cf` of the valid UTF-8 `utf8`, appended to `out`.
    static func appendICUCaseFolded(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
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
