/*
 * manifest_art.c - art options in a manifest: the same words as the
 * command line's resize options (stk_resize_option_set()), with '_' for
 * '-', plus the quality ceiling and the duration policy.  The canvas size
 * is the store's and cannot be set here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "project_internal.h"

/* Manifest key -> resize option word; NULL word: handled here. */
static const struct {
	const char *key, *word;
	stk__jtype type;
} known[] = {
	{ "margin", "margin", STK_J_ANY },
	{ "outline", "outline", STK_J_ANY },
	{ "trim", NULL, STK_J_BOOL },
	{ "trim_threshold", "trim-threshold", STK_J_INT },
	{ "key", "key", STK_J_STRING },
	{ "background", "background", STK_J_STRING },
	{ "gravity", "gravity", STK_J_STRING },
	{ "fit", "fit", STK_J_STRING },
	{ "filter", "filter", STK_J_STRING },
	{ "even", "even", STK_J_BOOL },
	{ "no_upscale", "no-upscale", STK_J_BOOL },
	{ "quality", NULL, STK_J_NUMBER },
	{ "duration_policy", NULL, STK_J_STRING },
};
#define NKNOWN (sizeof known / sizeof known[0])

/* Numbers are kept as the text jansson gives back ("16", "12.5"). */
static const char *value_text(stk__jwalk *w, json_t *obj, const char *key, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	char buf[64];
	if (json_is_integer(v))
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, sizeof buf, "%g", json_real_value(v));
	else
		return NULL;
	/* Keep the text alive with the document: a string beside the number. */
	char hidden[80];
	snprintf(hidden, sizeof hidden, " %s", key);
	json_object_set_new(obj, hidden, json_string(buf));
	return json_string_value(json_object_get(obj, hidden));
}

stk_status stk__art_read(stk__jwalk *w, json_t *obj, stk__art *art)
{
	stk__jkey keys[NKNOWN + 1];
	for (size_t i = 0; i < NKNOWN; i++)
		keys[i] = (stk__jkey){ known[i].key, known[i].type, false };
	keys[NKNOWN] = (stk__jkey){ NULL, STK_J_ANY, false };
	STK_TRY(stk__jwalk_keys(w, obj, keys, "art options"));
	stk_resize_options scratch;
	stk_resize_options_init(&scratch);
	for (size_t i = 0; i < NKNOWN; i++) {
		json_t *v = json_object_get(obj, known[i].key);
		if (!v)
			continue;
		const char *key = known[i].key;
		if (strcmp(key, "trim") == 0) {
			art->trim = json_is_true(v);
			continue;
		}
		if (strcmp(key, "quality") == 0) {
			double q = json_number_value(v);
			if (q < 0 || q > 100)
				return stk__jwalk_fail(w, key, "quality must be 0..100, not %g", q);
			art->quality = q;
			continue;
		}
		if (strcmp(key, "duration_policy") == 0) {
			stk_duration_policy p;
			if (!stk_duration_policy_parse(json_string_value(v), &p))
				return stk__jwalk_fail(w, key, "duration_policy is fail, speedup, trim or "
				                       "drop-frames, not \"%s\"", json_string_value(v));
			art->duration_policy = json_string_value(v);
			continue;
		}
		if (json_is_boolean(v) && !json_is_true(v))
			continue; /* "even": false is the default */
		if (!json_is_boolean(v) && !json_is_string(v) && !json_is_number(v))
			return stk__jwalk_fail(w, key, "\"%s\" must be a string or a number", key);
		const char *text = json_is_boolean(v) ? "" : value_text(w, obj, key, v);
		if (!text)
			return stk__fail(w->err, STK_ERR_NOMEM, "out of memory");
		stk_error e;
		stk_error_init(&e);
		if (stk_resize_option_set(&scratch, known[i].word, text, &e) != STK_OK)
			return stk__jwalk_fail(w, key, "%s", e.msg);
		if (art->n == STK__ART_MAX)
			return stk__jwalk_fail(w, key, "too many art options");
		art->name[art->n] = known[i].word;
		art->value[art->n++] = text;
	}
	return STK_OK;
}

stk_status stk__art_apply(const stk__art *art, stk_resize_options *ropt,
                          stk_convert_options *copt, stk_error *err)
{
	if (!art)
		return STK_OK;
	for (size_t i = 0; i < art->n; i++) {
		STK_TRY(stk_resize_option_set(ropt, art->name[i], art->value[i], err));
		if (copt && !strcmp(art->name[i], "filter"))
			copt->auto_pixel = false; /* the filter asked for, whatever the art */
	}
	if (art->trim >= 0)
		ropt->trim = art->trim;
	if (copt && art->quality >= 0)
		copt->quality = (float)art->quality;
	if (copt && art->duration_policy)
		(void)stk_duration_policy_parse(art->duration_policy, &copt->duration_policy);
	return STK_OK;
}
