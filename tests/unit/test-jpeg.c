/* test-jpeg.c - the JPEG decoder: the corpus file, cut and foreign data, and
 * JPEGs made here (progressive with metadata, grayscale, Adobe CMYK). */
#include <stdio.h>
#include <lcms2.h>
#include "tap.h"
#include "internal.h"

#if defined(__has_include)
#if __has_include(<jpeglib.h>)
#include <jpeglib.h>
#define HAVE_JPEGLIB 1
#endif
#endif

#define CORPUS_JPEG "static/jpeg_white_bg_1200x1200_smiling-face-with-heart-eyes.jpg"

static stk_buf corpus;

/* Returns false when this build has no JPEG support (the rest is skipped). */
static bool test_corpus(void)
{
	char path[1024];
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	if (!ok(stk_read_file(corpus_path(path, sizeof path, CORPUS_JPEG), 1u << 26, &corpus,
	                      &err) == STK_OK, "read the corpus JPEG"))
		return false;
	stk_status s = stk_image_decode(corpus.data, corpus.len, NULL, &img, &err);
	if (s == STK_ERR_UNSUPPORTED) {
		ok(strstr(err.msg, "libjpeg-turbo") != NULL, "no JPEG in this build: %s", err.msg);
		return false;
	}
	if (!ok(s == STK_OK, "corpus JPEG decodes")) {
		tap_diag("%s", err.msg);
		return false;
	}
	const stk_source_info *src = stk_image_source(img);
	is_int(stk_image_width(img), 1200, "width 1200");
	is_int(stk_image_height(img), 1200, "height 1200");
	is_int(stk_image_frame_count(img), 1, "one frame");
	is_int(src->alpha, STK_ALPHA_NONE, "opaque");
	is_int(stk_image_alpha(img), STK_ALPHA_NONE, "pixels opaque");
	is_str(stk_color_type_name(src->color_type), "ycbcr", "colour type ycbcr");
	is_int(src->format, STK_FORMAT_JPEG, "format jpeg");
	is_int(src->bit_depth, 8, "8 bits");
	ok(!src->interlaced, "baseline, not progressive");
	const uint8_t *px = stk_image_frame_rgba_const(img, 0);
	ok(px[0] > 245 && px[1] > 245 && px[2] > 245, "white background at the corner "
	   "(%d,%d,%d)", px[0], px[1], px[2]);
	stk_image_free(img);
	return true;
}

static void test_broken(void)
{
	stk_image *img = NULL;
	stk_error err;
	size_t cuts[] = { corpus.len / 2, corpus.len * 9 / 10, 200 };
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		stk_error_init(&err);
		stk_status s = stk_image_decode(corpus.data, cuts[i], NULL, &img, &err);
		ok(s == STK_ERR_CORRUPT && img == NULL, "cut at %zu of %zu bytes refused (%s)",
		   cuts[i], corpus.len, stk_status_name(s));
		ok(err.msg[0] && !strchr(err.msg, '\n'), "with a message: %s", err.msg);
	}

	static const char fake[] = "\xff\xd8\xff this is not a JPEG at all, just text";
	stk_error_init(&err);
	stk_status s = stk_image_decode((const uint8_t *)fake, sizeof fake - 1, NULL, &img, &err);
	ok(s == STK_ERR_CORRUPT && img == NULL, "JPEG magic then text refused (%s)",
	   stk_status_name(s));
	ok(strncmp(err.msg, "JPEG: ", 6) == 0, "message names JPEG: %s", err.msg);
	stk_error_init(&err);
	s = stk_image_decode((const uint8_t *)"plain text, no image", 20, NULL, &img, &err);
	ok(s == STK_ERR_FORMAT && err.msg[0], "text refused as no format: %s", err.msg);

	stk_decode_options opt;
	stk_decode_options_init(&opt);
	opt.max_pixels = 1000 * 1000;
	stk_error_init(&err);
	is_int(stk_image_decode(corpus.data, corpus.len, &opt, &img, &err), STK_ERR_LIMIT,
	       "1200x1200 over a 1 MP limit");
}

#ifdef HAVE_JPEGLIB

struct made_jpeg {
	unsigned char *data;
	unsigned long len;
};

