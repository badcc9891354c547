/*
 * apng_enc.c - APNG assembly.  libpng cannot write acTL/fcTL/fdAT, so each
 * frame is written by libpng as a standalone PNG of the region that changed
 * (all in one colour layout) and its IDAT payload is lifted into our own
 * chunks: frame 0 is the default image (fcTL before IDAT), later frames are
 * fcTL + fdAT.  Every fcTL uses dispose NONE and blend SOURCE, so the canvas
 * after each frame is exactly that frame, whatever its alpha.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "png_enc.h"

#define CHUNK_MAX (1u << 30) /* payload per chunk, well under 2^31 */

static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* The file being built. */
struct apng {
	stk_buf *out;
	size_t cap;
	uint32_t seq;         /* next fcTL/fdAT sequence number */
	stk_buf frame;        /* one frame's standalone PNG */
	size_t frame_cap;
	stk_buf data;         /* its IDAT payload */
	size_t data_cap;
};

/* One chunk inside a PNG stream. */
struct chunk {
	const uint8_t *raw;   /* length field onwards */
	size_t raw_len;       /* 12 + len */
	const uint8_t *data;
	uint32_t len;
	char type[5];
};

static void put32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Walks the chunks of a PNG stream from *pos; false at the end. */
static bool next_chunk(const stk_buf *png, size_t *pos, struct chunk *c)
{
	if (*pos < 8)
		*pos = 8;
	if (png->len - *pos < 12)
		return false;
	const uint8_t *p = png->data + *pos;
	c->len = get32(p);
	if (c->len > png->len - *pos - 12)
		return false;
	memcpy(c->type, p + 4, 4);
	c->type[4] = '\0';
	c->raw = p;
	c->data = p + 8;
	c->raw_len = (size_t)c->len + 12;
	*pos += c->raw_len;
	return true;
}

/* Appends a chunk whose data is head followed by body. */
static stk_status put_chunk(struct apng *a, const char *type, const uint8_t *head,
                            size_t head_len, const uint8_t *body, size_t body_len,
                            stk_error *err)
{
	uint8_t b[8];
	put32(b, (uint32_t)(head_len + body_len));
	memcpy(b + 4, type, 4);
	uLong crc = crc32(0L, b + 4, 4);
	if (head_len)
		crc = crc32(crc, head, (uInt)head_len);
	if (body_len)
		crc = crc32(crc, body, (uInt)body_len);
	STK_TRY(stk__buf_append(a->out, &a->cap, b, 8, err));
	STK_TRY(stk__buf_append(a->out, &a->cap, head, head_len, err));
	STK_TRY(stk__buf_append(a->out, &a->cap, body, body_len, err));
	put32(b, (uint32_t)crc);
	return stk__buf_append(a->out, &a->cap, b, 4, err);
}

/* Gathers the IDAT payload of a->frame into a->data. */
static stk_status gather_idat(struct apng *a, stk_error *err)
{
	struct chunk c;
	size_t pos = 0;
	a->data.len = 0;
	while (next_chunk(&a->frame, &pos, &c))
		if (strcmp(c.type, "IDAT") == 0)
			STK_TRY(stk__buf_append(&a->data, &a->data_cap, c.data, c.len, err));
	if (a->data.len == 0)
		return stk__fail(err, STK_ERR_INTERNAL, "PNG: libpng wrote no image data");
	return STK_OK;
}

/* The payload as IDAT chunks, or as fdAT chunks with sequence numbers. */
static stk_status put_payload(struct apng *a, bool fdat, stk_error *err)
{
	for (size_t off = 0; off < a->data.len; off += CHUNK_MAX) {
		size_t n = a->data.len - off < CHUNK_MAX ? a->data.len - off : CHUNK_MAX;
		uint8_t seq[4];
		put32(seq, a->seq);
		if (fdat)
			a->seq++;
		STK_TRY(put_chunk(a, fdat ? "fdAT" : "IDAT", seq, fdat ? 4 : 0,
		                  a->data.data + off, n, err));
	}
	return STK_OK;
}

/* fcTL delays are 16-bit fractions of a second: milliseconds fit up to
 * 65.535 s; longer ones take a coarser unit, exact when it divides. */
static void delay_of(uint32_t ms, uint16_t *num, uint16_t *den)
{
	static const uint16_t dens[] = { 1000, 100, 10, 1 };
	for (int exact = 1; exact >= 0; exact--)
		for (int i = 0; i < 4; i++) {
			uint32_t unit = 1000u / dens[i];
			uint32_t q = exact ? ms / unit : (ms + unit / 2) / unit;
			if ((!exact || ms % unit == 0) && q <= 65535) {
				*num = (uint16_t)q;
				*den = dens[i];
				return;
			}
		}
	*num = 65535;
	*den = 1;
}

static stk_status put_fctl(struct apng *a, stk__png_rect r, uint32_t ms, stk_error *err)
{
	uint8_t b[26];
	uint16_t num, den;
	delay_of(ms, &num, &den);
	put32(b, a->seq++);
	put32(b + 4, r.w);
	put32(b + 8, r.h);
	put32(b + 12, r.x);
	put32(b + 16, r.y);
	b[20] = (uint8_t)(num >> 8);
	b[21] = (uint8_t)num;
	b[22] = (uint8_t)(den >> 8);
	b[23] = (uint8_t)den;
	b[24] = 0; /* dispose_op NONE */
	b[25] = 0; /* blend_op SOURCE */
	return put_chunk(a, "fcTL", NULL, 0, b, sizeof b, err);
}

