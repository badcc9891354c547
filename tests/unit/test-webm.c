/* test-webm.c - the WEBM inspector on hand-written EBML. */
#include <math.h>
#include "tap.h"
#include "inspect.h"

/* ---- a tiny EBML writer ---- */

struct ebml {
	uint8_t b[4096];
	size_t len;
};

static void put(struct ebml *e, const void *data, size_t n)
{
	if (e->len + n > sizeof e->b)
		abort();
	memcpy(e->b + e->len, data, n);
	e->len += n;
}

/* IDs are written as they are (their marker bits included). */
static void put_id(struct ebml *e, uint32_t id)
{
	uint8_t b[4];
	size_t n = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(id >> (8 * (n - 1 - i)));
	put(e, b, n);
}

static void put_size8(struct ebml *e, uint64_t size)
{
	uint8_t b[8] = { 0x01 };
	for (int i = 1; i < 8; i++)
		b[i] = (uint8_t)(size >> (8 * (7 - i)));
	put(e, b, 8);
}

/* Sizes as 1-byte vints when they fit, else 8 bytes. */
static void put_size(struct ebml *e, uint64_t size)
{
	uint8_t b = (uint8_t)(0x80 | size);
	if (size < 127)
		put(e, &b, 1);
	else
		put_size8(e, size);
}

static void el_bytes(struct ebml *e, uint32_t id, const void *data, size_t n)
{
	put_id(e, id);
	put_size(e, n);
	put(e, data, n);
}

static void el_uint(struct ebml *e, uint32_t id, uint64_t v)
{
	uint8_t b[8];
	size_t n = 1;
	while (n < 8 && (v >> (8 * n)))
		n++;
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	el_bytes(e, id, b, n);
}

static void el_float8(struct ebml *e, uint32_t id, double v)
{
	uint64_t bits;
	uint8_t b[8];
	memcpy(&bits, &v, 8);
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(bits >> (8 * (7 - i)));
	el_bytes(e, id, b, 8);
}

static void el_float4(struct ebml *e, uint32_t id, float v)
{
	uint32_t bits;
	uint8_t b[4];
	memcpy(&bits, &v, 4);
	for (int i = 0; i < 4; i++)
		b[i] = (uint8_t)(bits >> (8 * (3 - i)));
	el_bytes(e, id, b, 4);
}

static void el_str(struct ebml *e, uint32_t id, const char *s)
{
	el_bytes(e, id, s, strlen(s));
}

static void el_master(struct ebml *e, uint32_t id, const struct ebml *child)
{
	el_bytes(e, id, child->b, child->len);
}

/* ---- a WEBM sticker ---- */

struct opts {
	const char *doctype;
	bool audio, alpha, float4, unknown_segment_size, no_tracks, no_pixel_width;
	uint64_t timecode_scale; /* 0: leave out (default 1 ms) */
	double duration;         /* in TimecodeScale units */
};

static void video_track(struct ebml *tracks, const struct opts *o)
{
	struct ebml video = { .len = 0 }, entry = { .len = 0 };
	if (!o->no_pixel_width)
		el_uint(&video, 0xB0, 512);
	el_uint(&video, 0xBA, 512);
	if (o->alpha)
		el_uint(&video, 0x53C0, 1);
	el_uint(&entry, 0xD7, 1);         /* TrackNumber */
	el_uint(&entry, 0x73C5, 1);       /* TrackUID */
	el_uint(&entry, 0x83, 1);         /* TrackType video */
	el_str(&entry, 0x86, "V_VP9");
	el_uint(&entry, 0x23E383, 33333333); /* DefaultDuration: 30 fps */
	el_master(&entry, 0xE0, &video);
	el_master(tracks, 0xAE, &entry);
}

static void audio_track(struct ebml *tracks)
{
	struct ebml audio = { .len = 0 }, entry = { .len = 0 };
	el_float8(&audio, 0xB5, 48000);   /* SamplingFrequency */
	el_uint(&audio, 0x9F, 2);         /* Channels */
	el_uint(&entry, 0xD7, 2);
	el_uint(&entry, 0x83, 2);         /* TrackType audio */
	el_str(&entry, 0x86, "A_OPUS");
	el_master(&entry, 0xE1, &audio);
	el_master(tracks, 0xAE, &entry);
}

