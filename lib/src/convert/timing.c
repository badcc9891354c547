/*
 * timing.c - an animation's timing made to fit a store's rules: frames of
 * 10 ms or less as browsers play them, the maximum duration by policy, one
 * play's duration from a list, frames merged up to the minimum duration or
 * frame rate, frame count bounds.  Works on durations only; the result
 * says which source frame each output frame shows and for how long.
 * Everything it changes is written in the plan's note: nothing happens
 * silently.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"

#define PLAYBACK_MIN_MS 10u   /* browsers and apps play frames <= 10 ms ... */
#define PLAYBACK_MS     100u  /* ... for 100 ms */
#define UNIFORM_MIN_MS  20    /* one frame duration: the grid's finest step ... */
#define UNIFORM_MAX_MS  50    /* ... and coarsest when the durations share none */
#define UNIFORM_MAX_FRAMES 500

void stk__timing_release(stk__timing *t)
{
	free(t->f);
	memset(t, 0, sizeof *t);
}

static stk_status timing_alloc(stk__timing *t, uint32_t n, stk_error *err)
{
	memset(t, 0, sizeof *t);
	t->f = calloc(n ? n : 1, sizeof *t->f);
	if (!t->f)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	return STK_OK;
}

static uint64_t total_of(const stk__timing *t)
{
	uint64_t sum = 0;
	for (uint32_t i = 0; i < t->n; i++)
		sum += t->f[i].ms;
	return sum;
}

/* Appends "; text" (or "text") to the note. */
static void note(stk__timing *t, const char *fmt, ...) STK_PRINTF(2, 3);
static void note(stk__timing *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	stk__note_append(t->note, sizeof t->note, fmt, ap);
	va_end(ap);
}

double stk__timing_fps(const stk__timing *t)
{
	uint64_t total = total_of(t);
	if (t->step_ms)
		return 1000.0 / t->step_ms;
	return total ? t->n * 1000.0 / (double)total : 0;
}

uint32_t stk__timing_played_ms(uint32_t ms, bool clamp)
{
	return clamp && ms <= PLAYBACK_MIN_MS ? PLAYBACK_MS : ms;
}

/* Frames of <= 10 ms last 100 ms in browsers and apps: keep what people saw. */
static void clamp_playback(stk__timing *t)
{
	uint32_t clamped = 0;
	for (uint32_t i = 0; i < t->n; i++)
		if (t->f[i].ms <= PLAYBACK_MIN_MS) {
			t->f[i].ms = PLAYBACK_MS;
			clamped++;
		}
	if (clamped)
		note(t, "%u frame%s of <= %u ms set to %u ms, as browsers play them", clamped,
		     clamped == 1 ? "" : "s", PLAYBACK_MIN_MS, PLAYBACK_MS);
}

static void speedup(stk__timing *t, uint64_t total, uint32_t max)
{
	double k = (double)max / (double)total;
	stk__timeline tl = { 0, 0 };
	for (uint32_t i = 0; i < t->n; i++)
		t->f[i].ms = stk__timeline_next(&tl, t->f[i].ms * k);
	note(t, "sped up %.2fx to fit %u ms (was %llu ms)", 1 / k, max,
	     (unsigned long long)total);
}

static void trim(stk__timing *t, uint64_t total, uint32_t max)
{
	uint64_t start = 0;
	uint32_t n = 0, was = t->n;
	while (n < t->n && start < max) {
		if (start + t->f[n].ms > max)
			t->f[n].ms = (uint32_t)(max - start);
		start += t->f[n++].ms;
	}
	t->n = n;
	note(t, "trimmed at %u ms (was %llu ms): %u of %u frames kept", max,
	     (unsigned long long)total, n, was);
}

/* Whether kept frame i has a dropped frame next to it. */
static bool by_a_gap(const stk__timing *t, uint32_t n, uint32_t i)
{
	return t->f[i].src > t->f[i - 1].src + 1 || (i + 1 < n && t->f[i + 1].src > t->f[i].src + 1);
}

