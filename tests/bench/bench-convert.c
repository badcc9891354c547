/*
 * bench-convert.c - one budgeted WebP encode by one method, for
 * bench-convert.py (not a test).  Prints one JSON line.
 *
 *   bench-convert q90 IN                 size of a lossy q90 m4 encode
 *   bench-convert METHOD IN BUDGET OUT   METHOD is one of
 *     ours     stk_convert_file() with the whatsapp profile's settings, but
 *              animations in sub-frames (--no-all-keyframes), the layout
 *              of the img2webp bisection
 *     ours-kf  the same with the profile's default, every frame a keyframe
 *              (animations only), the layout of the ladder's kmax=1
 *     ours-blend, ours-kf-blend
 *              the same with pixel art blended by Lanczos like everyone
 *              else's (--filter lanczos3), for pixel art only
 *     bisect   cwebp -q / img2webp -q bisection over 0..100, m4, stopping
 *              inside [0.93B, B] (performance.md anchor 3c)
 *     size6    cwebp -size B -pass 6 -m 4 (stills only; libwebp's own search)
 *     ladder   sticker-convert's ladder search (peers.md §b3-b4): 17 rungs
 *              of quality (power 5) and fps (power -0.3) moved together,
 *              5-6 whole exports, Pillow's settings (allow_mixed, kmax=1,
 *              method 4 + 2(100-q)/100, alpha_quality = q), frames
 *              resampled to a constant rate
 *
 * Every method's time runs from the file to the output bytes.  The
 * baselines decode the file, fit every frame to 512x512 (the same resize
 * engine and timing as ours: too long is trimmed to 10 s) and hold all
 * frames; the bisections then encode from those frames, and the ladder,
 * like sticker-convert, drops frames and resizes again on every attempt.
 * SSIM is computed the same way for all, outside the time: the output
 * decoded and compared with the prepared frames at 16 instants spread
 * over the animation (what a viewer sees then, so dropped frames count),
 * the worse of dark and light backgrounds, the mean.  The prepared frames
 * are those the method's own filter gives: where ours enlarges pixel art
 * by a whole number, pixel by pixel, it is scored against the source
 * enlarged that way, as every other method is against the source
 * enlarged by Lanczos; the -blend methods compare like with like.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <webp/encode.h>
#include <webp/mux.h>
#include "convert_internal.h"

#define WINDOW 0.93

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long peak_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void die(const char *what, const stk_error *err)
{
	char line[1200];
	fprintf(stderr, "bench-convert: %s: %s\n", what, err ? stk_error_format(err, line, sizeof line)
	                                                      : "failed");
	exit(1);
}

/* assets/profiles/whatsapp.json of this source tree: $STK_SOURCE_DIR, else
 * found from this file's own path (tests/bench/ under the root). */
static void profile_path(char *buf, size_t size)
{
	const char *root = getenv("STK_SOURCE_DIR");
	const char *me = __FILE__, *cut = strstr(me, "tests/bench/bench-convert.c");
	if (root && *root)
		snprintf(buf, size, "%s/assets/profiles/whatsapp.json", root);
	else
		snprintf(buf, size, "%.*sassets/profiles/whatsapp.json",
		         cut ? (int)(cut - me) : 0, me);
}

/* The whatsapp profile's settings, with the baselines' keyframes (as the
 * encoder chooses them), so every method encodes alike. */
static void whatsapp(stk_convert_options *o)
{
	char path[4096];
	stk_profile *p = NULL;
	stk_error err;
	stk_convert_options_init(o);
	profile_path(path, sizeof path);
	if (stk_profile_load_file(path, &p, &err) != STK_OK ||
	    stk_convert_options_profile(o, p, &err) != STK_OK)
		die(path, &err);
	stk_profile_free(p);
	o->duration_policy = STK_DURATION_TRIM;
	o->all_keyframes = false;
}

