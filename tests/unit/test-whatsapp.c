/* test-whatsapp.c - WhatsApp sticker EXIF: exact layout, UTF-8, parsing. */
#include "tap.h"
#include "internal.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool contains(const stk_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, s, n) == 0)
			return true;
	return false;
}

int main(void)
{
	static const uint8_t head[22] = { 0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01,
	                                  0x00, 0x41, 0x57, 0x07, 0x00, 0, 0, 0, 0,
	                                  0x16, 0x00, 0x00, 0x00 };
	const char *emojis[] = { "\xF0\x9F\x98\x80", "\xE2\x98\x95" }; /* 😀 ☕ */
	stk_wa_metadata m = { "com.example.pack", "Grins", "Ünïcode Studio", emojis, 2, NULL };
	stk_buf exif = { 0 }, json = { 0 };
	stk_error err;
	stk_error_init(&err);

	is_int(stk_wa_exif_build(&m, &exif, &err), STK_OK, "build");
	const char *want = "{\"sticker-pack-id\":\"com.example.pack\",\"sticker-pack-name\":"
	                   "\"Grins\",\"sticker-pack-publisher\":\"\xC3\x9Cn\xC3\xAF" "code Studio\","
	                   "\"emojis\":[\"\xF0\x9F\x98\x80\",\"\xE2\x98\x95\"]}";
	size_t wlen = strlen(want);
	is_int(exif.len, 22 + wlen, "22-byte header + JSON");
	ok(memcmp(exif.data, head, 14) == 0 && memcmp(exif.data + 18, head + 18, 4) == 0,
	   "header bytes match wa-sticker-formatter's layout");
	is_int(le32(exif.data + 14), wlen, "count is the JSON length in UTF-8 bytes");
	ok(exif.len == 22 + wlen && memcmp(exif.data + 22, want, wlen) == 0,
	   "JSON text, compact, keys in order, raw UTF-8");

	is_int(stk_wa_exif_parse(exif.data, exif.len, &json, &err), STK_OK, "parse own output");
	ok(json.len == wlen && memcmp(json.data, want, wlen) == 0, "parse gives the JSON back");
	stk_buf_release(&json);

	/* Spec-conformant variant: value at 26 after a next-IFD field. */
	uint8_t conf[26 + 8];
	memcpy(conf, head, 22);
	conf[14] = 8; conf[15] = conf[16] = conf[17] = 0;
	conf[18] = 26;
	memset(conf + 22, 0, 4);
	memcpy(conf + 26, "{\"a\":1}\n", 8);
	conf[14] = 7;
	is_int(stk_wa_exif_parse(conf, sizeof conf, &json, &err), STK_OK, "offset-26 layout");
	is_int(json.len, 7, "offset-26 JSON length");
	stk_buf_release(&json);

	is_int(stk_wa_exif_parse(exif.data, 21, &json, &err), STK_ERR_CORRUPT, "cut header");
	is_int(stk_wa_exif_parse(exif.data, exif.len - 1, &json, &err), STK_ERR_CORRUPT,
	       "JSON past the end");
	uint8_t bad[64];
	memcpy(bad, exif.data, 22);
	memcpy(bad + 22, "not json at all", 15);
	bad[14] = 15; bad[15] = bad[16] = bad[17] = 0;
	is_int(stk_wa_exif_parse(bad, 37, &json, &err), STK_ERR_CORRUPT, "JSON that is not");
	ok(strstr(err.msg, "JSON") != NULL, "message says JSON (%s)", err.msg);
	bad[10] = 0x12;
	is_int(stk_wa_exif_parse(bad, 37, &json, &err), STK_ERR_CORRUPT, "other tag only");

	/* Pack ids are stable and never random. */
	char a[33], b[33], c[33];
	stk_wa_pack_id("com.example.pack", a);
	stk_wa_pack_id("com.example.pack", b);
	stk_wa_pack_id("com.example.pac", c);
	is_str(a, b, "same text, same id");
	ok(strcmp(a, c) != 0, "different text, different id");
	is_int(strlen(a), 32, "32 hex digits");

	stk_wa_metadata noid = { NULL, "Grins", "", NULL, 0, "a grinning face" };
	stk_buf_release(&exif);
	is_int(stk_wa_exif_build(&noid, &exif, &err), STK_OK, "build without id");
	stk_wa_pack_id("Grins", a);
	ok(contains(&exif, a, 32), "id derived from the pack name");
	ok(contains(&exif, "\"accessibility-text\":\"a grinning face\"", 37),
	   "accessibility text written");
	stk_buf_release(&exif);

	stk_wa_metadata badutf = { "x", "\xff\xfe", "", NULL, 0, NULL };
	is_int(stk_wa_exif_build(&badutf, &exif, &err), STK_ERR_INVALID_ARG, "invalid UTF-8 refused");

	/* The metadata of a WebP file, found among its RIFF chunks. */
	is_int(stk_wa_exif_build(&m, &exif, &err), STK_OK, "build again");
	uint8_t webp[512] = "RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0";
	size_t at = 12 + 8 + 10;
	memcpy(webp + at, "ICCP\x03\0\0\0abc\0", 12); /* odd size: padded */
	at += 12;
	memcpy(webp + at, "EXIF", 4);
	webp[at + 4] = (uint8_t)exif.len;
	memcpy(webp + at + 8, exif.data, exif.len);
	at += 8 + exif.len + (exif.len & 1);
	webp[4] = (uint8_t)((at - 8) & 0xff);
	webp[5] = (uint8_t)((at - 8) >> 8);
	is_int(stk_wa_webp_metadata(webp, at, &json, &err), STK_OK, "EXIF found past a padded chunk");
	ok(contains(&json, "\"sticker-pack-name\":\"Grins\"", 27), "its JSON read");
	stk_buf_release(&json);
	is_int(stk_wa_webp_metadata(webp, 40, &json, &err), STK_ERR_FORMAT,
	       "cut before the EXIF chunk: none");
	webp[at - exif.len - 8 - (exif.len & 1) + 4] = 0xff; /* EXIF chunk size past the end */
	is_int(stk_wa_webp_metadata(webp, at, &json, &err), STK_ERR_FORMAT,
	       "a chunk size past the end is not trusted");
	is_int(stk_wa_webp_metadata((const uint8_t *)"RIFF", 4, &json, &err), STK_ERR_FORMAT,
	       "not a WebP");
	stk_buf_release(&exif);
	return done_testing();
}