/* Whether dropping kept frame i is better than dropping kept frame j to
 * cut `excess` ms: long enough beats too short; then the least time lost
 * (the shortest long-enough frame, or the longest of too-short ones);
 * then one with no dropped neighbour, so no two drops are adjacent. */
static bool better_drop(const stk__timing *t, uint32_t n, uint32_t i, uint32_t j,
                        uint64_t excess)
{
	uint32_t a = t->f[i].ms, b = t->f[j].ms;
	bool ea = a >= excess, eb = b >= excess;
	if (ea != eb)
		return ea;
	if (a != b)
		return ea ? a < b : a > b;
	return !by_a_gap(t, n, i) && by_a_gap(t, n, j);
}

/* The kept frame after frame 0 whose removal brings kept_ms under max with
 * the least time lost (then another goes too, if it was too short). */
static uint32_t frame_to_drop(const stk__timing *t, uint32_t n, uint64_t excess)
{
	uint32_t best = n - 1;
	for (uint32_t i = n - 1; i >= 1; i--)
		if (better_drop(t, n, i, best, excess))
			best = i;
	return best;
}

/* Keeps frame i when that brings the kept time closer to the line
 * total*ratio than leaving it out, so the dropped frames spread evenly and
 * a long hold is not lost for being long; then, if over the limit, drops
 * the kept frames that cost the least time.  Frame 0 always stays. */
static void drop_frames(stk__timing *t, uint64_t total, uint32_t max)
{
	double ratio = (double)max / (double)total;
	uint64_t end = 0, kept_ms = 0;
	uint32_t n = 0, was = t->n;
	for (uint32_t i = 0; i < t->n; i++) {
		end += t->f[i].ms;
		if (i == 0 || kept_ms + t->f[i].ms / 2.0 <= end * ratio) {
			kept_ms += t->f[i].ms;
			t->f[n++] = t->f[i];
		}
	}
	while (n > 1 && kept_ms > max) {
		uint32_t k = frame_to_drop(t, n, kept_ms - max);
		kept_ms -= t->f[k].ms;
		memmove(&t->f[k], &t->f[k + 1], (n - k - 1) * sizeof t->f[0]);
		n--;
	}
	if (kept_ms > max) /* one frame longer than the limit */
		t->f[0].ms = max;
	t->n = n;
	note(t, "dropped %u of %u frames evenly to fit %u ms (was %llu ms)", was - n, was, max,
	     (unsigned long long)total);
}

static stk_status apply_max_duration(stk__timing *t, const stk__timing_rules *r,
                                     stk_error *err)
{
	uint64_t total = total_of(t);
	if (!r->max_total_ms || total <= r->max_total_ms)
		return STK_OK;
	switch (r->policy) {
	case STK_DURATION_SPEEDUP: speedup(t, total, r->max_total_ms); break;
	case STK_DURATION_TRIM: trim(t, total, r->max_total_ms); break;
	case STK_DURATION_DROP_FRAMES: drop_frames(t, total, r->max_total_ms); break;
	case STK_DURATION_FAIL:
	default:
		return stk__fail(err, STK_ERR_LIMIT, "animation lasts %llu ms, over the %u ms "
		                 "limit (use --duration-policy speedup, trim or drop-frames)",
		                 (unsigned long long)total, r->max_total_ms);
	}
	return STK_OK;
}

/* Scales the timeline so one play lasts the allowed duration nearest the
 * total by ratio (ties: the longer, played slower): a 2.2 s animation
 * where whole seconds are allowed plays in 2 s. */
static void apply_durations(stk__timing *t, const stk__timing_rules *r)
{
	uint64_t total = total_of(t);
	uint32_t best = 0;
	double best_d = 0;
	if (!r->ndurations || !total)
		return;
	for (uint32_t i = 0; i < r->ndurations; i++) {
		uint32_t ms = r->durations[i];
		double d = ms ? fabs(log((double)ms / (double)total)) : INFINITY;
		if (ms && (!best || d < best_d - 1e-9 || (d <= best_d + 1e-9 && ms > best))) {
			best = ms;
			best_d = d;
		}
	}
	if (!best || best == total)
		return;
	double k = (double)best / (double)total;
	stk__timeline tl = { 0, 0 };
	for (uint32_t i = 0; i < t->n; i++)
		t->f[i].ms = stk__timeline_next(&tl, t->f[i].ms * k);
	note(t, "played in %u ms, a duration the store allows (was %llu ms)", best,
	     (unsigned long long)total);
}

