// The Chinese/Japanese dictionary word break of cjk.cpp, for cicushim.c only (not seen by Swift).
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vx_cjk vx_cjk;

/// A per-thread breaker for a locale whose compiled word rules are `rules` (`length` bytes), or
/// NULL when the fast path is not available (rules other than the root locale's, another ICU major
/// version, no dictionary, or VALENCE_ICU_DICTIONARY set in the environment): then ICU's iterator
/// does it all.
vx_cjk *vx_cjk_open(const uint8_t *rules, int32_t length);
void vx_cjk_close(vx_cjk *cjk);

/// Word boundaries of `utf8` after 0 (byte offsets, ascending, the last one `length`) with the
/// rule status of the segment each ends, exactly as ICU's word iterator gives them on the text
/// converted to UTF-16; valid until the next call. -1 when the text is not well-formed UTF-8 or
/// holds something only ICU's own iterator can do.
int32_t vx_cjk_segment(vx_cjk *cjk, const uint8_t *utf8, int32_t length,
                       const int32_t **ends, const int32_t **statuses);

/// Frees the buffers a huge text left behind, once its boundaries have been read.
void vx_cjk_trim(vx_cjk *cjk);

#ifdef __cplusplus
}
#endif
