/*
 * stk/error.h - status codes and the caller-owned error record.
 *
 * Every fallible libstickerkit function returns an stk_status and takes an
 * `stk_error *err` as its last argument.  `err` may be NULL.  On failure the
 * record says what went wrong (code, one-line message) and where: the file,
 * the frame (0-based, -1 when not about one frame) and the rule id (for
 * profile and validation work, "" otherwise).  The library never prints.
 *
 * Status values are grouped by tens and never renumbered.
 */
#ifndef STK_ERROR_H
#define STK_ERROR_H

#include "stk/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum stk_status {
	STK_OK              = 0,
	STK_ERR_INVALID_ARG = 10, /* the caller passed a bad value or option */
	STK_ERR_NOMEM       = 20,
	STK_ERR_IO          = 30, /* reading input failed; see sys_errno */
	STK_ERR_WRITE       = 31, /* writing output failed; see sys_errno */
	STK_ERR_FORMAT      = 40, /* not a format we read */
	STK_ERR_CORRUPT     = 41, /* the decoder rejected the data */
	STK_ERR_LIMIT       = 42, /* over max pixels, frames or bytes */
	STK_ERR_UNSUPPORTED = 43, /* a known format or feature this build lacks */
	STK_ERR_PROFILE     = 50, /* a profile or manifest is invalid */
	STK_ERR_ENCODE      = 60, /* an encoder failed */
	STK_ERR_BUDGET      = 61, /* no encoding fits the byte budget */
	STK_ERR_ARCHIVE     = 70,
	STK_ERR_CANCELLED   = 80, /* stopped on request (an interrupt) */
	STK_ERR_INTERNAL    = 90,
} stk_status;

typedef struct stk_error {
	stk_status code;
	int sys_errno;   /* errno for STK_ERR_IO / STK_ERR_WRITE, else 0 */
	int frame;       /* 0-based frame index, or -1 */
	char file[512];  /* the file the error is about, or "" */
	char rule[64];   /* rule id, or "" */
	char msg[320];   /* one line, no trailing newline, no prefix */
} stk_error;

/* Clears an error record (code STK_OK, frame -1, empty strings). */
STK_API void stk_error_init(stk_error *err);

/* "STK_ERR_CORRUPT"; never NULL. */
STK_API const char *stk_status_name(stk_status s);

/* "corrupt input"; never NULL. */
STK_API const char *stk_status_str(stk_status s);

/* Formats "file: frame N: message" (parts that are unset are left out)
 * into buf; returns buf. */
STK_API const char *stk_error_format(const stk_error *err, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
