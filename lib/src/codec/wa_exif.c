/* wa_exif.c - WhatsApp sticker metadata in a WebP's EXIF chunk. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "internal.h"

#define WA_TAG 0x5741u      /* bytes 41 57 */
#define TIFF_UNDEFINED 7u
#define HEADER_LEN 22u      /* wa-sticker-formatter's layout */

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}
static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Two FNV-1a 64-bit hashes with different offsets give 128 stable bits. */
void stk_wa_pack_id(const char *text, char out[33])
{
	uint64_t h[2] = { 0xcbf29ce484222325ull, 0x84222325cbf29ce4ull };
	static const char hex[] = "0123456789abcdef";
	for (int k = 0; k < 2; k++)
		for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
			h[k] ^= *p;
			h[k] *= 0x100000001b3ull;
		}
	for (int i = 0; i < 32; i++)
		out[i] = hex[(h[i / 16] >> (60 - 4 * (i % 16))) & 15];
	out[32] = '\0';
}

static stk_status set_string(json_t *o, const char *key, const char *value, stk_error *err)
{
	json_t *s = json_string(value);
	if (!s)
		return stk__fail(err, STK_ERR_INVALID_ARG, "%s is not valid UTF-8", key);
	json_object_set_new(o, key, s);
	return STK_OK;
}

static stk_status metadata_json(const stk_wa_metadata *m, json_t *o, stk_error *err)
{
	char derived[33];
	const char *id = m->pack_id;
	if (!id) {
		/* the hash of nothing would put every pack under one id */
		if (!m->pack_name || !m->pack_name[0])
			return stk__fail(err, STK_ERR_INVALID_ARG, "WhatsApp metadata needs a pack "
			                 "name or a pack id: the id tells one pack from another");
		stk_wa_pack_id(m->pack_name, derived);
		id = derived;
	}
	STK_TRY(set_string(o, "sticker-pack-id", id, err));
	STK_TRY(set_string(o, "sticker-pack-name", m->pack_name ? m->pack_name : "", err));
	STK_TRY(set_string(o, "sticker-pack-publisher", m->publisher ? m->publisher : "", err));
	json_t *emojis = json_array();
	json_object_set_new(o, "emojis", emojis);
	for (size_t i = 0; i < m->n_emojis; i++) {
		json_t *e = json_string(m->emojis[i]);
		if (!e)
			return stk__fail(err, STK_ERR_INVALID_ARG, "emoji %zu is not valid UTF-8", i + 1);
		json_array_append_new(emojis, e);
	}
	if (m->accessibility_text)
		STK_TRY(set_string(o, "accessibility-text", m->accessibility_text, err));
	return STK_OK;
}

