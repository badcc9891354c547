/* test-error.c - status names, error records and their formatting. */
#include "tap.h"
#include "internal.h"

int main(void)
{
	stk_error err;
	char line[1200];

	stk_error_init(&err);
	is_int(err.code, STK_OK, "init clears the code");
	is_int(err.frame, -1, "init sets frame to -1");
	is_str(stk_status_name(STK_ERR_CORRUPT), "STK_ERR_CORRUPT", "status name");
	is_str(stk_status_str(STK_ERR_LIMIT), "input over a limit", "status text");
	is_str(stk_status_name((stk_status)12345), "STK_ERR_UNKNOWN", "unknown status has a name");
	is_int(stk__gcd(100, 300), 100, "gcd of a 100 ms and a 300 ms frame");
	is_int(stk__gcd(1200, 0), 1200, "gcd with 0 is the other");
	is_int(stk__gcd(67, 66), 1, "coprime durations");

	is_int(stk__fail(&err, STK_ERR_CORRUPT, "bad %s", "chunk"), STK_ERR_CORRUPT,
	       "fail returns its code");
	is_str(err.msg, "bad chunk", "fail formats the message");
	stk__error_set_file(&err, "a.png");
	stk__error_set_file(&err, "b.png");
	is_str(err.file, "a.png", "the first file named stays");
	is_str(stk_error_format(&err, line, sizeof line), "a.png: bad chunk", "formatted line");

	stk__fail_frame(&err, STK_ERR_CORRUPT, 2, "bad\nframe");
	is_str(err.msg, "bad frame", "newlines are folded out of messages");
	is_str(stk_error_format(&err, line, sizeof line), "a.png: frame 3: bad frame",
	       "frames print 1-based");
	is_int(stk__fail(NULL, STK_ERR_IO, "x"), STK_ERR_IO, "a NULL record is allowed");

	size_t out;
	ok(!stk__rgba_size(UINT32_MAX, UINT32_MAX, &out) || sizeof(size_t) > 8,
	   "rgba size overflow is caught");
	ok(stk__rgba_size(512, 512, &out) && out == 512 * 512 * 4, "rgba size");
	return done_testing();
}
