// System calls that Swift's Glibc module does not declare (they need _GNU_SOURCE).
#define _GNU_SOURCE
#include "cicushim.h"

#include <errno.h>
#include <fcntl.h>

int vx_start_writeback(int descriptor, int64_t offset, int64_t count) {
#if defined(__linux__)
    if (sync_file_range(descriptor, (off64_t)offset, (off64_t)count, SYNC_FILE_RANGE_WRITE) == 0) return 0;
    return errno;
#else
    (void)descriptor; (void)offset; (void)count;
    return 0;
#endif
}
