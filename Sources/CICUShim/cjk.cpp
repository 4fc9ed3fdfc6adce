// ICU's word break for zh, ja, ko, ar and hi, without ICU's iterator: its compiled rules run by a
// state machine of our own, and the Chinese/Japanese dictionary break without ICU's per-range
// dictionary machinery.
//
// ICU's word break first cuts text by its rules, then hands every rule-made segment that holds
// "dictionary" characters (Han, kana, ...) to a break engine; for Han and kana that engine finds
// the segmentation of least total cost over the words of ICU's `cjdict` dictionary (a dynamic
// programme over every dictionary word that starts at every character). In a zh or ja job that
// engine was ~40 % of the CPU: for every character a search among the ~20,000 branches at the
// root of the dictionary's trie, and for every range a UText, four UVector32s, a normalisation
// check and the dictionary cache.
//
// Here the rules part is ICU's own data run by a state machine of our own: the same word-break
// rules, taken from ICU at start-up in their compiled form with no character category marked as a
// dictionary one (or, when that form is not the known one, compiled again from their source with
// the `$dictionary` set renamed), read into flat tables (`Machine`) and stepped as ICU 72's
// `RuleBasedBreakIterator::handleNext` steps them, straight over the text converted here from
// UTF-8 (no UText, no break cache, no UTF-16 → UTF-8 offset mapping afterwards). The segments are
// therefore ICU's rule segments. A segment that ICU would hand to its CJK
// engine is cut here by the same dynamic programme (the same costs, tie-breaking and katakana
// heuristic as ICU 72's CjkBreakEngine::divideUpDictionaryRange) over the same `cjdict` trie,
// walked with ICU's own UCharsTrie; only its first step comes from a table of the trie's state
// after each first code unit, built once (~2 ms). A trie of our own (a direct table and a hash of
// (node, unit)) was tried first: no faster (its 16 MB table misses the caches) and 80 ms to build.
//
// A rule segment whose dictionary characters are all Hangul syllables stays whole: ICU's data has
// no Hangul dictionary (checked at start-up), so ICU hands such a segment to its "unhandled" engine,
// which skips it without a break (ko texts spent ~40 % of a job in that machinery).
//
// Anything this does not reproduce with certainty sends the whole text through ICU's iterator
// instead: text that is not well-formed UTF-8, a dictionary segment needing NFKC normalisation,
// holding a dictionary character outside the BMP, Hangul beside other dictionary characters, Thai or another
// script with its own engine, or starting on a character that has no script of its own (ICU then
// picks an engine by what the iterator has seen before). The fast path is only enabled on the ICU
// major version it reproduces (72), for a locale whose compiled word rules are byte for byte the
// root locale's, and can be turned off with VALENCE_ICU_DICTIONARY=1 in the environment; Tests/ValenceCoreTests/CJKDictionaryBreakTests.swift
// compares it with ICU's iterator on every text of ../shared through each of these locales, edge
// cases and random text, and the `segmenter` fuzz target on arbitrary bytes.

#include "cjk.h"

#include <unicode/appendable.h>
#include <unicode/brkiter.h>
#include <unicode/rbbi.h>
#include <unicode/ucharstrie.h>
#include <unicode/uchar.h>
#include <unicode/ucptrie.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uversion.h>

#include <cstdint>
#include <cstdlib>
#include <algorithm>
#include <atomic>
#include <memory>
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
/// Texts longer than this (in bytes) do not keep their UTF-16 copy after the call.
constexpr size_t kKeptUnits = 1 << 20;
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
    /// In `$dictionary` but not a Hangul syllable (which no engine of ICU's cuts: see `Shared`).
    kNotHangul = 8,
};

/// The trie's state after one code unit that starts a dictionary word.
struct FirstStep {
    UCharsTrie::State state;
    const char16_t *node;   // the state's position in the trie: where the next step reads
    int32_t value;   // the cost of the one-unit word, or -1 when it is not a word
    bool final;      // no longer word starts with this unit
};

/// UCharsTrie::State's members as ICU 72 declares them (private to the trie), to read a state's
/// position; `openDictionary` checks that a saved state's first member is the trie it came from.
struct StateLayout {
    const char16_t *uchars;
    const char16_t *pos;
    int32_t remainingMatchLength;
};
static_assert(sizeof(StateLayout) == sizeof(UCharsTrie::State), "UCharsTrie::State is not laid out as in ICU 72");