/* Builds the file into out; *tracks_end is the offset just past Tracks. */
static void make_webm(const struct opts *o, struct ebml *out, size_t *tracks_end)
{
	struct ebml head = { .len = 0 }, info = { .len = 0 }, tracks = { .len = 0 };
	struct ebml seg = { .len = 0 }, cluster = { .len = 0 };
	el_uint(&head, 0x4286, 1);        /* EBMLVersion */
	el_uint(&head, 0x42F7, 1);        /* EBMLReadVersion */
	el_str(&head, 0x4282, o->doctype ? o->doctype : "webm");
	el_uint(&head, 0x4287, 4);        /* DocTypeVersion */
	if (o->timecode_scale)
		el_uint(&info, 0x2AD7B1, o->timecode_scale);
	if (o->float4)
		el_float4(&info, 0x4489, (float)o->duration);
	else
		el_float8(&info, 0x4489, o->duration);
	el_str(&info, 0x4D80, "test");    /* MuxingApp */
	video_track(&tracks, o);
	if (o->audio)
		audio_track(&tracks);
	el_uint(&cluster, 0xE7, 0);       /* Timecode */
	el_bytes(&cluster, 0xA3, "\x81\x00\x00\x80" "frame", 9); /* SimpleBlock */

	el_bytes(&seg, 0xEC, "\0\0\0\0", 4); /* Void */
	el_master(&seg, 0x1549A966, &info);
	if (!o->no_tracks)
		el_master(&seg, 0x1654AE6B, &tracks);
	size_t seg_tracks_end = seg.len;
	el_master(&seg, 0x1F43B675, &cluster);

	out->len = 0;
	el_master(out, 0x1A45DFA3, &head);
	put_id(out, 0x18538067);
	if (o->unknown_segment_size)
		put(out, "\x01\xff\xff\xff\xff\xff\xff\xff", 8);
	else
		put_size8(out, seg.len); /* as muxers write it, to patch later */
	*tracks_end = out->len + seg_tracks_end;
	put(out, seg.b, seg.len);
}

static stk_status inspect(const struct opts *o, stk__webm_info *info, stk_error *err)
{
	struct ebml f;
	size_t tracks_end;
	make_webm(o, &f, &tracks_end);
	stk_error_init(err);
	return stk__webm_inspect(f.b, f.len, info, err);
}

static void test_good(void)
{
	stk__webm_info info;
	stk_error err;
	struct opts o = { .duration = 2900 };
	is_int(inspect(&o, &info, &err), STK_OK, "VP9 512x512 read");
	is_int(info.width, 512, "PixelWidth");
	is_int(info.height, 512, "PixelHeight");
	ok(fabs(info.duration_ms - 2900) < 1e-6, "Duration 2.9 s (got %g ms)", info.duration_ms);
	ok(fabs(info.fps - 30) < 1e-3, "DefaultDuration gives 30 fps (got %g)", info.fps);
	is_str(info.video_codec, "V_VP9", "CodecID");
	is_str(info.doc_type, "webm", "DocType");
	ok(info.has_video && !info.has_audio && !info.has_alpha, "video only, no alpha");
	ok(info.file_bytes > 100, "file_bytes set");

	o.audio = true;
	is_int(inspect(&o, &info, &err), STK_OK, "with an audio track");
	ok(info.has_audio && info.has_video, "has_audio");
	is_str(info.video_codec, "V_VP9", "the video track still sets the codec");

	o = (struct opts){ .duration = 2900, .alpha = true };
	is_int(inspect(&o, &info, &err), STK_OK, "with AlphaMode");
	ok(info.has_alpha, "has_alpha");

	o = (struct opts){ .duration = 2900000, .timecode_scale = 1000, .float4 = true };
	is_int(inspect(&o, &info, &err), STK_OK, "microsecond ticks, 4-byte float Duration");
	ok(fabs(info.duration_ms - 2900) < 1e-3, "Duration scaled by TimecodeScale (got %g)",
	   info.duration_ms);

	o = (struct opts){ .duration = 1000, .doctype = "matroska" };
	is_int(inspect(&o, &info, &err), STK_OK, "DocType matroska still read");
	is_str(info.doc_type, "matroska", "and noted");

	o = (struct opts){ .duration = 1000, .unknown_segment_size = true };
	is_int(inspect(&o, &info, &err), STK_OK, "unknown-size Segment (live writer) read");
	is_int(info.width, 512, "its tracks read");
}

