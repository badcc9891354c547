/* test-timing.c - timing rules: playback clamp, the duration policies,
 * minimum frame duration and frame-rate caps without drift, frame count
 * bounds, one play's duration from a list, and the frame-rate lever's
 * merge. */
#include "tap.h"
#include "convert_internal.h"

/* 360 frames of 33/34 ms = 12000 ms, as the corpus's 12 s file. */
static void thirty_fps(uint32_t *ms, uint32_t n)
{
	stk__timeline t = { 0, 0 };
	for (uint32_t i = 0; i < n; i++)
		ms[i] = stk__timeline_next(&t, 1000.0 / 30);
}

static uint64_t total(const stk__timing *t)
{
	uint64_t sum = 0;
	for (uint32_t i = 0; i < t->n; i++)
		sum += t->f[i].ms;
	return sum;
}

static uint32_t shortest(const stk__timing *t)
{
	uint32_t min = UINT32_MAX;
	for (uint32_t i = 0; i < t->n; i++)
		min = t->f[i].ms < min ? t->f[i].ms : min;
	return min;
}

static bool increasing(const stk__timing *t)
{
	for (uint32_t i = 1; i < t->n; i++)
		if (t->f[i].src <= t->f[i - 1].src)
			return false;
	return t->n == 0 || t->f[0].src == 0;
}

static stk__timing_rules whatsapp(stk_duration_policy p)
{
	stk__timing_rules r = { 8, 10000, p, 0, 0, 0, true, NULL, 0 };
	return r;
}

static void test_policies(void)
{
	uint32_t ms[360];
	stk__timing t;
	stk_error err;
	thirty_fps(ms, 360);
	stk_error_init(&err);

	stk__timing_rules r = whatsapp(STK_DURATION_FAIL);
	is_int(stk__timing_plan(ms, 360, &r, &t, &err), STK_ERR_LIMIT, "12 s under fail: refused");
	ok(strstr(err.msg, "12000 ms") && strstr(err.msg, "10000 ms") &&
	   strstr(err.msg, "--duration-policy"), "message names both durations and the option: %s",
	   err.msg);

	r = whatsapp(STK_DURATION_SPEEDUP);
	is_int(stk__timing_plan(ms, 360, &r, &t, &err), STK_OK, "speedup");
	is_int(total(&t), 10000, "speedup: exactly 10000 ms");
	is_int(t.n, 360, "speedup: every frame kept");
	ok(shortest(&t) >= 27 && increasing(&t), "speedup: 27-28 ms frames in order");
	ok(strstr(t.note, "sped up 1.20x") != NULL, "speedup noted: %s", t.note);
	stk__timing_release(&t);

	r = whatsapp(STK_DURATION_TRIM);
	is_int(stk__timing_plan(ms, 360, &r, &t, &err), STK_OK, "trim");
	is_int(total(&t), 10000, "trim: exactly 10000 ms");
	is_int(t.n, 300, "trim: the first 300 frames");
	ok(t.f[299].src == 299 && strstr(t.note, "trimmed"), "trim noted: %s", t.note);
	stk__timing_release(&t);

	r = whatsapp(STK_DURATION_DROP_FRAMES);
	is_int(stk__timing_plan(ms, 360, &r, &t, &err), STK_OK, "drop-frames");
	ok(total(&t) <= 10000 && total(&t) >= 9900, "drop-frames: %llu ms, within the limit",
	   (unsigned long long)total(&t));
	ok(shortest(&t) >= 33 && increasing(&t), "drop-frames: durations kept, order kept");
	uint32_t gap = 0;
	for (uint32_t i = 1; i < t.n; i++)
		gap = t.f[i].src - t.f[i - 1].src > gap ? t.f[i].src - t.f[i - 1].src : gap;
	is_int(gap, 2, "drop-frames: dropped evenly (never two in a row)");
	stk__timing_release(&t);

	uint32_t fits[3] = { 100, 200, 300 };
	r = whatsapp(STK_DURATION_FAIL);
	is_int(stk__timing_plan(fits, 3, &r, &t, &err), STK_OK, "short animation passes");
	ok(t.n == 3 && t.note[0] == '\0', "nothing changed, nothing noted");
	stk__timing_release(&t);
}

