/*
 * frames_folder.c - a folder of numbered PNG frames as one animation.
 *
 * Frames are the folder's *.png files sorted by the number in their name
 * (so 2.png comes before 10.png).  Timing comes from, in order: the
 * caller's folder_fps, a timing.json beside the frames ({"fps": 24} or
 * {"durations_ms": [40, 40, ...]}, optionally "plays"), or 24 fps.
 * Every frame must have the first frame's size.
 *
 * Limits (stk_limits.h): the folder lists at most max_entries names, and
 * more than max_frames frames are refused while listing; timing.json is a
 * side file (16 MiB at most).  Frames and timing.json are opened as folder
 * entries: regular files only, never following a symlink, never blocking
 * on a FIFO, so a link cannot read /dev/zero or take art from outside.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <jansson.h>
#include "stk_limits.h"

struct entry {
	char *name;
	unsigned long long number;
};

/* The last run of digits in a name ("frame_0012.png" -> 12). */
static bool frame_number(const char *name, unsigned long long *out)
{
	const char *end = NULL, *p;
	for (p = name; *p; p++)
		if (*p >= '0' && *p <= '9')
			end = p;
	if (!end)
		return false;
	const char *start = end;
	while (start > name && start[-1] >= '0' && start[-1] <= '9')
		start--;
	*out = strtoull(start, NULL, 10);
	return true;
}

