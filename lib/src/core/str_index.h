/*
 * str_index.h - a hash index from strings to positions in the caller's own
 * array (open addressing, FNV-1a), so "have I seen this name, and where?"
 * costs O(1) instead of a scan: what keeps validating 100000 files linear.
 * The index does not own the strings; they must outlive it unchanged.
 */
#ifndef STK_STR_INDEX_H
#define STK_STR_INDEX_H

#include "internal.h"

typedef struct stk__str_index {
	const char **keys;   /* NULL = empty slot */
	size_t *pos;
	size_t n, cap;       /* cap is 0 or a power of two */
} stk__str_index;

/* The position stored for key, or false. */
bool stk__str_index_find(const stk__str_index *ix, const char *key, size_t *pos);

/* Stores key -> pos (key not yet present); grows as needed. */
stk_status stk__str_index_add(stk__str_index *ix, const char *key, size_t pos,
                              stk_error *err);

void stk__str_index_release(stk__str_index *ix);

#endif
