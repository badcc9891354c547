/*
 * buf.c - growable arrays, byte buffers and string builders: the one place
 * the library grows memory, so every growth is overflow-checked the same
 * way and a caller never hand-rolls realloc doubling.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void stk_buf_release(stk_buf *buf)
{
	if (!buf)
		return;
	free(buf->data);
	buf->data = NULL;
	buf->len = 0;
}

void *stk__grow_array(void *v, size_t elem, size_t need, size_t *cap, size_t first)
{
	if (need <= *cap)
		return v;
	size_t ncap = *cap ? *cap : (first ? first : 1);
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	size_t bytes;
	if (!stk__mul_size(ncap, elem, &bytes))
		return NULL;
	void *nv = realloc(v, bytes ? bytes : 1);
	if (nv)
		*cap = ncap;
	return nv;
}

stk_status stk__grow_capped(uint8_t **buf, size_t *cap, size_t first, size_t limit,
                            stk_error *err)
{
	size_t ncap = *cap > limit / 2 ? limit : *cap * 2;
	if (ncap < first)
		ncap = limit < first ? limit : first;
	uint8_t *nb = realloc(*buf, ncap ? ncap : 1);
	if (!nb)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	*buf = nb;
	*cap = ncap;
	return STK_OK;
}

stk_status stk__buf_append(stk_buf *b, size_t *cap, const void *data, size_t len,
                           stk_error *err)
{
	if (len > SIZE_MAX - b->len)
		return stk__fail(err, STK_ERR_NOMEM, "buffer too large");
	if (b->len + len > *cap) {
		uint8_t *p = stk__grow_array(b->data, 1, b->len + len, cap, 4096);
		if (!p)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		b->data = p;
	}
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	return STK_OK;
}

/* ---- string builder ---- */

/* Appends len bytes and keeps a NUL after the text. */
stk_status stk__sb_put(stk__sb *sb, const char *s, size_t len)
{
	if (sb->status != STK_OK)
		return sb->status;
	sb->status = stk__buf_append(sb->out, &sb->cap, s, len, sb->err);
	if (sb->status == STK_OK && len) {
		sb->status = stk__buf_append(sb->out, &sb->cap, "", 1, sb->err);
		sb->out->len--;  /* the NUL is there, not counted */
	}
	return sb->status;
}

stk_status stk__sb_vprintf(stk__sb *sb, const char *fmt, va_list ap)
{
	char small[512];
	va_list again;
	if (sb->status != STK_OK)
		return sb->status;
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0) {
		va_end(again);
		return sb->status = stk__fail(sb->err, STK_ERR_INTERNAL, "cannot format text");
	}
	if ((size_t)n < sizeof small) {
		va_end(again);
		return stk__sb_put(sb, small, (size_t)n);
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		va_end(again);
		return sb->status = stk__fail(sb->err, STK_ERR_NOMEM, "out of memory");
	}
	vsnprintf(big, (size_t)n + 1, fmt, again);
	va_end(again);
	stk_status s = stk__sb_put(sb, big, (size_t)n);
	free(big);
	return s;
}

stk_status stk__sb_printf(stk__sb *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	stk_status s = stk__sb_vprintf(sb, fmt, ap);
	va_end(ap);
	return s;
}
