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

#endif
