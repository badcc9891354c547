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
	const char *stage;     /* "reading", "searching", "checking" */
	uint64_t done, total;  /* total 0 = not known yet */
	const char *unit;      /* "frames", "encodes", "files" */
	const char *step;      /* one step worth telling a verbose user (a search
	                          encode: "lossy q 82: 48213 bytes"), or NULL */
} stk_progress;
/* Called from the thread that made the call; `user` is the caller's. */
typedef void stk_progress_fn(const stk_progress *p, void *user);

#endif
