/*
 * gif_dec.c - GIF decoding with giflib, record by record.
 *
 * Frames stream: one canvas is kept and each image is composited onto it
 * as browsers do (disposal 2 clears to transparent, 3 restores what was
 * there before), then handed to stk__dec_emit().  giflib reads from memory
 * through a bounds-checked cursor, so a short file shows up as a short
 * read and is reported as truncation.
 */
#include <stdlib.h>
#include <string.h>
#include <gif_lib.h>
#include "internal.h"

/* Adobe's XMP-in-GIF trailer: 0x01, then 0xff down to 0x00. */
#define XMP_TRAILER_LEN 257

struct cursor {
	const uint8_t *data;
	size_t len, pos;
	bool short_read;   /* a read wanted more bytes than were left */
};

struct rect {
	uint32_t x, y, w, h;   /* clipped to the canvas; w or h 0 when empty */
};

struct gif_dec {
	stk__decoder *d;
	GifFileType *gif;
	struct cursor cur;
	uint32_t w, h;
	uint32_t *canvas;      /* w*h RGBA pixels (bytes in R,G,B,A order) */
	uint32_t *backup;      /* canvas before a dispose-previous frame */
	uint8_t *row;          /* one stored row of colour indices */
	size_t row_cap;
	uint32_t pal[256];
	/* Graphics Control Extension for the next image */
	int disposal, delay_cs, transparent;
	bool have_loop;
	stk_buf xmp;
	size_t xmp_cap;
};

static int read_mem(GifFileType *gif, GifByteType *buf, int n)
{
	struct cursor *c = gif->UserData;
	size_t want = n > 0 ? (size_t)n : 0;
	size_t left = c->len - c->pos;
	if (want > left) {
		want = left;
		c->short_read = true;
	}
	memcpy(buf, c->data + c->pos, want);
	c->pos += want;
	return (int)want;
}

/* Turns giflib's error code into our one-line message. */
static stk_status gif_fail(const struct gif_dec *g, int code, int frame, const char *what,
                           stk_error *err)
{
	if (g->cur.short_read)
		return stk__fail_frame(err, STK_ERR_CORRUPT, frame,
		                       "GIF: file ends early (truncated, no trailer)");
	if (code == D_GIF_ERR_NOT_ENOUGH_MEM)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	const char *text = GifErrorString(code);
	return stk__fail_frame(err, STK_ERR_CORRUPT, frame, "GIF: %s: %s", what,
	                       text ? text : "unknown giflib error");
}

static void reset_gce(struct gif_dec *g)
{
	g->disposal = DISPOSAL_UNSPECIFIED;
	g->delay_cs = 0;
	g->transparent = -1;
}

/* ---- extensions ---- */

static void read_gce(struct gif_dec *g, const GifByteType *ext)
{
	if (!ext || ext[0] < 4)
		return;
	g->disposal = (ext[1] >> 2) & 7;
	/* Browsers read 4 as "restore previous" too (specs disagree on the bit). */
	if (g->disposal == 4)
		g->disposal = DISPOSE_PREVIOUS;
	g->delay_cs = ext[2] | ext[3] << 8;
	g->transparent = (ext[1] & 1) ? ext[4] : -1;
}

static bool is_app(const GifByteType *ext, const char *id)
{
	return ext && ext[0] == 11 && memcmp(ext + 1, id, 11) == 0;
}

/* The loop sub-block: 1, then a 16-bit count (0 = forever). */
static void read_loop(struct gif_dec *g, const GifByteType *sub)
{
	if (g->have_loop || !sub || sub[0] < 3 || sub[1] != 1)
		return;
	uint32_t count = sub[2] | (uint32_t)sub[3] << 8;
	/* A count of N repeats N times after the first play. */
	stk_image_set_plays(g->d->img, count == 0 ? 0 : count + 1);
	g->have_loop = true;
}

/* XMP's sub-block lengths are part of the packet, so keep them all. */
static stk_status add_xmp_block(struct gif_dec *g, const GifByteType *sub, stk_error *err)
{
	return stk__buf_append(&g->xmp, &g->xmp_cap, sub, (size_t)sub[0] + 1, err);
}

static stk_status finish_xmp(struct gif_dec *g, stk_error *err)
{
	const uint8_t *p = g->xmp.data;
	size_t n = g->xmp.len;
	if (n <= XMP_TRAILER_LEN || p[n - XMP_TRAILER_LEN] != 0x01)
		return STK_OK; /* not the layout we know: skip it */
	for (size_t i = 0; i < 256; i++)
		if (p[n - 256 + i] != (uint8_t)(0xff - i))
			return STK_OK;
	return stk_image_set_metadata(g->d->img, STK_META_XMP, p, n - XMP_TRAILER_LEN, err);
}

