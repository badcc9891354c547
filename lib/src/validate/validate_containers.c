/*
 * validate_containers.c - facts from files validate inspects but does not
 * decode: Telegram TGS and WEBM stickers.  The inspectors themselves live
 * in tgs.c and webm.c; this is the one place validate calls them.
 */
#include <stdlib.h>
#include <string.h>
#include "stk_limits.h"
#include "validate_internal.h"

/* The caps are in stk_limits.h (the Lottie JSON one in inspect.h). */

stk_status stk__subject_tgs(stk__subject *s, const uint8_t *data, size_t len, stk_error *err)
{
	stk__tgs_info *t = calloc(1, sizeof *t);
	if (!t)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status st = stk__tgs_inspect(data, len, STK__LOTTIE_MAX_JSON, t, err);
	if (st != STK_OK) {
		free(t);
		return st;
	}
	s->tgs = t;
	s->format = "tgs";
	s->bytes = len;
	s->width = t->width;
	s->height = t->height;
	s->fps = t->fps;
	double frames = t->out_point - t->in_point;
	s->frames = frames > 0 && frames < 1e6 ? (uint32_t)(frames + 0.5) : 0;
	s->duration_ms = t->duration_ms > 0 ? (uint64_t)(t->duration_ms + 0.5) : 0;
	s->animated = true;
	s->plays = 0; /* Telegram loops every animated sticker */
	return STK_OK;
}

stk_status stk__subject_webm(stk__subject *s, const uint8_t *data, size_t len,
                             stk_error *err)
{
	stk__webm_info *w = calloc(1, sizeof *w);
	if (!w)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_status st = stk__webm_inspect(data, len, w, err);
	if (st != STK_OK) {
		free(w);
		return st;
	}
	s->webm = w;
	s->format = "webm";
	s->bytes = len;
	s->width = w->width;
	s->height = w->height;
	s->fps = w->fps;
	s->duration_ms = w->duration_ms > 0 ? (uint64_t)(w->duration_ms + 0.5) : 0;
	s->frames = w->fps > 0 ? (uint32_t)(w->fps * w->duration_ms / 1000.0 + 0.5) : 0;
	s->animated = true;
	s->plays = 0;
	return STK_OK;
}
