/* progress.c - the progress line and the colour rule (progress.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "progress.h"

#define SHOW_AFTER 0.5   /* seconds: quick work shows nothing */
#define REDRAW_EVERY 0.1

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_begin(struct cli_progress *p, const char *what)
{
	p->what = what;
	p->start = now();
	p->drawn = 0;
	p->shown = false;
	p->enabled = cli_verbosity >= 0 && isatty(STDERR_FILENO);
}

void cli_progress_update(struct cli_progress *p, const char *stage, uint64_t done,
                         uint64_t total, const char *unit)
{
	if (!p->enabled)
		return;
	double t = now();
	if (t - p->start < SHOW_AFTER || (p->shown && t - p->drawn < REDRAW_EVERY))
		return;
	/* The file's last name: a line must fit one terminal row. */
	const char *slash = strrchr(p->what, '/');
	const char *name = slash && slash[1] ? slash + 1 : p->what;
	char line[160];
	int n = total ? snprintf(line, sizeof line, "%.40s: %s %llu/%llu %s", name, stage,
	                         (unsigned long long)done, (unsigned long long)total, unit)
	              : snprintf(line, sizeof line, "%.40s: %s %llu %s", name, stage,
	                         (unsigned long long)done, unit);
	if (n > 79)
		line[79] = '\0'; /* one terminal line, never wrapped */
	/* \r back to the line's start, \033[K erases what a longer line left. */
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	p->shown = true;
	p->drawn = t;
}

void cli_progress_end(struct cli_progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->shown = false;
}

static bool colour(int fd)
{
	const char *no = getenv("NO_COLOR");
	return !(no && *no) && isatty(fd);
}

bool cli_colour_stderr(void) { return colour(STDERR_FILENO); }
bool cli_colour_stdout(void) { return colour(STDOUT_FILENO); }

void cli_progress_hear(const stk_progress *p, void *user)
{
	struct cli_progress *line = user;
	const char *what = line->what;
	if (p->file)
		line->what = p->file;   /* borrowed for this call only */
	cli_progress_update(line, p->stage, p->done, p->total, p->unit);
	line->what = what;
}
