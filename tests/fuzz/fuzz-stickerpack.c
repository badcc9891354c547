/*
 * fuzz-stickerpack.c - the strict stickerpack.json reader on arbitrary bytes:
 * a project's manifest is input like any image.  A manifest that loads is
 * walked through its accessors, as build would; its emojis were checked
 * against the emoji table on the way in.
 */
#include <stdint.h>
#include <string.h>
#include "project_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	stk_manifest *m = NULL;
	stk_error err;
	stk_error_init(&err);
	if (stk__manifest_load_data((const char *)data, size, "fuzz.json", "/nonexistent", &m,
	                            &err) != STK_OK) {
		if (err.code == STK_OK || !err.msg[0])
			__builtin_trap(); /* every refusal says why */
		return 0;
	}
	size_t n = strlen(stk_manifest_identifier(m)) + strlen(stk_manifest_name(m));
	for (size_t i = 0; i < stk_manifest_sticker_count(m); i++) {
		const stk__sticker *s = &m->stickers[i];
		n += strlen(stk_manifest_sticker_file(m, i)) + strlen(s->path) + strlen(s->name);
		for (size_t e = 0; e < s->n_emojis; e++)
			if (stk_emoji_check(s->emojis[e], NULL) != STK_EMOJI_OK)
				__builtin_trap(); /* only real emojis get in */
		stk_resize_options r;
		stk_resize_options_init(&r);
		if (stk__art_apply(&s->art, &r, NULL, NULL) != STK_OK)
			__builtin_trap(); /* art options were checked on the way in */
	}
	for (size_t i = 0; i < stk_manifest_target_count(m); i++)
		n += strlen(stk_manifest_target(m, i));
	(void)n;
	stk_manifest_free(m);
	return 0;
}
