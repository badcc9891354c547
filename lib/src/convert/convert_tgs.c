/*
 * convert_tgs.c - Telegram's animated stickers kept as they are: a TGS
 * source that already meets the store's TGS rules (canvas, frame rate,
 * duration, frames, bytes, no forbidden Lottie feature) is the output,
 * byte for byte; vector art is never rasterised when it need not be.
 * Anything else is rendered and converted as any animation, and the
 * report's notes say what kept it from passing through.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "convert_internal.h"
#include "inspect.h"

/* Why info cannot pass through under o, into why ("" when it can). */
static void refusal(const stk_convert_options *o, const stk__tgs_info *t, char *why,
                    size_t size)
{
	bool fps_ok = o->tgs_nfps == 0;
	for (uint32_t i = 0; i < o->tgs_nfps; i++)
		fps_ok |= fabs(t->fps - o->tgs_fps[i]) < 1e-6;
	double frames = t->out_point - t->in_point;
	why[0] = '\0';
	if ((o->tgs_width && t->width != o->tgs_width) ||
	    (o->tgs_height && t->height != o->tgs_height))
		snprintf(why, size, "its canvas is %ux%u, not %ux%u", t->width, t->height,
		         o->tgs_width, o->tgs_height);
	else if (!fps_ok || (o->tgs_max_fps > 0 && t->fps > o->tgs_max_fps))
		snprintf(why, size, "it runs at %g fps", t->fps);
	else if (o->tgs_max_duration_ms && t->duration_ms > o->tgs_max_duration_ms + 0.5)
		snprintf(why, size, "it lasts %.0f ms, over %u", t->duration_ms,
		         o->tgs_max_duration_ms);
	else if (o->tgs_max_frames && frames > o->tgs_max_frames)
		snprintf(why, size, "it has %.0f frames, over %u", frames, o->tgs_max_frames);
	else if (o->tgs_max_bytes && t->file_bytes > o->tgs_max_bytes)
		snprintf(why, size, "it is %llu bytes, over %llu",
		         (unsigned long long)t->file_bytes, (unsigned long long)o->tgs_max_bytes);
	else if (o->tgs_plain && t->features)
		for (unsigned i = 0; i < STK_TGS_FEATURE_COUNT; i++)
			if (t->features & (1u << i)) {
				snprintf(why, size, "it uses %s", stk__tgs_feature_name(i));
				break;
			}
}

stk_status stk__convert_keep_tgs(const stk_convert_options *o, const uint8_t *data,
                                 size_t len, stk_buf *out, stk_convert_report *rep,
                                 bool *kept, stk_error *err)
{
	*kept = false;
	if (!o->keep_tgs || stk_format_sniff(data, len) != STK_FORMAT_TGS)
		return STK_OK;
	stk__tgs_info *t = calloc(1, sizeof *t);
	if (!t)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	stk_error ignored;
	char why[128];
	/* a TGS the inspector refuses is the decoder's to report */
	if (stk__tgs_inspect(data, len, STK__LOTTIE_MAX_JSON, t, &ignored) != STK_OK) {
		free(t);
		return STK_OK;
	}
	refusal(o, t, why, sizeof why);
	if (why[0]) {
		stk__report_note(rep, "not kept as TGS: %s", why);
		free(t);
		return STK_OK;
	}
	if (!(out->data = malloc(len))) {
		free(t);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	memcpy(out->data, data, len);
	out->len = len;
	double frames = t->out_point - t->in_point;
	rep->format = STK_FORMAT_TGS;
	rep->width = t->width;
	rep->height = t->height;
	rep->quality = 100;
	rep->lossless = true;
	rep->alpha_quality = 100;
	rep->fps = t->fps;
	rep->scale = 1;
	rep->frames = rep->source_frames = (uint32_t)lround(frames);
	rep->duration_ms = rep->source_duration_ms = (uint64_t)llround(t->duration_ms);
	rep->bytes = len;
	rep->budget = o->tgs_max_bytes;
	rep->fits = true;
	rep->ssim = 1;
	stk__report_note(rep, "kept as TGS: it meets the store's TGS rules");
	*kept = true;
	free(t);
	return STK_OK;
}
