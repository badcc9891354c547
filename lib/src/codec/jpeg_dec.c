/*
 * jpeg_dec.c - JPEG stills through libjpeg-turbo, from memory.
 *
 * libjpeg reports errors by calling error_exit(), which must not return:
 * ours copies the message and longjmps back to decode_jpeg().  Warnings
 * stay quiet, except "premature end of JPEG file": libjpeg pads a cut file
 * with grey and carries on, and we want it refused.  Pixels come out as
 * RGBA straight from libjpeg-turbo (JCS_EXT_RGBA); CMYK and YCCK come out
 * as CMYK and are converted here.
 */
#include "stk_limits.h"

#ifndef STK_HAVE_JPEG

stk_status stk__jpeg_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err)
{
	(void)d; (void)data; (void)len;
	return stk__fail(err, STK_ERR_UNSUPPORTED,
	                 "JPEG input needs stickerkit built with libjpeg-turbo");
}

#else

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

/* Real progressive files have about 10 scans; thousands of tiny ones each
 * cost a full pass over the image (a known denial of service). */
#define MAX_SCANS STK_LIMIT_JPEG_SCANS

#define EXIF_SIG "Exif\0\0"
#define EXIF_SIG_LEN 6
#define XMP_SIG "http://ns.adobe.com/xap/1.0/"
#define XMP_SIG_LEN 29 /* with its NUL */

struct jpeg_err {
	struct jpeg_error_mgr pub;
	jmp_buf jump;
	stk_status code;
	char msg[JMSG_LENGTH_MAX];
};

/* Everything decode_jpeg() touches after setjmp() lives here, in the
 * caller's frame, so a longjmp leaves no indeterminate locals behind. */
struct jpeg_state {
	struct jpeg_decompress_struct cinfo;
	struct jpeg_err jerr;
	struct jpeg_progress_mgr progress;
	uint8_t *rgba;
	JOCTET *icc;
	stk__icc *xform;
};

static void on_error(j_common_ptr c)
{
	struct jpeg_err *e = (struct jpeg_err *)c->err;
	e->code = c->err->msg_code == JERR_OUT_OF_MEMORY ? STK_ERR_NOMEM : STK_ERR_CORRUPT;
	c->err->format_message(c, e->msg);
	longjmp(e->jump, 1);
}

static void on_message(j_common_ptr c, int level)
{
	if (level >= 0)
		return; /* trace messages */
	if (c->err->msg_code == JWRN_JPEG_EOF)
		on_error(c);
	c->err->num_warnings++;
}

static void on_progress(j_common_ptr c)
{
	j_decompress_ptr d = (j_decompress_ptr)c;
	struct jpeg_err *e = (struct jpeg_err *)c->err;
	if (d->input_scan_number <= MAX_SCANS)
		return;
	e->code = STK_ERR_LIMIT;
	snprintf(e->msg, sizeof e->msg, "progressive image has over %d scans", MAX_SCANS);
	longjmp(e->jump, 1);
}

static stk_color_type color_type_of(J_COLOR_SPACE cs)
{
	switch (cs) {
	case JCS_GRAYSCALE: return STK_COLOR_GRAY;
	case JCS_RGB: return STK_COLOR_RGB;
	case JCS_YCbCr: return STK_COLOR_YCBCR;
	case JCS_CMYK:
	case JCS_YCCK: return STK_COLOR_CMYK;
	default: break;
	}
	return STK_COLOR_UNKNOWN;
}

/* EXIF (TIFF data after "Exif\0\0", as PNG's eXIf and WebP's EXIF hold it)
 * and XMP (the packet after its namespace header) from APP1 markers. */
static stk_status read_app1(stk__decoder *d, j_decompress_ptr c, stk_error *err)
{
	bool have_exif = false, have_xmp = false;
	for (jpeg_saved_marker_ptr m = c->marker_list; m; m = m->next) {
		if (m->marker != JPEG_APP0 + 1)
			continue;
		if (!have_exif && m->data_length >= EXIF_SIG_LEN &&
		    memcmp(m->data, EXIF_SIG, EXIF_SIG_LEN) == 0) {
			have_exif = true;
			STK_TRY(stk_image_set_metadata(d->img, STK_META_EXIF, m->data + EXIF_SIG_LEN,
			                               m->data_length - EXIF_SIG_LEN, err));
		} else if (!have_xmp && m->data_length >= XMP_SIG_LEN &&
		           memcmp(m->data, XMP_SIG, XMP_SIG_LEN) == 0) {
			have_xmp = true;
			STK_TRY(stk_image_set_metadata(d->img, STK_META_XMP, m->data + XMP_SIG_LEN,
			                               m->data_length - XMP_SIG_LEN, err));
		}
	}
	return STK_OK;
}