/* Frame 0: libpng's header chunks (IHDR, PLTE, tRNS, metadata), then acTL,
 * fcTL and the image data as IDAT. */
static stk_status put_first(struct apng *a, uint32_t frames, uint32_t plays,
                            stk__png_rect r, uint32_t ms, stk_error *err)
{
	struct chunk c;
	size_t pos = 0;
	bool data_done = false;
	STK_TRY(gather_idat(a, err));
	STK_TRY(stk__buf_append(a->out, &a->cap, png_sig, 8, err));
	while (next_chunk(&a->frame, &pos, &c)) {
		if (strcmp(c.type, "IEND") == 0)
			break;
		if (strcmp(c.type, "IDAT") != 0) {
			STK_TRY(stk__buf_append(a->out, &a->cap, c.raw, c.raw_len, err));
			continue;
		}
		if (data_done)
			continue;
		uint8_t actl[8];
		put32(actl, frames);
		put32(actl + 4, plays);
		STK_TRY(put_chunk(a, "acTL", NULL, 0, actl, 8, err));
		STK_TRY(put_fctl(a, r, ms, err));
		STK_TRY(put_payload(a, false, err));
		data_done = true;
	}
	return STK_OK;
}

static inline bool same_px(const uint8_t *a, const uint8_t *b, int psize)
{
	return psize == 1 ? *a == *b : memcmp(a, b, 4) == 0;
}

/* The smallest rectangle holding every pixel that differs; a 1x1 one when
 * none does, as the frame must stay for its duration. */
static stk__png_rect changed_rect(const uint8_t *a, const uint8_t *b, uint32_t w,
                                  uint32_t h, int psize)
{
	size_t row = (size_t)w * psize;
	uint32_t top = 0, bottom = h, left = w, right = 0;
	while (top < h && memcmp(a + top * row, b + top * row, row) == 0)
		top++;
	if (top == h)
		return (stk__png_rect){ 0, 0, 1, 1 };
	while (memcmp(a + (bottom - 1) * row, b + (bottom - 1) * row, row) == 0)
		bottom--;
	for (uint32_t y = top; y < bottom; y++) {
		const uint8_t *ra = a + y * row, *rb = b + y * row;
		uint32_t x = 0;
		while (x < left && same_px(ra + x * psize, rb + x * psize, psize))
			x++;
		left = x < left ? x : left;
		x = w;
		while (x > right && same_px(ra + (x - 1) * psize, rb + (x - 1) * psize, psize))
			x--;
		right = x > right ? x : right;
	}
	return (stk__png_rect){ left, top, right - left, bottom - top };
}

/* Encodes frame i (region r of pixels) and appends its chunks. */
static stk_status put_frame(struct apng *a, const stk_image *img, stk__png_plan *p,
                            const stk__png_meta *meta, uint32_t i, const uint8_t *pixels,
                            stk__png_rect r, stk_error *err)
{
	uint32_t ms = stk_image_frame_duration(img, i);
	a->frame.len = 0;
	STK_TRY(stk__png_write(p, pixels, r, i == 0 ? meta : NULL, &a->frame, &a->frame_cap,
	                       err));
	if (i == 0)
		return put_first(a, stk_image_frame_count(img), stk_image_plays(img), r, ms, err);
	STK_TRY(gather_idat(a, err));
	STK_TRY(put_fctl(a, r, ms, err));
	return put_payload(a, true, err);
}

stk_status stk__apng_encode(const stk_image *img, stk__png_plan *p,
                            const stk__png_meta *meta, stk_buf *out, stk_error *err)
{
	struct apng a;
	uint32_t n = stk_image_frame_count(img);
	uint8_t *scratch[2] = { NULL, NULL };
	const uint8_t *prev = NULL, *cur;
	stk_status s = STK_OK;
	memset(&a, 0, sizeof a);
	a.out = out;
	if (p->psize == 1) {
		size_t npix = (size_t)p->width * p->height;
		scratch[0] = malloc(npix);
		scratch[1] = malloc(npix);
		if (!scratch[0] || !scratch[1]) {
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
			goto out;
		}
	}
	for (uint32_t i = 0; i < n && s == STK_OK; i++) {
		s = stk__png_plan_frame(p, img, i, scratch[i & 1], &cur, err);
		if (s != STK_OK)
			break;
		stk__png_rect r = { 0, 0, p->width, p->height };
		if (i > 0)
			r = changed_rect(prev, cur, p->width, p->height, p->psize);
		s = put_frame(&a, img, p, meta, i, cur, r, err);
		prev = cur;
		if (s != STK_OK && err)
			err->frame = (int)i;
	}
	if (s == STK_OK)
		s = put_chunk(&a, "IEND", NULL, 0, NULL, 0, err);
out:
	free(scratch[0]);
	free(scratch[1]);
	stk_buf_release(&a.frame);
	stk_buf_release(&a.data);
	return s;
}