static int by_number(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void free_entries(struct entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

static bool is_png_name(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcasecmp(name + n - 4, ".png") == 0 && name[0] != '.';
}

static stk_status list_frames(const char *dir, const stk_decode_options *opt,
                              struct entry **out, size_t *count, stk_error *err)
{
	size_t listed = 0;
	DIR *dp = opendir(dir);
	if (!dp)
		return stk__fail_errno(err, STK_ERR_IO, errno, "cannot open folder");
	struct entry *v = NULL;
	size_t n = 0, cap = 0;
	stk_status s = STK_OK;
	struct dirent *de;
	while (s == STK_OK && (de = readdir(dp)) != NULL) {
		unsigned long long num;
		if (++listed > stk__limit_entries(opt)) {
			s = stk__fail_entries(err, "the frames folder", opt);
			break;
		}
		if (!is_png_name(de->d_name))
			continue;
		if (n >= opt->max_frames) {
			s = stk__fail(err, STK_ERR_LIMIT, "more than %u frames (see --max-frames)",
			              opt->max_frames);
			break;
		}
		if (!frame_number(de->d_name, &num)) {
			s = stk__fail(err, STK_ERR_CORRUPT, "frame file %s has no number in its name",
			              de->d_name);
			break;
		}
		struct entry *nv = stk__grow_array(v, sizeof *v, n + 1, &cap, 32);
		if (!nv) {
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
			break;
		}
		v = nv;
		v[n].name = strdup(de->d_name);
		v[n].number = num;
		if (!v[n].name)
			s = stk__fail(err, STK_ERR_NOMEM, "out of memory");
		else
			n++;
	}
	closedir(dp);
	if (s == STK_OK && n == 0)
		s = stk__fail(err, STK_ERR_CORRUPT, "folder holds no numbered .png frames");
	if (s != STK_OK) {
		free_entries(v, n);
		return s;
	}
	qsort(v, n, sizeof *v, by_number);
	*out = v;
	*count = n;
	return STK_OK;
}

bool stk__folder_is_frames(const char *dir)
{
	char path[4096];
	struct stat st;
	snprintf(path, sizeof path, "%s/timing.json", dir);
	if (stat(path, &st) == 0)
		return true;
	DIR *dp = opendir(dir);
	if (!dp)
		return false;
	size_t frames = 0;
	bool other = false;
	struct dirent *de;
	while (!other && (de = readdir(dp)) != NULL) {
		unsigned long long num;
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (is_png_name(de->d_name) && frame_number(de->d_name, &num))
			frames++;
		else
			other = true; /* main.png, title.txt, a .webp: a pack */
	}
	closedir(dp);
	return !other && frames >= 2;
}

struct timing {
	double fps;
	json_t *durations; /* array or NULL */
	uint32_t plays;
};

static stk_status read_timing(const char *dir, uint32_t d_max_frames, struct timing *t,
                              stk_error *err)
{
	char path[4096];
	json_error_t je;
	snprintf(path, sizeof path, "%s/timing.json", dir);
	struct stat st;
	if (lstat(path, &st) != 0)
		return STK_OK; /* no timing file: defaults */
	stk_buf text;
	STK_TRY(stk__read_side_file(path, &text, err));
	/* A duration per frame and a few keys, no more: checked before parsing. */
	stk_status pre = stk__json_precheck(text.data, text.len, (uint64_t)d_max_frames + 16,
	                                    "timing.json", err);
	if (pre != STK_OK) {
		stk_buf_release(&text);
		return pre;
	}
	json_t *root = json_loadb((const char *)text.data, text.len, JSON_REJECT_DUPLICATES, &je);
	stk_buf_release(&text);
	if (!root)
		return stk__fail(err, STK_ERR_CORRUPT, "timing.json:%d:%d: %s", je.line, je.column,
		                 je.text);
	json_t *fps = NULL, *durations = NULL, *plays = NULL;
	if (json_unpack_ex(root, &je, JSON_STRICT, "{s?o, s?o, s?o}", "fps", &fps,
	                   "durations_ms", &durations, "plays", &plays) != 0) {
		json_decref(root);
		return stk__fail(err, STK_ERR_CORRUPT, "timing.json: %s (keys: fps, durations_ms, "
		                 "plays)", je.text);
	}
	stk_status s = STK_OK;
	if (fps && (!json_is_number(fps) || json_number_value(fps) <= 0 ||
	            json_number_value(fps) > 1000))
		s = stk__fail(err, STK_ERR_CORRUPT, "timing.json: fps must be a number in (0, 1000]");
	else if (durations && !json_is_array(durations))
		s = stk__fail(err, STK_ERR_CORRUPT, "timing.json: durations_ms must be an array");
	else if (plays && (!json_is_integer(plays) || json_integer_value(plays) < 0 ||
	                   json_integer_value(plays) > 65535))
		s = stk__fail(err, STK_ERR_CORRUPT, "timing.json: plays must be 0..65535");
	if (s == STK_OK) {
		if (fps)
			t->fps = json_number_value(fps);
		if (durations)
			t->durations = json_incref(durations);
		if (plays)
			t->plays = (uint32_t)json_integer_value(plays);
	}
	json_decref(root);
	return s;
}

static stk_status frame_duration(const struct timing *t, size_t i, stk__timeline *tl,
                                 uint32_t *ms, stk_error *err)
{
	if (!t->durations) {
		*ms = stk__timeline_next(tl, 1000.0 / t->fps);
		return STK_OK;
	}
	json_t *v = json_array_get(t->durations, i);
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 65535000)
		return stk__fail_frame(err, STK_ERR_CORRUPT, (int)i,
		                       "timing.json: durations_ms[%zu] missing or not a whole "
		                       "number of milliseconds", i);
	*ms = (uint32_t)json_integer_value(v);
	return STK_OK;
}

/* Decodes one frame file and hands it on; the first one sets the canvas. */
static stk_status add_frame(stk__decoder *d, const char *path, size_t i, uint32_t ms,
                            stk_error *err)
{
	stk_image *frame = NULL;
	stk_buf bytes;
	stk_status rs = stk__read_file_mode(path, d->opt->max_input_bytes, STK__OPEN_ENTRY,
	                                    &bytes, err);
	if (rs == STK_OK) {
		rs = stk_image_decode(bytes.data, bytes.len, d->opt, &frame, err);
		stk_buf_release(&bytes);
	}
	if (rs != STK_OK) {
		stk__error_set_file(err, path);
		if (err && err->frame < 0)
			err->frame = (int)i;
		return rs;
	}
	uint32_t w = stk_image_width(frame), h = stk_image_height(frame);
	stk_status s = STK_OK;
	if (stk_image_frame_count(frame) != 1) {
		s = stk__fail(err, STK_ERR_CORRUPT, "is animated; a frames folder needs still frames");
	} else if (!d->img) {
		const stk_source_info *fs = stk_image_source(frame);
		s = stk__dec_canvas(d, w, h, err);
		d->src.color_type = fs->color_type;
		d->src.bit_depth = fs->bit_depth;
		d->src.has_gamma = fs->has_gamma;
		d->src.icc_converted = fs->icc_converted;
	} else if (w != stk_image_width(d->img) || h != stk_image_height(d->img)) {
		s = stk__fail(err, STK_ERR_CORRUPT, "frame is %ux%u but the first frame is %ux%u; "
		              "all frames must be the same size", w, h, stk_image_width(d->img),
		              stk_image_height(d->img));
	}
	if (s == STK_OK) {
		d->src.bytes += stk_image_source(frame)->bytes;
		s = stk__dec_emit(d, stk_image_frame_rgba_const(frame, 0), ms, err);
	}
	if (s != STK_OK) {
		stk__error_set_file(err, path);
		if (err && err->frame < 0)
			err->frame = (int)i;
	}
	stk_image_free(frame);
	return s;
}

stk_status stk__folder_decode(stk__decoder *d, const char *dir, stk_error *err)
{
	struct entry *frames = NULL;
	size_t n = 0;
	struct timing t = { STK_DEFAULT_FOLDER_FPS, NULL, 0 };
	stk__timeline tl = { 0, 0 };

	d->src.format = STK_FORMAT_FRAMES_FOLDER;
	STK_TRY(read_timing(dir, d->opt->max_frames, &t, err));
	if (d->opt->folder_fps > 0) {
		t.fps = d->opt->folder_fps;
		json_decref(t.durations);
		t.durations = NULL;
	}
	stk_status s = list_frames(dir, d->opt, &frames, &n, err);
	if (s == STK_OK)
		s = stk__dec_check_frame_count(d, n, err);
	if (s == STK_OK && t.durations && json_array_size(t.durations) != n)
		s = stk__fail(err, STK_ERR_CORRUPT, "timing.json lists %zu durations for %zu frames",
		              json_array_size(t.durations), n);
	for (size_t i = 0; s == STK_OK && i < n; i++) {
		char path[4096];
		uint32_t ms = 0;
		snprintf(path, sizeof path, "%s/%s", dir, frames[i].name);
		s = frame_duration(&t, i, &tl, &ms, err);
		if (s == STK_OK)
			s = add_frame(d, path, i, ms, err);
	}
	if (s == STK_OK) {
		stk_image_set_plays(d->img, t.plays);
		d->src.declared_frames = (uint32_t)n;
	}
	json_decref(t.durations);
	free_entries(frames, n);
	return s;
}