/// The forward state machine of compiled break rules (format 6, ICU 68 on), run here instead of by
/// `RuleBasedBreakIterator::handleNext`: the same transitions, categories and rule statuses, read
/// from the rules' binary form into flat arrays. It saves ICU's per-text set-up (a UText, the break
/// cache) and its per-character UText and trie access.
struct Machine {
    /// What a state asks of the step that enters it (0 for most states).
    enum : uint8_t { kAccepts = 1, kCompletesLookAhead = 2, kMarksLookAhead = 4, kStops = 8 };
    uint32_t categories = 0;
    std::vector<uint16_t> next;        // states × categories
    std::vector<uint8_t> kind;         // per state
    std::vector<uint16_t> accepting, lookAhead, tags;   // per state, as the rows hold them
    uint32_t lookAheads = 0;           // slots for look-ahead positions
    const int32_t *statuses = nullptr; // the rule status table: groups of (count, values...)
    bool startsWithBOF = false;        // RBBI_BOF_REQUIRED: a first step on category 2, not advancing
    UCPTrie *trie = nullptr;           // categories above the BMP
    uint16_t bmp[65536];               // categories of BMP code units (lone surrogates included)

    /// `getRuleStatus()` for a tag index: the last (largest) value of its group.
    int32_t status(uint32_t tagIndex) const { return statuses[tagIndex + (uint32_t)statuses[tagIndex]]; }
};

struct Shared {
    bool ready = false;
    RuleBasedBreakIterator *rules = nullptr;   // its compiled form is what `machine` runs
    UDataMemory *dictionary = nullptr;          // cjdict, open for the life of the process
    std::vector<uint32_t> binaryRules;          // the rules' compiled form that `rules` runs on, if any
    const char16_t *trie = nullptr;             // its UCharsTrie
    std::vector<uint16_t> firstIndex;           // per unit: 0, or 1 + its index in firstSteps
    std::vector<FirstStep> firstSteps;
    /// Which two units can start a dictionary word: a bit per pair's hash (``pairBit``; 2^20 bits,
    /// 128 KiB), set for every pair the trie has, so a clear bit means that no word starts with the
    /// pair. Most second steps of a walk find no word (60 % in the zh bench text, 50 % in ja), and
    /// are answered here by one load instead of a search through a branch of the trie. Filled a
    /// first unit at a time, when a text first needs it (all ~186,000 pairs at once would take
    /// milliseconds a process); `pairsReady` per first step.
    static constexpr uint32_t kPairBits = 20;
    std::unique_ptr<std::atomic<uint64_t>[]> pairBits;
    std::unique_ptr<std::atomic<uint8_t>[]> pairsReady;
    uint8_t classes[65536];
    Machine machine;
    /// The root locale's word rules as ICU compiled them: a breaker for another locale takes this
    /// path only when its rules are these.
    std::vector<uint8_t> rootRules;
    /// Whether ICU's data has no dictionary for Hangul (ICU 72's has none): then ICU hands a rule
    /// segment of Hangul syllables to no engine that cuts (its "unhandled" engine skips them), and
    /// the segment stays whole.
    bool hangulStaysWhole = false;
    /// The rules' `$dictionary` characters above the BMP (a surrogate's class is its character's).
    std::vector<std::pair<UChar32, UChar32>> supplementaryDictionary;

    /// The class of a character above the BMP: a dictionary character there (Han extensions, kana
    /// supplements) is never simple, so a dictionary segment holding one goes to ICU; any other
    /// (emoji, most) is no dictionary character at all.
    uint8_t supplementaryClass(UChar32 c) const {
        for (const auto &range : supplementaryDictionary) {
            if (c >= range.first && c <= range.second) return kDictionary | kNotHangul;
        }
        return 0;
    }
};

