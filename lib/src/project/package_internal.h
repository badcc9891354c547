/*
 * package_internal.h - store archives and imports (project/), never
 * installed.  Files:
 *   package.c        stk_package_built(): each target's archives, written,
 *                    read back and validated before they are renamed in
 *   package_project.c stk_package(): build (incrementally), then package
 *   import.c         stk_import(): input kinds, staging, stickerpack.json
 *   import_read.c    reading an input (ZIP or folder) into memory, capped
 *   import_packs.c   the pack formats: .wastickers, contents.json,
 *                    signal-cli's manifest.json, metadata.json, plain
 */
#ifndef STK_PACKAGE_INTERNAL_H
#define STK_PACKAGE_INTERNAL_H

#include "pack_internal.h"
#include "stk/package.h"

#define STK__MANIFEST_NAME "stickerpack.json"

/* A result with no archives, for a build that had validation errors. */
stk_status stk__package_result_empty(stk_package_result **out, size_t build_errors,
                                     stk_error *err);

/* ---- importing (import_*.c) ---- */

#define STK__IMPORT_MAX_EMOJIS 20

typedef struct stk__import_sticker {
	char *file;                 /* its name among the input's files */
	char *emojis[STK__IMPORT_MAX_EMOJIS];
	size_t n_emojis;
	char *accessibility_text;
} stk__import_sticker;

/* A pack as the input describes it; names point into the input's files. */
typedef struct stk__import_pack {
	char kind[32];              /* see stk_import_summary */
	char *identifier, *name, *publisher;
	char *tray;                 /* the tray/cover/icon file, or NULL */
	stk__import_sticker *st;
	size_t n, cap;
} stk__import_pack;

/* Reads input (a ZIP file or a folder) into files under opt's caps. */
stk_status stk__import_read(const char *input, const stk_import_options *opt,
                            stk__zip_out *files, bool *is_folder, stk_error *err);
/* Which kind of pack files hold, and its stickers in order. */
stk_status stk__import_recognise(const stk__zip_out *files, bool wastickers,
                                 stk__import_pack *p, stk_error *err);
void stk__import_pack_release(stk__import_pack *p);
/* The contents of one of the input's files, or NULL. */
const uint8_t *stk__import_file(const stk__zip_out *files, const char *name, size_t *len);

#endif
