/*
 * fuzz-import.c - import's readers on one input: the bytes as a ZIP read
 * under import's caps, then recognised as a pack (contents.json,
 * manifest.json, metadata.json, .wastickers, plain) with every sticker's
 * WebP EXIF looked up; and the bytes themselves as a WebP's EXIF.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "package_internal.h"

static stk_status add(void *user, const char *name, const uint8_t *data, size_t len,
                      stk_error *err)
{
	return stk__zip_out_add(user, name, data, len, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	stk_error err;
	stk_error_init(&err);
	stk_buf json = { 0 };
	if (stk_wa_webp_metadata(data, size, &json, &err) == STK_OK)
		stk_buf_release(&json);

	stk__zip_out *files = NULL;
	if (stk__zip_out_new(&files, &err) != STK_OK)
		return 0;
	stk__zip_limits lim = { 64, 1u << 20, 4u << 20, 200 };
	if (stk__zip_read_limited(data, size, &lim, add, files, &err) == STK_OK) {
		stk__import_pack p;
		if (stk__import_recognise(files, size & 1, &p, &err) == STK_OK) {
			/* Every sticker the pack names is one of its files. */
			for (size_t i = 0; i < p.n; i++) {
				size_t len;
				if (!stk__import_file(files, p.st[i].file, &len))
					abort();
			}
			stk__import_pack_release(&p);
		}
	}
	stk__zip_out_free(files);
	return 0;
}
