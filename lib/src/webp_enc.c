/* webp_enc.c - WEBP encoding (stub until the codec lands). */
#include "internal.h"

stk_status stk__webp_encode(const stk_image *img, const stk_encode_options *opt,
                          stk_buf *out, stk_error *err)
{
	(void)img; (void)opt; (void)out;
	return stk__fail(err, STK_ERR_UNSUPPORTED, "WEBP encoding is not built yet");
}
