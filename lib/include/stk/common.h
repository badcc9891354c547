/* stk/common.h - export macros shared by every public header. */
#ifndef STK_COMMON_H
#define STK_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define STK_API __attribute__((visibility("default")))
#define STK_NODISCARD __attribute__((warn_unused_result))
#else
#define STK_API
#define STK_NODISCARD
#endif

/* A byte buffer the library allocated; release it with stk_buf_release(). */
typedef struct stk_buf {
	uint8_t *data;
	size_t len;
} stk_buf;

STK_API void stk_buf_release(stk_buf *buf);

/* Progress of a long call, handed to the caller's callback (the library
 * never prints): which stage, how far, and with -v-worthy detail. */
typedef struct stk_progress {
	const char *stage;     /* "reading", "searching", "checking", "building",
	                          "drawing" */
	uint64_t done, total;  /* total 0 = not known yet */
	const char *unit;      /* "frames", "encodes", "files", "outputs" */
	const char *step;      /* one step worth telling a verbose user (a search
	                          encode: "lossy q 82: 48213 bytes"), or NULL */
	const char *target;    /* the store the work is for ("whatsapp"), or NULL */
	const char *file;      /* the source being worked on, or NULL */
	const char *output;    /* the file just written, relative to the output
	                          folder (build), or NULL */
	bool cached;           /* that output came from the build cache */
} stk_progress;
/* One callback type for every long call (convert, validate, build,
 * preview).  Called one at a time, from the calling thread unless the
 * call's options say otherwise; `user` is the caller's. */
typedef void stk_progress_fn(const stk_progress *p, void *user);

#endif
