/* str_index.c - string -> position hash index (see str_index.h). */
#include <stdlib.h>
#include <string.h>
#include "str_index.h"

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 1099511628211ull;
	return (size_t)(h ^ (h >> 32));
}

static size_t slot_of(const stk__str_index *ix, const char *key)
{
	size_t mask = ix->cap - 1, i = hash(key) & mask;
	while (ix->keys[i] && strcmp(ix->keys[i], key) != 0)
		i = (i + 1) & mask;
	return i;
}

bool stk__str_index_find(const stk__str_index *ix, const char *key, size_t *pos)
{
	if (!ix->cap)
		return false;
	size_t i = slot_of(ix, key);
	if (!ix->keys[i])
		return false;
	*pos = ix->pos[i];
	return true;
}

static stk_status grow(stk__str_index *ix, stk_error *err)
{
	size_t ncap = ix->cap ? ix->cap * 2 : 64;
	stk__str_index bigger = { calloc(ncap, sizeof *bigger.keys),
	                          malloc(ncap * sizeof *bigger.pos), ix->n, ncap };
	if (!bigger.keys || !bigger.pos) {
		free(bigger.keys);
		free(bigger.pos);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < ix->cap; i++)
		if (ix->keys[i]) {
			size_t j = slot_of(&bigger, ix->keys[i]);
			bigger.keys[j] = ix->keys[i];
			bigger.pos[j] = ix->pos[i];
		}
	stk__str_index_release(ix);
	*ix = bigger;
	return STK_OK;
}

stk_status stk__str_index_add(stk__str_index *ix, const char *key, size_t pos,
                              stk_error *err)
{
	if ((ix->n + 1) * 4 > ix->cap * 3) /* at most 3/4 full: probes stay short */
		STK_TRY(grow(ix, err));
	size_t i = slot_of(ix, key);
	if (!ix->keys[i])
		ix->n++;
	ix->keys[i] = key;
	ix->pos[i] = pos;
	return STK_OK;
}

void stk__str_index_release(stk__str_index *ix)
{
	free(ix->keys);
	free(ix->pos);
	memset(ix, 0, sizeof *ix);
}
