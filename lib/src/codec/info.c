/* info.c - the facts `stickerkit info` reports, as JSON or text, of a
 * decoded image or of a header a streamed decode filled (each frame's
 * timing without its pixels: what `info` reads, whatever the length). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "internal.h"

uint32_t stk_playback_duration(uint32_t ms)
{
	return ms <= 10 ? 100 : ms;
}

static json_t *metadata_json(const stk_image *img)
{
	size_t len;
	json_t *m = json_object();
	static const char *const names[STK_META_COUNT] = { "exif", "xmp", "icc" };
	for (int k = 0; k < STK_META_COUNT; k++) {
		bool has = stk_image_metadata(img, (stk_meta_kind)k, NULL, &len);
		json_object_set_new(m, names[k], json_boolean(has));
	}
	return m;
}

/* The WhatsApp sticker metadata in the EXIF, parsed, or NULL. */
static json_t *whatsapp_json(const stk_image *img)
{
	const uint8_t *x;
	size_t len;
	stk_buf text = { 0 };
	stk_error err;
	if (!stk_image_metadata(img, STK_META_EXIF, &x, &len) ||
	    stk_wa_exif_parse(x, len, &text, &err) != STK_OK)
		return NULL;
	json_t *o = json_loadb((const char *)text.data, text.len, 0, NULL);
	stk_buf_release(&text);
	return o;
}

static json_t *info_object(const stk_image *img, const char *file)
{
	const stk_source_info *src = stk_image_source(img);
	uint32_t n = stk__image_frames_known(img);
	json_t *o = json_object();
	json_t *durations = json_array();
	uint64_t playback = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint32_t ms = stk__image_known_ms(img, i);
		json_array_append_new(durations, json_integer(ms));
		playback += stk_playback_duration(ms);
	}
	json_object_set_new(o, "file", json_string(file));
	json_object_set_new(o, "format", json_string(stk_format_name(src->format)));
	json_object_set_new(o, "width", json_integer(stk_image_width(img)));
	json_object_set_new(o, "height", json_integer(stk_image_height(img)));
	json_object_set_new(o, "frames", json_integer(n));
	json_object_set_new(o, "animated", json_boolean(n > 1));
	json_object_set_new(o, "duration_ms", json_integer((json_int_t)stk__image_known_duration(img)));
	json_object_set_new(o, "frame_durations_ms", durations);
	json_object_set_new(o, "playback_duration_ms",
	                    json_integer(n > 1 ? (json_int_t)playback : 0));
	json_object_set_new(o, "loop", json_integer(stk_image_plays(img)));
	json_object_set_new(o, "alpha", json_string(stk_alpha_name(stk__image_known_alpha(img))));
	json_object_set_new(o, "bytes", json_integer((json_int_t)src->bytes));
	json_object_set_new(o, "color_type", json_string(stk_color_type_name(src->color_type)));
	json_object_set_new(o, "bit_depth", json_integer(src->bit_depth));
	json_object_set_new(o, "interlaced", json_boolean(src->interlaced));
	json_object_set_new(o, "gamma", json_boolean(src->has_gamma));
	json_object_set_new(o, "icc_converted", json_boolean(src->icc_converted));
	json_object_set_new(o, "metadata", metadata_json(img));
	json_t *wa = whatsapp_json(img);
	if (wa)
		json_object_set_new(o, "whatsapp", wa);
	if (src->webp_kind != STK_WEBP_NONE) {
		json_t *w = json_object();
		json_t *keys = json_array();
		for (uint32_t i = 0; i < n; i++)
			if (stk__image_known_keyframe(img, i))
				json_array_append_new(keys, json_integer(i));
		json_object_set_new(w, "compression", json_string(stk_webp_kind_name(src->webp_kind)));
		json_object_set_new(w, "keyframes", json_integer(src->webp_keyframes));
		json_object_set_new(w, "keyframe_indices", keys);
		json_object_set_new(o, "webp", w);
	}
	if (src->codec[0]) {
		json_t *v = json_object();
		json_object_set_new(v, "codec", json_string(src->codec));
		json_object_set_new(v, "fps", json_real(src->fps));
		json_object_set_new(v, "audio", json_boolean(src->has_audio));
		json_object_set_new(v, "declared_frames", json_integer(src->declared_frames));
		json_object_set_new(o, "motion", v);
	}
	return o;
}

static stk_status take_string(char *s, stk_buf *out, stk_error *err)
{
	if (!s)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	out->data = (uint8_t *)s;
	out->len = strlen(s);
	return STK_OK;
}

stk_status stk_info_json(const stk_image *img, const char *file, stk_buf *out,
                         stk_error *err)
{
	json_t *o = info_object(img, file);
	char *s = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	return take_string(s, out, err);
}

