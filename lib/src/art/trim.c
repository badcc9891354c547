/*
 * trim.c - the union of the frames' art boxes, the one pass trim needs
 * before any layout (resize, convert) and the margin check measures
 * (validate).  Each frame is keyed first when keying is asked for (into
 * scratch: the frame itself is left alone), so the box is the box of what
 * will be fitted.
 */
#include <stdlib.h>
#include <string.h>
#include "art_internal.h"

void stk__trim_init(stk__trim *t, uint8_t threshold, const stk_resize_options *key)
{
	memset(t, 0, sizeof *t);
	t->threshold = threshold;
	t->key = key && key->key ? key : NULL;
}

void stk__trim_release(stk__trim *t)
{
	free(t->keyed);
	t->keyed = NULL;
	t->keyed_bytes = 0;
}

static void box_union(stk_rect *a, const stk_rect *b)
{
	uint32_t x1 = a->x + a->w > b->x + b->w ? a->x + a->w : b->x + b->w;
	uint32_t y1 = a->y + a->h > b->y + b->h ? a->y + a->h : b->y + b->h;
	a->x = a->x < b->x ? a->x : b->x;
	a->y = a->y < b->y ? a->y : b->y;
	a->w = x1 - a->x;
	a->h = y1 - a->y;
}

stk_status stk__trim_add(stk__trim *t, const uint8_t *rgba, uint32_t w, uint32_t h,
                         const uint8_t **seen, stk_error *err)
{
	if (t->key) {
		size_t bytes;
		if (!stk__rgba_size(w, h, &bytes))
			return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u frame", w, h);
		if (bytes > t->keyed_bytes) {
			free(t->keyed);
			t->keyed_bytes = 0;
			if (!(t->keyed = malloc(bytes)))
				return stk__fail(err, STK_ERR_NOMEM, "out of memory for a %ux%u frame",
				                 w, h);
			t->keyed_bytes = bytes;
		}
		memcpy(t->keyed, rgba, bytes);
		STK_TRY(stk__key_frame(t->keyed, w, h, t->key->key_color, t->key->key_tolerance,
		                       err));
		rgba = t->keyed;
	}
	stk_rect b;
	if (stk_alpha_bounds(rgba, w, h, t->threshold, &b)) {
		if (t->have)
			box_union(&t->box, &b);
		else
			t->box = b;
		t->have = true;
	}
	if (seen)
		*seen = rgba;
	return STK_OK;
}

bool stk__trim_image(const stk_image *img, uint8_t threshold, stk_rect *box)
{
	stk__trim t;
	stk__trim_init(&t, threshold, NULL);
	uint32_t w = stk_image_width(img), h = stk_image_height(img);
	for (uint32_t f = 0; f < stk_image_frame_count(img); f++)
		(void)stk__trim_add(&t, stk_image_frame_rgba_const(img, f), w, h, NULL, NULL);
	*box = t.box;
	return t.have;
}
