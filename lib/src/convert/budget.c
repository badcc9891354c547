/*
 * budget.c - the highest quality whose encoding fits a byte budget, in as
 * few encodes as we can (performance.md C.21-22 and "Implications" 1-4).
 *
 * Encodes are whole and expensive, so every one is kept: the best fitting
 * probe's bytes are the answer, with no final re-encode.  The search:
 *   1. probes q_first (the quality ceiling, or a calibrated guess);
 *   2. with only one side known, extrapolates with a size model
 *      (y = bytes - fixed part, proportional to `extrap`, whose exponent
 *      is refitted once two probes lie on the same side);
 *   3. with a bracket, interpolates y against `interp` (libwebp's
 *      linear_c for WebP: the fixed alpha plane taken out first) on a
 *      straight line in log-log space, exact for y = a * x^p, aiming at
 *      the middle of the accepted window [window*budget, budget];
 *   4. falls back to bisection when sizes are not monotone, when a probe
 *      lands far from its prediction (a size cliff, as temporal noise
 *      makes in animations), or when the bracket has not halved in two
 *      interpolation steps.
 * It stops on a fit inside the window, a fit at the ceiling, a bracket
 * narrower than q_step, a miss at q_min (the floor), or max_probes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"

#define CLIFF_ERROR 0.3   /* a probe this far off its prediction: stop trusting the model */
/* d ln(VP8 bytes)/dq below and above libwebp's knee at q75: performance.md
 * C.21 measured 0.009 and 0.027; on this corpus's 512x512 art 0.008-0.010
 * and 0.035 (0.075 on the noisy photo, which the refit learns). */
#define SLOPE_LOW  0.010
#define SLOPE_HIGH 0.035

double stk__linear_c(double q)
{
	return q < 75 ? (2.0 / 3.0) * q / 100 : 2 * q / 100 - 1;
}

double stk__webp_size_shape(double q)
{
	double below = q < 75 ? q : 75, above = q > 75 ? q - 75 : 0;
	return exp(SLOPE_LOW * below + SLOPE_HIGH * above);
}

/* linear_c is 0 at q 0, where sizes are not: the offset stands for the
 * bytes a q0 encode still makes (about a tenth of q100's). */
static double interp_default(void *user, double q) { (void)user; return stk__linear_c(q) + 0.1; }
static double extrap_default(void *user, double q) { (void)user; return stk__webp_size_shape(q); }

void stk__search_init(stk__search *s, uint64_t budget, double q_min, double q_max)
{
	memset(s, 0, sizeof *s);
	s->budget = budget;
	s->window = 0.93;
	s->q_min = q_min;
	s->q_max = q_max;
	s->q_first = q_max;
	s->q_step = 1;
	s->max_probes = 7;
	s->interp = interp_default;
	s->extrap = extrap_default;
	s->best = -1;
	s->smallest = -1;
}

void stk__search_release(stk__search *s)
{
	stk_buf_release(&s->out);
}

static bool fits(const stk__search *s, const stk__probe *p)
{
	return p->bytes <= s->budget;
}

static double y_of(const stk__probe *p)
{
	return (double)p->bytes - (double)p->fixed;
}

/* The lowest-q probe over budget above the best fit (the bracket's top). */
static int bracket_hi(const stk__search *s)
{
	int hi = -1;
	for (int i = 0; i < s->n; i++) {
		const stk__probe *p = &s->probes[i];
		if (fits(s, p) || (s->best >= 0 && p->q <= s->probes[s->best].q))
			continue;
		if (hi < 0 || p->q < s->probes[hi].q)
			hi = i;
	}
	return hi;
}

static bool probed(const stk__search *s, double q)
{
	for (int i = 0; i < s->n; i++)
		if (fabs(s->probes[i].q - q) < s->q_step * 0.5)
			return true;
	return false;
}

