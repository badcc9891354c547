/*
 * test-validate-rules.c - a good and a bad case for every rule of every
 * shipped profile, made from the rule's own check and value, so a rule
 * added to a profile is covered without writing a test for it.  Each case
 * is built in memory (images, container facts, manifest fields, packs) and
 * the test asserts that the bad case reports the rule's id and the good
 * case does not.
 */
#include <dirent.h>
#include <strings.h>
#include "tap.h"
#include "validate_internal.h"

struct tcase {
	stk__input in;
	json_t *meta;          /* field checks */
	const char *skip;      /* why there is no case of this kind */
};

/* An image whose art is an opaque square `margin` px from every edge, in a
 * colour from seed; `opaque` fills the background too. */
static stk_image *make_image(uint32_t w, uint32_t h, uint32_t frames, uint32_t ms,
                             uint32_t margin, bool opaque, unsigned seed)
{
	stk_image *img = NULL;
	stk_error err;
	if (stk_image_new(w, h, &img, &err) != STK_OK)
		return NULL;
	for (uint32_t f = 0; f < frames; f++) {
		uint8_t *px = calloc((size_t)w * h, 4);
		for (uint32_t y = 0; y < h; y++)
			for (uint32_t x = 0; x < w; x++) {
				uint8_t *p = px + ((size_t)y * w + x) * 4;
				bool art = x >= margin && y >= margin && x + margin < w && y + margin < h;
				p[0] = (uint8_t)(seed * 37 + f * 11);
				p[1] = (uint8_t)(seed * 91 + x);
				p[2] = (uint8_t)(y + f);
				p[3] = art || opaque ? 255 : 0;
			}
		if (stk_image_add_frame_take(img, px, ms, &err) != STK_OK)
			return NULL;
	}
	stk_source_info src = { 0 };
	src.format = frames > 1 ? STK_FORMAT_APNG : STK_FORMAT_PNG;
	src.bytes = 1000;
	stk_image_set_source(img, &src);
	return img;
}

/* Clears the corners of the art square make_image() draws `margin` px in. */
static void round_corners(stk_image *img, uint32_t margin)
{
	uint8_t *px = stk_image_frame_rgba(img, 0);
	uint32_t w = stk_image_width(img), h = stk_image_height(img);
	uint32_t xs[2] = { margin, w - 1 - margin }, ys[2] = { margin, h - 1 - margin };
	for (int i = 0; i < 4; i++)
		px[((size_t)ys[i / 2] * w + xs[i % 2]) * 4 + 3] = 0;
}

static stk__subject *add_image(stk__subject *s, const char *name, stk_image *img)
{
	stk_error err;
	if (stk__subject_init(s, name, name, &err) != STK_OK)
		return NULL;
	if (img)
		stk__subject_set_image(s, img);
	return s;
}

static stk__subject *loose(struct tcase *t, uint32_t w, uint32_t h)
{
	stk_error err;
	return add_image(stk__input_add_loose(&t->in, &err), "case.png",
	                 make_image(w, h, 1, 0, w > 4 ? 2 : 0, false, 1));
}

static stk__subject *loose_anim(struct tcase *t, uint32_t frames, uint32_t ms)
{
	stk_error err;
	return add_image(stk__input_add_loose(&t->in, &err), "case.png",
	                 make_image(16, 16, frames, ms, 2, false, 1));
}

/* ---- file checks ---- */

static void size_case(struct tcase *t, const stk__rule *r, bool bad)
{
	uint32_t n = (uint32_t)r->num, w = 8, h = 8;
	switch (r->ck->check) {
	case STK_CK_WIDTH: w = bad ? n + 1 : n; break;
	case STK_CK_HEIGHT: h = bad ? n + 1 : n; break;
	case STK_CK_MIN_WIDTH: w = bad ? n - 1 : n; break;
	case STK_CK_MAX_WIDTH: w = bad ? n + 1 : n; break;
	case STK_CK_MIN_HEIGHT: h = bad ? n - 1 : n; break;
	case STK_CK_MAX_HEIGHT: h = bad ? n + 1 : n; break;
	case STK_CK_ONE_SIDE: w = bad ? n - 1 : n; h = n - 1; break;
	case STK_CK_MIN_LONG_SIDE: w = h = bad ? n - 1 : n; break;
	case STK_CK_SQUARE: w = 16; h = (bad != (bool)r->num) ? 16 : 12; break;
	case STK_CK_EVEN_SIDES: w = (bad != (bool)r->num) ? 16 : 15; h = 16; break;
	case STK_CK_SIZES:
		if (sscanf(r->strs[0], "%ux%u", &w, &h) != 2)
			t->skip = "sizes entry is not WxH";
		w += bad;
		break;
	default: break;
	}
	if ((r->ck->check == STK_CK_MIN_WIDTH || r->ck->check == STK_CK_MIN_HEIGHT ||
	     r->ck->check == STK_CK_ONE_SIDE || r->ck->check == STK_CK_MIN_LONG_SIDE) && n < 2)
		t->skip = "a minimum below 2 cannot be broken";
	if (!t->skip)
		loose(t, w, h);
}

