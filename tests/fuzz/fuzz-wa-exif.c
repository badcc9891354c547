/*
 * fuzz-wa-exif.c - the WhatsApp EXIF parser (the sticker-pack JSON inside
 * a WebP's EXIF chunk), on arbitrary bytes; the JSON it finds is read
 * through, so ASan sees any length past the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stk/stk.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	stk_buf json = { 0 };
	stk_error err;
	stk_error_init(&err);
	if (stk_wa_exif_parse(data, size, &json, &err) == STK_OK && json.data) {
		volatile unsigned sum = 0;
		for (size_t i = 0; i < json.len; i++)
			sum += json.data[i];
	}
	stk_buf_release(&json);
	return 0;
}
