// The ICU calls behind cicushim.h. ICU headers are included only in this file.
#include "cicushim.h"
#include "cjk.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

const char *vx_icu_version(void) {
    static char text[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, text);
    return text;
}

struct vx_wordbreaker {
    UBreakIterator *iterator;
    /// The word break of cjk.cpp for zh, ja, ko, ar and hi (NULL otherwise or when unavailable).
    vx_cjk *cjk;
    /// How many texts `cjk` has cut (for tests: the fast path must be the common one).
    int64_t cjkTexts;
    UText *text;
    /// The text converted to UTF-16, reused from call to call.
    UChar *utf16;
    int32_t utf16Capacity;
};

/// Texts longer than this (in UTF-16 units) get their conversion buffer freed after the call, so
/// one huge document does not keep its copy for the life of the thread.
enum { vx_keep_utf16_capacity = 1 << 20 };

vx_wordbreaker *vx_wordbreaker_open(const char *locale, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(UBRK_WORD, locale, NULL, 0, &code);
    *status = (int32_t)code;
    if (U_FAILURE(code)) return NULL;
    vx_wordbreaker *breaker = calloc(1, sizeof *breaker);
    if (breaker == NULL) {
        ubrk_close(iterator);
        *status = (int32_t)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    // The languages whose text ICU cuts throughout take cjk.cpp's path, if their word rules are the
    // root's (ICU 72's are). (The Latin-script languages cut most text without ICU; they would pay
    // the path's start-up for the few texts they hand over.)
    static const char *const machineLanguages[] = {"zh", "ja", "ko", "ar", "hi"};
    int machine = 0;
    for (size_t k = 0; k < sizeof machineLanguages / sizeof *machineLanguages; k++) {
        if (strncmp(locale, machineLanguages[k], 2) == 0 && (locale[2] == '\0' || locale[2] == '_' || locale[2] == '-')) machine = 1;
    }
    if (!machine) return breaker;
    int32_t length = ubrk_getBinaryRules(iterator, NULL, 0, &code);
    if (code == U_BUFFER_OVERFLOW_ERROR || (U_SUCCESS(code) && length > 0)) {
        uint8_t *rules = malloc((size_t)length);
        code = U_ZERO_ERROR;
        if (rules != NULL && ubrk_getBinaryRules(iterator, rules, length, &code) == length && U_SUCCESS(code)) {
            breaker->cjk = vx_cjk_open(rules, length);
        }
        free(rules);
    }
    return breaker;
}

void vx_wordbreaker_close(vx_wordbreaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    vx_cjk_close(breaker->cjk);
    if (breaker->text != NULL) utext_close(breaker->text);
    free(breaker->utf16);
    free(breaker);
}

/// Breaks `utf8` converted to UTF-16 and maps each boundary back to a byte offset. ICU's
/// rule-based break runs about a sixth faster on UTF-16 than through a UTF-8 UText. Returns -2 when
/// `utf8` is not well-formed (u_strFromUTF8 rejects it).
static int32_t segment_utf16(vx_wordbreaker *breaker, const char *utf8, int32_t len,
                             int32_t *out, int32_t capacity, int32_t *status) {
    if (len + 1 > breaker->utf16Capacity) {
        int32_t wanted = len + 1 < 256 ? 256 : len + 1;
        UChar *grown = realloc(breaker->utf16, sizeof(UChar) * (size_t)wanted);
        if (grown == NULL) { *status = (int32_t)U_MEMORY_ALLOCATION_ERROR; return -1; }
        breaker->utf16 = grown;
        breaker->utf16Capacity = wanted;
    }
    UErrorCode code = U_ZERO_ERROR;
    int32_t length = 0;
    u_strFromUTF8(breaker->utf16, breaker->utf16Capacity, &length, utf8, len, &code);
    if (U_FAILURE(code)) return -2;
    ubrk_setText(breaker->iterator, breaker->utf16, length, &code);
    if (U_FAILURE(code)) { *status = (int32_t)code; return -1; }
    ubrk_first(breaker->iterator);
    // The boundaries come in order: one cursor walks both encodings. A scalar is one UTF-16 unit
    // unless its UTF-8 form has four bytes (then two).
    const unsigned char *bytes = (const unsigned char *)utf8;
    int32_t unit = 0, byte = 0;
    int32_t count = 0;
    int32_t startByte = 0;
    for (int32_t end = ubrk_next(breaker->iterator); end != UBRK_DONE; end = ubrk_next(breaker->iterator)) {
        int32_t rule = ubrk_getRuleStatus(breaker->iterator);
        while (unit < end) {
            unsigned char lead = bytes[byte];
            if (lead < 0x80) { byte += 1; unit += 1; }
            else if (lead < 0xE0) { byte += 2; unit += 1; }
            else if (lead < 0xF0) { byte += 3; unit += 1; }
            else { byte += 4; unit += 2; }
        }
        if (count < capacity) {
            out[3 * count] = startByte;
            out[3 * count + 1] = byte;
            out[3 * count + 2] = rule;
        }
        count++;
        startByte = byte;
    }
    ubrk_setText(breaker->iterator, NULL, 0, &code);
    if (breaker->utf16Capacity > vx_keep_utf16_capacity) {
        free(breaker->utf16);
        breaker->utf16 = NULL;
        breaker->utf16Capacity = 0;
    }
    *status = 0;
    return count;
}

/// The boundaries of cjk.cpp, which reads the UTF-8 itself; -1 when it cannot give them.
static int32_t segment_cjk(vx_wordbreaker *breaker, const char *utf8, int32_t len, int32_t *out, int32_t capacity) {
    const int32_t *ends = NULL, *statuses = NULL;
    int32_t boundaries = vx_cjk_segment(breaker->cjk, (const uint8_t *)utf8, len, &ends, &statuses);
    if (boundaries < 0) {
        vx_cjk_trim(breaker->cjk);
        return -1;
    }
    breaker->cjkTexts++;
    int32_t start = 0;
    for (int32_t index = 0; index < boundaries; index++) {
        if (index < capacity) {
            out[3 * index] = start;
            out[3 * index + 1] = ends[index];
            out[3 * index + 2] = statuses[index];
        }
        start = ends[index];
    }
    vx_cjk_trim(breaker->cjk);
    return boundaries;
}

int64_t vx_wordbreaker_dictionary_texts(const vx_wordbreaker *breaker) {
    return breaker->cjkTexts;
}

int32_t vx_wordbreaker_segment(vx_wordbreaker *breaker, const char *utf8, int32_t len,
                               int32_t *out, int32_t capacity, int32_t flags, int32_t *status) {
    if (!(flags & VX_SEGMENT_UTF8_TEXT)) {
        if (breaker->cjk != NULL && !(flags & VX_SEGMENT_ICU_DICTIONARY)) {
            int32_t count = segment_cjk(breaker, utf8, len, out, capacity);
            if (count >= 0) {
                *status = 0;
                return count;
            }
        }
        int32_t count = segment_utf16(breaker, utf8, len, out, capacity, status);
        if (count != -2) return count;
    }
    UErrorCode code = U_ZERO_ERROR;
    // utext_openUTF8 reuses the UText; it borrows `utf8` only for the duration of this call.
    breaker->text = utext_openUTF8(breaker->text, utf8, len, &code);
    if (U_FAILURE(code)) { *status = (int32_t)code; return -1; }
    ubrk_setUText(breaker->iterator, breaker->text, &code);
    if (U_FAILURE(code)) { *status = (int32_t)code; return -1; }
    int32_t count = 0;
    int32_t start = ubrk_first(breaker->iterator);
    for (int32_t end = ubrk_next(breaker->iterator); end != UBRK_DONE;
         start = end, end = ubrk_next(breaker->iterator)) {
        if (count < capacity) {
            out[3 * count] = start;
            out[3 * count + 1] = end;
            out[3 * count + 2] = ubrk_getRuleStatus(breaker->iterator);
        }
        count++;
    }
    // Detach the borrowed text so nothing dangles after we return.
    ubrk_setText(breaker->iterator, NULL, 0, &code);
    *status = 0;
    return count;
}

int32_t vx_nfkc_casefold(const char *utf8, int32_t len, char *out, int32_t capacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFKCCasefoldInstance(&code);
    if (U_FAILURE(code)) { *status = (int32_t)code; return -1; }

    UChar stackSource[512], stackTarget[1024];
    UChar *source = stackSource, *target = stackTarget;
    int32_t sourceCapacity = 512, targetCapacity = 1024;
    int32_t result = -1;

    int32_t sourceLength = 0;
    u_strFromUTF8(source, sourceCapacity, &sourceLength, utf8, len, &code);
    if (code == U_BUFFER_OVERFLOW_ERROR) {
        code = U_ZERO_ERROR;
        sourceCapacity = sourceLength + 1;
        source = malloc(sizeof(UChar) * (size_t)sourceCapacity);
        if (source == NULL) { code = U_MEMORY_ALLOCATION_ERROR; goto done; }
        u_strFromUTF8(source, sourceCapacity, &sourceLength, utf8, len, &code);
    }
    if (U_FAILURE(code)) goto done;

    int32_t targetLength = unorm2_normalize(normalizer, source, sourceLength, target, targetCapacity, &code);
    if (code == U_BUFFER_OVERFLOW_ERROR) {
        code = U_ZERO_ERROR;
        targetCapacity = targetLength + 1;
        target = malloc(sizeof(UChar) * (size_t)targetCapacity);
        if (target == NULL) { code = U_MEMORY_ALLOCATION_ERROR; goto done; }
        targetLength = unorm2_normalize(normalizer, source, sourceLength, target, targetCapacity, &code);
    }
    if (U_FAILURE(code)) goto done;

    int32_t outLength = 0;
    u_strToUTF8(out, capacity, &outLength, target, targetLength, &code);
    if (code == U_BUFFER_OVERFLOW_ERROR || code == U_STRING_NOT_TERMINATED_WARNING) code = U_ZERO_ERROR;
    if (U_FAILURE(code)) goto done;
    result = outLength;

done:
    if (source != stackSource) free(source);
    if (target != stackTarget) free(target);
    *status = (int32_t)code;
    return result;
}