static void timing_case(struct tcase *t, const stk__rule *r, bool bad)
{
	double n = r->num;
	stk__subject *s;
	switch (r->ck->check) {
	case STK_CK_MIN_FRAME_DURATION:
	case STK_CK_MAX_FRAME_DURATION: {
		bool min = r->ck->check == STK_CK_MIN_FRAME_DURATION;
		if (min && n < 1) {
			t->skip = "a minimum of 0 cannot be broken";
			return;
		}
		s = loose_anim(t, 3, (uint32_t)n);
		if (bad)
			stk_image_set_frame_duration(s->img, 1, (uint32_t)(min ? n - 1 : n + 1));
		return;
	}
	case STK_CK_MIN_DURATION:
	case STK_CK_MAX_DURATION:
	case STK_CK_DURATIONS:
		s = loose_anim(t, 2, 40);
		if (r->ck->check == STK_CK_DURATIONS)
			n = r->nums[0];
		s->duration_ms = (uint64_t)n;
		if (bad)
			s->duration_ms = r->ck->check == STK_CK_MIN_DURATION ? (uint64_t)n - 1
			                                                     : (uint64_t)n + 7;
		return;
	case STK_CK_MIN_FRAMES:
	case STK_CK_MAX_FRAMES:
		s = loose_anim(t, 2, 40);
		s->frames = (uint32_t)n;
		if (bad)
			s->frames = r->ck->check == STK_CK_MIN_FRAMES ? (uint32_t)n - 1 : (uint32_t)n + 1;
		return;
	case STK_CK_MAX_FPS:
		s = loose_anim(t, 2, 40);
		s->fps = bad ? n + 1 : n;
		return;
	case STK_CK_FPS: {
		s = loose_anim(t, 2, 40);
		double v = r->nums[0];
		bool in = true;
		while (bad && in) {
			v += 1;
			in = false;
			for (size_t i = 0; i < r->n; i++)
				in = in || r->nums[i] == v;
		}
		s->fps = v;
		return;
	}
	default: break;
	}
}

static void plays_case(struct tcase *t, const stk__rule *r, bool bad)
{
	stk__subject *s = loose_anim(t, 2, 40);
	uint32_t n = (uint32_t)r->num;
	switch (r->ck->check) {
	case STK_CK_LOOP_FOREVER: s->plays = (bad != (bool)r->num) ? 0 : 1; break;
	case STK_CK_MIN_PLAYS:
		if (n < 2)
			t->skip = "min-plays below 2 cannot be broken (0 plays forever)";
		s->plays = bad ? n - 1 : n;
		break;
	case STK_CK_MAX_PLAYS: s->plays = bad ? n + 1 : (n ? n : 1); break;
	default:
		s->plays = 1;
		s->duration_ms = bad ? n + 1 : n;
		break;
	}
}

static int feature_bit(const char *name)
{
	for (unsigned b = 0; b < STK_TGS_FEATURE_COUNT; b++)
		if (strcasecmp(stk__tgs_feature_name(b), name) == 0)
			return (int)b;
	return -1;
}

static void container_case(struct tcase *t, const stk__rule *r, bool bad)
{
	stk__subject *s = loose_anim(t, 2, 40);
	if (r->ck->check == STK_CK_TGS_FEATURES) {
		s->tgs = calloc(1, sizeof *s->tgs);
		int b = feature_bit(r->strs[0]);
		if (b < 0)
			t->skip = "tgs-features names a feature the inspector does not know";
		else if (bad)
			s->tgs->features = 1u << b;
		return;
	}
	s->webm = calloc(1, sizeof *s->webm);
	if (r->ck->check == STK_CK_CODECS)
		snprintf(s->webm->video_codec, sizeof s->webm->video_codec, "%s",
		         bad ? "V_NOPE" : r->strs[0]);
	else
		s->webm->has_audio = bad != (bool)r->num;
}

