/*
 * tap.h - a tiny TAP producer for unit tests: each check is one test case
 * that meson (protocol: 'tap') counts.  Checks print both values on
 * failure.  Not assert(): it must survive -DNDEBUG.
 */
#ifndef STK_TAP_H
#define STK_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	tap_n++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __VA_ARGS__)

#define is_int(got, want, ...) do { \
	long long tap_g = (long long)(got), tap_w = (long long)(want); \
	if (!tap_ok(tap_g == tap_w, __VA_ARGS__)) \
		printf("#   got %lld, want %lld (%s:%d)\n", tap_g, tap_w, __FILE__, __LINE__); \
} while (0)

#define is_str(got, want, ...) do { \
	const char *tap_g = (got), *tap_w = (want); \
	if (!tap_ok(tap_g && tap_w && strcmp(tap_g, tap_w) == 0, __VA_ARGS__)) \
		printf("#   got '%s', want '%s' (%s:%d)\n", tap_g ? tap_g : "(null)", \
		       tap_w ? tap_w : "(null)", __FILE__, __LINE__); \
} while (0)

static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static inline int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

/* Path of a corpus file: $STK_CORPUS/rel (set by meson), into buf. */
static inline const char *corpus_path(char *buf, size_t size, const char *rel)
{
	const char *base = getenv("STK_CORPUS");
	snprintf(buf, size, "%s/%s", base ? base : "../shared/corpus", rel);
	return buf;
}

#endif
