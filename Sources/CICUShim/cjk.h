// The Chinese/Japanese dictionary word break of cjk.cpp, for cicushim.c only (not seen by Swift).
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vx_cjk vx_cjk;

/// A per-thread breaker, or NULL when the fast path is not available (another ICU major version,
/// no dictionary, or VALENCE_ICU_DICTIONARY set in the environment): then ICU's iterator does it all.
vx_cjk *vx_cjk_open(void);
void vx_cjk_close(vx_cjk *cjk);

/// Word boundaries of `utf16` after 0 (UTF-16 offsets, ascending, the last one `length`) with the
/// rule status of the segment each ends, exactly as ICU's word iterator gives them; valid until
/// the next call. -1 when the text holds something only ICU's own iterator can do.
int32_t vx_cjk_segment(vx_cjk *cjk, const uint16_t *utf16, int32_t length,
                       const int32_t **ends, const int32_t **statuses);

#ifdef __cplusplus
}
#endif
