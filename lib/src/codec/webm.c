/*
 * webm.c - WEBM video stickers: container facts from the Matroska headers.
 *
 * A small EBML reader walks the EBML header, then the Segment's Info and
 * Tracks, and stops there: frames live in Clusters, which are never read.
 * Every element length is checked against the bytes its parent has left,
 * so a cut or lying file is refused before anything is read past its end.
 * Only a Segment may be cut short or have an unknown size (live writers
 * leave it open), as everything needed comes before the Clusters.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "inspect.h"

/* Element IDs (with their length markers, as written). */
enum {
	ID_EBML = 0x1A45DFA3,
	ID_DOCTYPE = 0x4282,
	ID_SEGMENT = 0x18538067,
	ID_INFO = 0x1549A966,
	ID_TIMECODE_SCALE = 0x2AD7B1,
	ID_DURATION = 0x4489,
	ID_TRACKS = 0x1654AE6B,
	ID_TRACK_ENTRY = 0xAE,
	ID_TRACK_TYPE = 0x83,
	ID_CODEC_ID = 0x86,
	ID_DEFAULT_DURATION = 0x23E383,
	ID_VIDEO = 0xE0,
	ID_PIXEL_WIDTH = 0xB0,
	ID_PIXEL_HEIGHT = 0xBA,
	ID_ALPHA_MODE = 0x53C0,
	ID_CLUSTER = 0x1F43B675,
};

enum { TRACK_VIDEO = 1, TRACK_AUDIO = 2 };

/* Segment > Tracks > TrackEntry > Video > ... is 4; leave some room. */
#define WEBM_MAX_DEPTH 8

/* Bytes left to read at one level, and how deep that level is. */
struct cursor {
	const uint8_t *p, *end;
	int depth;
};

struct elem {
	uint32_t id;
	const uint8_t *data;
	size_t len;          /* payload bytes present (clamped to the parent) */
	uint64_t declared;   /* payload bytes the header claims */
	bool unknown_size;   /* size field all ones: runs to the end of the parent */
};

static const char *elem_name(uint32_t id)
{
	switch (id) {
	case ID_EBML: return "EBML header";
	case ID_DOCTYPE: return "DocType";
	case ID_SEGMENT: return "Segment";
	case ID_INFO: return "Info";
	case ID_TIMECODE_SCALE: return "TimecodeScale";
	case ID_DURATION: return "Duration";
	case ID_TRACKS: return "Tracks";
	case ID_TRACK_ENTRY: return "TrackEntry";
	case ID_TRACK_TYPE: return "TrackType";
	case ID_CODEC_ID: return "CodecID";
	case ID_DEFAULT_DURATION: return "DefaultDuration";
	case ID_VIDEO: return "Video";
	case ID_PIXEL_WIDTH: return "PixelWidth";
	case ID_PIXEL_HEIGHT: return "PixelHeight";
	case ID_ALPHA_MODE: return "AlphaMode";
	case ID_CLUSTER: return "Cluster";
	default: return NULL;
	}
}

/* "Tracks" or "element 0x1F43B675", for messages. */
static const char *describe(uint32_t id, char *buf, size_t size)
{
	const char *name = elem_name(id);
	if (name)
		return name;
	snprintf(buf, size, "element 0x%X", (unsigned)id);
	return buf;
}

/* ---- the EBML reader ---- */

/* Reads a variable-length integer: 1 to max_len bytes, the count given by
 * the first byte's leading zeros.  IDs keep their marker bits; sizes drop
 * them, and an all-ones size means "unknown". */
static stk_status read_vint(struct cursor *c, unsigned max_len, bool keep_marker,
                            uint64_t *value, bool *all_ones, stk_error *err)
{
	if (c->p >= c->end)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: file ends inside an element header");
	uint8_t first = c->p[0];
	unsigned n = 1;
	while (n <= 8 && !(first & (0x80u >> (n - 1))))
		n++;
	if (n > max_len)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: invalid EBML %s (%u-byte length marker)",
		                 keep_marker ? "element ID" : "element size", n);
	if ((size_t)(c->end - c->p) < n)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: file ends inside an element header");
	uint64_t v = keep_marker ? first : (first & (0xFFu >> n));
	bool ones = (v == (0xFFu >> n));
	for (unsigned i = 1; i < n; i++) {
		v = (v << 8) | c->p[i];
		ones = ones && c->p[i] == 0xFF;
	}
	c->p += n;
	*value = v;
	*all_ones = ones;
	return STK_OK;
}

/* Reads the next element header at c and steps c past its payload. */
static stk_status next_elem(struct cursor *c, struct elem *e, stk_error *err)
{
	uint64_t id, size;
	bool ones;
	STK_TRY(read_vint(c, 4, true, &id, &ones, err));
	STK_TRY(read_vint(c, 8, false, &size, &e->unknown_size, err));
	size_t left = (size_t)(c->end - c->p);
	e->id = (uint32_t)id;
	e->data = c->p;
	e->declared = size;
	e->len = e->unknown_size || size > left ? left : (size_t)size;
	c->p += e->len;
	return STK_OK;
}