static double clampd(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static double snap(const stk__search *s, double q)
{
	return clampd(s->q_step * floor(q / s->q_step + 0.5), s->q_min, s->q_max);
}

/* q in [a, b] with f(q) = x, for f increasing. */
static double inverse(const stk__search *s, stk__shape_fn f, double x, double a, double b)
{
	if (x <= f(s->user, a))
		return a;
	if (x >= f(s->user, b))
		return b;
	for (int i = 0; i < 50; i++) {
		double m = (a + b) / 2;
		if (f(s->user, m) < x)
			a = m;
		else
			b = m;
	}
	return (a + b) / 2;
}

static double target_bytes(const stk__search *s)
{
	return s->budget * (1 + s->window) / 2;
}

static stk_status do_probe(stk__search *s, double q, stk_error *err)
{
	stk_buf buf = { 0 };
	uint64_t fixed = 0;
	STK_TRY(s->probe(s->user, q, &buf, &fixed, err));
	stk__probe *p = &s->probes[s->n];
	*p = (stk__probe){ q, buf.len, fixed };
	double predicted = s->predicted;
	s->cliff = predicted > 0 && fabs(y_of(p) - predicted) > CLIFF_ERROR * predicted;
	if (s->smallest < 0 || p->bytes < s->probes[s->smallest].bytes)
		s->smallest = s->n;
	if (fits(s, p) && (s->best < 0 || q > s->probes[s->best].q)) {
		stk_buf_release(&s->out);
		s->out = buf;
		s->best = s->n;
	} else {
		stk_buf_release(&buf);
	}
	s->n++;
	return STK_OK;
}

static bool done(stk__search *s)
{
	const stk__probe *lo = s->best >= 0 ? &s->probes[s->best] : NULL;
	int h = bracket_hi(s);
	const stk__probe *hi = h >= 0 ? &s->probes[h] : NULL;
	if (lo && (lo->bytes >= s->window * s->budget || lo->q >= s->q_max - 1e-9))
		return true;
	if (lo && hi && hi->q - lo->q <= s->q_step + 1e-9)
		return true;
	if (!lo && hi && (hi->q <= s->q_min + 1e-9 || hi->fixed >= s->budget)) {
		s->floor = true;
		return true;
	}
	return false;
}

/* Inside a bracket: interpolate (kept a tenth of the bracket away from
 * its ends), or bisect when the model has failed: a probe far from its
 * prediction, sizes not increasing, or a bracket that has not halved in
 * two steps (interpolation creeping along one end, as around a cliff). */
static double next_in_bracket(stk__search *s, const stk__probe *lo, const stk__probe *hi)
{
	double width = hi->q - lo->q, q = (lo->q + hi->q) / 2;
	double ylo = y_of(lo), yhi = y_of(hi);
	double xlo = s->interp(s->user, lo->q), xhi = s->interp(s->user, hi->q);
	double ty = target_bytes(s) - (double)(lo->fixed + hi->fixed) / 2;
	bool slow = s->widths[1] > 0 && width > s->widths[1] / 2;
	bool bisect = s->cliff || slow || yhi <= ylo || xhi <= xlo;
	s->widths[1] = s->widths[0];
	s->widths[0] = width;
	if (bisect) {
		s->predicted = 0;
		s->widths[0] = s->widths[1] = 0; /* judge the next two steps afresh */
		return q;
	}
	/* a straight line in log-log space: exact for y = a * x^p */
	double x = ylo > 0 && ty > 0
		? exp(log(xlo) + (log(ty) - log(ylo)) * (log(xhi) - log(xlo)) /
		      (log(yhi) - log(ylo)))
		: xlo + (ty - ylo) * (xhi - xlo) / (yhi - ylo);
	double margin = width / 10 > s->q_step ? width / 10 : s->q_step;
	q = inverse(s, s->interp, x, lo->q, hi->q);
	s->predicted = ty;
	return clampd(q, lo->q + margin, hi->q - margin);
}

/* One side known: y ~ extrap(q)^b through the nearest probe, with b
 * refitted from the two nearest when there are two. */
static double next_one_sided(stk__search *s, bool over)
{
	int a = -1, b = -1;
	for (int i = 0; i < s->n; i++) {
		const stk__probe *p = &s->probes[i];
		if (fits(s, p) == over)
			continue;
		/* nearest to the target side: lowest q when over, highest when under */
		if (a < 0 || (over ? p->q < s->probes[a].q : p->q > s->probes[a].q)) {
			b = a;
			a = i;
		} else if (b < 0 || (over ? p->q < s->probes[b].q : p->q > s->probes[b].q)) {
			b = i;
		}
	}
	const stk__probe *p = &s->probes[a];
	double ty = target_bytes(s) - (double)p->fixed;
	if (ty <= 0)
		return -1;
	double exponent = 1, lx = log(s->extrap(s->user, p->q));
	if (b >= 0) {
		const stk__probe *r = &s->probes[b];
		double dx = log(s->extrap(s->user, r->q)) - lx;
		if (fabs(dx) > 1e-6 && y_of(r) > 0 && y_of(p) > 0)
			exponent = clampd((log(y_of(r)) - log(y_of(p))) / dx, 0.3, 4);
	}
	double want = y_of(p) > 0 ? lx + (log(ty) - log(y_of(p))) / exponent : lx;
	/* one-sided guesses are rough by nature: no cliff is read into a miss */
	s->predicted = 0;
	return over ? inverse(s, s->extrap, exp(want), s->q_min, p->q)
	            : inverse(s, s->extrap, exp(want), p->q, s->q_max);
}

/* The next quality to probe, or -1 to stop. */
static double next_q(stk__search *s)
{
	int h = bracket_hi(s);
	const stk__probe *lo = s->best >= 0 ? &s->probes[s->best] : NULL;
	const stk__probe *hi = h >= 0 ? &s->probes[h] : NULL;
	double q;
	if (lo && hi) {
		q = next_in_bracket(s, lo, hi);
	} else {
		q = next_one_sided(s, hi != NULL);
		if (q < 0) {
			s->floor = !lo;
			return -1;
		}
		if (hi && q > hi->q - s->q_step)
			q = hi->q - s->q_step;
		if (lo && q < lo->q + s->q_step)
			q = lo->q + s->q_step;
	}
	q = snap(s, q);
	if (probed(s, q) && lo && hi) {
		q = snap(s, (lo->q + hi->q) / 2);
		s->predicted = 0;
	}
	if (probed(s, q) || q < s->q_min || q > s->q_max)
		return -1;
	return q;
}

void stk__search_seed(stk__search *s, double q, uint64_t bytes, uint64_t fixed)
{
	if (s->n >= STK__MAX_PROBES || bytes <= s->budget || q < s->q_min || q > s->q_max)
		return;
	s->probes[s->n++] = (stk__probe){ q, bytes, fixed };
	s->seeded++;
	if (s->smallest < 0 || bytes < s->probes[s->smallest].bytes)
		s->smallest = s->n - 1;
}

stk_status stk__search_run(stk__search *s, stk_error *err)
{
	int max = s->max_probes + s->seeded;
	if (max > STK__MAX_PROBES)
		max = STK__MAX_PROBES;
	if (s->n && done(s))
		return STK_OK;
	double q = s->n ? next_q(s) : snap(s, s->q_first);
	while (q >= 0 && s->n < max) {
		STK_TRY(do_probe(s, q, err));
		if (done(s))
			break;
		q = next_q(s);
	}
	return STK_OK;
}
