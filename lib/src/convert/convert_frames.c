/*
 * convert_frames.c - the resized frames of an animation, held once for
 * every probe (never resized again) and bounded in memory.
 *
 * The first frames are kept as they are, up to raw_limit bytes.  Later
 * ones are stored XORed with the frame before them and deflated: after
 * stabilisation the static parts XOR to zeros, which deflate to almost
 * nothing and fast.  Every KEY_EVERY-th compressed frame is stored whole
 * (XOR with nothing) so reading frame i replays at most that many frames.
 * Probes read in order, which costs one inflate per frame; a sample of
 * frames read again and again is pinned: kept unpacked as well.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "convert_internal.h"

#define DEFAULT_RAW_LIMIT (64u << 20)
#define KEY_EVERY 32u

struct entry {
	uint8_t *data;       /* raw pixels, or deflated XOR delta */
	uint8_t *pinned;     /* a packed frame's pixels, kept while pinned */
	size_t len;          /* stored bytes */
	bool packed;
	bool key;            /* packed against zeros, not the previous frame */
	uint32_t ms;
	stk__change changed;
};

struct stk__frames {
	uint32_t w, h;
	size_t frame_bytes, raw_limit, raw_used, packed_used, pinned_used;
	uint32_t packed_count;
	struct entry *e;
	uint32_t n;
	size_t cap;
	uint8_t *last;       /* the last frame pushed (XOR base for the next) */
	bool have_last;
	uint8_t *cur;        /* the frame decoded by the last get of a packed frame */
	int64_t cur_index;   /* -1 when cur holds nothing */
	uint8_t *tmp;        /* XOR / inflate scratch */
};

stk_status stk__frames_new(uint32_t w, uint32_t h, size_t raw_limit, stk__frames **out,
                           stk_error *err)
{
	size_t bytes;
	*out = NULL;
	if (!stk__rgba_size(w, h, &bytes))
		return stk__fail(err, STK_ERR_LIMIT, "frame %ux%u is too large", w, h);
	stk__frames *fs = calloc(1, sizeof *fs);
	if (!fs)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	fs->w = w;
	fs->h = h;
	fs->frame_bytes = bytes;
	fs->raw_limit = raw_limit ? raw_limit : DEFAULT_RAW_LIMIT;
	fs->cur_index = -1;
	fs->last = malloc(bytes);
	if (!fs->last) {
		free(fs);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	*out = fs;
	return STK_OK;
}

void stk__frames_free(stk__frames *fs)
{
	if (!fs)
		return;
	for (uint32_t i = 0; i < fs->n; i++) {
		free(fs->e[i].data);
		free(fs->e[i].pinned);
	}
	free(fs->e);
	free(fs->last);
	free(fs->cur);
	free(fs->tmp);
	free(fs);
}

static stk_status scratch(stk__frames *fs, stk_error *err)
{
	if (!fs->cur)
		fs->cur = malloc(fs->frame_bytes);
	if (!fs->tmp)
		fs->tmp = malloc(fs->frame_bytes);
	if (!fs->cur || !fs->tmp)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return STK_OK;
}

/* Raw deflate, level 1: no zlib header and no Adler-32, which costs as
 * much as the level-1 compression itself here; the store checks sizes. */
static bool deflate_raw(const uint8_t *src, size_t len, uint8_t *dst, size_t *dst_len)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	z.next_in = (Bytef *)src;
	z.avail_in = (uInt)len;
	z.next_out = dst;
	z.avail_out = (uInt)*dst_len;
	int r = deflate(&z, Z_FINISH);
	*dst_len = z.total_out;
	deflateEnd(&z);
	return r == Z_STREAM_END;
}

static bool inflate_raw(const uint8_t *src, size_t len, uint8_t *dst, size_t dst_len)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, -15) != Z_OK)
		return false;
	z.next_in = (Bytef *)src;
	z.avail_in = (uInt)len;
	z.next_out = dst;
	z.avail_out = (uInt)dst_len;
	int r = inflate(&z, Z_FINISH);
	bool whole = r == Z_STREAM_END && z.total_out == dst_len;
	inflateEnd(&z);
	return whole;
}

/* Deflates rgba XOR base (base NULL: rgba itself) into e. */
static stk_status pack(stk__frames *fs, const uint8_t *rgba, const uint8_t *base,
                       struct entry *e, stk_error *err)
{
	STK_TRY(scratch(fs, err));
	const uint8_t *src = rgba;
	if (base) {
		for (size_t i = 0; i < fs->frame_bytes; i++)
			fs->tmp[i] = rgba[i] ^ base[i];
		src = fs->tmp;
	}
	size_t len = compressBound((uLong)fs->frame_bytes);
	e->data = malloc(len);
	if (!e->data)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (!deflate_raw(src, fs->frame_bytes, e->data, &len)) {
		free(e->data);
		e->data = NULL;
		return stk__fail(err, STK_ERR_INTERNAL, "cannot compress a frame");
	}
	uint8_t *shrunk = realloc(e->data, len);
	if (shrunk)
		e->data = shrunk;
	e->len = len;
	e->packed = true;
	e->key = base == NULL;
	return STK_OK;
}