static void exif_case(struct tcase *t, const stk__rule *r, bool bad)
{
	stk__subject *s = loose(t, 16, 16);
	stk_source_info src = *stk_image_source(s->img);
	src.format = STK_FORMAT_WEBP;
	stk_image_set_source(s->img, &src);
	stk_buf exif = { 0 };
	stk_error err;
	const char *emoji[] = { "\xf0\x9f\x98\x80" };
	stk_wa_metadata m = { NULL, "Pack", "Me", emoji, 1, NULL };
	if (stk_wa_exif_build(&m, &exif, &err) != STK_OK)
		t->skip = "cannot build EXIF";
	bool want = r->num != 0;
	stk_status st = STK_OK;
	if (r->ck->check == STK_CK_EXIF && (bad != want))
		st = stk_image_set_metadata(s->img, STK_META_EXIF, exif.data, exif.len, &err);
	if (r->ck->check == STK_CK_EXIF_VALID)
		st = stk_image_set_metadata(s->img, STK_META_EXIF,
		                            bad ? (const uint8_t *)"garbage!" : exif.data,
		                            bad ? 8 : exif.len, &err);
	if (st != STK_OK)
		t->skip = "cannot set EXIF";
	stk_buf_release(&exif);
}

static void art_case(struct tcase *t, const stk__rule *r, bool bad)
{
	stk_error err;
	stk__subject *s = stk__input_add_loose(&t->in, &err);
	uint32_t n = (uint32_t)r->num;
	bool v = r->num != 0;
	switch (r->ck->check) {
	case STK_CK_FIRST_FRAME_VISIBLE: {
		stk_image *img = make_image(64, 64, 1, 40, 8, false, 1);
		if (bad)
			memset(stk_image_frame_rgba(img, 0), 0, 64 * 64 * 4);
		add_image(s, "case.png", img);
		break;
	}
	case STK_CK_MIN_MARGIN:
		if (n < 1)
			t->skip = "a margin of 0 cannot be broken";
		add_image(s, "case.png", make_image(2 * n + 20, 2 * n + 20, 1, 0, bad ? n - 1 : n,
		                                    false, 1));
		break;
	case STK_CK_TRANSPARENT_BACKGROUND:
	case STK_CK_ALPHA:
	{
		stk_image *img = make_image(32, 32, 1, 0, 4, bad == v, 1);
		if (bad != v && r->ck->check == STK_CK_TRANSPARENT_BACKGROUND)
			round_corners(img, 4); /* a square's corners are its background */
		add_image(s, "case.png", img); /* the pixel facts are gathered here */
		break;
	}
	case STK_CK_CONSTANT_FRAME_DURATION:
		add_image(s, "case.png", make_image(16, 16, 3, 40, 2, false, 1));
		if (bad)
			stk_image_set_frame_duration(s->img, 1, 100);
		break;
	case STK_CK_FRAME_STEP:
		/* frames of two steps of n ms: a hold of three passes, one of
		 * three and a half does not */
		if (n < 8)
			t->skip = "too fine a step to offset by half";
		add_image(s, "case.png", make_image(16, 16, 3, 2 * n, 2, false, 1));
		stk_image_set_frame_duration(s->img, 1, bad ? 3 * n + n / 2 : 3 * n);
		break;
	case STK_CK_KEYFRAMES: {
		stk_image *img = make_image(16, 16, 3, 40, 2, false, 1);
		stk_source_info src = *stk_image_source(img);
		src.format = STK_FORMAT_WEBP;
		src.webp_kind = STK_WEBP_LOSSY;
		stk_image_set_source(img, &src);
		if (bad)
			stk__image_set_keyframe(img, 1, false);
		add_image(s, "case.webp", img);
		break;
	}
	default: break;
	}
}