Shared *gShared = nullptr;
std::once_flag gOnce;
/// The dictionary is opened when a text first needs it (ar, hi and ko texts rarely do).
std::once_flag gDictionaryOnce;
bool gDictionaryReady = false;

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
    // The units that start a word, from the root (each `first` is a search among ~20,000 branches:
    // asking it of these alone instead of all 65,536 units takes a third of the time).
    UnicodeString starts;
    UnicodeStringAppendable appendable(starts);
    trie.getNextUChars(appendable);
    for (int32_t k = 0; k < starts.length(); k++) {
        const char16_t unit = starts.charAt(k);
        if (U_IS_SURROGATE(unit)) continue;
        UStringTrieResult result = trie.first(unit);
        if (result == USTRINGTRIE_NO_MATCH) continue;
        FirstStep step;
        trie.saveState(step.state);
        StateLayout layout;
        memcpy(&layout, &step.state, sizeof layout);
        if (layout.uchars != shared.trie) return false;
        step.node = layout.pos;
        step.value = USTRINGTRIE_HAS_VALUE(result) ? trie.getValue() : -1;
        step.final = result == USTRINGTRIE_FINAL_VALUE;
        shared.firstSteps.push_back(step);
        if (shared.firstSteps.size() >= 0xFFFF) return false;
        shared.firstIndex[unit] = (uint16_t)shared.firstSteps.size();
    }
    shared.pairBits.reset(new (std::nothrow) std::atomic<uint64_t>[(size_t)1 << (Shared::kPairBits - 6)]());
    shared.pairsReady.reset(new (std::nothrow) std::atomic<uint8_t>[shared.firstSteps.size()]());
    return shared.pairBits != nullptr && shared.pairsReady != nullptr;
}

/// The bit of the pair of units `first`, `second` in ``Shared::pairBits``.
inline uint32_t pairBit(UChar first, UChar second) {
    const uint32_t key = (uint32_t)first << 16 | second;
    return (uint32_t)(((uint64_t)key * 0x9E3779B97F4A7C15ull) >> (64 - Shared::kPairBits));
}