/* Refuses an element that is cut short or has an unknown size. */
static stk_status need_whole(const struct elem *e, stk_error *err)
{
	char buf[32];
	if (e->unknown_size)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: %s has an unknown size",
		                 describe(e->id, buf, sizeof buf));
	if (e->len < e->declared)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: %s declares %llu bytes but only %zu "
		                 "are left (truncated?)", describe(e->id, buf, sizeof buf),
		                 (unsigned long long)e->declared, e->len);
	return STK_OK;
}

/* A cursor over a master element's children, one level deeper. */
static stk_status open_master(const struct cursor *parent, const struct elem *e,
                              struct cursor *child, stk_error *err)
{
	child->p = e->data;
	child->end = e->data + e->len;
	child->depth = parent->depth + 1;
	if (child->depth > WEBM_MAX_DEPTH)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: elements nest deeper than %d levels",
		                 WEBM_MAX_DEPTH);
	return STK_OK;
}

static stk_status read_uint(const struct elem *e, uint64_t *out, stk_error *err)
{
	char buf[32];
	if (e->len > 8)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: %s is %zu bytes, too long for an "
		                 "integer", describe(e->id, buf, sizeof buf), e->len);
	uint64_t v = 0;
	for (size_t i = 0; i < e->len; i++)
		v = (v << 8) | e->data[i];
	*out = v;
	return STK_OK;
}

static stk_status read_float(const struct elem *e, double *out, stk_error *err)
{
	char buf[32];
	uint64_t bits;
	STK_TRY(read_uint(e, &bits, err));
	if (e->len == 4) {
		uint32_t b32 = (uint32_t)bits;
		float f;
		memcpy(&f, &b32, sizeof f);
		*out = f;
	} else if (e->len == 8) {
		memcpy(out, &bits, sizeof *out);
	} else if (e->len == 0) {
		*out = 0;
	} else {
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: %s is %zu bytes; a float must be 4 or 8",
		                 describe(e->id, buf, sizeof buf), e->len);
	}
	return STK_OK;
}

/* Copies an EBML string (NUL-padded, maybe not terminated), keeping it
 * printable because it ends up in messages. */
static void read_string(const struct elem *e, char *dst, size_t size)
{
	size_t n = 0;
	for (; n < e->len && n + 1 < size && e->data[n]; n++)
		dst[n] = e->data[n] >= 0x20 && e->data[n] < 0x7f ? (char)e->data[n] : '?';
	dst[n] = '\0';
}

/* Calls fn on each child of the master element el (which must be whole,
 * as must each child), one level deeper: the walk every element we read
 * shares, so each reader only says what it keeps. */
typedef stk_status (*child_fn)(void *user, const struct cursor *c, const struct elem *e,
                               stk_error *err);

static stk_status each_child(const struct cursor *parent, const struct elem *el, child_fn fn,
                             void *user, stk_error *err)
{
	struct cursor c;
	STK_TRY(need_whole(el, err));
	STK_TRY(open_master(parent, el, &c, err));
	while (c.p < c.end) {
		struct elem e;
		STK_TRY(next_elem(&c, &e, err));
		STK_TRY(need_whole(&e, err));
		STK_TRY(fn(user, &c, &e, err));
	}
	return STK_OK;
}

/* ---- the elements we read ---- */

static stk_status header_child(void *user, const struct cursor *c, const struct elem *e,
                               stk_error *err)
{
	stk__webm_info *info = user;
	(void)c, (void)err;
	if (e->id == ID_DOCTYPE)
		read_string(e, info->doc_type, sizeof info->doc_type);
	return STK_OK;
}

static stk_status read_ebml_header(const struct cursor *top, const struct elem *hdr,
                                   stk__webm_info *info, stk_error *err)
{
	STK_TRY(each_child(top, hdr, header_child, info, err));
	if (!info->doc_type[0])
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: EBML header has no DocType");
	if (strcmp(info->doc_type, "webm") != 0 && strcmp(info->doc_type, "matroska") != 0)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: EBML DocType is \"%s\", not webm",
		                 info->doc_type);
	return STK_OK;
}

struct info_fields {
	uint64_t scale;
	double duration;
};

static stk_status info_child(void *user, const struct cursor *c, const struct elem *e,
                             stk_error *err)
{
	struct info_fields *f = user;
	(void)c;
	if (e->id == ID_TIMECODE_SCALE)
		return read_uint(e, &f->scale, err);
	if (e->id == ID_DURATION)
		return read_float(e, &f->duration, err);
	return STK_OK;
}

static stk_status read_info(const struct cursor *seg, const struct elem *el,
                            stk__webm_info *info, stk_error *err)
{
	struct info_fields f = { 1000000, 0 }; /* the Matroska default: 1 ms ticks */
	STK_TRY(each_child(seg, el, info_child, &f, err));
	if (f.scale == 0)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: TimecodeScale is 0");
	if (!isfinite(f.duration) || f.duration < 0)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: Duration is %g", f.duration);
	info->duration_ms = f.duration * (double)f.scale / 1e6;
	return STK_OK;
}

