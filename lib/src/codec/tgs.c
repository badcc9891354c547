/*
 * tgs.c - Telegram animated stickers: gzipped Lottie JSON.
 *
 * The gzip stream is inflated into a buffer that never grows past the
 * caller's cap, so a bomb costs at most cap bytes and a few milliseconds.
 * The JSON is parsed with jansson and walked once, depth-first, to find
 * the Lottie features Telegram forbids; the walk has its own depth limit
 * because it recurses.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <zlib.h>
#include "inspect.h"

/* Deeper than any real Lottie file (nested groups add two levels each). */
#define TGS_MAX_DEPTH 64
/* The walk keeps the path of the current value; longer paths are cut. */
#define TGS_PATH_MAX 512

static const char *const feature_names[STK_TGS_FEATURE_COUNT] = {
	"expressions", "images", "3D layers", "masks", "layer effects", "text layers",
	"solids", "merge paths", "star shapes", "gradient strokes", "repeaters",
	"time remapping", "auto-oriented layers",
};

const char *stk__tgs_feature_name(unsigned bit_index)
{
	return bit_index < STK_TGS_FEATURE_COUNT ? feature_names[bit_index] : "unknown feature";
}

/* ---- inflate ---- */

static stk_status inflate_error(int zr, const z_stream *zs, stk_error *err)
{
	if (zr == Z_MEM_ERROR)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return stk__fail(err, STK_ERR_CORRUPT, "TGS: gzip data is corrupt (%s)",
	                 zs->msg ? zs->msg : "inflate failed");
}

/* Runs inflate until the stream ends, the input runs out or the output
 * reaches limit bytes.  *done says whether the stream ended. */
static stk_status inflate_loop(z_stream *zs, const uint8_t *data, size_t len, size_t limit,
                               uint8_t **buf, size_t *cap, size_t *out, bool *done,
                               stk_error *err)
{
	size_t in_used = 0;
	*done = false;
	while (*out < limit) {
		if (*out == *cap)
			STK_TRY(stk__grow_capped(buf, cap, 0, limit, err));
		if (zs->avail_in == 0 && in_used < len) {
			size_t n = len - in_used < UINT_MAX ? len - in_used : UINT_MAX;
			zs->next_in = (Bytef *)(data + in_used);
			zs->avail_in = (uInt)n;
			in_used += n;
		}
		size_t room = *cap - *out < UINT_MAX ? *cap - *out : UINT_MAX;
		zs->next_out = *buf + *out;
		zs->avail_out = (uInt)room;
		int zr = inflate(zs, Z_NO_FLUSH);
		*out += room - zs->avail_out;
		if (zr == Z_STREAM_END) {
			*done = true;
			if (zs->avail_in != 0 || in_used != len)
				return stk__fail(err, STK_ERR_CORRUPT, "TGS: %zu bytes of trailing data "
				                 "after the gzip stream",
				                 (size_t)zs->avail_in + (len - in_used));
			return STK_OK;
		}
		if (zr == Z_BUF_ERROR && zs->avail_in == 0 && in_used == len)
			return stk__fail(err, STK_ERR_CORRUPT, "TGS: gzip stream is truncated");
		if (zr != Z_OK && zr != Z_BUF_ERROR)
			return inflate_error(zr, zs, err);
	}
	return STK_OK;
}

/* Inflates a gzip member into *out (malloc'd), refusing more than cap
 * bytes: the buffer holds cap + 1 bytes at most, and one byte past the
 * cap is enough to know the cap was passed. */
