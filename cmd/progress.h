/*
 * progress.h - the one progress line every command draws on standard
 * error, and whether to colour: the same rules everywhere (stickerkit(1),
 * PROGRESS AND COLOUR).
 *
 * A progress line appears only when standard error is a terminal, -q was
 * not given, and the work has lasted more than half a second; it is
 * redrawn at most ten times a second and erased when the work ends, so
 * nothing of it stays in the terminal or reaches a file or pipe.
 * Commands feed it from the library's stk_progress callbacks.
 */
#ifndef STK_PROGRESS_H
#define STK_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

struct cli_progress {
	const char *what;       /* "cat.gif" */
	double start, drawn;    /* monotonic seconds */
	bool enabled, shown;
};

/* Starts timing the work named `what` (borrowed). */
void cli_progress_begin(struct cli_progress *p, const char *what);
/* "what: stage done/total unit"; total 0 = not known. */
void cli_progress_update(struct cli_progress *p, const char *stage, uint64_t done,
                         uint64_t total, const char *unit);
/* Erases the line if one was drawn. */
void cli_progress_end(struct cli_progress *p);
/* An stk_progress_fn for `user` = a struct cli_progress: the line names
 * the file the library is working on (preview, package). */
struct stk_progress;
void cli_progress_hear(const struct stk_progress *p, void *user);

/* Colour on standard error: a terminal, and NO_COLOR unset or empty. */
bool cli_colour_stderr(void);
/* The same for standard output. */
bool cli_colour_stdout(void);

#endif
