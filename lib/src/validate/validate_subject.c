/* validate_subject.c - one file's facts, from pixels or from a container. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "validate_internal.h"

stk_status stk__subject_init(stk__subject *s, const char *file, const char *name,
                             stk_error *err)
{
	memset(s, 0, sizeof *s);
	s->file = strdup(file);
	s->name = strdup(name ? name : file);
	if (!s->file || !s->name) {
		stk__subject_release(s);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	s->format = "unknown";
	return STK_OK;
}

void stk__subject_release(stk__subject *s)
{
	free(s->file);
	free(s->name);
	free(s->source);
	json_decref(s->meta);
	if (!s->img_borrowed)
		stk_image_free(s->img);
	stk__pixels_release(&s->px);
	free(s->tgs);
	free(s->webm);
	memset(s, 0, sizeof *s);
}

void stk__subject_drop_pixels(stk__subject *s)
{
	if (!s->img_borrowed)
		stk_image_free(s->img);
	s->img = NULL;
	s->img_borrowed = false;
}

void stk__subject_fail(stk__subject *s, const stk_error *err)
{
	char line[sizeof s->why + 600];
	stk_error e = *err;
	e.file[0] = '\0'; /* the finding names the file already */
	s->unreadable = true;
	s->absent = err->code == STK_ERR_IO && err->sys_errno == ENOENT;
	snprintf(s->why, sizeof s->why, "%s", stk_error_format(&e, line, sizeof line));
}

stk_status stk__subject_set_image(stk__subject *s, stk_image *img)
{
	const stk_source_info *src = stk_image_source(img);
	if (!s->img_borrowed)
		stk_image_free(s->img);
	s->img_borrowed = false;
	s->img = img;
	s->format = stk_format_name(src->format);
	s->bytes = src->bytes;
	s->width = stk_image_width(img);
	s->height = stk_image_height(img);
	s->frames = stk__image_frames_known(img);
	s->animated = s->frames > 1;
	s->duration_ms = stk__image_known_duration(img);
	s->fps = s->animated && s->duration_ms ? s->frames * 1000.0 / (double)s->duration_ms : 0;
	s->plays = stk_image_plays(img);
	if (stk_image_frame_count(img) > 0) {
		stk__pixels_release(&s->px);
		STK_TRY(stk__pixels_of_image(&s->px, img, NULL));
	}
	s->hash = s->px.hash;
	return STK_OK;
}

/* Each frame into the pixel facts as it is decoded; none is kept. */
static stk_status on_frame(void *user, const stk_image *hdr, uint32_t index,
                           const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	stk__pixel_facts *pf = user;
	(void)ms;
	if (index == 0)
		stk__pixels_begin(pf, stk_image_width(hdr), stk_image_height(hdr));
	return stk__pixels_frame(pf, rgba, err);
}

/* One streamed decode: the header and the pixel facts. */
static stk_status stream(stk__subject *s, const stk__decode_source *src, stk_error *err)
{
	stk_image *hdr = NULL;
	stk__pixels_release(&s->px);
	stk_status st = stk__decode_source_frames(src, on_frame, &s->px, &hdr, err);
	if (st == STK_OK) {
		stk__pixels_end(&s->px);
		st = stk__subject_set_image(s, hdr);
		if (st != STK_OK)
			stk__fail(err, st, "out of memory");
	} else {
		stk__pixels_release(&s->px);
		stk_image_free(hdr);
	}
	return st;
}

static bool is_gzip(const uint8_t *d, size_t len)
{
	return len >= 2 && d[0] == 0x1f && d[1] == 0x8b;
}

static bool is_ebml(const uint8_t *d, size_t len)
{
	return len >= 4 && d[0] == 0x1a && d[1] == 0x45 && d[2] == 0xdf && d[3] == 0xa3;
}

stk_status stk__subject_decode(stk__subject *s, const uint8_t *data, size_t len,
                               const stk_decode_options *opt, stk_error *err)
{
	stk_status st;
	stk_error e;
	stk_error_init(&e);
	s->bytes = len;
	if (is_gzip(data, len)) {
		st = stk__subject_tgs(s, data, len, &e);
	} else if (is_ebml(data, len)) {
		st = stk__subject_webm(s, data, len, &e);
	} else {
		stk__decode_source src;
		stk__decode_source_memory(&src, data, len, opt);
		st = stream(s, &src, &e);
	}
	/* Out of memory stops everything; a bad file is a finding. */
	if (st == STK_ERR_NOMEM || st == STK_ERR_INTERNAL) {
		if (err)
			*err = e;
		return st;
	}
	if (st != STK_OK)
		stk__subject_fail(s, &e);
	return STK_OK;
}

stk_status stk__subject_load_folder(stk__subject *s, const char *path,
                                    const stk_decode_options *opt, stk_error *err)
{
	stk__decode_source src;
	stk_status st = stk__decode_source_open(&src, path, opt, err);
	if (st == STK_OK)
		st = stream(s, &src, err);
	if (st != STK_OK)
		stk__error_set_file(err, path);
	stk__decode_source_release(&src);
	return st;
}