static void test_short_frames(void)
{
	uint32_t ms[20];
	stk__timing t;
	stk_error err;
	for (int i = 0; i < 20; i++)
		ms[i] = 5;
	stk__timing_rules r = whatsapp(STK_DURATION_FAIL);
	is_int(stk__timing_plan(ms, 20, &r, &t, &err), STK_OK, "5 ms frames");
	is_int(total(&t), 2000, "5 ms frames play as 100 ms: 2000 ms, as browsers show them");
	ok(strstr(t.note, "as browsers play them") != NULL, "clamp noted: %s", t.note);
	stk__timing_release(&t);

	r.playback_clamp = false; /* a folder of frames at 200 fps means it */
	is_int(stk__timing_plan(ms, 20, &r, &t, &err), STK_OK, "5 ms frames, no clamp");
	is_int(total(&t), 100, "merged frames keep the timeline (100 ms)");
	ok(shortest(&t) >= 8, "no frame under 8 ms (shortest %u)", shortest(&t));
	is_int(t.n, 10, "10 frames of 10 ms");
	ok(increasing(&t) && strstr(t.note, "merged"), "merge noted: %s", t.note);
	stk__timing_release(&t);
}

static void test_fps_cap(void)
{
	uint32_t ms[30];
	stk__timing t;
	stk_error err;
	thirty_fps(ms, 30);
	stk__timing_rules r = { 8, 0, STK_DURATION_FAIL, 15, 0, 0, true, NULL, 0 };
	is_int(stk__timing_plan(ms, 30, &r, &t, &err), STK_OK, "cap 30 fps at 15");
	is_int(t.n, 15, "every other frame");
	is_int(total(&t), 1000, "1000 ms kept");
	ok(shortest(&t) >= 66, "66/67 ms frames, no drift (shortest %u)", shortest(&t));
	stk__timing_release(&t);

	r.max_fps = 30;
	is_int(stk__timing_plan(ms, 30, &r, &t, &err), STK_OK, "cap at the source's rate");
	ok(t.n == 30 && t.note[0] == '\0', "33/34 ms frames are 30 fps: nothing merged");
	stk__timing_release(&t);

	/* the lever: merge an existing plan */
	stk__timing plan, half;
	stk__timing_rules none = { 0 };
	is_int(stk__timing_plan(ms, 30, &none, &plan, &err), STK_OK, "plan");
	is_int(stk__timing_merge(&plan, 2000.0 / 30, 8, &half, &err), STK_OK, "merge to 15 fps");
	ok(half.n == 15 && total(&half) == 1000, "15 frames, 1000 ms");
	ok(stk__timing_fps(&half) > 14.9 && stk__timing_fps(&half) < 15.1, "15 fps (%.2f)",
	   stk__timing_fps(&half));
	stk__timing_release(&half);
	is_int(stk__timing_merge(&plan, 0, 0, &half, &err), STK_OK, "interval 0 copies");
	is_int(half.n, 30, "copy keeps every frame");
	stk__timing_release(&half);
	stk__timing_release(&plan);
}

static void test_frame_counts(void)
{
	uint32_t ms[24], two[2] = { 500, 500 };
	stk__timing t;
	stk_error err;
	for (int i = 0; i < 24; i++)
		ms[i] = 40;
	stk__timing_rules r = { 0, 4000, STK_DURATION_FAIL, 0, 5, 20, true, NULL, 0 };
	is_int(stk__timing_plan(ms, 24, &r, &t, &err), STK_OK, "24 frames, at most 20");
	is_int(t.n, 20, "20 frames");
	ok(increasing(&t), "in order, from frame 0");
	is_int(total(&t), 960, "duration kept");
	stk__timing_release(&t);
	is_int(stk__timing_plan(two, 2, &r, &t, &err), STK_OK, "2 frames, at least 5");
	is_int(t.n, 5, "5 frames");
	is_int(total(&t), 1000, "duration kept");
	ok(t.f[0].src == 0 && t.f[4].src == 1, "repeats show the same source frames");
	stk__timing_release(&t);
	is_int(stk__timing_plan(ms, 0, &r, &t, &err), STK_ERR_INVALID_ARG, "no frames refused");
}

