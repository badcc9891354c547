/* test-budget.c - the budget search against fake size models: encodes
 * counted, never over budget, the best quality found, bisection on a
 * size cliff, the floor reported early, seeds not probed again. */
#include <math.h>
#include "tap.h"
#include "convert_internal.h"

/* A still-like size model: a fixed part plus a VP8 part growing with q
 * at libwebp's measured slopes, optionally with a cliff or jitter. */
struct model {
	double fixed, scale;
	double cliff_q, cliff_factor;  /* sizes from cliff_q up multiply */
	double jitter;                 /* +- fraction, deterministic in q */
	int calls;
	bool fail_at_second;
	double power;                  /* > 0: scale * (0.25 + linear_c)^power instead */
};

static double model_bytes(const struct model *m, double q)
{
	double y = m->power > 0 ? m->scale * pow(0.25 + stk__linear_c(q), m->power)
	                        : m->scale * stk__webp_size_shape(q);
	if (m->cliff_factor > 0 && q >= m->cliff_q)
		y *= m->cliff_factor;
	if (m->jitter > 0)
		y *= 1 + m->jitter * sin(q * 12.9898);
	return m->fixed + y;
}

static stk_status fake_probe(void *user, double q, stk_buf *out, uint64_t *fixed,
                             stk_error *err)
{
	struct model *m = user;
	m->calls++;
	if (m->fail_at_second && m->calls == 2)
		return stk__fail(err, STK_ERR_ENCODE, "fake encoder failure");
	size_t len = (size_t)model_bytes(m, q);
	out->data = calloc(1, len);
	out->len = len;
	out->data[0] = (uint8_t)q; /* which probe the kept bytes came from */
	*fixed = (uint64_t)m->fixed;
	return STK_OK;
}

/* The highest integer q whose size fits. */
static int true_best(const struct model *m, uint64_t budget)
{
	for (int q = 100; q >= 0; q--)
		if (model_bytes(m, q) <= budget)
			return q;
	return -1;
}

static void run_search(stk__search *s, struct model *m, uint64_t budget)
{
	stk_error err;
	stk_error_init(&err);
	stk__search_init(s, budget, 0, 100);
	s->probe = fake_probe;
	s->user = m;
	is_int(stk__search_run(s, &err), STK_OK, "search runs");
}

static void show(const stk__search *s)
{
	char line[512];
	size_t n = 0;
	for (int i = 0; i < s->n && n < sizeof line - 32; i++)
		n += (size_t)snprintf(line + n, sizeof line - n, " q%g:%llu", s->probes[i].q,
		                      (unsigned long long)s->probes[i].bytes);
	tap_diag("budget %llu, probes%s", (unsigned long long)s->budget, line);
}

static bool none_kept_over(const stk__search *s)
{
	return s->best < 0 || (s->out.len <= s->budget && s->out.len == s->probes[s->best].bytes &&
	                       s->out.data[0] == (uint8_t)s->probes[s->best].q);
}

static void test_ceiling_fits(void)
{
	struct model m = { 10000, 300, 0, 0, 0, 0, false, 0 };
	stk__search s;
	run_search(&s, &m, 100000);
	is_int(m.calls, 1, "ceiling fits: one encode");
	ok(s.best == 0 && s.probes[0].q == 100, "the ceiling is the answer");
	ok(none_kept_over(&s), "kept bytes are the fitting probe's");
	stk__search_release(&s);
}

/* Budgets from just above the floor to just below the ceiling, on size
 * curves that are not the search's own models (q100 5-25x q0, as WebP). */
static void smooth_family(double fixed, double scale, double power, const char *what)
{
	struct model m = { fixed, scale, 0, 0, 0, 0, false, power };
	double lo = model_bytes(&m, 2), hi = model_bytes(&m, 99);
	int worst = 0, total = 0, runs = 0, misses = 0, over = 0, far = 0;
	for (int i = 0; i < 40; i++) {
		uint64_t budget = (uint64_t)(lo * pow(hi / lo, i / 39.0));
		stk__search s;
		m.calls = 0;
		stk_error err;
		stk__search_init(&s, budget, 0, 100);
		s.probe = fake_probe;
		s.user = &m;
		if (stk__search_run(&s, &err) != STK_OK || s.best < 0) {
			misses++;
		} else {
			if (s.out.len > budget)
				over++;
			/* in the window, or within 2 of the best q there is */
			if (s.probes[s.best].bytes < s.window * budget &&
			    s.probes[s.best].q < true_best(&m, budget) - 2)
				far++;
		}
		worst = m.calls > worst ? m.calls : worst;
		total += m.calls;
		runs++;
		stk__search_release(&s);
	}
	is_int(misses, 0, "%s: every budget above the floor finds a fit", what);
	is_int(over, 0, "%s: never over budget", what);
	is_int(far, 0, "%s: results in the window or within 2 of the best quality", what);
	ok(worst <= 7, "%s: at most 7 encodes (got %d)", what, worst);
	ok((double)total / runs <= 4.5, "%s: mean encodes <= 4.5 (got %.2f)", what,
	   (double)total / runs);
	tap_diag("%s: mean %.2f, max %d encodes", what, (double)total / runs, worst);
}