/* The source as decoded, timing planned as ours (too long: trimmed). */
static stk_image *load_timed(const char *path)
{
	stk_convert_options o;
	stk_image *raw = NULL, *img = NULL;
	stk_error err;
	whatsapp(&o);
	if (stk_image_load(path, NULL, &raw, &err) != STK_OK)
		die(path, &err);
	uint32_t n = stk_image_frame_count(raw);
	if (n == 1)
		return raw;
	uint32_t *ms = malloc(n * sizeof *ms);
	for (uint32_t i = 0; i < n; i++)
		ms[i] = stk_image_frame_duration(raw, i);
	stk__timing plan;
	stk__timing_rules r = { o.min_frame_ms, o.max_duration_ms, STK_DURATION_TRIM, 0, 0, 0,
	                        stk_image_source(raw)->format != STK_FORMAT_FRAMES_FOLDER,
	                        o.durations, o.ndurations };
	if (stk__timing_plan(ms, n, &r, &plan, &err) != STK_OK)
		die("timing", &err);
	if (stk_image_new(stk_image_width(raw), stk_image_height(raw), &img, &err) != STK_OK)
		die("image", &err);
	stk_image_set_plays(img, stk_image_plays(raw));
	for (uint32_t i = 0; i < plan.n; i++)
		if (stk_image_add_frame(img, stk_image_frame_rgba_const(raw, plan.f[i].src), 0,
		                        plan.f[i].ms, &err))
			die("frame", &err);
	stk__timing_release(&plan);
	free(ms);
	stk_image_free(raw);
	return img;
}

/* pixel: on a w x h canvas by a whole number, as convert enlarges pixel
 * art; else by the profile's filter (Lanczos). */
static stk_image *fit(const stk_image *raw, bool pixel, uint32_t w, uint32_t h)
{
	stk_convert_options o;
	stk_image *img = NULL;
	stk_error err;
	whatsapp(&o);
	if (pixel) {
		o.resize.filter = STK_FILTER_PIXEL;
		o.resize.mode = STK_SIZE_CANVAS;
		o.resize.width = w;
		o.resize.height = h;
	}
	if (stk_image_resize(raw, &o.resize, &img, &err) != STK_OK)
		die("resize", &err);
	return img;
}

/* The frames every baseline starts from (pixel: see fit()). */
static stk_image *prepare_as(const char *path, bool pixel, uint32_t w, uint32_t h)
{
	stk_image *raw = load_timed(path), *img = fit(raw, pixel, w, h);
	stk_image_free(raw);
	return img;
}

static stk_image *prepare(const char *path)
{
	return prepare_as(path, false, 0, 0);
}

/* ---- libwebp encodes ---- */

static void config(WebPConfig *c, float q, int method, int alpha_q)
{
	WebPConfigInit(c);
	c->quality = q;
	c->method = method;
	c->alpha_quality = alpha_q;
	c->thread_level = 0;
}

static void import(const stk_image *img, uint32_t i, WebPPicture *pic)
{
	WebPPictureInit(pic);
	pic->use_argb = 1;
	pic->width = (int)stk_image_width(img);
	pic->height = (int)stk_image_height(img);
	WebPPictureImportRGBA(pic, stk_image_frame_rgba_const(img, i), pic->width * 4);
}

static void encode_still(const stk_image *img, uint32_t i, const WebPConfig *c, stk_buf *out)
{
	WebPPicture pic;
	WebPMemoryWriter wr;
	import(img, i, &pic);
	WebPMemoryWriterInit(&wr);
	pic.writer = WebPMemoryWrite;
	pic.custom_ptr = &wr;
	if (!WebPEncode(c, &pic))
		die("WebPEncode", NULL);
	WebPPictureFree(&pic);
	out->data = wr.mem;
	out->len = wr.size;
}