static void durations_text(const stk_image *img, stk__sb *sb)
{
	uint32_t n = stk__image_frames_known(img);
	uint32_t first = stk__image_known_ms(img, 0);
	bool same = true;
	for (uint32_t i = 1; i < n; i++)
		same = same && stk__image_known_ms(img, i) == first;
	if (same) {
		stk__sb_printf(sb, "%u ms each", first);
		return;
	}
	for (uint32_t i = 0; i < n && i < 32; i++)
		stk__sb_printf(sb, "%s%u", i ? " " : "", stk__image_known_ms(img, i));
	stk__sb_printf(sb, "%s ms", n > 32 ? " ..." : "");
}

stk_status stk_info_text(const stk_image *img, const char *file, stk_buf *out,
                         stk_error *err)
{
	const stk_source_info *src = stk_image_source(img);
	uint32_t n = stk__image_frames_known(img);
	stk__sb sb = { out, 0, err, STK_OK };
	out->data = NULL;
	out->len = 0;
	const char *meta[STK_META_COUNT] = { "EXIF", "XMP", "ICC" };
	int nmeta = 0;

	stk__sb_printf(&sb, "%s\n", file);
	stk__sb_printf(&sb, "  format:     %s\n", stk_format_name(src->format));
	stk__sb_printf(&sb, "  size:       %ux%u\n", stk_image_width(img), stk_image_height(img));
	stk__sb_printf(&sb, "  colour:     %s, %d-bit%s%s\n",
	               stk_color_type_name(src->color_type), src->bit_depth,
	               src->interlaced ? ", interlaced" : "",
	               src->icc_converted ? ", converted to sRGB" : "");
	stk__sb_printf(&sb, "  alpha:      %s\n", stk_alpha_name(stk__image_known_alpha(img)));
	stk__sb_printf(&sb, "  bytes:      %llu\n", (unsigned long long)src->bytes);
	if (n > 1) {
		uint64_t playback = 0;
		for (uint32_t i = 0; i < n; i++)
			playback += stk_playback_duration(stk__image_known_ms(img, i));
		stk__sb_printf(&sb, "  frames:     %u\n", n);
		stk__sb_printf(&sb, "  duration:   %llu ms",
		               (unsigned long long)stk__image_known_duration(img));
		if (playback != stk__image_known_duration(img))
			stk__sb_printf(&sb, " (plays as %llu ms: frames of 10 ms or less last 100 ms)",
			               (unsigned long long)playback);
		stk__sb_printf(&sb, "\n  timing:     ");
		durations_text(img, &sb);
		if (stk_image_plays(img) == 0)
			stk__sb_printf(&sb, "\n  loop:       forever\n");
		else
			stk__sb_printf(&sb, "\n  loop:       %u play%s\n", stk_image_plays(img),
			               stk_image_plays(img) == 1 ? "" : "s");
	} else {
		stk__sb_printf(&sb, "  frames:     1 (still)\n");
	}
	if (src->webp_kind != STK_WEBP_NONE)
		stk__sb_printf(&sb, "  webp:       %s, %u keyframe%s\n",
		               stk_webp_kind_name(src->webp_kind), src->webp_keyframes,
		               src->webp_keyframes == 1 ? "" : "s");
	if (src->codec[0])
		stk__sb_printf(&sb, "  codec:      %s, %.3g fps%s\n", src->codec, src->fps,
		               src->has_audio ? ", audio ignored" : "");
	stk__sb_printf(&sb, "  metadata:   ");
	for (int k = 0; k < STK_META_COUNT; k++)
		if (stk_image_metadata(img, (stk_meta_kind)k, NULL, NULL))
			stk__sb_printf(&sb, "%s%s", nmeta++ ? ", " : "", meta[k]);
	stk__sb_printf(&sb, "%s\n", nmeta ? "" : "none");
	json_t *wa = whatsapp_json(img);
	if (wa) {
		const char *id = json_string_value(json_object_get(wa, "sticker-pack-id"));
		const char *name = json_string_value(json_object_get(wa, "sticker-pack-name"));
		const char *pub = json_string_value(json_object_get(wa, "sticker-pack-publisher"));
		json_t *emojis = json_object_get(wa, "emojis");
		stk__sb_printf(&sb, "  whatsapp:   pack \"%s\" (id %s), publisher \"%s\", emojis",
		               name ? name : "", id && *id ? id : "none", pub ? pub : "");
		for (size_t i = 0; i < json_array_size(emojis); i++) {
			const char *e = json_string_value(json_array_get(emojis, i));
			stk__sb_printf(&sb, " %s", e ? e : "?");
		}
		stk__sb_printf(&sb, "%s\n", json_array_size(emojis) ? "" : " none");
		json_decref(wa);
	}
	if (sb.status != STK_OK)
		stk_buf_release(out);
	return sb.status;
}