/// Sets the bits of every pair that starts with the first step `index` (not final) and marks it
/// ready. Two threads may do it at once: they set the same bits.
void fillPairs(Shared &shared, uint32_t index, UChar first) {
    UCharsTrie trie(shared.trie);
    trie.resetToState(shared.firstSteps[index].state);
    UnicodeString seconds;
    UnicodeStringAppendable appendable(seconds);
    trie.getNextUChars(appendable);
    for (int32_t k = 0; k < seconds.length(); k++) {
        const uint32_t bit = pairBit(first, seconds.charAt(k));
        shared.pairBits[bit >> 6].fetch_or(1ull << (bit & 63), std::memory_order_relaxed);
    }
    shared.pairsReady[index].store(1, std::memory_order_release);
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
    uint32_t rootLength = 0;
    const uint8_t *root = standardRules->getBinaryRules(rootLength);
    if (root == nullptr) { delete standard; return false; }
    shared.rootRules.assign(root, root + rootLength);
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
    for (int32_t r = 0; r < dictionary.getRangeCount(); r++) {
        if (dictionary.getRangeEnd(r) >= 0x10000) {
            shared.supplementaryDictionary.emplace_back(std::max<UChar32>(dictionary.getRangeStart(r), 0x10000), dictionary.getRangeEnd(r));
        }
    }
    // Set by ranges; the per-character properties are asked only of the candidates for kSimple.
    memset(shared.classes, 0, sizeof shared.classes);
    for (UChar32 c = 0xD800; c <= 0xDFFF; c++) shared.classes[c] = kDictionary | kNotHangul;
    for (int32_t r = 0; r < dictionary.getRangeCount(); r++) {
        for (UChar32 c = dictionary.getRangeStart(r); c <= dictionary.getRangeEnd(r) && c < 0x10000; c++) {
            shared.classes[c] |= kDictionary | (c >= 0xAC00 && c <= 0xD7A3 ? 0 : kNotHangul);
        }
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

/// The state machine of `shared.rules`, from their compiled form (RBBIDataHeader and RBBIStateTable,
/// format 6), checked throughout: every next state, look-ahead slot, tag index and category in range,
/// and no dictionary categories (the machine never hands a segment to a dictionary engine).
bool openMachine(Shared &shared) {
    uint32_t length = 0;
    const uint8_t *binary = shared.rules->getBinaryRules(length);
    constexpr uint32_t kHeaderWords = 20, kMagic = 0xB1A0;
    constexpr uint32_t kLookAheadHardBreak = 1, kBOFRequired = 2, kEightBitRows = 4;
    if (binary == nullptr || length < 4 * kHeaderWords || reinterpret_cast<uintptr_t>(binary) % 4 != 0) return false;
    const uint32_t *header = reinterpret_cast<const uint32_t *>(binary);
    if (header[0] != kMagic || binary[4] != 6 || header[2] != length) return false;
    const uint32_t categories = header[3];
    const uint32_t table = header[4], tableLength = header[5];
    const uint32_t trie = header[8], trieLength = header[9];
    const uint32_t statusTable = header[12], statusLength = header[13];
    auto inside = [&](uint32_t offset, uint32_t size) { return offset % 4 == 0 && offset <= length && size <= length - offset; };
    if (!inside(table, tableLength) || !inside(trie, trieLength) || !inside(statusTable, statusLength)) return false;
    if (tableLength < 20 || categories < 3 || categories > 0xFFFF) return false;
    const uint32_t *stateTable = reinterpret_cast<const uint32_t *>(binary + table);
    const uint32_t states = stateTable[0], rowLength = stateTable[1], dictionaryStart = stateTable[2];
    const uint32_t lookAheads = stateTable[3], flags = stateTable[4];
    const bool narrow = (flags & kEightBitRows) != 0;
    if ((flags & ~(kLookAheadHardBreak | kBOFRequired | kEightBitRows)) != 0) return false;
    if (dictionaryStart != categories || states < 2 || rowLength != (3 + categories) * (narrow ? 1u : 2u)) return false;
    if ((uint64_t)states * rowLength > tableLength - 20) return false;
    const uint8_t *rows = binary + table + 20;
    // A row: accepting, look-ahead, tag index, then the next state by category, 8 or 16 bits each.
    auto field = [&](uint32_t state, uint32_t which) -> uint32_t {
        const uint8_t *row = rows + (size_t)rowLength * state;
        return narrow ? row[which] : reinterpret_cast<const uint16_t *>(row)[which];
    };
    Machine &m = shared.machine;
    m.categories = categories;
    m.lookAheads = lookAheads;
    m.statuses = reinterpret_cast<const int32_t *>(binary + statusTable);
    const uint32_t statusCount = statusLength / 4;
    m.startsWithBOF = (flags & kBOFRequired) != 0;
    m.next.resize((size_t)states * categories);
    m.kind.assign(states, 0);
    m.accepting.resize(states);
    m.lookAhead.resize(states);
    m.tags.resize(states);
    for (uint32_t state = 0; state < states; state++) {
        uint32_t accepting = field(state, 0), lookAhead = field(state, 1), tags = field(state, 2);
        if ((accepting > 1 && accepting >= lookAheads) || (lookAhead > 1 && lookAhead >= lookAheads)) return false;
        if (tags >= statusCount || m.statuses[tags] < 1 || tags + (uint32_t)m.statuses[tags] >= statusCount) return false;
        m.accepting[state] = (uint16_t)accepting;
        m.lookAhead[state] = (uint16_t)lookAhead;
        m.tags[state] = (uint16_t)tags;
        m.kind[state] = (accepting == 1 ? Machine::kAccepts : 0) | (accepting > 1 ? Machine::kCompletesLookAhead : 0)
            | (lookAhead > 1 ? Machine::kMarksLookAhead : 0) | (state == 0 ? Machine::kStops : 0);
        for (uint32_t category = 0; category < categories; category++) {
            uint32_t next = field(state, 3 + category);
            if (next >= states) return false;
            m.next[(size_t)state * categories + category] = (uint16_t)next;
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    m.trie = ucptrie_openFromBinary(UCPTRIE_TYPE_ANY, UCPTRIE_VALUE_BITS_ANY, binary + trie, (int32_t)trieLength, nullptr, &status);
    if (U_FAILURE(status) || m.trie == nullptr) return false;
    for (UChar32 start = 0, end; start <= 0x10FFFF; start = end + 1) {
        uint32_t value = 0;
        end = ucptrie_getRange(m.trie, start, UCPMAP_RANGE_NORMAL, 0, nullptr, nullptr, &value);
        if (end < start || value >= categories) return false;
    }
    for (UChar32 c = 0; c < 0x10000; c++) m.bmp[c] = (uint16_t)ucptrie_get(m.trie, c);
    return true;
}

/// Whether ICU's break data names a dictionary for Han but none for Hangul (as ICU 72's does).
bool hangulHasNoDictionary() {
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle *bundle = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "", &status);
    UResourceBundle *dictionaries = ures_getByKey(bundle, "dictionaries", nullptr, &status);
    bool known = U_SUCCESS(status);
    UErrorCode han = U_ZERO_ERROR, hangul = U_ZERO_ERROR;
    UResourceBundle *hanEntry = ures_getByKey(dictionaries, "Hani", nullptr, &han);
    UResourceBundle *hangulEntry = ures_getByKey(dictionaries, "Hang", nullptr, &hangul);
    ures_close(hangulEntry);
    ures_close(hanEntry);
    ures_close(dictionaries);
    ures_close(bundle);
    return known && U_SUCCESS(han) && hangul == U_MISSING_RESOURCE_ERROR;
}

void openShared() {
    auto *shared = new (std::nothrow) Shared();
    if (shared == nullptr) return;
    UVersionInfo version;
    u_getVersion(version);
    if (version[0] == kICUMajor && getenv("VALENCE_ICU_DICTIONARY") == nullptr) {
        shared->ready = openRules(*shared) && openMachine(*shared);
        shared->hangulStaysWhole = hangulHasNoDictionary();
    }
    gShared = shared;
}

}  // namespace

struct vx_cjk {
    std::vector<int32_t> lookAheads;   // the machine's look-ahead positions, by slot
    bool hasDictionary = false;        // whether this breaker has seen the dictionary opened
    /// Room for a text of `capacity` - 1 bytes in each array below (a text has at most one UTF-16
    /// unit, one segment and one dictionary range position a byte).
    size_t capacity = 0;
    std::vector<UChar> units;          // the text in UTF-16
    std::vector<int32_t> offsets;      // the byte offset of each unit, then of the text's end
    std::vector<int32_t> ends, statuses;
    std::vector<uint32_t> best, values;
    std::vector<uint8_t> walks;        // per unit of a dictionary range: whether its walk goes past the first step
    std::vector<int32_t> previous, lengths, path;

    void reserve(size_t size) {
        if (capacity >= size) return;
        for (auto *array : {&offsets, &ends, &statuses, &previous, &lengths, &path}) array->resize(size);
        units.resize(size);
        best.resize(size);
        values.resize(size);
        walks.resize(size);
        capacity = size;
    }
    void release() {
        *this = vx_cjk{lookAheads, hasDictionary};
    }
};

extern "C" vx_cjk *vx_cjk_open(const uint8_t *rules, int32_t length) {
    std::call_once(gOnce, openShared);
    if (gShared == nullptr || !gShared->ready) return nullptr;
    const std::vector<uint8_t> &root = gShared->rootRules;
    if (rules == nullptr || length < 0 || (size_t)length != root.size() || memcmp(rules, root.data(), root.size()) != 0) return nullptr;
    auto *cjk = new (std::nothrow) vx_cjk();
    if (cjk == nullptr) return nullptr;
    cjk->lookAheads.assign(gShared->machine.lookAheads + 1, -1);
    return cjk;
}

extern "C" void vx_cjk_close(vx_cjk *cjk) {
    delete cjk;
}

namespace {

/// CjkBreakEngine::divideUpDictionaryRange for a range of `count` simple units (no normalisation,
/// no surrogates, no Hangul): appends the boundaries after its start, up to and including its end,
/// as byte offsets (`offsets[k]`: where unit k starts, `offsets[count]`: where the range ends) from
/// `ends` on. Returns where the next boundary goes.
int32_t *divide(vx_cjk *cjk, const UChar *units, const int32_t *offsets, int32_t count, int32_t *ends) {
    uint32_t *best = cjk->best.data();
    int32_t *previous = cjk->previous.data();
    int32_t *lengths = cjk->lengths.data();
    uint32_t *values = cjk->values.data();
    for (int32_t i = 0; i <= count; i++) {
        best[i] = UINT32_MAX;
        previous[i] = -1;
    }
    best[0] = 0;
    // Which units' walks go past their first step: those whose next unit may continue a word (the
    // pair filter). Their trie nodes are then fetched before any is read: the ~2 MB trie misses the
    // caches, and these misses, independent of one another, overlap instead of following one
    // another in the loop below.
    uint8_t *walks = cjk->walks.data();
    Shared &shared = *gShared;
    for (int32_t i = 0; i < count; i++) {
        walks[i] = 0;
        uint16_t index = shared.firstIndex[units[i]];
        if (index == 0 || i + 1 >= count) continue;
        const FirstStep &step = shared.firstSteps[index - 1];
        if (step.final) continue;
        if (shared.pairsReady[index - 1].load(std::memory_order_acquire) == 0) fillPairs(shared, index - 1, units[i]);
        const uint32_t bit = pairBit(units[i], units[i + 1]);
        if (!(shared.pairBits[bit >> 6].load(std::memory_order_relaxed) & (1ull << (bit & 63)))) continue;
        walks[i] = 1;
        __builtin_prefetch(step.node);
        __builtin_prefetch(step.node + 32);
    }
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
            if (walks[i]) {
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
    int32_t *path = cjk->path.data();
    int32_t steps = 0;
    if (best[count] == UINT32_MAX) {
        path[steps++] = count;
    } else {
        for (int32_t i = count; i > 0; i = previous[i]) path[steps++] = i;
    }
    while (steps > 0) *ends++ = offsets[path[--steps]];
    return ends;
}

/// The code point at `i` (a surrogate pair as one), `i` moved past it; U_SENTINEL at the end.
inline UChar32 nextCodePoint(const UChar *text, int32_t length, int32_t &i) {
    if (i >= length) return U_SENTINEL;
    UChar32 c = text[i++];
    if (U16_IS_LEAD(c) && i < length && U16_IS_TRAIL(text[i])) c = U16_GET_SUPPLEMENTARY(c, text[i++]);
    return c;
}

/// `utf8` as UTF-16 units, with the byte offset where each unit's character starts (both units of
/// a surrogate pair get it) and `offsets[count]` = `length`: the unit count, or -1 when `utf8` is not
/// well-formed as `u_strFromUTF8` judges it (no overlong forms, surrogates or values above U+10FFFF).
int32_t toUTF16(const uint8_t *utf8, int32_t length, UChar *units, int32_t *offsets) {
    int32_t count = 0;
    for (int32_t i = 0; i < length;) {
        const uint32_t lead = utf8[i];
        if (lead < 0x80) {
            units[count] = (UChar)lead;
            offsets[count++] = i++;
            continue;
        }
        if ((lead & 0xF0) == 0xE0 && length - i >= 3) {
            // Three bytes (most CJK text), checked at once.
            const uint32_t second = utf8[i + 1], third = utf8[i + 2];
            const uint32_t c = ((lead & 0x0F) << 12) | ((second & 0x3F) << 6) | (third & 0x3F);
            if (((second & 0xC0) != 0x80) | ((third & 0xC0) != 0x80) | (c < 0x800) | ((c & 0xF800) == 0xD800)) return -1;
            units[count] = (UChar)c;
            offsets[count++] = i;
            i += 3;
            continue;
        }
        int32_t size;
        UChar32 c;
        if (lead >= 0xC2 && lead < 0xE0) { size = 2; c = (UChar32)(lead & 0x1F); }
        else if (lead >= 0xF0 && lead < 0xF5) { size = 4; c = (UChar32)(lead & 0x07); }
        else return -1;   // a stray continuation byte, C0/C1, F5..FF, or three bytes cut short
        if (size > length - i) return -1;
        for (int32_t k = 1; k < size; k++) {
            const uint32_t next = utf8[i + k];
            if ((next & 0xC0) != 0x80) return -1;
            c = (c << 6) | (UChar32)(next & 0x3F);
        }
        if (size == 4 && (c < 0x10000 || c > 0x10FFFF)) return -1;
        if (size == 2) {
            units[count] = (UChar)c;
            offsets[count++] = i;
        } else {
            units[count] = U16_LEAD(c);
            offsets[count++] = i;
            units[count] = U16_TRAIL(c);
            offsets[count++] = i;
        }
        i += size;
    }
    offsets[count] = length;
    return count;
}

/// `RuleBasedBreakIterator::handleNext()` of ICU 72 on this machine: the end of the rule segment
/// that starts at `position` (< `length`) of UTF-16 `text`, and in `tagIndex` its rule status group.
int32_t ruleSegmentEnd(const Machine &m, const UChar *text, int32_t length, int32_t position,
                       int32_t *lookAheads, uint32_t &tagIndex) {
    enum Mode { kRun, kStart, kEnd };
    constexpr uint32_t kStartState = 1;
    const int32_t initial = position;
    int32_t result = initial;
    tagIndex = 0;
    for (uint32_t slot = 0; slot < m.lookAheads; slot++) lookAheads[slot] = -1;
    int32_t i = position;
    UChar32 c = nextCodePoint(text, length, i);
    uint32_t state = kStartState, category = 0;
    Mode mode = kRun;
    if (m.startsWithBOF) {
        category = 2;
        mode = kStart;
    }
    for (;;) {
        if (c == U_SENTINEL) {
            if (mode == kEnd) break;
            mode = kEnd;
            category = 1;
        }
        if (mode == kRun) category = c < 0x10000 ? m.bmp[c] : ucptrie_get(m.trie, c);
        state = m.next[(size_t)state * m.categories + category];
        if (uint8_t kind = m.kind[state]; kind != 0) {
            if (kind & Machine::kAccepts) {
                if (mode != kStart) result = i;
                tagIndex = m.tags[state];
            } else if (kind & Machine::kCompletesLookAhead) {
                if (int32_t lookAheadResult = lookAheads[m.accepting[state]]; lookAheadResult >= 0) {
                    tagIndex = m.tags[state];
                    return lookAheadResult;
                }
            }
            if (kind & Machine::kMarksLookAhead) lookAheads[m.lookAhead[state]] = i;
            if (kind & Machine::kStops) break;
        }
        if (mode == kRun) {
            c = nextCodePoint(text, length, i);
        } else if (mode == kStart) {
            mode = kRun;
        }
    }
    // No match at all: ICU moves on by one code point, with status 0.
    if (result == initial) {
        i = initial;
        nextCodePoint(text, length, i);
        result = i;
        tagIndex = 0;
    }
    return result;
}

}  // namespace

extern "C" int32_t vx_cjk_segment(vx_cjk *cjk, const uint8_t *utf8, int32_t length,
                                  const int32_t **ends, const int32_t **statuses) {
    cjk->reserve(std::max<size_t>((size_t)length + 1, kMaxWordSize + 2));
    UChar *text = cjk->units.data();
    const int32_t *offsets = cjk->offsets.data();
    const int32_t units = toUTF16(utf8, length, text, cjk->offsets.data());
    if (units < 0) return -1;
    const Machine &machine = gShared->machine;
    const uint8_t *classes = gShared->classes;
    int32_t *const firstEnd = cjk->ends.data();
    int32_t *const firstStatus = cjk->statuses.data();
    int32_t *end = firstEnd;
    for (int32_t start = 0, stop; start < units; start = stop) {
        uint32_t tagIndex = 0;
        stop = ruleSegmentEnd(machine, text, units, start, cjk->lookAheads.data(), tagIndex);
        int32_t *const segmentEnds = end;
        uint8_t all = 0xFF, any = 0;
        for (int32_t i = start; i < stop; i++) {
            uint8_t bits = classes[text[i]];
            if (U16_IS_LEAD(text[i]) && i + 1 < stop && U16_IS_TRAIL(text[i + 1])) {
                // (A lone surrogate cannot come from well-formed UTF-8; its class stays the table's.)
                bits = gShared->supplementaryClass(U16_GET_SUPPLEMENTARY(text[i], text[i + 1]));
                i++;
            }
            all &= bits;
            any |= bits;
        }
        if ((any & kDictionary) == 0 || stop - start <= 1 || ((any & kNotHangul) == 0 && gShared->hangulStaysWhole)) {
            // No dictionary character, one unit (which ICU leaves to the rules too), or Hangul
            // syllables alone among them (which no engine cuts).
            *end++ = offsets[stop];
        } else if ((all & kSimple) != 0 && (classes[text[start]] & kStarts) != 0) {
            if (!cjk->hasDictionary) {
                std::call_once(gDictionaryOnce, [] { gDictionaryReady = openDictionary(*gShared); });
                if (!gDictionaryReady) return -1;
                cjk->hasDictionary = true;
            }
            end = divide(cjk, text + start, offsets + start, stop - start, end);
        } else {
            return -1;
        }
        // Every piece of a rule segment ends with the segment's status, as ICU's dictionary cache
        // gives them.
        const int32_t rule = machine.status(tagIndex);
        for (int32_t *piece = segmentEnds; piece < end; piece++) firstStatus[piece - firstEnd] = rule;
    }
    *ends = firstEnd;
    *statuses = firstStatus;
    return (int32_t)(end - firstEnd);
}

extern "C" void vx_cjk_trim(vx_cjk *cjk) {
    if (cjk->capacity > kKeptUnits) cjk->release();
}
