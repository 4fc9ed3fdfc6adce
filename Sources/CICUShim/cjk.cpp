// The Chinese/Japanese dictionary word break, without ICU's per-range dictionary machinery.
//
// ICU's word break first cuts text by its rules, then hands every rule-made segment that holds
// "dictionary" characters (Han, kana, ...) to a break engine; for Han and kana that engine finds
// the segmentation of least total cost over the words of ICU's `cjdict` dictionary (a dynamic
// programme over every dictionary word that starts at every character). In a zh or ja job that
// engine was ~40 % of the CPU: for every character a search among the ~20,000 branches at the
// root of the dictionary's trie, and for every range a UText, four UVector32s, a normalisation
// check and the dictionary cache.
//
// Here the rules part stays ICU's own: the same word-break rules, taken from ICU at start-up in
// their compiled form with no character category marked as a dictionary one (or, when that form is
// not the known one, compiled again from their source with the `$dictionary` set renamed), so that
// the rule engine never calls a dictionary engine. The segments it returns are therefore ICU's rule
// segments. A segment that ICU would hand to its CJK
// engine is cut here by the same dynamic programme (the same costs, tie-breaking and katakana
// heuristic as ICU 72's CjkBreakEngine::divideUpDictionaryRange) over the same `cjdict` trie,
// walked with ICU's own UCharsTrie; only its first step comes from a table of the trie's state
// after each first code unit, built once (~2 ms). A trie of our own (a direct table and a hash of
// (node, unit)) was tried first: no faster (its 16 MB table misses the caches) and 80 ms to build.
//
// Anything this does not reproduce with certainty sends the whole text through ICU's iterator
// instead: a dictionary segment needing NFKC normalisation, holding a character outside the BMP,
// Hangul, Thai or another script with its own engine, or starting on a character that has no
// script of its own (ICU then picks an engine by what the iterator has seen before). The fast path
// is only enabled on the ICU major version it reproduces (72) and can be turned off with
// VALENCE_ICU_DICTIONARY=1 in the environment; Tests/ValenceCoreTests/CJKDictionaryBreakTests.swift
// compares it with ICU's iterator on every zh, zh-TW and ja text of ../shared, edge cases and
// random text, and the `segmenter` fuzz target on arbitrary bytes.

#include "cjk.h"

#include <unicode/brkiter.h>
#include <unicode/rbbi.h>
#include <unicode/ucharstrie.h>
#include <unicode/uchar.h>
#include <unicode/udata.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <vector>

using namespace icu;

