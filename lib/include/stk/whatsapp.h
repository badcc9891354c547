/*
 * stk/whatsapp.h - WhatsApp's sticker metadata: a JSON object carried in
 * the WebP's EXIF chunk as a little-endian TIFF with one IFD entry (tag
 * 0x5741, type UNDEFINED).  WhatsApp reads the pack id, name, publisher
 * and emojis from it when a sticker is forwarded.
 *
 * stk_wa_exif_build() writes the 22-byte header layout wa-sticker-formatter
 * uses (value at offset 22, no next-IFD field); stk_wa_exif_parse() also
 * reads the spec-conformant layout (value at offset 26) and any TIFF whose
 * first IFD holds the tag.
 */
#ifndef STK_WHATSAPP_H
#define STK_WHATSAPP_H

#include "stk/common.h"
#include "stk/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stk_wa_metadata {
	const char *pack_id;        /* "sticker-pack-id"; NULL: derived from pack_name */
	const char *pack_name;      /* "sticker-pack-name" */
	const char *publisher;      /* "sticker-pack-publisher" */
	const char *const *emojis;  /* "emojis", n_emojis UTF-8 strings */
	size_t n_emojis;
	const char *accessibility_text; /* optional */
} stk_wa_metadata;

/* Builds the EXIF payload (TIFF header + UTF-8 JSON) into out.  Strings
 * must be valid UTF-8; the JSON length is counted in bytes. */
STK_API STK_NODISCARD stk_status stk_wa_exif_build(const stk_wa_metadata *meta,
                                                   stk_buf *out, stk_error *err);

/* If exif holds WhatsApp sticker metadata, puts its JSON text (not NUL
 * terminated) in json_out and returns STK_OK; STK_ERR_CORRUPT with a
 * message saying what is wrong otherwise. */
STK_API STK_NODISCARD stk_status stk_wa_exif_parse(const uint8_t *exif, size_t len,
                                                   stk_buf *json_out, stk_error *err);

/* stk_wa_exif_parse() on a WebP file's EXIF chunk, found by walking the
 * RIFF chunks (nothing is decoded); no EXIF chunk is STK_ERR_FORMAT. */
STK_API STK_NODISCARD stk_status stk_wa_webp_metadata(const uint8_t *webp, size_t len,
                                                      stk_buf *json_out, stk_error *err);

/* A stable pack id from any text (a pack identifier or name): the same
 * text always gives the same 32 hex digits; never random. */
STK_API void stk_wa_pack_id(const char *text, char out[33]);

#ifdef __cplusplus
}
#endif
#endif