/* Merges in place onto a grid `interval` ms apart: for each grid point
 * the frame starting nearest to it is kept (never one less than min_gap
 * ms after the last kept frame), and the grid restarts after long frames,
 * so rounding (33/34 ms frames) never drifts.  A kept frame lasts until
 * the next kept one starts: the total duration is unchanged.  A last
 * frame shorter than min_gap goes into the one before it. */
static void merge(stk__timing *t, double interval, uint32_t min_gap)
{
	uint64_t total = 0;
	for (uint32_t i = 0; i < t->n; i++)
		total += t->f[i].ms;
	uint64_t start = 0, kept_start = 0;
	double grid = interval;
	uint32_t n = 1;
	for (uint32_t i = 1; i < t->n; i++) {
		start += t->f[i - 1].ms;
		uint64_t next = start + t->f[i].ms;
		/* keep i unless the next frame (or the end) is nearer the grid point */
		if (fabs((double)next - grid) <= fabs((double)start - grid))
			continue;
		if ((double)start < grid - interval / 2 || start - kept_start < min_gap)
			continue;
		t->f[n - 1].ms = (uint32_t)(start - kept_start);
		t->f[n++] = t->f[i];
		kept_start = start;
		grid = ((double)start > grid ? (double)start : grid) + interval;
	}
	t->f[n - 1].ms = (uint32_t)(total - kept_start);
	if (n > 1 && t->f[n - 1].ms < min_gap) {
		t->f[n - 2].ms += t->f[n - 1].ms;
		n--;
	}
	t->n = n;
}

static bool any_shorter(const stk__timing *t, double interval)
{
	for (uint32_t i = 0; i < t->n; i++)
		if ((double)t->f[i].ms < interval - 0.5)
			return true;
	return false;
}

static void apply_min_interval(stk__timing *t, const stk__timing_rules *r)
{
	double interval = r->min_frame_ms;
	if (r->max_fps > 0 && 1000.0 / r->max_fps > interval)
		interval = 1000.0 / r->max_fps;
	if (interval <= 0 || !any_shorter(t, interval))
		return;
	uint32_t was = t->n;
	merge(t, interval, r->min_frame_ms);
	if (r->max_fps > 0 && 1000.0 / r->max_fps >= r->min_frame_ms)
		note(t, "frame rate capped at %g fps: %u of %u frames kept", r->max_fps, t->n, was);
	else
		note(t, "frames shorter than %u ms merged: %u of %u frames kept", r->min_frame_ms,
		     t->n, was);
}

/* Keeps `max` frames spread evenly by index; each lasts until the next
 * kept one, so the total is unchanged. */
static void apply_max_frames(stk__timing *t, uint32_t max)
{
	if (!max || t->n <= max)
		return;
	uint32_t was = t->n;
	for (uint32_t k = 0; k < max; k++) {
		uint32_t from = (uint32_t)((uint64_t)k * was / max);
		uint32_t to = (uint32_t)((uint64_t)(k + 1) * was / max);
		uint32_t ms = 0;
		for (uint32_t i = from; i < to; i++)
			ms += t->f[i].ms;
		t->f[k] = (stk__tframe){ t->f[from].src, ms };
	}
	t->n = max;
	note(t, "at most %u frames: %u of %u kept", max, t->n, was);
}

/* Splits the longest frame in two (both halves show the same source frame)
 * until there are min frames, as long as halves stay >= min_ms. */