static void file_case(struct tcase *t, const stk__rule *r, bool bad)
{
	stk__subject *s;
	switch (r->ck->check) {
	case STK_CK_FORMATS:
		s = loose(t, 8, 8);
		s->format = bad ? "nope" : r->strs[0];
		return;
	case STK_CK_EXTENSIONS: {
		s = loose(t, 8, 8);
		char name[64];
		snprintf(name, sizeof name, "x%s", bad ? ".nope" : r->strs[0]);
		free(s->name);
		s->name = strdup(name);
		return;
	}
	case STK_CK_FILE_NAMES: {
		/* A name the first pattern matches: a class gives its first
		 * character, a wildcard an "x". */
		char name[64];
		size_t n = 0;
		for (const char *c = r->strs[0]; *c && n + 2 < sizeof name; c++) {
			if (*c == '[') {
				name[n++] = c[1];
				c = strchr(c, ']') ? strchr(c, ']') : c;
			} else {
				name[n++] = *c == '*' || *c == '?' ? 'x' : *c;
			}
		}
		name[n] = '\0';
		s = loose(t, 8, 8);
		free(s->name);
		s->name = strdup(bad ? "nope.nope" : name);
		s->in_pack = true; /* names are judged in packs only */
		return;
	}
	case STK_CK_EXISTS:
		s = loose(t, 8, 8);
		s->missing = bad;
		s->role = r->pub.role;
		return;
	case STK_CK_MIN_BYTES:
	case STK_CK_MAX_BYTES:
		s = loose(t, 8, 8);
		s->bytes = (uint64_t)r->num;
		if (bad)
			s->bytes = r->ck->check == STK_CK_MIN_BYTES ? s->bytes - 1 : s->bytes + 1;
		if (r->ck->check == STK_CK_MIN_BYTES && r->num < 1)
			t->skip = "min-bytes 0 cannot be broken";
		return;
	case STK_CK_ANIMATED:
		s = bad != (bool)r->num ? loose_anim(t, 2, 40) : loose(t, 8, 8);
		return;
	case STK_CK_LOOP_FOREVER: case STK_CK_MIN_PLAYS: case STK_CK_MAX_PLAYS:
	case STK_CK_MAX_PLAY_TIME:
		plays_case(t, r, bad);
		return;
	case STK_CK_CODECS: case STK_CK_AUDIO: case STK_CK_TGS_FEATURES:
		container_case(t, r, bad);
		return;
	case STK_CK_EXIF: case STK_CK_EXIF_VALID:
		exif_case(t, r, bad);
		return;
	case STK_CK_FIRST_FRAME_VISIBLE: case STK_CK_MIN_MARGIN:
	case STK_CK_TRANSPARENT_BACKGROUND: case STK_CK_ALPHA:
	case STK_CK_CONSTANT_FRAME_DURATION: case STK_CK_FRAME_STEP: case STK_CK_KEYFRAMES:
		art_case(t, r, bad);
		return;
	case STK_CK_MIN_FRAME_DURATION: case STK_CK_MAX_FRAME_DURATION:
	case STK_CK_MIN_DURATION: case STK_CK_MAX_DURATION: case STK_CK_DURATIONS:
	case STK_CK_MIN_FRAMES: case STK_CK_MAX_FRAMES: case STK_CK_MAX_FPS: case STK_CK_FPS:
		timing_case(t, r, bad);
		return;
	default:
		size_case(t, r, bad);
		return;
	}
}

/* ---- field checks ---- */

static json_t *repeat(const char *unit, size_t n)
{
	size_t len = strlen(unit);
	char *buf = calloc(n * len + 1, 1);
	for (size_t i = 0; i < n; i++)
		memcpy(buf + i * len, unit, len);
	json_t *j = json_string(buf);
	free(buf);
	return j;
}

