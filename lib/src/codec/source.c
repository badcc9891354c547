/*
 * source.c - where frames come from, for every reader that streams them:
 * a file, a folder of frames, bytes in memory, or standard input read once
 * into memory, decoded as often as the caller needs (trim measures, then
 * fits) while only one or two frames are held at a time.  convert, resize,
 * info and validate all read through it.
 */
#include <string.h>
#include <sys/stat.h>
#include "internal.h"

stk_status stk__decode_source_open(stk__decode_source *src, const char *path,
                                   const stk_decode_options *dopt, stk_error *err)
{
	struct stat st;
	memset(src, 0, sizeof *src);
	src->path = path;
	src->dopt = dopt;
	if (strcmp(path, "-") != 0) {
		src->folder = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		return STK_OK;
	}
	src->buffered = true;
	stk_status s = stk_read_file(path, dopt ? dopt->max_input_bytes
	                                        : STK_DEFAULT_MAX_INPUT_BYTES, &src->owned, err);
	src->data = src->owned.data;
	src->len = src->owned.len;
	return s;
}

void stk__decode_source_memory(stk__decode_source *src, const uint8_t *data, size_t len,
                               const stk_decode_options *dopt)
{
	memset(src, 0, sizeof *src);
	src->dopt = dopt;
	src->buffered = true;
	src->data = data;
	src->len = len;
}

stk_status stk__decode_source_frames(const stk__decode_source *src, stk_frame_fn fn,
                                     void *user, stk_image **hdr, stk_error *err)
{
	if (!src->buffered)
		return stk_image_load_frames(src->path, src->dopt, fn, user, hdr, err);
	return stk_image_decode_frames(src->data, src->len, src->dopt, fn, user, hdr, err);
}

static stk_status skip_frame(void *user, const stk_image *hdr, uint32_t index,
                             const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	(void)user; (void)hdr; (void)index; (void)rgba; (void)ms; (void)err;
	return STK_OK;
}

stk_status stk__decode_source_scan(const stk__decode_source *src, stk_image **hdr,
                                   stk_error *err)
{
	return stk__decode_source_frames(src, skip_frame, NULL, hdr, err);
}

void stk__decode_source_release(stk__decode_source *src)
{
	stk_buf_release(&src->owned);
	memset(src, 0, sizeof *src);
}

stk_status stk_image_load_header(const char *path, const stk_decode_options *opt,
                                 stk_image **out, stk_error *err)
{
	stk__decode_source src;
	*out = NULL;
	stk_status s = stk__decode_source_open(&src, path, opt, err);
	if (s == STK_OK)
		s = stk__decode_source_scan(&src, out, err);
	if (s != STK_OK)
		stk__error_set_file(err, path);
	stk__decode_source_release(&src);
	return s;
}