static stk_status read_extension(struct gif_dec *g, stk_error *err)
{
	GifByteType *ext = NULL;
	int code;
	bool xmp = false;
	stk_status s = STK_OK;

	if (DGifGetExtension(g->gif, &code, &ext) == GIF_ERROR)
		return gif_fail(g, g->gif->Error, -1, "extension", err);
	if (code == GRAPHICS_EXT_FUNC_CODE) {
		read_gce(g, ext);
	} else if (code == APPLICATION_EXT_FUNC_CODE) {
		bool loop = is_app(ext, "NETSCAPE2.0") || is_app(ext, "ANIMEXTS1.0");
		xmp = is_app(ext, "XMP DataXMP") && !g->xmp.data;
		while (ext) {
			if (DGifGetExtensionNext(g->gif, &ext) == GIF_ERROR)
				return gif_fail(g, g->gif->Error, -1, "extension", err);
			if (loop)
				read_loop(g, ext);
			loop = false;
			if (xmp && ext && s == STK_OK)
				s = add_xmp_block(g, ext, err);
		}
		if (xmp && s == STK_OK)
			s = finish_xmp(g, err);
		return s;
	}
	while (ext)
		if (DGifGetExtensionNext(g->gif, &ext) == GIF_ERROR)
			return gif_fail(g, g->gif->Error, -1, "extension", err);
	return STK_OK;
}

/* ---- images ---- */

/* Colours past the table's end are opaque black, as browsers draw them. */
static void build_palette(struct gif_dec *g, const ColorMapObject *cmap)
{
	int n = cmap->ColorCount < 256 ? cmap->ColorCount : 256;
	for (int i = 0; i < 256; i++) {
		uint8_t px[4] = { 0, 0, 0, 255 };
		if (i < n) {
			px[0] = cmap->Colors[i].Red;
			px[1] = cmap->Colors[i].Green;
			px[2] = cmap->Colors[i].Blue;
		}
		memcpy(&g->pal[i], px, 4);
	}
}

static struct rect clip_rect(const struct gif_dec *g, const GifImageDesc *desc)
{
	struct rect r = { 0, 0, 0, 0 };
	uint32_t left = (uint32_t)desc->Left, top = (uint32_t)desc->Top;
	if (left >= g->w || top >= g->h)
		return r;
	r.x = left;
	r.y = top;
	r.w = (uint32_t)desc->Width < g->w - left ? (uint32_t)desc->Width : g->w - left;
	r.h = (uint32_t)desc->Height < g->h - top ? (uint32_t)desc->Height : g->h - top;
	return r;
}

static void copy_rect(uint32_t *dst, const uint32_t *src, uint32_t stride,
                      const struct rect *r)
{
	for (uint32_t y = r->y; y < r->y + r->h; y++)
		memcpy(dst + (size_t)y * stride + r->x, src + (size_t)y * stride + r->x,
		       (size_t)r->w * 4);
}

static void clear_rect(uint32_t *px, uint32_t stride, const struct rect *r)
{
	for (uint32_t y = r->y; y < r->y + r->h; y++)
		memset(px + (size_t)y * stride + r->x, 0, (size_t)r->w * 4);
}

/* Row i in stored order -> row in the image, through the 4 interlace passes
 * (every 8th row from 0, every 8th from 4, every 4th from 2, every 2nd from 1). */
static uint32_t interlaced_row(uint32_t i, uint32_t h)
{
	uint32_t n1 = (h + 7) / 8, n2 = (h + 3) / 8, n3 = (h + 1) / 4;
	if (i < n1)
		return i * 8;
	i -= n1;
	if (i < n2)
		return 4 + i * 8;
	i -= n2;
	if (i < n3)
		return 2 + i * 4;
	return 1 + (i - n3) * 2;
}

static uint32_t stored_to_row(uint32_t i, uint32_t h, bool interlaced)
{
	return interlaced ? interlaced_row(i, h) : i;
}

/* The last stored row that lands on the canvas; rows after it need no
 * decoding.  -1 when none does. */
static long last_visible_row(const GifImageDesc *desc, const struct rect *r)
{
	if (r->w == 0 || r->h == 0)
		return -1;
	uint32_t fh = (uint32_t)desc->Height;
	for (uint32_t i = fh; i-- > 0;)
		if (stored_to_row(i, fh, desc->Interlace) < r->h)
			return (long)i;
	return -1;
}

static void composite_row(struct gif_dec *g, const struct rect *r, uint32_t y)
{
	uint32_t *dst = g->canvas + (size_t)(r->y + y) * g->w + r->x;
	const uint8_t *src = g->row;
	const uint32_t *pal = g->pal;
	if (g->transparent < 0) {
		for (uint32_t x = 0; x < r->w; x++)
			dst[x] = pal[src[x]];
		return;
	}
	uint8_t t = (uint8_t)g->transparent;
	for (uint32_t x = 0; x < r->w; x++)
		if (src[x] != t)
			dst[x] = pal[src[x]];
}

/* Reads the rest of an image's data blocks without decoding them. */
static stk_status skip_image_data(struct gif_dec *g, int frame, stk_error *err)
{
	GifByteType *block = NULL;
	int code_size;
	if (DGifGetCode(g->gif, &code_size, &block) == GIF_ERROR)
		return gif_fail(g, g->gif->Error, frame, "image data", err);
	while (block)
		if (DGifGetCodeNext(g->gif, &block) == GIF_ERROR)
			return gif_fail(g, g->gif->Error, frame, "image data", err);
	return STK_OK;
}

