/* error.c - the status table and the error-record helpers. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

struct status_text {
	stk_status code;
	const char *name;
	const char *text;
};

/* The one list of status names and texts. */
static const struct status_text status_texts[] = {
	{ STK_OK,              "STK_OK",              "success" },
	{ STK_ERR_INVALID_ARG, "STK_ERR_INVALID_ARG", "invalid argument" },
	{ STK_ERR_NOMEM,       "STK_ERR_NOMEM",       "out of memory" },
	{ STK_ERR_IO,          "STK_ERR_IO",          "cannot read input" },
	{ STK_ERR_WRITE,       "STK_ERR_WRITE",       "cannot write output" },
	{ STK_ERR_FORMAT,      "STK_ERR_FORMAT",      "unknown file format" },
	{ STK_ERR_CORRUPT,     "STK_ERR_CORRUPT",     "corrupt input" },
	{ STK_ERR_LIMIT,       "STK_ERR_LIMIT",       "input over a limit" },
	{ STK_ERR_UNSUPPORTED, "STK_ERR_UNSUPPORTED", "unsupported feature" },
	{ STK_ERR_PROFILE,     "STK_ERR_PROFILE",     "invalid profile or manifest" },
	{ STK_ERR_ENCODE,      "STK_ERR_ENCODE",      "encoding failed" },
	{ STK_ERR_BUDGET,      "STK_ERR_BUDGET",      "does not fit the byte budget" },
	{ STK_ERR_ARCHIVE,     "STK_ERR_ARCHIVE",     "archive error" },
	{ STK_ERR_CANCELLED,   "STK_ERR_CANCELLED",   "interrupted" },
	{ STK_ERR_INTERNAL,    "STK_ERR_INTERNAL",    "internal error" },
};

static const struct status_text *find_status(stk_status s)
{
	for (size_t i = 0; i < sizeof status_texts / sizeof status_texts[0]; i++)
		if (status_texts[i].code == s)
			return &status_texts[i];
	return NULL;
}

const char *stk_status_name(stk_status s)
{
	const struct status_text *t = find_status(s);
	return t ? t->name : "STK_ERR_UNKNOWN";
}

const char *stk_status_str(stk_status s)
{
	const struct status_text *t = find_status(s);
	return t ? t->text : "unknown error";
}

void stk_error_init(stk_error *err)
{
	if (!err)
		return;
	memset(err, 0, sizeof *err);
	err->frame = -1;
}

static stk_status fail_v(stk_error *err, stk_status code, int frame, int errnum,
                         const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	err->frame = frame;
	err->sys_errno = errnum;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	/* Keep messages on one line whatever a dependency handed us. */
	for (char *p = err->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return code;
}

stk_status stk__fail(stk_error *err, stk_status code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(err, code, -1, 0, fmt, ap);
	va_end(ap);
	return code;
}

stk_status stk__fail_frame(stk_error *err, stk_status code, int frame, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(err, code, frame, 0, fmt, ap);
	va_end(ap);
	return code;
}

stk_status stk__fail_errno(stk_error *err, stk_status code, int errnum, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(err, code, -1, errnum, fmt, ap);
	va_end(ap);
	if (err) {
		size_t n = strlen(err->msg);
		snprintf(err->msg + n, sizeof err->msg - n, ": %s", strerror(errnum));
	}
	return code;
}

void stk__note_append(char *note, size_t size, const char *fmt, va_list ap)
{
	size_t len = strlen(note);
	if (len && len + 2 < size) {
		memcpy(note + len, "; ", 3);
		len += 2;
	}
	vsnprintf(note + len, size - len, fmt, ap);
}

void stk__error_set_file(stk_error *err, const char *file)
{
	if (err && file && !err->file[0])
		snprintf(err->file, sizeof err->file, "%s", file);
}

const char *stk_error_format(const stk_error *err, char *buf, size_t size)
{
	if (!buf || size == 0)
		return buf;
	buf[0] = '\0';
	if (!err)
		return buf;
	size_t n = 0;
	if (err->file[0])
		n += (size_t)snprintf(buf + n, size - n, "%s: ", err->file);
	if (n < size && err->frame >= 0)
		n += (size_t)snprintf(buf + n, size - n, "frame %d: ", err->frame + 1);
	if (n < size && err->rule[0])
		n += (size_t)snprintf(buf + n, size - n, "[%s] ", err->rule);
	if (n < size)
		snprintf(buf + n, size - n, "%s",
		         err->msg[0] ? err->msg : stk_status_str(err->code));
	return buf;
}

bool stk__mul_size(size_t a, size_t b, size_t *out)
{
	if (a != 0 && b > SIZE_MAX / a)
		return false;
	*out = a * b;
	return true;
}

uint64_t stk__gcd(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t r = a % b;
		a = b;
		b = r;
	}
	return a;
}

bool stk__rgba_size(uint32_t w, uint32_t h, size_t *out)
{
	size_t px;
	return stk__mul_size(w, h, &px) && stk__mul_size(px, 4, out);
}