stk_status stk__tgs_inflate(const uint8_t *data, size_t len, uint64_t cap, uint8_t **out,
                            size_t *out_len, stk_error *err)
{
	if (len < 2 || data[0] != 0x1f || data[1] != 0x8b)
		return stk__fail(err, STK_ERR_CORRUPT, "TGS: not gzip-compressed (no 1f 8b magic)");
	size_t limit = cap < SIZE_MAX - 1 ? (size_t)cap + 1 : SIZE_MAX;
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	int zr = inflateInit2(&zs, 16 + MAX_WBITS);
	if (zr != Z_OK)
		return inflate_error(zr, &zs, err);
	size_t bcap = 65536 < limit ? 65536 : limit, n = 0;
	uint8_t *buf = malloc(bcap);
	bool done = false;
	stk_status s = buf ? STK_OK : stk__fail(err, STK_ERR_NOMEM, "out of memory");
	if (s == STK_OK)
		s = inflate_loop(&zs, data, len, limit, &buf, &bcap, &n, &done, err);
	inflateEnd(&zs);
	if (s == STK_OK && (!done || n > cap))
		s = stk__fail(err, STK_ERR_LIMIT, "TGS: inflates to more than %llu bytes (gzip bomb?)",
		              (unsigned long long)cap);
	if (s != STK_OK) {
		free(buf);
		return s;
	}
	*out = buf;
	*out_len = n;
	return STK_OK;
}

/* ---- the feature walk ---- */

/* What a JSON value is, from the key of the array holding it. */
enum role { ROLE_OTHER, ROLE_LAYER, ROLE_SHAPE, ROLE_ASSET };

struct walk {
	stk__tgs_info *info;
	char path[TGS_PATH_MAX];
	size_t path_len;
};

/* Appends sep and text to the path; a path that no longer fits keeps its
 * prefix.  Keys are arbitrary text, so control characters become '?'. */