struct track {
	uint64_t type;
	char codec[32];
	uint64_t default_duration; /* ns per frame, 0 when absent */
	uint64_t width, height, alpha_mode;
};

static stk_status video_child(void *user, const struct cursor *c, const struct elem *e,
                              stk_error *err)
{
	struct track *t = user;
	(void)c;
	if (e->id == ID_PIXEL_WIDTH)
		return read_uint(e, &t->width, err);
	if (e->id == ID_PIXEL_HEIGHT)
		return read_uint(e, &t->height, err);
	if (e->id == ID_ALPHA_MODE)
		return read_uint(e, &t->alpha_mode, err);
	return STK_OK;
}

static stk_status track_child(void *user, const struct cursor *c, const struct elem *e,
                              stk_error *err)
{
	struct track *t = user;
	if (e->id == ID_TRACK_TYPE)
		return read_uint(e, &t->type, err);
	if (e->id == ID_CODEC_ID)
		read_string(e, t->codec, sizeof t->codec);
	else if (e->id == ID_DEFAULT_DURATION)
		return read_uint(e, &t->default_duration, err);
	else if (e->id == ID_VIDEO)
		return each_child(c, e, video_child, t, err);
	return STK_OK;
}

/* The first video track sets the picture facts; any audio track is noted. */
static stk_status use_track(const struct track *t, stk__webm_info *info, stk_error *err)
{
	if (t->type == TRACK_AUDIO)
		info->has_audio = true;
	if (t->type != TRACK_VIDEO || info->has_video)
		return STK_OK;
	if (t->width == 0 || t->height == 0 || t->width > UINT32_MAX || t->height > UINT32_MAX)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: video track size %llux%llu is missing "
		                 "or invalid", (unsigned long long)t->width,
		                 (unsigned long long)t->height);
	info->has_video = true;
	info->width = (uint32_t)t->width;
	info->height = (uint32_t)t->height;
	info->has_alpha = t->alpha_mode == 1;
	info->fps = t->default_duration ? 1e9 / (double)t->default_duration : 0;
	snprintf(info->video_codec, sizeof info->video_codec, "%s", t->codec);
	return STK_OK;
}

static stk_status tracks_child(void *user, const struct cursor *c, const struct elem *e,
                               stk_error *err)
{
	if (e->id != ID_TRACK_ENTRY)
		return STK_OK;
	struct track t;
	memset(&t, 0, sizeof t);
	STK_TRY(each_child(c, e, track_child, &t, err));
	if (t.type == 0)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: TrackEntry has no TrackType");
	return use_track(&t, user, err);
}

static stk_status read_tracks(const struct cursor *seg, const struct elem *el,
                              stk__webm_info *info, stk_error *err)
{
	return each_child(seg, el, tracks_child, info, err);
}

/* Reads Segment children until Info and Tracks are both in (or a Cluster
 * starts): whatever follows, even a cut, does not matter. */
static stk_status read_segment(const struct cursor *top, const struct elem *el,
                               stk__webm_info *info, stk_error *err)
{
	struct cursor c;
	bool have_info = false, have_tracks = false;
	STK_TRY(open_master(top, el, &c, err));
	while (c.p < c.end && !(have_info && have_tracks)) {
		struct elem e;
		STK_TRY(next_elem(&c, &e, err));
		if (e.id == ID_CLUSTER)
			break;
		STK_TRY(need_whole(&e, err));
		if (e.id == ID_INFO && !have_info) {
			STK_TRY(read_info(&c, &e, info, err));
			have_info = true;
		} else if (e.id == ID_TRACKS && !have_tracks) {
			STK_TRY(read_tracks(&c, &e, info, err));
			have_tracks = true;
		}
	}
	if (!have_tracks)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: no Tracks element before the frames");
	if (!have_info)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: no Info element before the frames");
	return STK_OK;
}

stk_status stk__webm_inspect(const uint8_t *data, size_t len, stk__webm_info *info,
                             stk_error *err)
{
	static const uint8_t magic[4] = { 0x1A, 0x45, 0xDF, 0xA3 };
	if (!data || !info)
		return stk__fail(err, STK_ERR_INVALID_ARG, "WEBM: no data or no info record");
	memset(info, 0, sizeof *info);
	info->file_bytes = len;
	if (len < 4 || memcmp(data, magic, 4) != 0)
		return stk__fail(err, STK_ERR_CORRUPT, "WEBM: no EBML header (not a WEBM file)");
	struct cursor top = { data, data + len, 0 };
	struct elem e;
	STK_TRY(next_elem(&top, &e, err));
	STK_TRY(read_ebml_header(&top, &e, info, err));
	/* Level-1 Void or CRC elements may sit between the header and the Segment. */
	while (top.p < top.end) {
		STK_TRY(next_elem(&top, &e, err));
		if (e.id == ID_SEGMENT)
			return read_segment(&top, &e, info, err);
		STK_TRY(need_whole(&e, err));
	}
	return stk__fail(err, STK_ERR_CORRUPT, "WEBM: no Segment after the EBML header");
}