static stk_status apply_min_frames(stk__timing *t, uint32_t min, uint32_t min_ms,
                                   stk_error *err)
{
	if (!min || t->n >= min)
		return STK_OK;
	uint32_t was = t->n;
	stk__tframe *f = realloc(t->f, min * sizeof *f);
	if (!f)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	t->f = f;
	while (t->n < min) {
		uint32_t longest = 0;
		for (uint32_t i = 1; i < t->n; i++)
			if (f[i].ms > f[longest].ms)
				longest = i;
		uint32_t half = f[longest].ms / 2;
		if (half < 1 || half < min_ms)
			break;
		memmove(&f[longest + 1], &f[longest], (t->n - longest) * sizeof *f);
		f[longest].ms = half;
		f[longest + 1].ms -= half;
		t->n++;
	}
	note(t, "at least %u frames: %u frame%s repeated", min, t->n - was,
	     t->n - was == 1 ? "" : "s");
	return STK_OK;
}

stk_status stk__timing_plan(const uint32_t *ms, uint32_t n, const stk__timing_rules *r,
                            stk__timing *out, stk_error *err)
{
	if (n == 0)
		return stk__fail(err, STK_ERR_INVALID_ARG, "no frames to time");
	STK_TRY(timing_alloc(out, n, err));
	for (uint32_t i = 0; i < n; i++)
		out->f[i] = (stk__tframe){ i, ms[i] };
	out->n = n;
	out->source_ms = total_of(out);
	if (r->playback_clamp)
		clamp_playback(out);
	stk_status s = apply_max_duration(out, r, err);
	if (s == STK_OK) {
		apply_durations(out, r);
		apply_min_interval(out, r);
		apply_max_frames(out, r->max_frames);
		s = apply_min_frames(out, r->min_frames, r->min_frame_ms, err);
	}
	if (s != STK_OK) {
		stk__timing_release(out);
		return s;
	}
	out->total_ms = total_of(out);
	return STK_OK;
}

stk_status stk__timing_merge(const stk__timing *in, double interval, uint32_t min_last,
                             stk__timing *out, stk_error *err)
{
	STK_TRY(timing_alloc(out, in->n, err));
	memcpy(out->f, in->f, in->n * sizeof *in->f);
	out->n = in->n;
	out->source_ms = in->source_ms;
	out->step_ms = in->step_ms; /* merged frames last whole steps too */
	memcpy(out->note, in->note, sizeof out->note);
	if (interval > 0)
		merge(out, interval, min_last);
	out->total_ms = total_of(out);
	return STK_OK;
}

/* The frame a time falls in. */
static uint32_t frame_at(const stk__timing *t, double time)
{
	double end = 0;
	for (uint32_t i = 0; i < t->n; i++) {
		end += t->f[i].ms;
		if (time < end)
			return i;
	}
	return t->n - 1;
}

/* Summed distance of the frame boundaries from the nearest multiple of d. */
static uint64_t boundary_error(const stk__timing *t, uint32_t d)
{
	uint64_t at = 0, sum = 0;
	for (uint32_t i = 0; i + 1 < t->n; i++) {
		at += t->f[i].ms;
		uint64_t r = at % d;
		sum += r < d - r ? r : d - r;
	}
	return sum;
}

/* The step for one frame duration: the durations' greatest common divisor
 * when it is at least UNIFORM_MIN_MS (every boundary kept exactly), else
 * the step from UNIFORM_MIN_MS to UNIFORM_MAX_MS (or from min_ms, if
 * coarser) whose grid lands nearest the boundaries; never 10 ms or less, which apps play as 100 ms, and never
 * more than UNIFORM_MAX_FRAMES frames (repeats cost ~40 bytes each). */
static double uniform_step(const stk__timing *t, uint64_t total, uint32_t min_ms)
{
	uint32_t g = 0, lo = min_ms > UNIFORM_MIN_MS ? min_ms : UNIFORM_MIN_MS;
	uint32_t hi = lo > UNIFORM_MAX_MS ? lo : UNIFORM_MAX_MS;
	for (uint32_t i = 0; i < t->n; i++)
		g = (uint32_t)stk__gcd(t->f[i].ms, g);
	uint32_t d = g;
	if (g < lo) {
		uint64_t best = UINT64_MAX;
		for (uint32_t k = lo; k <= hi; k++) {
			uint64_t e = boundary_error(t, k);
			if (e <= best) {
				best = e;
				d = k;
			}
		}
	}
	while (total / d > UNIFORM_MAX_FRAMES)
		d += g >= lo ? g : 1;
	return d;
}

