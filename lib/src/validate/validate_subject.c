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

void stk__subject_set_image(stk__subject *s, stk_image *img)
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
	s->frames = stk_image_frame_count(img);
	s->animated = s->frames > 1;
	s->duration_ms = stk_image_duration(img);
	s->fps = s->animated && s->duration_ms ? s->frames * 1000.0 / (double)s->duration_ms : 0;
	s->plays = stk_image_plays(img);
	s->hash = stk__pixel_hash(img);
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
		stk_image *img = NULL;
		st = stk_image_decode(data, len, opt, &img, &e);
		if (st == STK_OK)
			stk__subject_set_image(s, img);
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
