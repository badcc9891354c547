/*
 * png_chunks.h - what the PNG decoder's files share (png_dec.c, apng_dec.c):
 * the chunk walker, the facts the structure pass gathers, the small
 * in-memory PNG streams handed to libpng, and the APNG entry point.
 * Not installed; nothing outside the PNG decoder includes it.
 */
#ifndef STK_PNG_CHUNKS_H
#define STK_PNG_CHUNKS_H

#include "internal.h"

#define STK__PNG_TYPE(a, b, c, d) \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

enum {
	STK__PNG_IHDR = STK__PNG_TYPE('I', 'H', 'D', 'R'),
	STK__PNG_PLTE = STK__PNG_TYPE('P', 'L', 'T', 'E'),
	STK__PNG_IDAT = STK__PNG_TYPE('I', 'D', 'A', 'T'),
	STK__PNG_IEND = STK__PNG_TYPE('I', 'E', 'N', 'D'),
	STK__PNG_tRNS = STK__PNG_TYPE('t', 'R', 'N', 'S'),
	STK__PNG_gAMA = STK__PNG_TYPE('g', 'A', 'M', 'A'),
	STK__PNG_sRGB = STK__PNG_TYPE('s', 'R', 'G', 'B'),
	STK__PNG_iCCP = STK__PNG_TYPE('i', 'C', 'C', 'P'),
	STK__PNG_eXIf = STK__PNG_TYPE('e', 'X', 'I', 'f'),
	STK__PNG_iTXt = STK__PNG_TYPE('i', 'T', 'X', 't'),
	STK__PNG_acTL = STK__PNG_TYPE('a', 'c', 'T', 'L'),
	STK__PNG_fcTL = STK__PNG_TYPE('f', 'c', 'T', 'L'),
	STK__PNG_fdAT = STK__PNG_TYPE('f', 'd', 'A', 'T'),
};

/* Largest chunk length the format allows (2^31 - 1). */
#define STK__PNG_MAX_CHUNK 0x7fffffffu

typedef struct stk__png_chunk {
	uint32_t type;
	uint32_t len;
	const uint8_t *data; /* len bytes inside the file */
} stk__png_chunk;

/* Walks the chunks after the signature.  With check_crc every chunk's CRC
 * is verified; later passes over an already verified file skip it. */
typedef struct stk__png_walk {
	const uint8_t *data;
	size_t len, pos;
	bool check_crc;
} stk__png_walk;

void stk__png_walk_init(stk__png_walk *w, const uint8_t *data, size_t len, bool check_crc);
/* The next chunk.  Running out of data before IEND is STK_ERR_CORRUPT;
 * the caller stops at IEND (anything after it is ignored). */
stk_status stk__png_next(stk__png_walk *w, stk__png_chunk *c, stk_error *err);
/* "IDAT"; out must hold 5 bytes. */
const char *stk__png_type_name(uint32_t type, char *out);

static inline uint32_t stk__png_u32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint16_t stk__png_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* What the structure pass found in a verified file. */
typedef struct stk__png_file {
	const uint8_t *data;
	size_t len;
	uint32_t width, height;
	uint8_t depth, color, interlace;
	stk__png_chunk plte, trns;  /* data NULL when absent */
	stk__png_chunk actl;        /* acTL before the first IDAT, or data NULL */
	stk__icc *icc;              /* non-NULL: decoded pixels go to sRGB */
} stk__png_file;

/* A small PNG made for libpng: signature, IHDR, PLTE/tRNS, IDATs, IEND. */
typedef struct stk__png_stream {
	stk_buf buf;
	size_t cap;
} stk__png_stream;

/* Starts a w x h image with f's pixel format (reusing s's buffer). */
stk_status stk__png_stream_begin(stk__png_stream *s, const stk__png_file *f, uint32_t w,
                                 uint32_t h, stk_error *err);
/* Appends compressed image data as one IDAT chunk (CRC computed). */
stk_status stk__png_stream_add(stk__png_stream *s, const uint8_t *data, uint32_t len,
                               stk_error *err);
stk_status stk__png_stream_end(stk__png_stream *s, stk_error *err);
void stk__png_stream_free(stk__png_stream *s);

/* Decodes a stream of a w x h image with libpng into RGBA8 rows `stride`
 * bytes apart, then to sRGB when f->icc is set. */
stk_status stk__png_decode_stream(const stk__png_file *f, const stk__png_stream *s,
                                  uint32_t w, uint32_t h, uint8_t *rgba, size_t stride,
                                  stk_error *err);

/* Animated PNG (apng_dec.c): f->actl is set; validates the frame
 * structure, then composites and emits every frame. */
stk_status stk__apng_decode(stk__decoder *d, const stk__png_file *f, stk_error *err);

#endif
