/*
 * pack_internal.h - packs as files (pack/), shared with the layers above;
 * never installed.
 *
 *   zip_read.c  ZIP-based packs (.wastickers, LINE submission ZIPs) read from
 *               memory with hard caps, so a hostile archive is refused,
 *               never unpacked
 */
#ifndef STK_PACK_INTERNAL_H
#define STK_PACK_INTERNAL_H

#include "internal.h"

/* ---- ZIP packs (zip_read.c, libarchive) ---- */

/* Called for each regular file entry, in archive order, with its whole
 * content.  `name` is the normalised relative path.  Return non-OK to stop. */
typedef stk_status (*stk__zip_entry_fn)(void *user, const char *name, const uint8_t *data,
                                        size_t len, stk_error *err);

/* Reads a ZIP from memory.  Refuses (STK_ERR_CORRUPT / STK_ERR_LIMIT) entry
 * names that are absolute, contain "..", backslashes or NUL, duplicate
 * names, more than max_entries entries, any entry over max_entry_bytes or a
 * total over max_total_bytes, and links/devices. */
stk_status stk__zip_read(const uint8_t *data, size_t len, uint32_t max_entries,
                         uint64_t max_entry_bytes, uint64_t max_total_bytes,
                         stk__zip_entry_fn fn, void *user, stk_error *err);

#endif
