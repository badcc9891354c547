/*
 * test-watch.c - stk_watcher: a file rewritten through a rename (as
 * editors save) is reported, and only it; a file created in a watched
 * folder reports the folder; a burst of writes settles into one report;
 * a cancelled wait returns nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"
#include "stk/stk.h"

static char tmp[256];

static const char *at(char *buf, size_t size, const char *rel)
{
	snprintf(buf, size, "%s/%s", tmp, rel);
	return buf;
}

static void put(const char *rel, const char *text)
{
	char path[512];
	FILE *f = fopen(at(path, sizeof path, rel), "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* In a child, after delay_ms: runs what(). */
static pid_t later(int delay_ms, void (*what)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		usleep((useconds_t)delay_ms * 1000);
		what();
		_exit(0);
	}
	return pid;
}

static void save_b_by_rename(void)
{
	char from[512], to[512];
	put("b.tmp", "new b");
	rename(at(from, sizeof from, "b.tmp"), at(to, sizeof to, "b.png"));
}

static void burst_a(void)
{
	for (int i = 0; i < 5; i++) {
		put("a.png", "a again");
		usleep(20000);
	}
}

static void new_frame(void)
{
	put("frames/003.png", "frame");
}

static int calls;
static bool cancel_soon(void *user)
{
	(void)user;
	return ++calls > 3;
}

int main(void)
{
	char path[512];
	stk_error err;
	stk_watcher *w = NULL;
	snprintf(tmp, sizeof tmp, "%s/stk-watch.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR")
	                                                                   : "/tmp");
	if (!mkdtemp(tmp)) {
		ok(0, "cannot make a temporary folder");
		return done_testing();
	}
	put("a.png", "a");
	put("b.png", "b");
	put("other.png", "not watched");
	at(path, sizeof path, "frames");
	mkdir(path, 0755);
	ok(stk_watcher_new(&w, &err) == STK_OK, "a watcher");
	if (!w)
		return done_testing();
	ok(stk_watcher_add(w, at(path, sizeof path, "a.png"), &err) == STK_OK &&
	   stk_watcher_add(w, at(path, sizeof path, "b.png"), &err) == STK_OK &&
	   stk_watcher_add(w, at(path, sizeof path, "b.png"), &err) == STK_OK &&
	   stk_watcher_add(w, at(path, sizeof path, "frames"), &err) == STK_OK,
	   "two files (one twice) and a folder watched");
	ok(stk_watcher_add(w, at(path, sizeof path, "nodir/x.png"), &err) == STK_ERR_IO,
	   "a file in a missing folder is refused");

	size_t n = 0;
	pid_t pid = later(150, save_b_by_rename);
	ok(stk_watcher_wait(w, 100, NULL, NULL, &n, &err) == STK_OK, "wait returns");
	waitpid(pid, NULL, 0);
	is_int((int)n, 1, "one path changed");
	ok(n == 1 && strcmp(stk_watcher_changed(w, 0), at(path, sizeof path, "b.png")) == 0,
	   "it is b.png, saved through a rename");

	pid = later(100, burst_a);
	ok(stk_watcher_wait(w, 200, NULL, NULL, &n, &err) == STK_OK, "wait returns");
	waitpid(pid, NULL, 0);
	ok(n == 1 && strstr(stk_watcher_changed(w, 0), "a.png"), "five quick writes settle "
	   "into one change of a.png");
	/* the last write may land after the settle: let it pass */
	usleep(150000);

	pid = later(100, new_frame);
	ok(stk_watcher_wait(w, 100, NULL, NULL, &n, &err) == STK_OK, "wait returns");
	waitpid(pid, NULL, 0);
	ok(n >= 1 && strstr(stk_watcher_changed(w, n - 1), "frames"), "a new frame in the "
	   "folder reports the folder");

	put("other.png", "changed, unwatched");
	ok(stk_watcher_wait(w, 50, cancel_soon, NULL, &n, &err) == STK_OK && n == 0,
	   "an unwatched file's change is not reported, and cancel ends the wait");
	stk_watcher_free(w);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", tmp);
	return done_testing();
}
