/*
 * fuzz-frames.c - a frames folder: the listing, timing.json and the frames
 * themselves.  The input is split on the 4-byte marker "\xffFRM": the
 * first piece is timing.json (absent when empty), the next ones are the
 * frames 1.png, 2.png, ...  They are written to one temporary folder
 * (rewritten for each input, removed at exit) and the folder is decoded
 * whole and streamed, as info and convert read it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stk/stk.h>

#define MAX_FRAMES 8

static char dir[64];

static void path_of(char *out, size_t size, int i)
{
	if (i == 0)
		snprintf(out, size, "%s/timing.json", dir);
	else
		snprintf(out, size, "%s/%d.png", dir, i);
}

static void clean(void)
{
	char path[128];
	for (int i = 0; i <= MAX_FRAMES; i++) {
		path_of(path, sizeof path, i);
		unlink(path);
	}
}

static void remove_dir(void)
{
	clean();
	rmdir(dir);
}

static void put(int i, const uint8_t *data, size_t len)
{
	char path[128];
	path_of(path, sizeof path, i);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (len && fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
}

static const uint8_t *find_marker(const uint8_t *p, const uint8_t *end)
{
	for (; end - p >= 4; p++)
		if (memcmp(p, "\xff" "FRM", 4) == 0)
			return p;
	return NULL;
}

static stk_status count_frame(void *user, const stk_image *header, uint32_t index,
                              const uint8_t *rgba, uint32_t ms, stk_error *err)
{
	(void)header; (void)index; (void)rgba; (void)ms; (void)err;
	(*(uint32_t *)user)++;
	return STK_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "%s/stk-fuzz-frames.XXXXXX",
		         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(dir))
			abort();
		atexit(remove_dir);
	}
	clean();
	const uint8_t *p = data, *end = data + size;
	for (int i = 0; i <= MAX_FRAMES && p <= end; i++) {
		const uint8_t *next = find_marker(p, end);
		size_t len = (size_t)((next ? next : end) - p);
		if (i > 0 || len > 0)
			put(i, p, len);
		if (!next)
			break;
		p = next + 4;
	}
	stk_decode_options opt;
	stk_decode_options_init(&opt);
	opt.max_pixels = 1u << 20;
	opt.max_frames = 64;
	opt.max_total_bytes = 64u << 20;
	opt.max_held_bytes = 32u << 20;
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_image_load(dir, &opt, &img, &err) == STK_OK)
		stk_image_free(img);
	uint32_t frames = 0;
	if (stk_image_load_frames(dir, &opt, count_frame, &frames, &img, &err) == STK_OK)
		stk_image_free(img);
	return 0;
}