/* Frames `idx` with durations `ms` through WebPAnimEncoder. */
static void encode_anim(const stk_image *img, const uint32_t *idx, const uint32_t *ms,
                        uint32_t n, const WebPConfig *c, const WebPAnimEncoderOptions *ao,
                        stk_buf *out)
{
	WebPAnimEncoder *enc = WebPAnimEncoderNew(512, 512, ao);
	WebPData data = { NULL, 0 };
	int ts = 0;
	for (uint32_t k = 0; k < n; k++) {
		WebPPicture pic;
		import(img, idx[k], &pic);
		if (!WebPAnimEncoderAdd(enc, &pic, ts, c))
			die("WebPAnimEncoderAdd", NULL);
		WebPPictureFree(&pic);
		ts += (int)ms[k];
	}
	if (!WebPAnimEncoderAdd(enc, NULL, ts, NULL) || !WebPAnimEncoderAssemble(enc, &data))
		die("WebPAnimEncoderAssemble", NULL);
	WebPAnimEncoderDelete(enc);
	out->data = malloc(data.size);
	memcpy(out->data, data.bytes, data.size);
	out->len = data.size;
	WebPDataClear(&data);
}

/* The image's own frames and timing. */
static void encode_timeline(const stk_image *img, const WebPConfig *c,
                            const WebPAnimEncoderOptions *ao, stk_buf *out)
{
	uint32_t n = stk_image_frame_count(img);
	if (n == 1) {
		encode_still(img, 0, c, out);
		return;
	}
	uint32_t *idx = malloc(n * sizeof *idx), *ms = malloc(n * sizeof *ms);
	for (uint32_t i = 0; i < n; i++) {
		idx[i] = i;
		ms[i] = stk_image_frame_duration(img, i);
	}
	encode_anim(img, idx, ms, n, c, ao, out);
	free(idx);
	free(ms);
}

/* ---- methods ---- */

struct result {
	stk_buf out;
	int encodes;
	double q;
	double fps;
	bool pixel;                 /* ours enlarged pixel art pixel by pixel */
	uint32_t w, h;              /* ours' canvas */
};

static void keep(struct result *r, stk_buf *b, double q, double fps, uint64_t budget)
{
	r->encodes++;
	if (b->len <= budget && b->len >= r->out.len) {
		stk_buf_release(&r->out);
		r->out = *b;
		r->q = q;
		r->fps = fps;
	} else {
		stk_buf_release(b);
	}
}

static void bisect(const stk_image *img, uint64_t budget, struct result *r)
{
	WebPAnimEncoderOptions ao;
	WebPAnimEncoderOptionsInit(&ao); /* img2webp's defaults: keyframes off */
	int lo = 0, hi = 100;
	while (lo <= hi) {
		int m = (lo + hi) / 2;
		WebPConfig c;
		stk_buf b;
		config(&c, (float)m, 4, 100);
		encode_timeline(img, &c, &ao, &b);
		size_t len = b.len;
		keep(r, &b, m, 0, budget);
		if (len <= budget) {
			if (len >= WINDOW * budget)
				break;
			lo = m + 1;
		} else {
			hi = m - 1;
		}
	}
}

static void size6(const stk_image *img, uint64_t budget, struct result *r)
{
	WebPConfig c;
	config(&c, 75, 4, 100);
	c.target_size = (int)budget;
	c.pass = 6;
	encode_still(img, 0, &c, &r->out); /* kept even when over: that is the point */
	r->encodes = 1;
	r->q = -1;
}

/* sticker-convert's get_step_value: index 0 is the best rung. */
static double step_value(double min, double max, double power, int idx, int steps)
{
	double s = (double)(steps - idx) / steps;
	return floor((max - min) * pow(s, 1 + power) + min + 0.5);
}

/* One attempt: frames dropped to the rung's rate, resized again, exported
 * (sticker-convert's frames_drop, frames_resize, frames_export). */