static void path_push(struct walk *w, const char *sep, const char *text)
{
	size_t room = sizeof w->path - w->path_len;
	int n = snprintf(w->path + w->path_len, room, "%s%s", sep, text);
	if (n < 0)
		return;
	for (char *p = w->path + w->path_len; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
			*p = '?';
	w->path_len = (size_t)n < room ? w->path_len + (size_t)n : sizeof w->path - 1;
}

static void path_pop(struct walk *w, size_t len)
{
	w->path_len = len;
	w->path[len] = '\0';
}

/* Records a feature bit and, the first time, where it was found. */
static void flag(struct walk *w, uint32_t mask)
{
	if (w->info->features & mask)
		return;
	w->info->features |= mask;
	for (unsigned i = 0; i < STK_TGS_FEATURE_COUNT; i++)
		if (mask == 1u << i)
			snprintf(w->info->feature_where[i], sizeof w->info->feature_where[i], "%.*s",
			         (int)sizeof w->info->feature_where[i] - 1,
			         w->path_len ? w->path : "(root)");
}

/* 1 or true: Lottie writes flags either way. */
static bool is_on(const json_t *v)
{
	return json_is_true(v) || (json_is_number(v) && json_number_value(v) == 1);
}

static bool is_nonempty_array(const json_t *v)
{
	return json_is_array(v) && json_array_size(v) > 0;
}

static void check_layer(struct walk *w, const json_t *layer)
{
	const json_t *ty = json_object_get(layer, "ty");
	if (json_is_number(ty)) {
		double t = json_number_value(ty);
		if (t == 1)
			flag(w, STK_TGS_SOLIDS);
		else if (t == 2)
			flag(w, STK_TGS_IMAGES);
		else if (t == 5)
			flag(w, STK_TGS_TEXT_LAYERS);
	}
	if (is_on(json_object_get(layer, "ddd")))
		flag(w, STK_TGS_3D_LAYERS);
	if (is_nonempty_array(json_object_get(layer, "masksProperties")) ||
	    is_on(json_object_get(layer, "hasMask")))
		flag(w, STK_TGS_MASKS);
	if (is_nonempty_array(json_object_get(layer, "ef")))
		flag(w, STK_TGS_EFFECTS);
	if (json_object_get(layer, "tm"))
		flag(w, STK_TGS_TIME_REMAP);
	if (is_on(json_object_get(layer, "ao")))
		flag(w, STK_TGS_AUTO_ORIENT);
}

static void check_shape(struct walk *w, const json_t *shape)
{
	static const struct { const char *ty; uint32_t mask; } bad[] = {
		{ "mm", STK_TGS_MERGE_PATHS }, { "sr", STK_TGS_STAR_SHAPES },
		{ "gs", STK_TGS_GRADIENT_STROKES }, { "rp", STK_TGS_REPEATERS },
	};
	const char *ty = json_string_value(json_object_get(shape, "ty"));
	for (size_t i = 0; ty && i < sizeof bad / sizeof bad[0]; i++)
		if (strcmp(ty, bad[i].ty) == 0)
			flag(w, bad[i].mask);
}

/* Image assets carry a file name or data URI in "p"; precomps carry layers. */
static void check_asset(struct walk *w, const json_t *asset)
{
	const char *p = json_string_value(json_object_get(asset, "p"));
	if (json_object_get(asset, "layers") || !p)
		return;
	flag(w, STK_TGS_IMAGES);
	if (strncmp(p, "data:", 5) != 0)
		w->info->external_images = true;
}

static enum role role_of_items(const char *key)
{
	if (strcmp(key, "layers") == 0)
		return ROLE_LAYER;
	if (strcmp(key, "shapes") == 0 || strcmp(key, "it") == 0)
		return ROLE_SHAPE;
	if (strcmp(key, "assets") == 0)
		return ROLE_ASSET;
	return ROLE_OTHER;
}

/* role is what v is when v is an object, or what its items are when v is
 * an array: the items of "layers" are layers, and so on. */
static stk_status walk_value(struct walk *w, const json_t *v, enum role role, int depth,
                             stk_error *err);

static stk_status walk_object(struct walk *w, const json_t *obj, enum role role, int depth,
                              stk_error *err)
{
	if (role == ROLE_LAYER)
		check_layer(w, obj);
	else if (role == ROLE_SHAPE)
		check_shape(w, obj);
	else if (role == ROLE_ASSET)
		check_asset(w, obj);
	if (json_is_string(json_object_get(obj, "x")))
		flag(w, STK_TGS_EXPRESSIONS);
	const char *key;
	json_t *child;
	size_t len = w->path_len;
	json_object_foreach((json_t *)obj, key, child) {
		path_push(w, len ? "." : "", key);
		enum role r = json_is_array(child) ? role_of_items(key) : ROLE_OTHER;
		stk_status s = walk_value(w, child, r, depth + 1, err);
		path_pop(w, len);
		STK_TRY(s);
	}
	return STK_OK;
}

static stk_status walk_array(struct walk *w, const json_t *arr, enum role role, int depth,
                             stk_error *err)
{
	size_t len = w->path_len, i;
	json_t *item;
	json_array_foreach(arr, i, item) {
		char index[32];
		snprintf(index, sizeof index, "[%zu]", i);
		path_push(w, "", index);
		/* A layer, shape or asset that is not an object is no animation
		 * at all (a player shows nothing): refused, not skipped. */
		if (role != ROLE_OTHER && !json_is_object(item)) {
			stk_status s = stk__fail(err, STK_ERR_CORRUPT, "TGS: %s is %s, not an object",
			                         w->path, json_is_array(item) ? "an array" :
			                         json_is_string(item) ? "a string" :
			                         json_is_number(item) ? "a number" : "not an object");
			path_pop(w, len);
			return s;
		}
		stk_status s = walk_value(w, item, json_is_object(item) ? role : ROLE_OTHER,
		                          depth + 1, err);
		path_pop(w, len);
		STK_TRY(s);
	}
	return STK_OK;
}

static stk_status walk_value(struct walk *w, const json_t *v, enum role role, int depth,
                             stk_error *err)
{
	if (!json_is_object(v) && !json_is_array(v))
		return STK_OK;
	if (depth > TGS_MAX_DEPTH)
		return stk__fail(err, STK_ERR_CORRUPT, "Lottie: JSON nests deeper than %d levels",
		                 TGS_MAX_DEPTH);
	if (json_is_array(v))
		return walk_array(w, v, role, depth, err);
	return walk_object(w, v, role, depth, err);
}

/* ---- the animation header ---- */

static stk_status get_number(const json_t *root, const char *key, double *out,
                             stk_error *err)
{
	const json_t *v = json_object_get(root, key);
	if (!v)
		return stk__fail(err, STK_ERR_CORRUPT, "Lottie: the JSON has no \"%s\"", key);
	if (!json_is_number(v))
		return stk__fail(err, STK_ERR_CORRUPT, "Lottie: \"%s\" is not a number", key);
	*out = json_number_value(v);
	return STK_OK;
}

static stk_status get_size(const json_t *root, const char *key, uint32_t *out,
                           stk_error *err)
{
	double d;
	STK_TRY(get_number(root, key, &d, err));
	if (!(d >= 1 && d <= 65535) || d != (double)(uint32_t)d)
		return stk__fail(err, STK_ERR_CORRUPT, "Lottie: \"%s\" is %g, not a whole number of "
		                 "pixels in 1..65535", key, d);
	*out = (uint32_t)d;
	return STK_OK;
}

static stk_status read_header(const json_t *root, stk__tgs_info *info, stk_error *err)
{
	STK_TRY(get_size(root, "w", &info->width, err));
	STK_TRY(get_size(root, "h", &info->height, err));
	STK_TRY(get_number(root, "fr", &info->fps, err));
	STK_TRY(get_number(root, "ip", &info->in_point, err));
	STK_TRY(get_number(root, "op", &info->out_point, err));
	if (!(info->fps > 0 && info->fps <= 1000))
		return stk__fail(err, STK_ERR_CORRUPT, "Lottie: frame rate \"fr\" is %g, not in (0, 1000]",
		                 info->fps);
	if (!(info->out_point > info->in_point))
		return stk__fail(err, STK_ERR_CORRUPT, "Lottie: out point \"op\" (%g) is not after in "
		                 "point \"ip\" (%g)", info->out_point, info->in_point);
	info->duration_ms = (info->out_point - info->in_point) / info->fps * 1000.0;
	return STK_OK;
}

stk_status stk__lottie_inspect(const uint8_t *json, size_t len, stk__tgs_info *info,
                               stk_error *err)
{
	json_error_t je;
	/* Duplicate keys would let two readers see two different animations. */
	json_t *root = json_loadb((const char *)json, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return stk__fail(err, STK_ERR_CORRUPT, "Lottie: not valid JSON (line %d column %d: %s)",
		                 je.line, je.column, je.text);
	stk_status s = STK_OK;
	if (!json_is_object(root))
		s = stk__fail(err, STK_ERR_CORRUPT, "Lottie: JSON is not an object, so not Lottie");
	if (s == STK_OK)
		s = read_header(root, info, err);
	if (s == STK_OK && !json_is_array(json_object_get(root, "layers")))
		s = stk__fail(err, STK_ERR_CORRUPT, "TGS: Lottie JSON has no \"layers\" array");
	if (s == STK_OK) {
		struct walk w = { .info = info };
		if (is_on(json_object_get(root, "ddd")))
			flag(&w, STK_TGS_3D_LAYERS);
		s = walk_value(&w, root, ROLE_OTHER, 0, err);
	}
	json_decref(root);
	return s;
}

stk_status stk__tgs_inspect(const uint8_t *data, size_t len, uint64_t max_json_bytes,
                            stk__tgs_info *info, stk_error *err)
{
	if (!data || !info)
		return stk__fail(err, STK_ERR_INVALID_ARG, "TGS: no data or no info record");
	memset(info, 0, sizeof *info);
	info->file_bytes = len;
	uint8_t *json = NULL;
	size_t json_len = 0;
	STK_TRY(stk__tgs_inflate(data, len, max_json_bytes, &json, &json_len, err));
	info->json_bytes = json_len;
	stk_status s = stk__lottie_inspect(json, json_len, info, err);
	free(json);
	return s;
}
