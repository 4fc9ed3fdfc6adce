// Valence's only window onto the system ICU. No ICU header is included here: Swift sees
// opaque handles and plain C types, so Foundation's bundled ICU never meets the system one.
// Also inline helpers that Swift does not compile well (a prefetch hint; 16-byte scans and
// counts, where Swift's generic SIMD masks come out as byte-by-byte loops), and system calls
// Swift's Glibc module leaves out (system.c).
#pragma once
#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/// The version of the ICU library linked in, e.g. "72.1".
const char *vx_icu_version(void);

/// Starts writing the dirty pages of `count` bytes at `offset` of a file to its disk, without
/// waiting for them (Linux's `sync_file_range` with `SYNC_FILE_RANGE_WRITE`; nothing elsewhere):
/// a later `fsync` then finds most of the file already written. 0, or the `errno`.
int vx_start_writeback(int descriptor, int64_t offset, int64_t count);

/// A hint to fetch the cache line at `address` (no effect on what any code computes).
static inline void vx_prefetch(const void *address) { __builtin_prefetch(address); }

/// How many of the `count` bytes at `bytes` come before the first that is not ASCII or, when
/// `stopAtLineEnds`, is CR or LF (`count` when none is): sixteen bytes to a step, the high bits
/// and the two terminators' matches gathered by one movemask. A reader's scan of ASCII text.
static inline size_t vx_ascii_span(const uint8_t *bytes, size_t count, _Bool stopAtLineEnds) {
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i lineFeed = _mm_set1_epi8(0x0A), carriageReturn = _mm_set1_epi8(0x0D);
    while (index + 16 <= count) {
        __m128i block = _mm_loadu_si128((const __m128i *)(const void *)(bytes + index));
        if (stopAtLineEnds) {
            block = _mm_or_si128(block, _mm_or_si128(_mm_cmpeq_epi8(block, lineFeed), _mm_cmpeq_epi8(block, carriageReturn)));
        }
        unsigned stops = (unsigned)_mm_movemask_epi8(block);
        if (stops != 0) return index + (size_t)__builtin_ctz(stops);
        index += 16;
    }
#endif
    for (; index < count; index++) {
        uint8_t byte = bytes[index];
        if (byte >= 0x80 || (stopAtLineEnds && (byte == 0x0A || byte == 0x0D))) break;
    }
    return index;
}

/// How many of the `count` bytes at `bytes` come before the first CR or LF (`count` when none
/// is): sixteen bytes to a step. How a pack file is cut into lines, whatever its script.
static inline size_t vx_line_end(const uint8_t *bytes, size_t count) {
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i lineFeed = _mm_set1_epi8(0x0A), carriageReturn = _mm_set1_epi8(0x0D);
    while (index + 16 <= count) {
        __m128i block = _mm_loadu_si128((const __m128i *)(const void *)(bytes + index));
        unsigned stops = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, lineFeed), _mm_cmpeq_epi8(block, carriageReturn)));
        if (stops != 0) return index + (size_t)__builtin_ctz(stops);
        index += 16;
    }
#endif
    for (; index < count; index++) {
        if (bytes[index] == 0x0A || bytes[index] == 0x0D) break;
    }
    return index;
}

