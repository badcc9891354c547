/*
 * fuzz-tgs.c - the TGS inspector: gzip, the JSON cap and the Lottie walk.
 * The cap is small so the fuzzer explores parsing, not memory.
 */
#include <stdint.h>
#include <stdlib.h>
#include "inspect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	stk__tgs_info info;
	stk_error err;
	stk_error_init(&err);
	if (stk__tgs_inspect(data, size, 1u << 20, &info, &err) == STK_OK) {
		/* Every recorded hit has a printable path and a name. */
		for (unsigned i = 0; i < STK_TGS_FEATURE_COUNT; i++)
			if ((info.features & (1u << i)) &&
			    (!info.feature_where[i][0] || !stk__tgs_feature_name(i)[0]))
				abort();
	}
	return 0;
}