/* Neighbours showing the same source frame become one frame lasting as
 * long as they did together. */
static uint32_t join_holds(stk__timing *t)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < t->n; i++) {
		if (n && t->f[n - 1].src == t->f[i].src)
			t->f[n - 1].ms += t->f[i].ms;
		else
			t->f[n++] = t->f[i];
	}
	return t->n = n;
}

stk_status stk__timing_uniform(const stk__timing *in, double frame_ms, uint32_t min_ms,
                               bool merge_holds, stk__timing *out, stk_error *err)
{
	uint64_t total = 0;
	uint32_t shortest = UINT32_MAX;
	for (uint32_t i = 0; i < in->n; i++) {
		total += in->f[i].ms;
		shortest = in->f[i].ms < shortest ? in->f[i].ms : shortest;
	}
	uint32_t longest = 0;
	for (uint32_t i = 0; i < in->n; i++)
		longest = in->f[i].ms > longest ? in->f[i].ms : longest;
	if (frame_ms <= 0 && longest <= shortest + 1) {
		/* already one duration, give or take the 1 ms of rounding that
		 * keeps 24 fps at 1000 ms (41/42 ms): nothing to change */
		return stk__timing_merge(in, 0, 0, out, err);
	}
	if (frame_ms <= 0)
		frame_ms = uniform_step(in, total, min_ms);
	if (frame_ms < min_ms)
		frame_ms = min_ms;
	/* whole milliseconds, never longer than the source: of the durations
	 * within 4% of frame_ms, the one whose frames come closest to the total
	 * (ties: the nearest to frame_ms) */
	uint32_t ms = 0, n = 0;
	uint64_t best_err = UINT64_MAX;
	uint32_t lo = (uint32_t)floor(frame_ms * 0.96), hi = (uint32_t)ceil(frame_ms * 1.04);
	for (uint32_t d = lo > min_ms ? lo : min_ms; d <= hi || !n; d++) {
		uint32_t k = d ? (uint32_t)(total / d) : 0;
		if (k == 0) {
			k = 1;
			d = (uint32_t)total > min_ms ? (uint32_t)total : min_ms;
		}
		uint64_t e = total > (uint64_t)k * d ? total - (uint64_t)k * d : (uint64_t)k * d - total;
		if (e < best_err || (e == best_err && fabs(d - frame_ms) < fabs(ms - frame_ms))) {
			best_err = e;
			ms = d;
			n = k;
		}
	}
	STK_TRY(timing_alloc(out, n, err));
	for (uint32_t k = 0; k < n; k++)
		out->f[k] = (stk__tframe){ in->f[frame_at(in, k * (double)ms + 0.5)].src, ms };
	out->n = n;
	out->source_ms = in->source_ms;
	out->total_ms = (uint64_t)n * ms;
	out->step_ms = ms;
	memcpy(out->note, in->note, sizeof out->note);
	bool same = in->n == n;
	for (uint32_t i = 0; same && i < n; i++)
		same = in->f[i].ms + 1 >= ms && in->f[i].ms <= ms + 1;
	if (merge_holds && join_holds(out) != n)
		note(out, "every frame whole %u ms steps (%u frames, %llu ms)", ms, out->n,
		     (unsigned long long)out->total_ms);
	else if (!same)
		note(out, "every frame %u ms (%u frames, %llu ms)", ms, n,
		     (unsigned long long)out->total_ms);
	return STK_OK;
}

stk_status stk__timing_for(const stk_convert_options *o, const stk__timing *in,
                           double frame_ms, stk__timing *out, stk_error *err)
{
	bool step = o->frame_timing == STK_FRAME_TIMING_STEP;
	uint32_t min_ms = o->min_frame_ms;
	if (step && o->min_step_ms > min_ms)
		min_ms = o->min_step_ms;
	return stk__timing_uniform(in, frame_ms, min_ms, step, out, err);
}