#if defined(__SSE2__)
/// The sum of the sixteen byte lanes of `lanes` (`psadbw` against zero: one sum per eight lanes).
static inline size_t vx_lane_sum(__m128i lanes) {
    __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    return (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
}
#endif

/// How many of the `count` bytes at `bytes` are `first` (returned) and how many are `second`
/// (`*seconds`). Sixteen bytes to a step: a match is -1 in its lane, subtracted into per-lane
/// counts that are summed (`psadbw`) before any can pass 255; the last step reads the final
/// sixteen bytes, its lanes already counted masked off. No popcount: baseline x86-64 has none.
static inline size_t vx_count_two_bytes(const uint8_t *bytes, size_t count, uint8_t first, uint8_t second, size_t *seconds) {
    size_t index = 0, firsts = 0, others = 0;
#if defined(__SSE2__)
    if (count >= 16) {
        const __m128i a = _mm_set1_epi8((char)first), b = _mm_set1_epi8((char)second), zero = _mm_setzero_si128();
        __m128i laneFirsts = zero, laneOthers = zero;
        int steps = 0;
        for (; index + 16 <= count; index += 16) {
            __m128i block = _mm_loadu_si128((const __m128i *)(const void *)(bytes + index));
            laneFirsts = _mm_sub_epi8(laneFirsts, _mm_cmpeq_epi8(block, a));
            laneOthers = _mm_sub_epi8(laneOthers, _mm_cmpeq_epi8(block, b));
            if (++steps == 255) {
                firsts += vx_lane_sum(laneFirsts);
                others += vx_lane_sum(laneOthers);
                laneFirsts = zero; laneOthers = zero; steps = 0;
            }
        }
        if (index < count) {
            // The last sixteen bytes; the lanes before `index` were counted above.
            static const uint8_t keep[32] = {
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
            size_t fresh = count - index;   /* 1 ... 15 */
            __m128i mask = _mm_loadu_si128((const __m128i *)(const void *)(keep + fresh));
            __m128i block = _mm_loadu_si128((const __m128i *)(const void *)(bytes + count - 16));
            laneFirsts = _mm_sub_epi8(laneFirsts, _mm_and_si128(_mm_cmpeq_epi8(block, a), mask));
            laneOthers = _mm_sub_epi8(laneOthers, _mm_and_si128(_mm_cmpeq_epi8(block, b), mask));
            index = count;
        }
        firsts += vx_lane_sum(laneFirsts);
        others += vx_lane_sum(laneOthers);
    }
#endif
    for (; index < count; index++) {
        firsts += bytes[index] == first;
        others += bytes[index] == second;
    }
    *seconds = others;
    return firsts;
}

/// A word-break iterator for one locale. Not thread-safe: one per thread.
typedef struct vx_wordbreaker vx_wordbreaker;

/// Opens a UBRK_WORD iterator for `locale` ("en", "ja", "zh_Hant", ...). NULL on failure;
/// `*status` receives the ICU error code (0 on success, negative for warnings).
vx_wordbreaker *vx_wordbreaker_open(const char *locale, int32_t *status);
void vx_wordbreaker_close(vx_wordbreaker *breaker);

/// `flags` of vx_wordbreaker_segment: break the UTF-8 bytes through a UTF-8 UText, as is done
/// anyway for text that is not well-formed UTF-8 (tests compare the two ways).
#define VX_SEGMENT_UTF8_TEXT 1
/// `flags`: for zh, ja, ko, ar and hi, leave the break to ICU's own iterator and dictionary engine
/// rather than the reimplementation that gives the same boundaries faster (tests compare the two).
#define VX_SEGMENT_ICU_DICTIONARY 2

/// Splits `len` bytes of UTF-8 into segments. For each segment writes three int32 values to
/// `out`: start byte offset, end byte offset, ICU rule status (>= 100 means word-like).
/// zh, ja, ko, ar and hi text goes to cjk.cpp's reimplementation when it can cut it; other
/// well-formed text is converted to UTF-16 and broken there (faster); ill-formed text is read
/// through a UTF-8 UText. Returns the number of segments (which may exceed `capacity`: then call again
/// with more room), or -1 on error with `*status` set.
int32_t vx_wordbreaker_segment(vx_wordbreaker *breaker, const char *utf8, int32_t len,
                               int32_t *out, int32_t capacity, int32_t flags, int32_t *status);

/// How many texts this breaker has cut without ICU's iterator (zh, ja, ko, ar, hi; for tests).
int64_t vx_wordbreaker_dictionary_texts(const vx_wordbreaker *breaker);

/// NFKC + full case folding (ICU "nfkc_cf") of `len` bytes of valid UTF-8. Writes UTF-8 to `out`
/// and returns its length; if `capacity` is too small returns the needed length (> capacity)
/// and writes nothing useful. Returns -1 on error with `*status` set.

int32_t vx_nfkc_casefold(const char *utf8, int32_t len, char *out, int32_t capacity, int32_t *status);

#ifdef __cplusplus
}
#endif