static json_t *field_value(struct tcase *t, const stk__rule *r, bool bad)
{
	size_t n = (size_t)r->num;
	char buf[512];
	switch (r->ck->check) {
	case STK_CK_REQUIRED: return json_string(bad ? "" : "x");
	case STK_CK_MIN_LENGTH:
		if (n < 1)
			t->skip = "min-length 0 cannot be broken";
		return repeat("a", bad && n ? n - 1 : n);
	case STK_CK_MAX_LENGTH: return repeat("a", bad ? n + 1 : n);
	case STK_CK_NOT_CONTAINS:
		snprintf(buf, sizeof buf, "a%sb", bad ? r->strs[0] : "");
		return json_string(buf);
	case STK_CK_ENDS_WITH:
		snprintf(buf, sizeof buf, "x%s", bad ? ".nope" : r->strs[0]);
		return json_string(buf);
	case STK_CK_URL:
		return json_string((bad != (bool)r->num) ? "https://example.com/x" : "ftp://x");
	case STK_CK_URL_HOSTS:
		snprintf(buf, sizeof buf, "https://%s/x", bad ? "example.invalid" : r->strs[0]);
		return json_string(buf);
	case STK_CK_EMAIL:
		return json_string((bad != (bool)r->num) ? "someone@example.com" : "someone at home");
	case STK_CK_MIN_COUNT:
	case STK_CK_MAX_COUNT: {
		if (r->ck->check == STK_CK_MIN_COUNT && n < 1)
			t->skip = "min-count 0 cannot be broken";
		size_t count = r->ck->check == STK_CK_MIN_COUNT ? (bad ? n - 1 : n)
		                                                : (bad ? n + 1 : n);
		json_t *a = json_array();
		for (size_t i = 0; i < count; i++)
			json_array_append_new(a, json_string("\xf0\x9f\x98\x80"));
		return a;
	}
	case STK_CK_PATTERN:
		t->skip = "a pattern rule needs \"examples\" with pass and fail values";
		return json_string("");
	default:
		return json_string("x");
	}
}

static void field_case(struct tcase *t, const stk_profile *p, const stk__rule *r, bool bad,
                       json_t *example)
{
	stk_error err;
	if (r->ck->check == STK_CK_KNOWN_FIELDS) {
		t->meta = json_object();
		json_object_set_new(t->meta, r->strs[0], json_string("x"));
		if (bad)
			json_object_set_new(t->meta, "zz_unknown", json_string("x"));
		return;
	}
	if (r->ck->check == STK_CK_UNIQUE) {
		const char *other = bad ? "same" : "other";
		bool pack_role = strcmp(r->pub.role, "pack") == 0;
		for (int i = 0; i < 2; i++) {
			json_t *m = json_object();
			json_object_set_new(m, r->pub.field, json_string(i ? other : "same"));
			if (pack_role) {
				stk__pack *pk = stk__input_add_pack(&t->in, i ? "b" : "a", &err);
				pk->meta = m;
				continue;
			}
			stk__pack *pk = t->in.n_packs ? &t->in.packs[0]
			                              : stk__input_add_pack(&t->in, "p", &err);
			stk__subject *s = add_image(stk__pack_add(pk, &err), i ? "b.png" : "a.png",
			                            NULL);
			s->meta = m;
			s->document = true;
			s->resolved = stk__profile_role(p, r->pub.role);
		}
		return;
	}
	t->meta = json_object();
	json_object_set_new(t->meta, r->pub.field,
	                    example ? json_incref(example) : field_value(t, r, bad));
}

/* ---- pack checks ---- */

static void pack_case(struct tcase *t, const stk_profile *p, const stk__rule *r, bool bad)
{
	stk_error err;
	stk__pack *pk = stk__input_add_pack(&t->in, "pack", &err);
	size_t n = 2;
	switch (r->ck->check) {
	case STK_CK_MIN_STICKERS:
		if (r->num < 1)
			t->skip = "min-stickers 0 cannot be broken";
		n = bad ? (size_t)r->num - 1 : (size_t)r->num;
		break;
	case STK_CK_MAX_STICKERS: n = bad ? (size_t)r->num + 1 : (size_t)r->num; break;
	case STK_CK_STICKER_COUNTS: {
		n = (size_t)r->nums[0];
		for (bool in = bad; in;) {
			n++;
			in = false;
			for (size_t i = 0; i < r->n; i++)
				in = in || r->nums[i] == (double)n;
		}
		break;
	}
	default: break;
	}
	for (size_t i = 0; i < n; i++) {
		bool anim = r->ck->check == STK_CK_NO_MIXING && bad && i == 1;
		unsigned seed = r->ck->check == STK_CK_NO_DUPLICATES && bad ? 7 : (unsigned)i + 1;
		add_image(stk__pack_add(pk, &err), i ? "b.png" : "a.png",
		          make_image(4, 4, anim ? 2 : 1, 40, 1, false, seed));
	}
	if (r->ck->check == STK_CK_HAS_ROLE && !bad) {
		pk->items[0].role = r->str;
		pk->items[0].resolved = stk__profile_role(p, r->str);
	}
}

/* ---- running one case ---- */

