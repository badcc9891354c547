/*
 * fuzz-webm.c - the WEBM inspector's EBML reader.  Each input is also read
 * cut in half, so cuts are explored even when the seed is whole.
 */
#include <stdint.h>
#include <stdlib.h>
#include "inspect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	stk__webm_info info;
	stk_error err;
	stk_error_init(&err);
	if (stk__webm_inspect(data, size, &info, &err) == STK_OK && info.has_video &&
	    (info.width == 0 || info.height == 0))
		abort(); /* a video track is only reported with a size */
	stk__webm_inspect(data, size / 2, &info, &err);
	return 0;
}
