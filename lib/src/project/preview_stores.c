/*
 * preview_stores.c - how each store's chat looks behind a sticker: its
 * light and dark backgrounds and the side at which the app draws one
 * sticker in a conversation (CSS pixels / dp, i.e. at 1x).
 *
 * These are not store rules (no store publishes them), so they live here
 * as a small table rather than in the profiles.  Each row says where its
 * figures come from; where nothing better was found the row says so and
 * uses the greys the SSIM measure composites over (art/ssim.c).
 */
#include <string.h>
#include "preview_internal.h"

struct look {
	const char *id;
	uint32_t light, dark;   /* 0xRRGGBB */
	uint32_t px;
	const char *source;
};

static const struct look looks[] = {
	{ "whatsapp", 0xefeae2, 0x0b141a, 190,
	  "WhatsApp Web's default chat backgrounds (light #efeae2, dark #0b141a) as "
	  "transcribed by several WhatsApp Web palettes; 190 px is an estimate of the "
	  "in-chat sticker, not a published figure" },
	{ "telegram", 0xffffff, 0x0e1621, 256,
	  "Telegram Desktop's plain day background and its night theme's chat "
	  "background (#0e1621); stickers in a chat are capped at 256 px (Telegram "
	  "Desktop maxStickerSize) - secondary, from memory of the client's style files" },
	{ "signal", 0xffffff, 0x121212, 180,
	  "Signal's plain light theme and Material dark surface (#121212); 180 px is "
	  "an estimate" },
};

#define FALLBACK_LIGHT 0xe6e6e6   /* STK__SSIM_LIGHT grey */
#define FALLBACK_DARK  0x1a1a1a   /* STK__SSIM_DARK grey */
#define FALLBACK_PX    160

static void rgba(uint32_t hex, uint8_t out[4])
{
	out[0] = (uint8_t)(hex >> 16);
	out[1] = (uint8_t)(hex >> 8);
	out[2] = (uint8_t)hex;
	out[3] = 255;
}

void stk_preview_store_look(const char *id, uint8_t light[4], uint8_t dark[4],
                            uint32_t *sticker_px, const char **source)
{
	for (size_t i = 0; id && i < sizeof looks / sizeof looks[0]; i++)
		if (strcmp(looks[i].id, id) == 0) {
			rgba(looks[i].light, light);
			rgba(looks[i].dark, dark);
			*sticker_px = looks[i].px;
			if (source)
				*source = looks[i].source;
			return;
		}
	rgba(FALLBACK_LIGHT, light);
	rgba(FALLBACK_DARK, dark);
	*sticker_px = FALLBACK_PX;
	if (source)
		*source = "no figures found for this store: the neutral greys the SSIM "
		          "measure uses (#e6e6e6, #1a1a1a) and 160 px";
}
