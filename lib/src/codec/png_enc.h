/*
 * png_enc.h - shared by the PNG encoder's files: png_palette.c chooses one
 * colour layout for every frame (the plan), png_enc.c writes PNG streams
 * with libpng, apng_enc.c assembles APNG chunks.  Used nowhere else.
 */
#ifndef STK_PNG_ENC_H
#define STK_PNG_ENC_H

#include "internal.h"

struct stk__colour_map;
struct liq_attr;
struct liq_result;

/* What the ICC profile asks of the colour type. */
typedef enum stk__png_icc {
	STK__ICC_NONE = 0,  /* no profile to write */
	STK__ICC_RGB,       /* an RGB profile: no gray colour types */
	STK__ICC_GRAY,      /* a gray profile: written only on a gray image */
} stk__png_icc;

/* One colour layout for all frames of a file. */
typedef struct stk__png_plan {
	uint32_t width, height;     /* canvas */
	int color_type;             /* PNG_COLOR_TYPE_* */
	int bit_depth;
	int channels;               /* samples per pixel written */
	int psize;                  /* bytes per pixel of a frame plane: 1 (palette
	                               indices) or 4 (RGBA) */
	uint8_t plte[256 * 3];
	uint8_t trns[256];
	int nplte, ntrns;
	bool keyed;                 /* gray or RGB with a tRNS colour key */
	uint8_t key[4];             /* the transparent pixels' RGBA */
	struct stk__colour_map *map;    /* exact palette: RGBA -> index */
	struct liq_attr *liq_attr;      /* quantized palette */
	struct liq_result *liq_res;
	uint8_t perm[256];              /* libimagequant index -> our index */
	bool refine;                    /* still image: take the palette
	                                   libimagequant refines while remapping */
} stk__png_plan;

/* A region of the canvas. */
typedef struct stk__png_rect {
	uint32_t x, y, w, h;
} stk__png_rect;

/* Metadata chunks for the first (or only) image; all fields optional. */
typedef struct stk__png_meta {
	const uint8_t *exif;
	size_t exif_len;
	const uint8_t *icc;         /* written as iCCP */
	size_t icc_len;
	bool srgb;                  /* write an sRGB chunk */
	char *xmp;                  /* NUL-terminated copy, owned */
} stk__png_meta;

/* png_palette.c */
stk_status stk__png_plan_init(stk__png_plan *p, const stk_image *img,
                              const stk_encode_options *opt, stk__png_icc icc,
                              stk_error *err);
/* Frame i as the writer takes it: the RGBA frame itself, or its palette
 * indices written into scratch (width*height bytes). */
stk_status stk__png_plan_frame(stk__png_plan *p, const stk_image *img, uint32_t i,
                               uint8_t *scratch, const uint8_t **pixels, stk_error *err);
void stk__png_plan_free(stk__png_plan *p);

/* png_enc.c: writes rect r of a frame plane as a complete PNG stream
 * appended to out (cap as for stk__buf_append), with meta when non-NULL. */
stk_status stk__png_write(const stk__png_plan *p, const uint8_t *pixels, stk__png_rect r,
                          const stk__png_meta *meta, stk_buf *out, size_t *cap,
                          stk_error *err);

/* apng_enc.c */
stk_status stk__apng_encode(const stk_image *img, stk__png_plan *p,
                            const stk__png_meta *meta, stk_buf *out, stk_error *err);

#endif