static void test_varying(void)
{
	/* the corpus's varying delays: 2 5 10 20 50 100 150 8 3 30 70 200 cs */
	uint32_t ms[12] = { 20, 50, 100, 200, 500, 1000, 1500, 80, 30, 300, 700, 2000 };
	stk__timing t;
	stk_error err;
	stk__timing_rules r = whatsapp(STK_DURATION_FAIL);
	is_int(stk__timing_plan(ms, 12, &r, &t, &err), STK_OK, "varying delays");
	ok(t.n == 12 && total(&t) == 6480 && t.note[0] == '\0',
	   "the source's own timeline is kept when it fits");
	stk__timing_release(&t);
}

static void test_uniform(void)
{
	uint32_t ms[12] = { 20, 50, 100, 200, 500, 1000, 1500, 80, 30, 300, 700, 2000 };
	stk__timing in, out;
	stk__timing_rules none = { 0 };
	stk_error err;
	stk__timing_plan(ms, 12, &none, &in, &err);
	is_int(stk__timing_uniform(&in, 0, 8, false, &out, &err), STK_OK, "varying delays to one");
	ok(out.f[0].ms >= 20 && out.f[0].ms <= 50 && out.n <= 500, "%u frames of %u ms "
	   "(never 10 ms or less, which apps play as 100)", out.n, out.f[0].ms);
	uint32_t longest = 0;
	for (uint32_t i = 0; i < out.n; i++)
		longest = out.f[i].ms > longest ? out.f[i].ms : longest;
	is_int(longest, out.f[0].ms, "every frame the same");
	ok(total(&out) + out.f[0].ms / 2 >= 6480 && total(&out) <= 6480 + out.f[0].ms / 2,
	   "duration kept within half a frame (%llu)", (unsigned long long)total(&out));
	ok(out.f[0].src == 0 && out.f[out.n - 1].src == 11, "first and last frames shown");
	/* the 2000 ms hold at the end becomes repeats of the last frame */
	ok(out.f[out.n - 2].src == 11, "holds are repeated frames");
	ok(strstr(out.note, "every frame") != NULL, "noted: %s", out.note);
	stk__timing_release(&out);
	stk__timing_release(&in);

	uint32_t fps24[24];
	stk__timeline tl = { 0, 0 };
	for (int i = 0; i < 24; i++)
		fps24[i] = stk__timeline_next(&tl, 1000.0 / 24);
	stk__timing_plan(fps24, 24, &none, &in, &err);
	is_int(stk__timing_uniform(&in, 0, 8, false, &out, &err), STK_OK, "24 fps");
	ok(out.n == 24 && total(&out) == 1000 && out.note[0] == '\0',
	   "41/42 ms frames are one duration already: unchanged");
	stk__timing_release(&out);
	is_int(stk__timing_uniform(&in, 125, 8, false, &out, &err), STK_OK, "to 8 fps");
	ok(out.n == 8 && out.f[0].ms == 125 && out.f[1].src == 3, "8 frames of 125 ms, frame 3 "
	   "second");
	stk__timing_release(&out);
	stk__timing_release(&in);

	/* GIF delays sharing a 50 ms step keep every boundary exactly */
	uint32_t cs[4] = { 100, 250, 50, 600 };
	stk__timing_plan(cs, 4, &none, &in, &err);
	is_int(stk__timing_uniform(&in, 0, 8, false, &out, &err), STK_OK, "50 ms steps");
	ok(out.f[0].ms == 50 && out.n == 20 && out.f[2].src == 1 && out.f[7].src == 2 &&
	   out.f[8].src == 3, "every frame 50 ms, boundaries exact");
	stk__timing_release(&out);
	/* with holds merged: the same grid, one frame per hold */
	is_int(stk__timing_uniform(&in, 0, 8, true, &out, &err), STK_OK, "50 ms steps, merged");
	ok(out.n == 4 && out.f[0].ms == 100 && out.f[1].ms == 250 && out.f[2].ms == 50 &&
	   out.f[3].ms == 600 && out.f[3].src == 3, "holds are one frame of whole steps");
	ok(out.step_ms == 50 && stk__timing_fps(&out) == 20, "the rate is the step's (%g fps)",
	   stk__timing_fps(&out));
	stk__timing_release(&out);
	stk__timing_release(&in);

	/* varying delays merged: every frame a whole number of one step */
	stk__timing_plan(ms, 12, &none, &in, &err);
	is_int(stk__timing_uniform(&in, 0, 8, true, &out, &err), STK_OK, "varying, merged");
	bool whole = out.n >= 10 && out.n <= 12;
	for (uint32_t i = 0; whole && i < out.n; i++)
		whole = out.f[i].ms % out.step_ms == 0 && (i == 0 || out.f[i].src != out.f[i - 1].src);
	ok(whole && total(&out) + out.step_ms / 2 >= 6480 && total(&out) <= 6480 + out.step_ms / 2,
	   "%u frames, each whole %u ms steps, %llu ms", out.n, out.step_ms,
	   (unsigned long long)total(&out));
	ok(strstr(out.note, "whole") != NULL, "noted: %s", out.note);
	stk__timing_release(&out);
	stk__timing_release(&in);
}