static void test_smooth(void)
{
	smooth_family(12000, 2000, 0, "libwebp slopes, alpha 12 KB");
	smooth_family(12000, 60000, 1.4, "power 1.4, alpha 12 KB");
	smooth_family(0, 80000, 2.2, "power 2.2, opaque");
	smooth_family(30000, 20000, 0.8, "power 0.8, alpha-heavy");
}

/* Temporal noise makes sizes jump: a secant through the jump aims badly,
 * bisection must still find the best quality below it. */
static void test_cliff(void)
{
	struct model m = { 0, 3000, 62, 8, 0, 0, false, 0 };
	uint64_t budget = (uint64_t)(model_bytes(&m, 61) * 1.2);
	stk__search s;
	run_search(&s, &m, budget);
	ok(s.best >= 0, "a fit below the cliff");
	if (s.best >= 0)
		ok(s.probes[s.best].q >= 58 && s.probes[s.best].q <= 61,
		   "best q just under the cliff (got %g)", s.probes[s.best].q);
	ok(none_kept_over(&s), "never over budget across the cliff");
	ok(m.calls <= 7, "cliff: %d encodes", m.calls);
	show(&s);
	stk__search_release(&s);
}

static void test_jitter(void)
{
	struct model m = { 5000, 1500, 0, 0, 0.04, 0, false, 0 };
	int over = 0, misses = 0;
	for (uint64_t budget = 9000; budget < 40000; budget += 1777) {
		stk__search s;
		run_search(&s, &m, budget);
		over += s.best >= 0 && s.out.len > budget;
		misses += s.best < 0;
		stk__search_release(&s);
	}
	is_int(over, 0, "non-monotone sizes: never over budget");
	is_int(misses, 0, "non-monotone sizes: a fit is found");
}

static void test_floor(void)
{
	struct model m = { 50000, 3000, 0, 0, 0, 0, false, 0 };
	stk__search s;
	run_search(&s, &m, 40000);
	ok(s.best < 0 && s.floor, "fixed part over budget: floor, no fit");
	is_int(m.calls, 1, "floor seen after one encode (alpha alone is too big)");
	stk__search_release(&s);

	struct model m2 = { 1000, 30000, 0, 0, 0, 0, false, 0 };
	run_search(&s, &m2, 20000);
	ok(s.best < 0 && s.floor, "q0 over budget: floor");
	ok(s.probes[s.n - 1].q == 0, "the floor is confirmed by probing q_min");
	ok(m2.calls <= 3, "floor found in %d encodes", m2.calls);
	ok(s.smallest >= 0 && s.probes[s.smallest].q == 0, "smallest probe is the floor");
	stk__search_release(&s);
}

static void test_seed_and_errors(void)
{
	struct model m = { 0, 2000, 0, 0, 0, 0, false, 0 };
	stk__search s;
	stk_error err;
	stk__search_init(&s, (uint64_t)model_bytes(&m, 70), 0, 100);
	s.probe = fake_probe;
	s.user = &m;
	stk__search_seed(&s, 100, (uint64_t)model_bytes(&m, 100), 0);
	is_int(s.n, 1, "seed recorded");
	is_int(stk__search_run(&s, &err), STK_OK, "seeded search runs");
	bool reprobed = false;
	for (int i = 1; i < s.n; i++)
		reprobed |= s.probes[i].q == 100;
	ok(!reprobed, "a seeded quality is not probed again");
	ok(s.best >= 0 && (s.probes[s.best].q >= 68 || s.out.len >= s.window * s.budget),
	   "seeded search finds the fit");
	show(&s);
	stk__search_release(&s);

	struct model f = { 0, 50000, 0, 0, 0, 0, true, 0 };
	stk__search_init(&s, 10000, 0, 100);
	s.probe = fake_probe;
	s.user = &f;
	is_int(stk__search_run(&s, &err), STK_ERR_ENCODE, "encoder failure is returned");
	stk__search_release(&s);
}

static void test_shapes(void)
{
	ok(fabs(stk__linear_c(75) - 0.5) < 1e-12, "linear_c(75) = 0.5 (the knee)");
	ok(fabs(stk__linear_c(100) - 1.0) < 1e-12, "linear_c(100) = 1");
	ok(stk__webp_size_shape(90) / stk__webp_size_shape(75) > 1.5 &&
	   stk__webp_size_shape(90) / stk__webp_size_shape(75) < 1.8,
	   "size shape: q75 -> q90 is 1.5-1.8x (performance.md C.21, corpus)");
}

int main(void)
{
	test_ceiling_fits();
	test_smooth();
	test_cliff();
	test_jitter();
	test_floor();
	test_seed_and_errors();
	test_shapes();
	return done_testing();
}
