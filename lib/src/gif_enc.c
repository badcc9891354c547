/* gif_enc.c - GIF encoding (stub until the codec lands). */
#include "internal.h"

stk_status stk__gif_encode(const stk_image *img, const stk_encode_options *opt,
                          stk_buf *out, stk_error *err)
{
	(void)img; (void)opt; (void)out;
	return stk__fail(err, STK_ERR_UNSUPPORTED, "GIF encoding is not built yet");
}