static bool fires(const stk_profile *p, const stk__rule *r, struct tcase *t, bool *ran)
{
	stk_report *rep = NULL;
	stk_error err;
	stk_validate_options opt;
	stk_validate_options_init(&opt);
	stk_error_init(&err);
	if (stk_report_new(p->id, &rep, &err) != STK_OK)
		return false;
	stk__ctx c = { p, rep, &opt };
	stk_status s = STK_OK;
	if (r->ck->check == STK_CK_UNIQUE || r->ck->scope == STK_SCOPE_PACK) {
		for (size_t i = 0; i < t->in.n_packs && s == STK_OK; i++)
			s = stk__check_pack(&c, &t->in.packs[i], &t->in, &err);
	} else if (r->ck->scope == STK_SCOPE_FIELD) {
		s = stk__check_field(&c, r, "case", t->meta, true, &err);
	} else if (r->ck->check == STK_CK_EXISTS) {
		s = stk__check_subject(&c, &t->in.loose[0], &err);
	} else if (t->in.n_loose) {
		s = stk__check_file(&c, r, &t->in.loose[0], &err);
	}
	*ran = s == STK_OK;
	if (s != STK_OK)
		tap_diag("%s: %s", r->pub.id, err.msg);
	bool hit = stk_report_has(rep, r->pub.id);
	stk_report_free(rep);
	return hit;
}

static void release_case(struct tcase *t)
{
	stk__input_release(&t->in);
	json_decref(t->meta);
	memset(t, 0, sizeof *t);
}

static void build(struct tcase *t, const stk_profile *p, const stk__rule *r, bool bad,
                  json_t *example)
{
	memset(t, 0, sizeof *t);
	if (r->ck->scope == STK_SCOPE_PACK)
		pack_case(t, p, r, bad);
	else if (r->ck->scope == STK_SCOPE_FIELD)
		field_case(t, p, r, bad, example);
	else
		file_case(t, r, bad);
}

/* One expectation: the rule fires on the bad case, not on the good one. */
static void expect(const stk_profile *p, const stk__rule *r, bool bad, json_t *example,
                   const char *what)
{
	struct tcase t;
	bool ran = false;
	build(&t, p, r, bad, example);
	if (t.skip) {
		ok(0, "%s: %s case: %s", r->pub.id, what, t.skip);
	} else {
		bool hit = fires(p, r, &t, &ran);
		ok(ran && hit == bad, "%s (%s): %s case %s", r->pub.id, r->ck->name, what,
		   bad ? "is reported" : "passes");
	}
	release_case(&t);
}

static void test_rule(const stk_profile *p, const stk__rule *r)
{
	if (r->ck->check == STK_CK_PATTERN && !(r->pass && r->fail)) {
		ok(0, "%s: a pattern rule needs examples to test", r->pub.id);
		return;
	}
	if (r->pass || r->fail) {
		for (size_t i = 0; i < json_array_size(r->pass); i++)
			expect(p, r, false, json_array_get(r->pass, i), "example");
		for (size_t i = 0; i < json_array_size(r->fail); i++)
			expect(p, r, true, json_array_get(r->fail, i), "example");
		if (r->ck->check == STK_CK_PATTERN)
			return;
	}
	expect(p, r, false, NULL, "good");
	expect(p, r, true, NULL, "bad");
}

static size_t test_profile(const char *path)
{
	stk_profile *p = NULL;
	stk_error err;
	stk_error_init(&err);
	if (!ok(stk_profile_load_file(path, &p, &err) == STK_OK, "%s loads strictly", path)) {
		tap_diag("%s: %s", err.file, err.msg);
		return 0;
	}
	for (size_t i = 0; i < p->n_rules; i++)
		test_rule(p, &p->rules[i]);
	size_t n = p->n_rules;
	stk_profile_free(p);
	return n;
}

int main(void)
{
	const char *src = getenv("STK_SOURCE_DIR");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/assets/profiles", src ? src : ".");
	DIR *dp = opendir(dir);
	size_t profiles = 0, rules = 0;
	struct dirent *de;
	while (dp && (de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		char path[4200];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		rules += test_profile(path);
		profiles++;
	}
	if (dp)
		closedir(dp);
	ok(profiles >= 10, "found the shipped profiles (%zu) in %s", profiles, dir);
	tap_diag("%zu rules in %zu profiles, each with a good and a bad case", rules, profiles);
	return done_testing();
}