static void ladder_export(const stk_image *raw, int idx, stk_buf *out, double *q, double *fps)
{
	*q = step_value(0, 100, 5, idx, 16);
	*fps = step_value(1, 30, -0.3, idx, 16);
	WebPConfig c;
	config(&c, (float)*q, 4 + (int)(2 * (100 - *q) / 100), (int)*q);
	uint32_t n = stk_image_frame_count(raw);
	stk_image *dropped = NULL, *img;
	stk_error err;
	if (n == 1) {
		img = fit(raw, false, 0, 0);
		encode_still(img, 0, &c, out);
		stk_image_free(img);
		return;
	}
	/* the timeline resampled to a constant rate */
	uint64_t total = stk_image_duration(raw);
	uint32_t nout = (uint32_t)floor(total * *fps / 1000 + 0.5);
	nout = nout ? nout : 1;
	if (stk_image_new(stk_image_width(raw), stk_image_height(raw), &dropped, &err) != STK_OK)
		die("image", &err);
	for (uint32_t k = 0; k < nout; k++) {
		double t = (double)k * total / nout;
		uint64_t end = 0;
		uint32_t i = 0;
		while (i + 1 < n && (end += stk_image_frame_duration(raw, i)) <= t)
			i++;
		if (stk_image_add_frame(dropped, stk_image_frame_rgba_const(raw, i), 0,
		                        (uint32_t)(1000 / *fps), &err) != STK_OK)
			die("frame", &err);
	}
	img = fit(dropped, false, 0, 0);
	stk_image_free(dropped);
	WebPAnimEncoderOptions ao;
	WebPAnimEncoderOptionsInit(&ao);
	ao.allow_mixed = 1;
	ao.kmin = 0;
	ao.kmax = 1;
	encode_timeline(img, &c, &ao, out);
	stk_image_free(img);
}

/* peers.md §b3, exactly: bisection over rung indices, round half up, a
 * step already tried may be tried again. */
static void ladder(const stk_image *img, uint64_t budget, struct result *r)
{
	int lower = 0, upper = 16, cur = (lower + upper + 1) / 2;
	for (;;) {
		stk_buf b;
		double q, fps;
		ladder_export(img, cur, &b, &q, &fps);
		size_t len = b.len;
		keep(r, &b, q, fps, budget);
		if (upper - lower > 0 && cur != lower) {
			if (len <= budget)
				upper = cur;
			else
				lower = cur;
			cur = cur == lower + 1 ? lower : (lower + upper + 1) / 2;
		} else {
			break;
		}
	}
}

static void ours(const char *path, uint64_t budget, bool keyframes, bool blend,
                 struct result *r)
{
	stk_convert_options o;
	stk_convert_report rep;
	stk_error err;
	whatsapp(&o);
	o.all_keyframes = keyframes; /* the profile's default, as the ladder's kmax=1 */
	o.auto_pixel = !blend;
	o.max_bytes = o.max_bytes_anim = budget;
	o.measure_ssim = false; /* measured below, the same way for every method */
	stk_status s = stk_convert_file(path, NULL, &o, &r->out, &rep, &err);
	if (s != STK_OK && s != STK_ERR_BUDGET)
		die(path, &err);
	r->encodes = (int)rep.encodes;
	r->q = rep.lossless ? 101 : rep.quality;
	r->fps = rep.fps;
	r->pixel = rep.fitted && rep.filter == STK_FILTER_PIXEL;
	r->w = rep.width;
	r->h = rep.height;
}

/* ---- quality ---- */

/* The frame of img showing at time t. */
static uint32_t frame_at(const stk_image *img, double t)
{
	double end = 0;
	uint32_t n = stk_image_frame_count(img);
	for (uint32_t i = 0; i < n; i++) {
		end += stk_image_frame_duration(img, i);
		if (t < end)
			return i;
	}
	return n - 1;
}