static void test_bad(void)
{
	stk__webm_info info;
	stk_error err;
	struct opts o = { .duration = 1000, .doctype = "mkv-ish" };
	is_int(inspect(&o, &info, &err), STK_ERR_CORRUPT, "other DocType refused");
	ok(strstr(err.msg, "mkv-ish") != NULL, "message names it: %s", err.msg);

	o = (struct opts){ .duration = 1000, .no_tracks = true };
	is_int(inspect(&o, &info, &err), STK_ERR_CORRUPT, "no Tracks refused");
	ok(strstr(err.msg, "Tracks") != NULL, "message names Tracks: %s", err.msg);

	o = (struct opts){ .duration = 1000, .no_pixel_width = true };
	is_int(inspect(&o, &info, &err), STK_ERR_CORRUPT, "video track without a width refused");

	o = (struct opts){ .duration = NAN };
	is_int(inspect(&o, &info, &err), STK_ERR_CORRUPT, "NaN Duration refused");

	is_int(stk__webm_inspect((const uint8_t *)"RIFF\0\0\0\0WEBPVP8 ", 16, &info, &err),
	       STK_ERR_CORRUPT, "not EBML refused");
	is_int(stk__webm_inspect((const uint8_t *)"", 0, &info, &err), STK_ERR_CORRUPT,
	       "empty input refused");

	/* An EBML header that declares 2^40 bytes. */
	static const uint8_t huge[] = { 0x1A, 0x45, 0xDF, 0xA3, 0x01, 0x00, 0x01, 0x00,
	                                0x00, 0x00, 0x00, 0x00, 0x42, 0x82, 0x84, 'w', 'e', 'b', 'm' };
	is_int(stk__webm_inspect(huge, sizeof huge, &info, &err), STK_ERR_CORRUPT,
	       "huge declared EBML header size refused");
	ok(strstr(err.msg, "1099511627776") != NULL, "message gives the size: %s", err.msg);

	/* A Tracks element claiming 2^40 bytes inside a good Segment. */
	struct ebml f, head = { .len = 0 }, seg = { .len = 0 }, inner = { .len = 0 };
	el_str(&head, 0x4282, "webm");
	el_float8(&inner, 0x4489, 1000);
	el_master(&seg, 0x1549A966, &inner);
	put_id(&seg, 0x1654AE6B);
	put(&seg, "\x01\x00\x01\x00\x00\x00\x00\x00", 8);
	el_bytes(&seg, 0xAE, "\x83\x81\x01", 3);
	f.len = 0;
	el_master(&f, 0x1A45DFA3, &head);
	el_master(&f, 0x18538067, &seg);
	is_int(stk__webm_inspect(f.b, f.len, &info, &err), STK_ERR_CORRUPT,
	       "huge declared Tracks size refused");

	/* An unknown-size Info. */
	f.len = seg.len = 0;
	put_id(&seg, 0x1549A966);
	put(&seg, "\x01\xff\xff\xff\xff\xff\xff\xff", 8);
	el_float8(&seg, 0x4489, 1000);
	el_master(&f, 0x1A45DFA3, &head);
	el_master(&f, 0x18538067, &seg);
	is_int(stk__webm_inspect(f.b, f.len, &info, &err), STK_ERR_CORRUPT,
	       "unknown-size Info refused");
	ok(strstr(err.msg, "unknown size") != NULL, "message says unknown size: %s", err.msg);

	/* A zero byte where an element ID starts is no valid vint. */
	f.len = 0;
	el_master(&f, 0x1A45DFA3, &head);
	put(&f, "\x00\x81\x00", 3);
	is_int(stk__webm_inspect(f.b, f.len, &info, &err), STK_ERR_CORRUPT, "invalid ID refused");

	/* An integer element longer than 8 bytes. */
	f.len = inner.len = seg.len = 0;
	el_bytes(&inner, 0x2AD7B1, "\0\0\0\0\0\0\0\0\x01", 9);
	el_master(&seg, 0x1549A966, &inner);
	el_master(&f, 0x1A45DFA3, &head);
	el_master(&f, 0x18538067, &seg);
	is_int(stk__webm_inspect(f.b, f.len, &info, &err), STK_ERR_CORRUPT,
	       "9-byte TimecodeScale refused");
}

/* Every cut before the end of Tracks is an error, every cut after is fine. */
static void test_truncation(void)
{
	struct opts o = { .duration = 2900, .audio = true, .alpha = true };
	struct ebml f;
	size_t tracks_end;
	make_webm(&o, &f, &tracks_end);
	int wrong = 0;
	size_t first_wrong = 0;
	for (size_t cut = 0; cut <= f.len; cut++) {
		stk__webm_info info;
		stk_error err;
		stk_error_init(&err);
		/* A copy of exactly cut bytes, so ASan sees any over-read. */
		uint8_t *copy = malloc(cut ? cut : 1);
		memcpy(copy, f.b, cut);
		stk_status s = stk__webm_inspect(copy, cut, &info, &err);
		free(copy);
		bool want_ok = cut >= tracks_end;
		bool right = want_ok ? s == STK_OK && info.width == 512 && info.has_audio
		                     : s == STK_ERR_CORRUPT && err.msg[0];
		if (!right && !wrong++)
			first_wrong = cut;
	}
	is_int(wrong, 0, "cuts at all %zu offsets: clean error before Tracks end (%zu), success "
	       "after", f.len + 1, tracks_end);
	if (wrong)
		tap_diag("first wrong cut at %zu", first_wrong);
}

/* Single-byte changes anywhere: any answer, but never a crash. */
static void test_flips(void)
{
	struct opts o = { .duration = 2900, .audio = true };
	struct ebml f;
	size_t tracks_end;
	make_webm(&o, &f, &tracks_end);
	static const uint8_t values[] = { 0x00, 0x01, 0x7F, 0x80, 0xFF };
	int runs = 0;
	for (size_t i = 0; i < f.len; i++)
		for (size_t v = 0; v < sizeof values; v++) {
			uint8_t *copy = malloc(f.len);
			memcpy(copy, f.b, f.len);
			copy[i] = values[v];
			stk__webm_info info;
			stk_error err;
			stk_error_init(&err);
			stk_status s = stk__webm_inspect(copy, f.len, &info, &err);
			runs += s == STK_OK || (s == STK_ERR_CORRUPT && err.msg[0]);
			free(copy);
		}
	is_int(runs, (int)(f.len * sizeof values), "every changed byte gives OK or a clean error");
}

int main(void)
{
	test_good();
	test_bad();
	test_truncation();
	test_flips();
	return done_testing();
}
