/*
 * stk/watch.h - waiting for files to change (build --watch).
 *
 * A watcher is a set of paths (files, or folders whose whole contents
 * count).  stk_watcher_wait() blocks until one of them changes and the
 * changes have settled (editors write a file in several steps, or write a
 * new file and rename it over the old one), then says which paths
 * changed, each once.  Files are watched through their folder, so a file
 * replaced by a rename, or deleted and written again, is still seen.
 *
 * stk_build_watch() is build --watch: build, preview, wait, again.
 *
 * Linux only (inotify); elsewhere stk_watcher_new() is STK_ERR_UNSUPPORTED.
 * The caller's cancel callback is asked several times a second, so a
 * Ctrl-C handler that sets a flag stops the wait promptly.
 */
#ifndef STK_WATCH_H
#define STK_WATCH_H

#include "stk/project.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stk_watcher stk_watcher;

STK_API STK_NODISCARD stk_status stk_watcher_new(stk_watcher **out, stk_error *err);
/* Accepts NULL. */
STK_API void stk_watcher_free(stk_watcher *w);

/* Watches a file (it need not exist yet; its folder must) or a folder.
 * Adding a path twice is harmless. */
STK_API STK_NODISCARD stk_status stk_watcher_add(stk_watcher *w, const char *path,
	stk_error *err);

/* Returns true to stop waiting. */
typedef bool (*stk_cancel_fn)(void *user);

/*
 * Waits for changes, then for settle_ms without further events, and sets
 * *changed to the number of paths that changed (0 when cancelled).
 * @return STK_ERR_IO when the kernel's event queue fails.
 */
STK_API STK_NODISCARD stk_status stk_watcher_wait(stk_watcher *w, int settle_ms,
	stk_cancel_fn cancel, void *user, size_t *changed, stk_error *err);

/* The i-th path that changed in the last wait, as it was added. */
STK_API const char *stk_watcher_changed(const stk_watcher *w, size_t i);

/* ---- build --watch ---- */

typedef struct stk_watch_options {
	const char *preview_dir;   /* NULL: "preview" in the build's output folder */
	int settle_ms;             /* quiet time before a rebuild (default 300) */
	/* After each round: the build (NULL when it failed, with st and err),
	 * and the preview's stamp ("" when none was written). */
	void (*round)(void *user, const stk_build_result *r, stk_status st,
	              const stk_error *err, const char *stamp);
	/* Before a rebuild: each path that changed. */
	void (*changed)(void *user, const char *path);
	void *user;
	uint32_t padding[4];
} stk_watch_options;

STK_API void stk_watch_options_init(stk_watch_options *opt);

/*
 * Builds the project (a folder or its stickerpack.json) with bopt, writes
 * a live preview (stk_preview_write() with live set), then waits for the
 * manifest or any source it names to change and does it again, until
 * bopt->cancelled says stop.  A round that fails is reported through
 * wopt->round and the watch goes on (the next save may fix it).
 * @return STK_OK when cancelled; STK_ERR_IO or STK_ERR_UNSUPPORTED when
 * files cannot be watched; STK_ERR_NOMEM.
 */
STK_API STK_NODISCARD stk_status stk_build_watch(const char *project,
	const stk_build_options *bopt, const stk_watch_options *wopt, stk_error *err);

#ifdef __cplusplus
}
#endif
#endif