static stk_status decode_rows(struct gif_dec *g, const GifImageDesc *desc,
                              const struct rect *r, int frame, stk_error *err)
{
	uint32_t fw = (uint32_t)desc->Width, fh = (uint32_t)desc->Height;
	long last = last_visible_row(desc, r);
	if (last < 0)
		return skip_image_data(g, frame, err);
	STK_GROW(g->row, g->row_cap, fw, fw, err);
	for (uint32_t i = 0; i <= (uint32_t)last; i++) {
		if (DGifGetLine(g->gif, g->row, (int)fw) == GIF_ERROR)
			return gif_fail(g, g->gif->Error, frame, "image data", err);
		uint32_t y = stored_to_row(i, fh, desc->Interlace);
		if (y < r->h)
			composite_row(g, r, y);
	}
	/* Rows below the canvas were never decoded: step over their data. */
	if ((uint32_t)last + 1 < fh)
		return skip_image_data(g, frame, err);
	return STK_OK;
}

static stk_status save_backup(struct gif_dec *g, const struct rect *r, stk_error *err)
{
	if (!g->backup) {
		g->backup = malloc((size_t)g->w * g->h * 4);
		if (!g->backup)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	copy_rect(g->backup, g->canvas, g->w, r);
	return STK_OK;
}

static stk_status read_image(struct gif_dec *g, stk_error *err)
{
	int frame = (int)g->d->frames_emitted;
	if (DGifGetImageDesc(g->gif) == GIF_ERROR)
		return gif_fail(g, g->gif->Error, frame, "image descriptor", err);
	const GifImageDesc *desc = &g->gif->Image;
	const ColorMapObject *cmap = desc->ColorMap ? desc->ColorMap : g->gif->SColorMap;
	if (!cmap)
		return stk__fail_frame(err, STK_ERR_CORRUPT, frame,
		                       "GIF: image has no colour table (no local or global one)");
	if (desc->Interlace)
		g->d->src.interlaced = true;
	build_palette(g, cmap);

	struct rect r = clip_rect(g, desc);
	if (g->disposal == DISPOSE_PREVIOUS)
		STK_TRY(save_backup(g, &r, err));
	STK_TRY(decode_rows(g, desc, &r, frame, err));
	STK_TRY(stk__dec_emit(g->d, (const uint8_t *)g->canvas, (uint32_t)g->delay_cs * 10,
	                      err));
	if (g->disposal == DISPOSE_BACKGROUND)
		clear_rect(g->canvas, g->w, &r);
	else if (g->disposal == DISPOSE_PREVIOUS)
		copy_rect(g->canvas, g->backup, g->w, &r);
	reset_gce(g);
	return STK_OK;
}

/* ---- the file ---- */

static stk_status open_gif(struct gif_dec *g, stk_error *err)
{
	int code = 0;
	g->gif = DGifOpen(&g->cur, read_mem, &code);
	if (!g->gif)
		return gif_fail(g, code, -1, "header", err);
	STK_TRY(stk__dec_canvas(g->d, (uint32_t)g->gif->SWidth, (uint32_t)g->gif->SHeight,
	                        err));
	g->w = (uint32_t)g->gif->SWidth;
	g->h = (uint32_t)g->gif->SHeight;
	g->canvas = calloc((size_t)g->w * g->h, 4);
	if (!g->canvas)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u canvas",
		                 g->w, g->h);
	stk_image_set_plays(g->d->img, 1); /* no loop extension: play once */
	return STK_OK;
}

static stk_status read_records(struct gif_dec *g, stk_error *err)
{
	for (;;) {
		GifRecordType type;
		if (DGifGetRecordType(g->gif, &type) == GIF_ERROR)
			return gif_fail(g, g->gif->Error, -1, "record", err);
		switch (type) {
		case IMAGE_DESC_RECORD_TYPE:
			STK_TRY(read_image(g, err));
			break;
		case EXTENSION_RECORD_TYPE:
			STK_TRY(read_extension(g, err));
			break;
		case TERMINATE_RECORD_TYPE:
			if (g->d->frames_emitted == 0)
				return stk__fail(err, STK_ERR_CORRUPT, "GIF: no image in the file");
			return STK_OK;
		default:
			return stk__fail(err, STK_ERR_CORRUPT, "GIF: unknown record type");
		}
	}
}

stk_status stk__gif_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err)
{
	struct gif_dec g;
	memset(&g, 0, sizeof g);
	g.d = d;
	g.cur.data = data;
	g.cur.len = len;
	reset_gce(&g);
	d->src.format = STK_FORMAT_GIF;
	d->src.color_type = STK_COLOR_PALETTE;
	d->src.bit_depth = 8;

	stk_status s = open_gif(&g, err);
	if (s == STK_OK)
		s = read_records(&g, err);
	if (g.gif)
		DGifCloseFile(g.gif, NULL);
	free(g.canvas);
	free(g.backup);
	free(g.row);
	stk_buf_release(&g.xmp);
	return s;
}