/* One play's duration from a list (LINE: whole seconds): scaled to the
 * nearest by ratio, exactly, before frames are merged or counted. */
static void test_durations(void)
{
	static const uint32_t line[] = { 1000, 2000, 3000, 4000 };
	uint32_t ms[11];
	stk__timing t;
	stk_error err;
	for (int i = 0; i < 11; i++)
		ms[i] = 200;
	stk__timing_rules r = { 0, 4000, STK_DURATION_FAIL, 0, 5, 20, true, line, 4 };
	is_int(stk__timing_plan(ms, 11, &r, &t, &err), STK_OK, "2200 ms, whole seconds wanted");
	is_int(total(&t), 2000, "played in 2000 ms");
	ok(t.n == 11 && shortest(&t) >= 181, "11 frames of 181/182 ms (shortest %u)",
	   shortest(&t));
	ok(strstr(t.note, "2000 ms") && strstr(t.note, "2200 ms"), "noted: %s", t.note);
	stk__timing_release(&t);

	for (int i = 0; i < 11; i++)
		ms[i] = 140; /* 1540 ms: nearer 2000 than 1000 by ratio */
	is_int(stk__timing_plan(ms, 11, &r, &t, &err), STK_OK, "1540 ms");
	is_int(total(&t), 2000, "slowed to 2000 ms");
	stk__timing_release(&t);

	for (int i = 0; i < 10; i++)
		ms[i] = 100;
	is_int(stk__timing_plan(ms, 10, &r, &t, &err), STK_OK, "1000 ms");
	ok(total(&t) == 1000 && t.note[0] == '\0', "already allowed: unchanged");
	stk__timing_release(&t);
}

/* QIP's af.gif: 14 short frames, a 400 ms pose, three 0 ms frames and a
 * 1 s final hold.  Dropping frames to 3 s must come close to 3 s: keeping
 * to the line by whole frames used to drop the 400 ms and 1000 ms holds
 * and leave 2100 ms. */
static void test_drop_holds(void)
{
	uint32_t ms[23] = { 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
	                    400, 100, 100, 100, 300, 0, 0, 0, 1000 };
	stk__timing t;
	stk_error err;
	stk_error_init(&err);
	stk__timing_rules r = { 0, 3000, STK_DURATION_DROP_FRAMES, 0, 0, 0, true, NULL, 0 };
	is_int(stk__timing_plan(ms, 23, &r, &t, &err), STK_OK, "drop-frames with holds");
	ok(total(&t) <= 3000 && total(&t) >= 2880, "%llu ms of the 3000 allowed",
	   (unsigned long long)total(&t));
	ok(t.n > 1 && t.f[t.n - 1].src == 22, "the final hold kept (last frame shows %u)",
	   t.n ? t.f[t.n - 1].src : 0);
	ok(increasing(&t), "order kept");
	stk__timing_release(&t);
}

int main(void)
{
	test_policies();
	test_drop_holds();
	test_short_frames();
	test_fps_cap();
	test_frame_counts();
	test_varying();
	test_uniform();
	test_durations();
	return done_testing();
}