/* At 16 instants spread over the animation, as stk__measure_ssim(). */
static double ssim_of(const stk_image *ref, const stk_buf *enc)
{
	stk_image *dec = NULL;
	stk_error err;
	if (!enc->len || stk_image_decode(enc->data, enc->len, NULL, &dec, &err) != STK_OK)
		return -1;
	uint64_t total = stk_image_frame_count(ref) > 1 ? stk_image_duration(ref) : 0;
	int samples = total ? 16 : 1;
	double sum = 0;
	for (int k = 0; k < samples; k++) {
		double t = (k + 0.5) * (double)total / samples;
		sum += stk__ssim_sticker(stk_image_frame_rgba_const(ref, total ? frame_at(ref, t) : 0),
		                         stk_image_frame_rgba_const(dec, total ? frame_at(dec, t) : 0),
		                         512, 512);
	}
	stk_image_free(dec);
	return sum / samples;
}

/* A lossy q90 m4 encode: its size and its time (one plain encode). */
static uint64_t q90(const stk_image *img, double *ms)
{
	WebPConfig c;
	WebPAnimEncoderOptions ao;
	stk_buf b;
	WebPAnimEncoderOptionsInit(&ao);
	config(&c, 90, 4, 100);
	double t0 = now_ms();
	encode_timeline(img, &c, &ao, &b);
	*ms = now_ms() - t0;
	uint64_t len = b.len;
	stk_buf_release(&b);
	return len;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "q90") == 0) {
		stk_image *img = prepare(argv[2]);
		double ms;
		uint64_t bytes = q90(img, &ms);
		printf("{\"q90\": %llu, \"ms\": %.1f, \"frames\": %u}\n", (unsigned long long)bytes,
		       ms, stk_image_frame_count(img));
		stk_image_free(img);
		return 0;
	}
	if (argc != 5) {
		fprintf(stderr, "usage: bench-convert q90 IN | "
		        "ours|ours-kf|ours-blend|ours-kf-blend|bisect|size6|ladder IN BUDGET OUT\n");
		return 2;
	}
	const char *method = argv[1], *path = argv[2];
	uint64_t budget = strtoull(argv[3], NULL, 10);
	struct result r = { { NULL, 0 }, 0, -1, 0, false, 0, 0 };
	stk_image *img = NULL;
	double t0 = now_ms(), ms;
	long rss;
	if (strncmp(method, "ours", 4) == 0) {
		ours(path, budget, strncmp(method, "ours-kf", 7) == 0, strstr(method, "-blend") != NULL,
		     &r);
	} else if (strcmp(method, "ladder") == 0) {
		stk_image *raw = load_timed(path);
		ladder(raw, budget, &r);
		stk_image_free(raw);
	} else {
		img = prepare(path);
		if (strcmp(method, "bisect") == 0)
			bisect(img, budget, &r);
		else if (strcmp(method, "size6") == 0)
			size6(img, budget, &r);
		else
			return 2;
	}
	ms = now_ms() - t0;
	rss = peak_kb();
	if (!img)
		img = prepare_as(path, r.pixel, r.w, r.h);
	double ssim = ssim_of(img, &r.out);
	stk_error err;
	if (r.out.len && stk_write_file_atomic(argv[4], r.out.data, r.out.len, &err) != STK_OK)
		die(argv[4], &err);
	printf("{\"method\": \"%s\", \"budget\": %llu, \"bytes\": %zu, \"fits\": %s, "
	       "\"encodes\": %d, \"ms\": %.1f, \"rss_kb\": %ld, \"ssim\": %.6f, \"q\": %g, "
	       "\"fps\": %.3g, \"filter\": \"%s\"}\n", method, (unsigned long long)budget,
	       r.out.len, r.out.len && r.out.len <= budget ? "true" : "false", r.encodes, ms, rss,
	       ssim, r.q, r.fps, r.pixel ? "pixel" : "lanczos3");
	stk_buf_release(&r.out);
	stk_image_free(img);
	return 0;
}