/* Writes a w x h JPEG of `comps` components from px (J_COLOR_SPACE `cs`). */
static void make_jpeg(struct made_jpeg *out, const uint8_t *px, int w, int h, int comps,
                      J_COLOR_SPACE cs, bool progressive, const stk_buf *exif,
                      const stk_buf *xmp, const stk_buf *icc)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr jerr;
	c.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&c);
	out->data = NULL;
	out->len = 0;
	jpeg_mem_dest(&c, &out->data, &out->len);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = comps;
	c.in_color_space = cs;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 100, TRUE);
	if (progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	if (exif)
		jpeg_write_marker(&c, JPEG_APP0 + 1, exif->data, (unsigned)exif->len);
	if (xmp)
		jpeg_write_marker(&c, JPEG_APP0 + 1, xmp->data, (unsigned)xmp->len);
	if (icc)
		jpeg_write_icc_profile(&c, icc->data, (unsigned)icc->len);
	while (c.next_scanline < c.image_height) {
		JSAMPROW row = (JSAMPROW)(px + (size_t)c.next_scanline * w * comps);
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
}

static stk_buf with_prefix(const char *prefix, size_t plen, const char *body)
{
	stk_buf b;
	b.len = plen + strlen(body);
	b.data = malloc(b.len);
	memcpy(b.data, prefix, plen);
	memcpy(b.data + plen, body, strlen(body));
	return b;
}

static void test_progressive_metadata(void)
{
	enum { W = 40, H = 24 };
	static uint8_t px[W * H * 3];
	for (int i = 0; i < W * H; i++) { /* smooth, so 4:2:0 chroma keeps it */
		px[i * 3] = (uint8_t)(i % W * 6);
		px[i * 3 + 1] = (uint8_t)(i / W * 10);
		px[i * 3 + 2] = 128;
	}
	const char *tiff = "MM\0*\0\0\0\x08\0\0";
	stk_buf exif = { malloc(16), 16 };
	memcpy(exif.data, "Exif\0\0", 6);
	memcpy(exif.data + 6, tiff, 10);
	stk_buf xmp = with_prefix("http://ns.adobe.com/xap/1.0/", 29, "<x:xmpmeta/>");
	stk_buf icc = { 0 };
	cmsHPROFILE p = cmsCreate_sRGBProfile();
	cmsUInt32Number n = 0;
	cmsSaveProfileToMem(p, NULL, &n);
	icc.data = malloc(n);
	icc.len = n;
	cmsSaveProfileToMem(p, icc.data, &n);
	cmsCloseProfile(p);

	struct made_jpeg j;
	make_jpeg(&j, px, W, H, 3, JCS_RGB, true, &exif, &xmp, &icc);
	stk_image *img = NULL;
	stk_error err;
	if (ok(stk_image_decode(j.data, j.len, NULL, &img, &err) == STK_OK,
	       "progressive JPEG with metadata decodes")) {
		const uint8_t *d;
		size_t len;
		ok(stk_image_source(img)->interlaced, "progressive reported as interlaced");
		ok(stk_image_metadata(img, STK_META_EXIF, &d, &len) && len == 10 &&
		   memcmp(d, tiff, 10) == 0, "EXIF is the TIFF data after Exif\\0\\0");
		ok(stk_image_metadata(img, STK_META_XMP, &d, &len) && len == 12 &&
		   memcmp(d, "<x:xmpmeta/>", 12) == 0, "XMP packet exact");
		ok(stk_image_metadata(img, STK_META_ICC, &d, &len) && len == icc.len &&
		   memcmp(d, icc.data, len) == 0, "ICC profile exact");
		ok(!stk_image_source(img)->icc_converted, "sRGB profile needs no conversion");
		const uint8_t *q = stk_image_frame_rgba_const(img, 0) + (5 * W + 7) * 4;
		const uint8_t *s = px + (5 * W + 7) * 3;
		ok(abs(q[0] - s[0]) < 8 && abs(q[1] - s[1]) < 8 && abs(q[2] - s[2]) < 8 && q[3] == 255,
		   "pixel close to the source (%d,%d,%d vs %d,%d,%d)", q[0], q[1], q[2], s[0], s[1],
		   s[2]);
	} else {
		tap_diag("%s", err.msg);
	}
	stk_image_free(img);
	free(j.data);
	stk_buf_release(&exif);
	stk_buf_release(&xmp);
	stk_buf_release(&icc);
}

static void test_gray_and_cmyk(void)
{
	enum { W = 16, H = 16 };
	static uint8_t gray[W * H], cmyk[W * H * 4];
	memset(gray, 90, sizeof gray);
	/* Red in Adobe's inverted CMYK: no cyan ink (255), full magenta and
	 * yellow (0), no black (255).  libjpeg writes the Adobe marker. */
	for (int i = 0; i < W * H; i++) {
		cmyk[i * 4] = 255;
		cmyk[i * 4 + 1] = 0;
		cmyk[i * 4 + 2] = 0;
		cmyk[i * 4 + 3] = 255;
	}
	struct made_jpeg j;
	stk_image *img = NULL;
	stk_error err;

	make_jpeg(&j, gray, W, H, 1, JCS_GRAYSCALE, false, NULL, NULL, NULL);
	if (ok(stk_image_decode(j.data, j.len, NULL, &img, &err) == STK_OK, "gray JPEG")) {
		const uint8_t *q = stk_image_frame_rgba_const(img, 0);
		is_int(stk_image_source(img)->color_type, STK_COLOR_GRAY, "colour type gray");
		ok(q[0] == q[1] && q[1] == q[2] && abs(q[0] - 90) < 3 && q[3] == 255,
		   "gray expands to RGB (%d,%d,%d,%d)", q[0], q[1], q[2], q[3]);
	}
	stk_image_free(img);
	free(j.data);

	/* Only the header's colour space field matters to the decoder here. */
	stk_buf cmyk_icc = { calloc(1, 132), 132 };
	memcpy(cmyk_icc.data + 16, "CMYK", 4);
	img = NULL;
	make_jpeg(&j, cmyk, W, H, 4, JCS_CMYK, false, NULL, NULL, &cmyk_icc);
	if (ok(stk_image_decode(j.data, j.len, NULL, &img, &err) == STK_OK, "CMYK JPEG")) {
		const uint8_t *q = stk_image_frame_rgba_const(img, 0);
		is_int(stk_image_source(img)->color_type, STK_COLOR_CMYK, "colour type cmyk");
		ok(q[0] > 245 && q[1] < 10 && q[2] < 10 && q[3] == 255,
		   "Adobe CMYK red converts to red (%d,%d,%d,%d)", q[0], q[1], q[2], q[3]);
		ok(stk_image_metadata(img, STK_META_ICC, NULL, NULL) &&
		   stk_image_source(img)->icc_converted,
		   "CMYK profile kept but marked converted (writers drop it)");
	} else {
		tap_diag("%s", err.msg);
	}
	stk_image_free(img);
	free(j.data);
	stk_buf_release(&cmyk_icc);
}

#endif

int main(void)
{
	if (test_corpus()) {
		test_broken();
#ifdef HAVE_JPEGLIB
		test_progressive_metadata();
		test_gray_and_cmyk();
#endif
	}
	stk_buf_release(&corpus);
	return done_testing();
}