namespace {

/// The ICU major version whose CjkBreakEngine this reproduces.
constexpr int kICUMajor = 72;
/// CjkBreakEngine's constants: the cost of a character no dictionary word covers, the longest
/// word looked up, and the katakana run heuristic's limits and costs by run length.
constexpr uint32_t kMaxSnlp = 255;
constexpr int32_t kMaxWordSize = 20;
constexpr int32_t kMaxKatakanaLength = 8;
constexpr int32_t kMaxKatakanaGroupLength = 20;
constexpr uint32_t kKatakanaCost[kMaxKatakanaLength + 1] = {8192, 984, 408, 240, 204, 252, 300, 372, 480};

inline uint32_t katakanaCost(int32_t length) {
    return length > kMaxKatakanaLength ? 8192 : kKatakanaCost[length];
}

inline bool isKatakana(UChar c) {
    return (c >= 0x30A1 && c <= 0x30FE && c != 0x30FB) || (c >= 0xFF66 && c <= 0xFF9F);
}

/// Per BMP code unit: what the fast path needs to know of it.
enum : uint8_t {
    /// In the rules' `$dictionary` set (a rule segment holding one goes to a dictionary engine),
    /// or a surrogate (part of a supplementary character, which this leaves to ICU).
    kDictionary = 1,
    /// In `$dictionary` and in the CJK engine's character set, NFKC quick-check "yes" and combining
    /// class 0: a rule segment of these is one range for the engine, cut as it is (no normalisation).
    kSimple = 2,
    /// Simple, and Han, Hiragana or Katakana by script: ICU picks the CJK engine for a run
    /// starting here whatever the iterator has seen before.
    kStarts = 4,
};

/// The trie's state after one code unit that starts a dictionary word.
struct FirstStep {
    UCharsTrie::State state;
    int32_t value;   // the cost of the one-unit word, or -1 when it is not a word
    bool final;      // no longer word starts with this unit
};

struct Shared {
    bool ready = false;
    RuleBasedBreakIterator *rules = nullptr;   // cloned for each breaker
    UDataMemory *dictionary = nullptr;          // cjdict, open for the life of the process
    std::vector<uint32_t> binaryRules;          // the rules' compiled form that `rules` runs on, if any
    const char16_t *trie = nullptr;             // its UCharsTrie
    std::vector<uint16_t> firstIndex;           // per unit: 0, or 1 + its index in firstSteps
    std::vector<FirstStep> firstSteps;
    uint8_t classes[65536];
};

Shared *gShared = nullptr;
std::once_flag gOnce;
/// Breakers open on several threads at once; ICU promises nothing of cloning one iterator from
/// several threads, so the prototype is cloned under a lock.
std::mutex gCloneLock;

/// The `cjdict` trie and the table of first steps into it.
bool openDictionary(Shared &shared) {
    UErrorCode status = U_ZERO_ERROR;
    // Kept open for the life of the process, as ICU's own engine keeps it.
    UDataMemory *memory = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "cjdict", &status);
    if (U_FAILURE(status)) return false;
    shared.dictionary = memory;
    const int32_t *indexes = static_cast<const int32_t *>(udata_getMemory(memory));
    // DictionaryData's header: [0] the trie's offset, [4] its type (1 = UChars, 8 = has values).
    if (indexes[4] != (1 | 8)) return false;
    shared.trie = reinterpret_cast<const char16_t *>(reinterpret_cast<const char *>(indexes) + indexes[0]);
    shared.firstIndex.assign(65536, 0);
    UCharsTrie trie(shared.trie);
    for (int32_t unit = 0; unit < 0x10000; unit++) {
        if (U_IS_SURROGATE(unit)) continue;
        UStringTrieResult result = trie.first(unit);
        if (result == USTRINGTRIE_NO_MATCH) continue;
        FirstStep step;
        trie.saveState(step.state);
        step.value = USTRINGTRIE_HAS_VALUE(result) ? trie.getValue() : -1;
        step.final = result == USTRINGTRIE_FINAL_VALUE;
        shared.firstSteps.push_back(step);
        if (shared.firstSteps.size() >= 0xFFFF) return false;
        shared.firstIndex[unit] = (uint16_t)shared.firstSteps.size();
    }
    return true;
}

/// ICU's word rules without the dictionary engine, from their compiled form: a copy of it in which
/// no character category counts as a dictionary category (the forward table's first dictionary
/// category set to the category count, as ICU's builder writes it for rules without a $dictionary
/// set). The same state machine as the rules compiled with the set renamed, without compiling
/// them (~15 ms a process). Null when the form is not the one known here (format 6, ICU 68 on);
/// the caller then compiles.
RuleBasedBreakIterator *withoutDictionaryCategories(const RuleBasedBreakIterator &standard, std::vector<uint32_t> &storage) {
    uint32_t length = 0;
    const uint8_t *binary = const_cast<RuleBasedBreakIterator &>(standard).getBinaryRules(length);
    // RBBIDataHeader: magic, format version, total length, category count, forward table offset
    // and length (32-bit words); RBBIStateTable: state count, row length, first dictionary category.
    constexpr uint32_t kHeaderWords = 20, kMagic = 0xB1A0;
    if (binary == nullptr || length < 4 * kHeaderWords || length % 4 != 0) return nullptr;
    storage.assign(length / 4, 0);
    memcpy(storage.data(), binary, length);
    const uint32_t *header = storage.data();
    const uint8_t *format = reinterpret_cast<const uint8_t *>(header + 1);
    const uint32_t categories = header[3], table = header[4], tableLength = header[5];
    if (header[0] != kMagic || format[0] != 6 || header[2] != length || table % 4 != 0
        || tableLength < 20 || table > length || tableLength > length - table) return nullptr;
    uint32_t &dictionaryStart = storage[table / 4 + 2];
    if (dictionaryStart > categories) return nullptr;
    dictionaryStart = categories;
    UErrorCode status = U_ZERO_ERROR;
    auto *rules = new RuleBasedBreakIterator(reinterpret_cast<const uint8_t *>(storage.data()), length, status);
    if (rules != nullptr && U_FAILURE(status)) { delete rules; rules = nullptr; }
    return rules;
}