stk_status stk__frames_push(stk__frames *fs, const uint8_t *rgba, uint32_t ms,
                            const stk__change *changed, stk_error *err)
{
	STK_GROW(fs->e, fs->cap, (size_t)fs->n + 1, 16, err);
	struct entry *e = &fs->e[fs->n];
	memset(e, 0, sizeof *e);
	e->ms = ms;
	e->changed = changed ? *changed : (stk__change){ 1, 1, 1, 1 };
	if (fs->raw_used + fs->frame_bytes <= fs->raw_limit) {
		e->data = malloc(fs->frame_bytes);
		if (!e->data)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		memcpy(e->data, rgba, fs->frame_bytes);
		e->len = fs->frame_bytes;
		fs->raw_used += e->len;
	} else {
		/* the first packed frame and every KEY_EVERY-th after it are keys */
		bool key = fs->packed_count % KEY_EVERY == 0;
		STK_TRY(pack(fs, rgba, key ? NULL : fs->last, e, err));
		fs->packed_used += e->len;
		fs->packed_count++;
	}
	memcpy(fs->last, rgba, fs->frame_bytes);
	fs->have_last = true;
	fs->n++;
	return STK_OK;
}

uint32_t stk__frames_count(const stk__frames *fs) { return fs->n; }
uint32_t stk__frames_ms(const stk__frames *fs, uint32_t i) { return i < fs->n ? fs->e[i].ms : 0; }
stk__change stk__frames_changed(const stk__frames *fs, uint32_t i)
{
	return i < fs->n ? fs->e[i].changed : (stk__change){ 0, 0, 0, 0 };
}
const uint8_t *stk__frames_last(const stk__frames *fs) { return fs->have_last ? fs->last : NULL; }

size_t stk__frames_memory(const stk__frames *fs)
{
	return fs->raw_used + fs->packed_used + fs->pinned_used + fs->frame_bytes * 3;
}

/* Inflates packed frame i onto fs->cur, which must hold frame i-1 unless
 * i is a key. */
static stk_status unpack(stk__frames *fs, uint32_t i, stk_error *err)
{
	const struct entry *e = &fs->e[i];
	if (!inflate_raw(e->data, e->len, fs->tmp, fs->frame_bytes))
		return stk__fail(err, STK_ERR_INTERNAL, "stored frame %u is damaged", i);
	if (e->key)
		memcpy(fs->cur, fs->tmp, fs->frame_bytes);
	else
		for (size_t k = 0; k < fs->frame_bytes; k++)
			fs->cur[k] ^= fs->tmp[k];
	fs->cur_index = i;
	return STK_OK;
}

stk_status stk__frames_get(stk__frames *fs, uint32_t i, const uint8_t **rgba, stk_error *err)
{
	if (i >= fs->n)
		return stk__fail(err, STK_ERR_INTERNAL, "frame %u of %u", i, fs->n);
	if (!fs->e[i].packed || fs->e[i].pinned) {
		*rgba = fs->e[i].packed ? fs->e[i].pinned : fs->e[i].data;
		return STK_OK;
	}
	STK_TRY(scratch(fs, err));
	if (fs->cur_index != (int64_t)i) {
		/* replay from the decoded frame before i, or from the key at or
		 * before i, whichever is later */
		uint32_t key = i;
		while (!fs->e[key].key)
			key--;
		uint32_t from = key;
		if (fs->cur_index >= (int64_t)key && fs->cur_index < (int64_t)i)
			from = (uint32_t)fs->cur_index + 1;
		for (uint32_t k = from; k <= i; k++)
			STK_TRY(unpack(fs, k, err));
	}
	*rgba = fs->cur;
	return STK_OK;
}

stk_status stk__frames_pin(stk__frames *fs, const uint32_t *idx, uint32_t n, stk_error *err)
{
	for (uint32_t i = 0; i < fs->n; i++) {
		free(fs->e[i].pinned);
		fs->e[i].pinned = NULL;
	}
	fs->pinned_used = 0;
	for (uint32_t k = 0; k < n; k++) {
		const uint8_t *rgba;
		if (idx[k] >= fs->n)
			return stk__fail(err, STK_ERR_INTERNAL, "frame %u of %u", idx[k], fs->n);
		struct entry *e = &fs->e[idx[k]];
		if (!e->packed || e->pinned)
			continue;
		STK_TRY(stk__frames_get(fs, idx[k], &rgba, err));
		if (!(e->pinned = malloc(fs->frame_bytes)))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		memcpy(e->pinned, rgba, fs->frame_bytes);
		fs->pinned_used += fs->frame_bytes;
	}
	return STK_OK;
}
