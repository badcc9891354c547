/*
 * pool.c - a small thread pool: N tasks numbered 0..N-1 run on T threads
 * (the caller's thread is one of them).  Tasks are taken in order, so
 * with T = 1 the run is the plain loop; results go wherever the task puts
 * them by its index, which keeps output independent of T.  The first
 * failure, or the cancel callback saying so, stops new tasks from
 * starting; running ones finish.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

struct pool {
	pthread_mutex_t lock;
	size_t next, n;
	stk__task_fn *fn;
	void *user;
	bool (*cancelled)(void *);
	void *cancel_user;
	bool stop;
	stk_status status;
	stk_error err;
};

/* The next task to run, or false when there is none to start. */
static bool take(struct pool *p, size_t *index)
{
	pthread_mutex_lock(&p->lock);
	bool ok = !p->stop && p->next < p->n;
	if (ok && p->cancelled && p->cancelled(p->cancel_user)) {
		p->stop = true;
		if (p->status == STK_OK) {
			p->status = STK_ERR_CANCELLED;
			stk__fail(&p->err, STK_ERR_CANCELLED, "interrupted");
		}
		ok = false;
	}
	if (ok)
		*index = p->next++;
	pthread_mutex_unlock(&p->lock);
	return ok;
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	size_t i;
	while (take(p, &i)) {
		stk_error e;
		stk_error_init(&e);
		stk_status s = p->fn(p->user, i, &e);
		if (s != STK_OK) {
			pthread_mutex_lock(&p->lock);
			if (p->status == STK_OK) {
				p->status = s;
				p->err = e;
			}
			p->stop = true;
			pthread_mutex_unlock(&p->lock);
		}
	}
	return NULL;
}

stk_status stk__pool_run(size_t ntasks, unsigned threads, stk__task_fn *fn, void *user,
                         bool (*cancelled)(void *), void *cancel_user, stk_error *err)
{
	struct pool p;
	memset(&p, 0, sizeof p);
	pthread_mutex_init(&p.lock, NULL);
	p.n = ntasks;
	p.fn = fn;
	p.user = user;
	p.cancelled = cancelled;
	p.cancel_user = cancel_user;
	stk_error_init(&p.err);
	if (threads < 1)
		threads = 1;
	if (threads > ntasks)
		threads = ntasks ? (unsigned)ntasks : 1;
	pthread_t *tid = threads > 1 ? calloc(threads - 1, sizeof *tid) : NULL;
	unsigned started = 0;
	for (unsigned t = 0; tid && t + 1 < threads; t++) {
		if (pthread_create(&tid[t], NULL, worker, &p) != 0)
			break; /* fewer threads: slower, not wrong */
		started++;
	}
	worker(&p);
	for (unsigned t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	free(tid);
	pthread_mutex_destroy(&p.lock);
	if (p.status != STK_OK && err)
		*err = p.err;
	return p.status;
}

unsigned stk__cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}