/* The ICC profile (possibly split over several APP2 markers) and, unless
 * the caller keeps colour spaces, the transform to sRGB. */
static stk_status read_icc(stk__decoder *d, struct jpeg_state *j, stk_error *err)
{
	unsigned int len = 0;
	if (!jpeg_read_icc_profile(&j->cinfo, &j->icc, &len) || len == 0)
		return STK_OK;
	STK_TRY(stk_image_set_metadata(d->img, STK_META_ICC, j->icc, len, err));
	/* A gray or CMYK profile cannot describe the RGB pixels we hand on:
	 * mark it converted so writers drop it rather than mislabel them. */
	if (len < 20 || memcmp(j->icc + 16, "RGB ", 4) != 0) {
		d->src.icc_converted = true;
		return STK_OK;
	}
	if (d->opt->keep_color_space)
		return STK_OK;
	STK_TRY(stk__icc_open(j->icc, len, &j->xform, err));
	d->src.icc_converted = j->xform != NULL;
	return STK_OK;
}

/* Adobe writes CMYK inverted (255 = no ink); others store ink amounts. */
static void cmyk_to_rgba(uint8_t *p, size_t npix, bool inverted)
{
	for (size_t i = 0; i < npix; i++, p += 4) {
		unsigned c = p[0], m = p[1], y = p[2], k = p[3];
		if (!inverted) {
			c = 255 - c;
			m = 255 - m;
			y = 255 - y;
			k = 255 - k;
		}
		p[0] = (uint8_t)((c * k + 127) / 255);
		p[1] = (uint8_t)((m * k + 127) / 255);
		p[2] = (uint8_t)((y * k + 127) / 255);
		p[3] = 255;
	}
}

static stk_status read_pixels(struct jpeg_state *j, uint32_t w, uint32_t h, stk_error *err)
{
	j_decompress_ptr c = &j->cinfo;
	size_t bytes;
	stk__rgba_size(w, h, &bytes);
	j->rgba = malloc(bytes);
	if (!j->rgba)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u image", w, h);
	jpeg_start_decompress(c);
	if (c->output_width != w || c->output_height != h || c->output_components != 4)
		return stk__fail(err, STK_ERR_INTERNAL, "JPEG: unexpected output layout");
	while (c->output_scanline < h) {
		JSAMPROW row = j->rgba + (size_t)c->output_scanline * w * 4;
		jpeg_read_scanlines(c, &row, 1);
	}
	jpeg_finish_decompress(c);
	if (c->out_color_space == JCS_CMYK)
		cmyk_to_rgba(j->rgba, (size_t)w * h, c->saw_Adobe_marker);
	return STK_OK;
}

static stk_status decode_jpeg(stk__decoder *d, struct jpeg_state *j, const uint8_t *data,
                              size_t len, stk_error *err)
{
	j_decompress_ptr c = &j->cinfo;
	if (setjmp(j->jerr.jump))
		return stk__fail(err, j->jerr.code, "JPEG: %s", j->jerr.msg);
	jpeg_create_decompress(c);
	c->progress = &j->progress;
	jpeg_mem_src(c, data, (unsigned long)len);
	jpeg_save_markers(c, JPEG_APP0 + 1, 0xffff);
	jpeg_save_markers(c, JPEG_APP0 + 2, 0xffff);
	jpeg_read_header(c, TRUE);

	uint32_t w = c->image_width, h = c->image_height;
	STK_TRY(stk__dec_canvas(d, w, h, err));
	d->src.color_type = color_type_of(c->jpeg_color_space);
	d->src.bit_depth = c->data_precision;
	d->src.interlaced = c->progressive_mode;
	STK_TRY(read_app1(d, c, err));
	STK_TRY(read_icc(d, j, err));

	bool cmyk = c->jpeg_color_space == JCS_CMYK || c->jpeg_color_space == JCS_YCCK;
	c->out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
	STK_TRY(read_pixels(j, w, h, err));
	if (j->xform)
		stk__icc_apply(j->xform, j->rgba, (size_t)w * h);
	uint8_t *rgba = j->rgba;
	j->rgba = NULL;
	return stk__dec_emit_take(d, rgba, 0, err);
}

stk_status stk__jpeg_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err)
{
	struct jpeg_state *j = calloc(1, sizeof *j);
	if (!j)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	d->src.format = STK_FORMAT_JPEG;
	j->cinfo.err = jpeg_std_error(&j->jerr.pub);
	j->jerr.pub.error_exit = on_error;
	j->jerr.pub.emit_message = on_message;
	j->progress.progress_monitor = on_progress;
	stk_status s = decode_jpeg(d, j, data, len, err);
	jpeg_destroy_decompress(&j->cinfo);
	free(j->rgba);
	free(j->icc);
	stk__icc_close(j->xform);
	free(j);
	return s;
}

#endif