/// ICU's word rules without the dictionary engine (``withoutDictionaryCategories``, else compiled
/// with the dictionary set renamed), and the character classes.
bool openRules(Shared &shared) {
    UErrorCode status = U_ZERO_ERROR;
    BreakIterator *standard = BreakIterator::createWordInstance(Locale::getRoot(), status);
    auto *standardRules = dynamic_cast<RuleBasedBreakIterator *>(standard);
    if (U_FAILURE(status) || standardRules == nullptr) { delete standard; return false; }
    UnicodeString source = standardRules->getRules();
    if (source.indexOf(u"$dictionary=") < 0 || source.indexOf(u"$dictionaryOff") >= 0) { delete standard; return false; }
    shared.rules = withoutDictionaryCategories(*standardRules, shared.binaryRules);
    delete standard;
    if (shared.rules == nullptr) {
        // Compiled again from the source with the set renamed (~50 M instructions).
        shared.binaryRules.clear();
        source.findAndReplace(u"$dictionary", u"$dictionaryOff");
        UParseError parseError;
        status = U_ZERO_ERROR;
        shared.rules = new RuleBasedBreakIterator(source, parseError, status);   // ICU's operator new: NULL on failure
        if (shared.rules != nullptr && U_FAILURE(status)) { delete shared.rules; shared.rules = nullptr; }
    }
    if (shared.rules == nullptr) return false;
    // The sets as the rules (`$dictionary`) and CjkBreakEngine (its character set) define them.
    UnicodeSet dictionary(u"[[:LineBreak=Complex_Context:][:Han:][:Hiragana:][\\p{Word_Break=Katakana}][\\uac00-\\ud7a3]]", status);
    UnicodeSet engine(u"[[:Han:][:Hiragana:][:Katakana:]\\u30fc\\uff70\\uff9e\\uff9f]", status);
    if (U_FAILURE(status)) return false;
    // Set by ranges; the per-character properties are asked only of the candidates for kSimple.
    memset(shared.classes, 0, sizeof shared.classes);
    for (UChar32 c = 0xD800; c <= 0xDFFF; c++) shared.classes[c] = kDictionary;
    for (int32_t r = 0; r < dictionary.getRangeCount(); r++) {
        for (UChar32 c = dictionary.getRangeStart(r); c <= dictionary.getRangeEnd(r) && c < 0x10000; c++) shared.classes[c] |= kDictionary;
    }
    for (int32_t r = 0; r < engine.getRangeCount(); r++) {
        for (UChar32 c = engine.getRangeStart(r); c <= engine.getRangeEnd(r) && c < 0x10000; c++) {
            if (!(shared.classes[c] & kDictionary) || U_IS_SURROGATE(c)) continue;
            if (u_getCombiningClass(c) != 0 || u_getIntPropertyValue(c, UCHAR_NFKC_QUICK_CHECK) != UNORM_YES) continue;
            shared.classes[c] |= kSimple;
            UErrorCode scriptStatus = U_ZERO_ERROR;
            UScriptCode script = uscript_getScript(c, &scriptStatus);
            if (U_SUCCESS(scriptStatus) && (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA)) {
                shared.classes[c] |= kStarts;
            }
        }
    }
    return true;
}

void openShared() {
    auto *shared = new (std::nothrow) Shared();
    if (shared == nullptr) return;
    UVersionInfo version;
    u_getVersion(version);
    if (version[0] == kICUMajor && getenv("VALENCE_ICU_DICTIONARY") == nullptr) {
        shared->ready = openRules(*shared) && openDictionary(*shared);
    }
    gShared = shared;
}

}  // namespace

struct vx_cjk {
    RuleBasedBreakIterator *rules = nullptr;
    UText text = UTEXT_INITIALIZER;
    std::vector<int32_t> ends, statuses;
    std::vector<uint32_t> best, values;
    std::vector<int32_t> previous, lengths, path;
};

extern "C" vx_cjk *vx_cjk_open(void) {
    std::call_once(gOnce, openShared);
    if (gShared == nullptr || !gShared->ready) return nullptr;
    auto *cjk = new (std::nothrow) vx_cjk();
    if (cjk == nullptr) return nullptr;
    {
        std::lock_guard<std::mutex> guard(gCloneLock);
        cjk->rules = gShared->rules->clone();
    }
    if (cjk->rules == nullptr) { delete cjk; return nullptr; }
    return cjk;
}

extern "C" void vx_cjk_close(vx_cjk *cjk) {
    if (cjk == nullptr) return;
    delete cjk->rules;
    utext_close(&cjk->text);
    delete cjk;
}

