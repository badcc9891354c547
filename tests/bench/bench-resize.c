/*
 * bench-resize.c - how fast the resampler is on decoded pixels: each file
 * is decoded once, then resized in memory N times (one thread); prints the
 * best and median CPU time of the thread (steady on a busy machine, where
 * wall time is not) and source megapixels per second.  Built and run by
 * bench-resize.sh against the public library.
 *
 *   bench-resize [-n N] [-s WxH] [-f FILTER] FILE...
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stk/stk.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int bench(const char *path, const stk_resize_options *opt, int runs)
{
	stk_image *img = NULL, *out = NULL;
	stk_error err;
	char line[1200];
	double *t = calloc((size_t)runs, sizeof *t);
	stk_error_init(&err);
	if (!t || stk_image_load(path, NULL, &img, &err) != STK_OK) {
		fprintf(stderr, "bench-resize: %s\n", stk_error_format(&err, line, sizeof line));
		free(t);
		return 1;
	}
	for (int i = -1; i < runs; i++) { /* run -1 warms caches up */
		double t0 = now_ms();
		if (stk_image_resize(img, opt, &out, &err) != STK_OK) {
			fprintf(stderr, "bench-resize: %s\n", stk_error_format(&err, line, sizeof line));
			stk_image_free(img);
			free(t);
			return 1;
		}
		if (i >= 0)
			t[i] = now_ms() - t0;
		stk_image_free(out);
	}
	qsort(t, (size_t)runs, sizeof *t, cmp_double);
	double mp = (double)stk_image_width(img) * stk_image_height(img) / 1e6;
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	printf("%-34s %5ux%-5u best %6.2f ms %6.1f MP/s   median %6.2f ms %6.1f MP/s\n", name,
	       stk_image_width(img), stk_image_height(img), t[0], mp / (t[0] / 1e3), t[runs / 2],
	       mp / (t[runs / 2] / 1e3));
	stk_image_free(img);
	free(t);
	return 0;
}

int main(int argc, char **argv)
{
	stk_resize_options opt;
	stk_error err;
	int runs = 20, status = 0, i = 1;
	stk_resize_options_init(&opt);
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (strcmp(argv[i], "-n") == 0)
			runs = atoi(argv[i + 1]) > 0 ? atoi(argv[i + 1]) : 1;
		else if (stk_resize_option_set(&opt, strcmp(argv[i], "-s") == 0 ? "size" : "filter",
		                                argv[i + 1], &err) != STK_OK) {
			fprintf(stderr, "bench-resize: %s\n", err.msg);
			return 2;
		}
	}
	for (; i < argc; i++)
		status |= bench(argv[i], &opt, runs);
	return status;
}
