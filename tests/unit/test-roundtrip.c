/*
 * test-roundtrip.c - every still and animation of the corpus, decoded,
 * encoded losslessly (PNG/APNG, lossless WebP) and decoded again, keeps
 * its pixels, timing and play count exactly.  (GIF is not lossless for
 * art over 255 colours or with partial alpha; test-gif covers it.)
 */
#include "tap.h"
#include "corpus.h"
#include "internal.h"

/* Lossless WebP animation encoding merges identical consecutive frames
 * into one longer frame; compare timelines, not frame lists. */
static bool same_timeline(const stk_image *a, const stk_image *b, char *why, size_t n)
{
	size_t bytes = (size_t)stk_image_width(a) * stk_image_height(a) * 4;
	uint32_t i = 0, j = 0, na = stk_image_frame_count(a), nb = stk_image_frame_count(b);
	uint64_t ta = 0, tb = 0; /* end times of frames a[i], b[j] */
	if (stk_image_width(a) != stk_image_width(b) || stk_image_height(a) != stk_image_height(b)) {
		snprintf(why, n, "size changed");
		return false;
	}
	while (i < na && j < nb) {
		if (memcmp(stk_image_frame_rgba_const(a, i), stk_image_frame_rgba_const(b, j), bytes)) {
			snprintf(why, n, "pixels differ at frame %u/%u", i, j);
			return false;
		}
		uint64_t ea = ta + stk_image_frame_duration(a, i);
		uint64_t eb = tb + stk_image_frame_duration(b, j);
		if (ea <= eb) { ta = ea; i++; }
		if (eb <= ea) { tb = eb; j++; }
	}
	if (i != na || j != nb || ta != tb) {
		snprintf(why, n, "timelines differ (%u/%u frames, %llu/%llu ms)", na, nb,
		         (unsigned long long)ta, (unsigned long long)tb);
		return false;
	}
	return true;
}

static void roundtrip(const char *rel, const stk_image *img, stk_format fmt, bool lossless)
{
	stk_encode_options eo;
	stk_buf buf = { 0 };
	stk_image *back = NULL;
	stk_error err;
	char why[128] = "";
	stk_encode_options_init(&eo);
	eo.format = fmt;
	eo.lossless = lossless;
	eo.quality = 0;  /* lossless effort: fastest, still exact */
	eo.method = 0;
	stk_error_init(&err);
	stk_status s = stk_image_encode(img, &eo, &buf, &err);
	if (s == STK_OK)
		s = stk_image_decode(buf.data, buf.len, NULL, &back, &err);
	ok(s == STK_OK && same_timeline(img, back, why, sizeof why) &&
	   stk_image_plays(img) == stk_image_plays(back),
	   "%s via %s: %s%s", rel, stk_format_name(fmt),
	   s == STK_OK ? "exact" : err.msg, why[0] ? why : "");
	stk_image_free(back);
	stk_buf_release(&buf);
}

static bool check_row(const struct corpus_row *r, void *user)
{
	char rel[1024], path[2048];
	(void)user;
	/* Single frames of the frames folder add nothing over the folder. */
	if ((strcmp(r->kind, "static") && strcmp(r->kind, "animated")) ||
	    strstr(r->path, "frames_bounce_hamster/0"))
		return true;
	snprintf(rel, sizeof rel, "%s", r->path);
	size_t len = strlen(rel);
	if (len && rel[len - 1] == '/')
		rel[len - 1] = '\0';
	stk_image *img = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk_image_load(corpus_path(path, sizeof path, rel), NULL, &img, &err) != STK_OK) {
		ok(0, "%s loads: %s", rel, err.msg);
		return true;
	}
	/* Keep the suite quick (it runs under ASan too): the large
	 * animations are covered by the benchmarks and the codecs' tests. */
	uint64_t px = (uint64_t)stk_image_width(img) * stk_image_height(img) *
	              stk_image_frame_count(img);
	if (px > 10000000) {
		ok(1, "%s # SKIP %.0f megapixel-frames, over the suite's budget", rel, px / 1e6);
		stk_image_free(img);
		return true;
	}
	roundtrip(rel, img, STK_FORMAT_PNG, false);
	roundtrip(rel, img, STK_FORMAT_WEBP, true);
	stk_image_free(img);
	return true;
}

int main(void)
{
	if (corpus_each(check_row, NULL) < 0)
		ok(0, "MANIFEST.tsv readable");
	return done_testing();
}