namespace {

/// CjkBreakEngine::divideUpDictionaryRange for a range of simple units (no normalisation, no
/// surrogates, no Hangul): appends the boundaries after `start`, up to and including `end`.
void divide(vx_cjk *cjk, const UChar *text, int32_t start, int32_t end) {
    const int32_t count = end - start;
    const UChar *units = text + start;
    auto &best = cjk->best;
    auto &previous = cjk->previous;
    auto &lengths = cjk->lengths;
    auto &values = cjk->values;
    best.assign((size_t)count + 1, UINT32_MAX);
    previous.assign((size_t)count + 1, -1);
    if (lengths.size() < (size_t)count + 1) {
        lengths.resize((size_t)count + 1);
        values.resize((size_t)count + 1);
    }
    best[0] = 0;
    UCharsTrie trie(gShared->trie);
    bool previousIsKatakana = false;
    for (int32_t i = 0; i < count; i++) {
        if (best[i] == UINT32_MAX) continue;
        // Every dictionary word starting at i, shortest first (DictionaryMatcher::matches).
        int32_t found = 0;
        if (uint16_t index = gShared->firstIndex[units[i]]; index != 0) {
            const FirstStep &step = gShared->firstSteps[index - 1];
            if (step.value >= 0) {
                lengths[found] = 1;
                values[found] = (uint32_t)step.value;
                found++;
            }
            if (!step.final) {
                trie.resetToState(step.state);
                for (int32_t length = 2; length <= kMaxWordSize && i + length <= count; length++) {
                    UStringTrieResult result = trie.next((int32_t)units[i + length - 1]);
                    if (USTRINGTRIE_HAS_VALUE(result)) {
                        lengths[found] = length;
                        values[found] = (uint32_t)trie.getValue();
                        found++;
                        if (result == USTRINGTRIE_FINAL_VALUE) break;
                    } else if (result == USTRINGTRIE_NO_MATCH) {
                        break;
                    }
                }
            }
        }
        // A character that no one-character word covers is a word of the highest cost.
        if (found == 0 || lengths[0] != 1) {
            values[found] = kMaxSnlp;
            lengths[found] = 1;
            found++;
        }
        for (int32_t j = 0; j < found; j++) {
            uint32_t cost = best[i] + values[j];
            int32_t to = i + lengths[j];
            if (cost < best[to]) {
                best[to] = cost;
                previous[to] = i;
            }
        }
        // A run of katakana is a candidate word with a cost by its length.
        bool katakana = isKatakana(units[i]);
        if (!previousIsKatakana && katakana) {
            int32_t run = 1;
            while (i + run < count && run < kMaxKatakanaGroupLength && isKatakana(units[i + run])) run++;
            if (run < kMaxKatakanaGroupLength) {
                uint32_t cost = best[i] + katakanaCost(run);
                if (cost < best[i + run]) {
                    best[i + run] = cost;
                    previous[i + run] = i;
                }
            }
        }
        previousIsKatakana = katakana;
    }
    // The best path, read backwards from the end, then appended in order.
    auto &path = cjk->path;
    path.clear();
    if (best[count] == UINT32_MAX) {
        path.push_back(count);
    } else {
        for (int32_t i = count; i > 0; i = previous[i]) path.push_back(i);
    }
    for (size_t k = path.size(); k-- > 0;) cjk->ends.push_back(start + path[k]);
}

}  // namespace

extern "C" int32_t vx_cjk_segment(vx_cjk *cjk, const uint16_t *utf16, int32_t length,
                                  const int32_t **ends, const int32_t **statuses) {
    const UChar *text = reinterpret_cast<const UChar *>(utf16);
    cjk->ends.clear();
    cjk->statuses.clear();
    UErrorCode status = U_ZERO_ERROR;
    utext_openUChars(&cjk->text, text, length, &status);
    if (U_FAILURE(status)) return -1;
    cjk->rules->setText(&cjk->text, status);
    if (U_FAILURE(status)) return -1;
    const uint8_t *classes = gShared->classes;
    int32_t start = cjk->rules->first();
    for (int32_t end = cjk->rules->next(); end != BreakIterator::DONE; start = end, end = cjk->rules->next()) {
        int32_t rule = cjk->rules->getRuleStatus();
        uint8_t all = 0xFF, any = 0;
        for (int32_t i = start; i < end; i++) {
            uint8_t bits = classes[text[i]];
            all &= bits;
            any |= bits;
        }
        if ((any & kDictionary) == 0 || end - start <= 1) {
            // No dictionary character, or one unit (which ICU leaves to the rules too).
            cjk->ends.push_back(end);
        } else if ((all & kSimple) != 0 && (classes[text[start]] & kStarts) != 0) {
            // Every piece ends a segment with the rule segment's status, as ICU's dictionary
            // cache gives them.
            divide(cjk, text, start, end);
        } else {
            return -1;
        }
        cjk->statuses.resize(cjk->ends.size(), rule);
    }
    *ends = cjk->ends.data();
    *statuses = cjk->statuses.data();
    return (int32_t)cjk->ends.size();
}
