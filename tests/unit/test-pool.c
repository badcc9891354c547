/* test-pool.c - the thread pool (core/pool.c) and the content hash
 * (core/hash.c). */
#include <pthread.h>
#include "tap.h"
#include "internal.h"

struct work {
	int out[200];
	int fail_at;
	int ran;
	pthread_mutex_t lock;
	int stop_after;
};

static stk_status square(void *user, size_t i, stk_error *err)
{
	struct work *w = user;
	pthread_mutex_lock(&w->lock);
	w->ran++;
	pthread_mutex_unlock(&w->lock);
	if ((int)i == w->fail_at)
		return stk__fail(err, STK_ERR_ENCODE, "task %zu failed", i);
	w->out[i] = (int)(i * i);
	return STK_OK;
}

static bool stop(void *user)
{
	struct work *w = user;
	pthread_mutex_lock(&w->lock);
	bool s = w->ran >= w->stop_after;
	pthread_mutex_unlock(&w->lock);
	return s;
}

int main(void)
{
	for (unsigned t = 1; t <= 4; t++) {
		struct work w = { .fail_at = -1 };
		pthread_mutex_init(&w.lock, NULL);
		stk_error err;
		stk_error_init(&err);
		is_int(stk__pool_run(200, t, square, &w, NULL, NULL, &err), STK_OK, "%u threads run", t);
		int right = 0;
		for (int i = 0; i < 200; i++)
			right += w.out[i] == i * i;
		is_int(right, 200, "%u threads: every task, each once, in its own slot", t);
		is_int(w.ran, 200, "%u threads: 200 runs", t);
		pthread_mutex_destroy(&w.lock);
	}
	struct work w = { .fail_at = 5 };
	pthread_mutex_init(&w.lock, NULL);
	stk_error err;
	stk_error_init(&err);
	is_int(stk__pool_run(200, 2, square, &w, NULL, NULL, &err), STK_ERR_ENCODE, "a failure stops the run");
	is_str(err.msg, "task 5 failed", "with its error");
	ok(w.ran < 200, "later tasks do not start (%d ran)", w.ran);
	struct work c = { .fail_at = -1, .stop_after = 10 };
	pthread_mutex_init(&c.lock, NULL);
	is_int(stk__pool_run(200, 2, square, &c, stop, &c, &err), STK_ERR_CANCELLED, "cancelled");
	ok(c.ran >= 10 && c.ran < 200, "cancel stops new tasks (%d ran)", c.ran);
	is_int(stk__pool_run(0, 4, square, &c, NULL, NULL, &err), STK_OK, "no tasks");

	char a[33], b[33], d[33];
	stk__hash h;
	stk__hash_init(&h);
	stk__hash_str(&h, "ab");
	stk__hash_str(&h, "c");
	stk__hash_hex(&h, a);
	stk__hash_init(&h);
	stk__hash_str(&h, "a");
	stk__hash_str(&h, "bc");
	stk__hash_hex(&h, b);
	ok(strcmp(a, b) != 0, "strings are hashed with their lengths");
	stk__hash_init(&h);
	stk__hash_str(&h, "ab");
	stk__hash_str(&h, "c");
	stk__hash_hex(&h, d);
	is_str(a, d, "the same input, the same hash");
	is_int(strlen(a), 32, "32 hex digits");
	return done_testing();
}
