/* gif_dec.c - GIF decoding (stub until the codec lands). */
#include "internal.h"

stk_status stk__gif_decode(stk__decoder *d, const uint8_t *data, size_t len, stk_error *err)
{
	(void)d; (void)data; (void)len;
	return stk__fail(err, STK_ERR_UNSUPPORTED, "GIF decoding is not built yet");
}
