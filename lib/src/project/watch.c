/*
 * watch.c - stk_watcher over inotify.
 *
 * Every path is watched through a folder: a folder path through itself
 * (any event inside it counts), a file path through its parent, matching
 * the event's name with the file's.  inotify gives one watch descriptor
 * per folder, however often it is added, so paths keep the descriptor
 * they were matched under.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "preview_internal.h"
#include "stk/watch.h"

#ifdef __linux__
#include <errno.h>
#include <poll.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#define MASK (IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_TO | \
              IN_MOVED_FROM | IN_ATTRIB)
#define TICK_MS 100

struct entry {
	char *path;       /* as added */
	char *name;       /* the file's name in its folder; NULL for a folder path */
	int wd;
	bool changed;
};

struct stk_watcher {
	int fd;
	struct entry *e;
	size_t n, cap;
	const char **changed;
	size_t nchanged;
};

stk_status stk_watcher_new(stk_watcher **out, stk_error *err)
{
	stk_watcher *w = calloc(1, sizeof *w);
	if (!w)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		int e = errno;
		free(w);
		return stk__fail_errno(err, STK_ERR_IO, e, "cannot watch files (inotify)");
	}
	*out = w;
	return STK_OK;
}

void stk_watcher_free(stk_watcher *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++) {
		free(w->e[i].path);
		free(w->e[i].name);
	}
	free(w->e);
	free(w->changed);
	close(w->fd);
	free(w);
}

stk_status stk_watcher_add(stk_watcher *w, const char *path, stk_error *err)
{
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->e[i].path, path) == 0)
			return STK_OK;
	if (w->n == w->cap) { /* two arrays of one capacity */
		size_t cap_e = w->cap, cap_c = w->cap;
		STK_GROW(w->e, cap_e, w->n + 1, 16, err);
		STK_GROW(w->changed, cap_c, w->n + 1, 16, err);
		w->cap = cap_e;
	}
	struct entry *e = &w->e[w->n];
	memset(e, 0, sizeof *e);
	struct stat sb;
	char *dir = strdup(path);
	if (!dir || !(e->path = strdup(path))) {
		free(dir);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	if (!(stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))) {
		char *slash = strrchr(dir, '/');
		const char *name = slash ? slash + 1 : dir;
		if (!(e->name = strdup(name))) {
			free(dir);
			free(e->path);
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		}
		if (slash == dir)
			dir[1] = 0;
		else if (slash)
			*slash = 0;
		else
			strcpy(dir, ".");
	}
	e->wd = inotify_add_watch(w->fd, dir, MASK);
	int errnum = errno;
	free(dir);
	if (e->wd < 0) {
		free(e->path);
		free(e->name);
		stk__fail_errno(err, STK_ERR_IO, errnum, "cannot watch it");
		stk__error_set_file(err, path);
		return STK_ERR_IO;
	}
	w->n++;
	return STK_OK;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Reads what the kernel has queued; true when a watched path changed. */
static stk_status drain(stk_watcher *w, bool *any, stk_error *err)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		ssize_t len = read(w->fd, buf, sizeof buf);
		if (len < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return STK_OK;
			return stk__fail_errno(err, STK_ERR_IO, errno, "reading file events failed");
		}
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			for (size_t i = 0; i < w->n; i++) {
				struct entry *e = &w->e[i];
				if (e->wd != ev->wd)
					continue;
				if (!e->name || (ev->len && strcmp(ev->name, e->name) == 0)) {
					*any |= !e->changed;
					e->changed = true;
				}
			}
			p += sizeof *ev + ev->len;
		}
	}
}

stk_status stk_watcher_wait(stk_watcher *w, int settle_ms, stk_cancel_fn cancel, void *user,
                            size_t *changed, stk_error *err)
{
	*changed = 0;
	w->nchanged = 0;
	for (size_t i = 0; i < w->n; i++)
		w->e[i].changed = false;
	long last = -1;   /* time of the last relevant event */
	for (;;) {
		if (cancel && cancel(user))
			return STK_OK;
		struct pollfd pfd = { w->fd, POLLIN, 0 };
		int r = poll(&pfd, 1, TICK_MS);
		if (r < 0 && errno != EINTR)
			return stk__fail_errno(err, STK_ERR_IO, errno, "waiting for file events failed");
		bool any = false;
		if (r > 0)
			STK_TRY(drain(w, &any, err));
		if (any)
			last = now_ms();
		if (last >= 0 && now_ms() - last >= settle_ms)
			break;
	}
	for (size_t i = 0; i < w->n; i++)
		if (w->e[i].changed)
			w->changed[w->nchanged++] = w->e[i].path;
	*changed = w->nchanged;
	return STK_OK;
}

const char *stk_watcher_changed(const stk_watcher *w, size_t i)
{
	return w && i < w->nchanged ? w->changed[i] : NULL;
}

#else /* no inotify */

stk_status stk_watcher_new(stk_watcher **out, stk_error *err)
{
	*out = NULL;
	return stk__fail(err, STK_ERR_UNSUPPORTED, "watching files needs Linux (inotify)");
}

void stk_watcher_free(stk_watcher *w)
{
	(void)w;
}

stk_status stk_watcher_add(stk_watcher *w, const char *path, stk_error *err)
{
	(void)w;
	(void)path;
	return stk__fail(err, STK_ERR_UNSUPPORTED, "watching files needs Linux (inotify)");
}

stk_status stk_watcher_wait(stk_watcher *w, int settle_ms, stk_cancel_fn cancel, void *user,
                            size_t *changed, stk_error *err)
{
	(void)w;
	(void)settle_ms;
	(void)cancel;
	(void)user;
	*changed = 0;
	return stk__fail(err, STK_ERR_UNSUPPORTED, "watching files needs Linux (inotify)");
}

const char *stk_watcher_changed(const stk_watcher *w, size_t i)
{
	(void)w;
	(void)i;
	return NULL;
}

#endif