stk_status stk_wa_exif_build(const stk_wa_metadata *meta, stk_buf *out, stk_error *err)
{
	out->data = NULL;
	out->len = 0;
	json_t *o = json_object();
	if (!o)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status s = metadata_json(meta, o, err);
	/* Compact, key order kept, raw UTF-8 (not \u escapes) like the JS tools. */
	char *text = s == STK_OK ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	if (s != STK_OK)
		return s;
	if (!text)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	size_t jlen = strlen(text);
	uint8_t *p = malloc(HEADER_LEN + jlen);
	if (!p) {
		free(text);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	static const uint8_t head[HEADER_LEN] = {
		'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, /* little-endian TIFF, IFD at 8 */
		0x01, 0x00,                                   /* one entry */
		0x41, 0x57, 0x07, 0x00,                       /* tag 0x5741, type UNDEFINED */
		0x00, 0x00, 0x00, 0x00,                       /* count: JSON bytes, below */
		0x16, 0x00, 0x00, 0x00,                       /* value offset 22 */
	};
	memcpy(p, head, HEADER_LEN);
	put_le32(p + 14, (uint32_t)jlen);
	memcpy(p + HEADER_LEN, text, jlen);
	free(text);
	out->data = p;
	out->len = HEADER_LEN + jlen;
	return STK_OK;
}

stk_status stk_wa_exif_parse(const uint8_t *x, size_t len, stk_buf *json_out, stk_error *err)
{
	json_out->data = NULL;
	json_out->len = 0;
	/* Some writers keep the "Exif\0\0" prefix of JPEG APP1. */
	if (len >= 6 && memcmp(x, "Exif\0\0", 6) == 0) {
		x += 6;
		len -= 6;
	}
	if (len < 8)
		return stk__fail(err, STK_ERR_CORRUPT, "EXIF: too short for a TIFF header");
	bool little = x[0] == 'I' && x[1] == 'I';
	if (!little && !(x[0] == 'M' && x[1] == 'M'))
		return stk__fail(err, STK_ERR_CORRUPT, "EXIF: no TIFF byte-order mark");
	uint16_t (*r16)(const uint8_t *) = little ? le16 : be16;
	uint32_t (*r32)(const uint8_t *) = little ? le32 : be32;
	if (r16(x + 2) != 42)
		return stk__fail(err, STK_ERR_CORRUPT, "EXIF: bad TIFF magic");
	uint32_t ifd = r32(x + 4);
	if (ifd > len || len - ifd < 2)
		return stk__fail(err, STK_ERR_CORRUPT, "EXIF: IFD offset %u outside the data", ifd);
	uint16_t n = r16(x + ifd);
	for (uint32_t i = 0; i < n; i++) {
		size_t at = (size_t)ifd + 2 + (size_t)i * 12;
		/* The 22-byte layout ends right after the entry's value offset. */
		if (at + 12 > len)
			return stk__fail(err, STK_ERR_CORRUPT, "EXIF: IFD entry %u cut off", i + 1);
		if (r16(x + at) != WA_TAG)
			continue;
		uint32_t count = r32(x + at + 4);
		uint32_t off = count <= 4 ? (uint32_t)(at + 8) : r32(x + at + 8);
		if (off > len || count > len - off)
			return stk__fail(err, STK_ERR_CORRUPT, "EXIF: sticker JSON (%u bytes at %u) "
			                 "runs past the end (%zu bytes)", count, off, len);
		json_error_t je;
		json_t *j = json_loadb((const char *)x + off, count, 0, &je);
		if (!j || !json_is_object(j)) {
			json_decref(j);
			return stk__fail(err, STK_ERR_CORRUPT, "EXIF: sticker metadata is not a JSON "
			                 "object (%s)", j ? "wrong type" : je.text);
		}
		json_decref(j);
		json_out->data = malloc(count ? count : 1);
		if (!json_out->data)
			return stk__fail(err, STK_ERR_NOMEM, "out of memory");
		memcpy(json_out->data, x + off, count);
		json_out->len = count;
		return STK_OK;
	}
	return stk__fail(err, STK_ERR_CORRUPT, "EXIF: no WhatsApp sticker tag (0x5741)");
}

/* The EXIF chunk of a WebP's RIFF container, without decoding the image. */
static bool webp_exif_chunk(const uint8_t *d, size_t len, const uint8_t **x, size_t *xlen)
{
	if (len < 12 || memcmp(d, "RIFF", 4) != 0 || memcmp(d + 8, "WEBP", 4) != 0)
		return false;
	size_t riff = (size_t)le32(d + 4);
	size_t end = riff <= len - 8 ? riff + 8 : len; /* a short file is read as far as it goes */
	for (size_t at = 12; at + 8 <= end; ) {
		size_t size = le32(d + at + 4);
		if (size > end - at - 8)
			return false;
		if (memcmp(d + at, "EXIF", 4) == 0) {
			*x = d + at + 8;
			*xlen = size;
			return true;
		}
		at += 8 + size + (size & 1);
	}
	return false;
}

stk_status stk_wa_webp_metadata(const uint8_t *webp, size_t len, stk_buf *json_out,
                                stk_error *err)
{
	const uint8_t *x;
	size_t xlen;
	json_out->data = NULL;
	json_out->len = 0;
	if (!webp_exif_chunk(webp, len, &x, &xlen))
		return stk__fail(err, STK_ERR_FORMAT, "WebP: no EXIF chunk");
	return stk_wa_exif_parse(x, xlen, json_out, err);
}
