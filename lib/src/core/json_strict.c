/*
 * json_strict.c - the strict JSON walker (json_strict.h): key tables with
 * types, and errors at the line and column of the value at fault.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_strict.h"

stk_status stk__jwalk_open(stk__jwalk *w, const char *text, size_t len, const char *name,
                           stk_status code, json_t **doc, stk_error *err)
{
	*w = (stk__jwalk){ .name = name, .text = text, .len = len, .code = code, .err = err };
	json_error_t je;
	*doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!*doc) {
		stk__fail(err, code, "line %d, column %d: %s", je.line, je.column, je.text);
		stk__error_set_file(err, name);
		return code;
	}
	return STK_OK;
}

void stk__jwalk_push_key(stk__jwalk *w, const char *key)
{
	if (w->depth < STK_JWALK_MAX_DEPTH)
		w->path[w->depth] = key;
	w->depth++;
}

void stk__jwalk_push_index(stk__jwalk *w, size_t i)
{
	if (w->depth < STK_JWALK_MAX_DEPTH) {
		snprintf(w->index[w->depth], sizeof w->index[0], "#%zu", i);
		w->path[w->depth] = w->index[w->depth];
	}
	w->depth++;
}

void stk__jwalk_pop(stk__jwalk *w)
{
	w->depth--;
}

stk_status stk__jwalk_fail(stk__jwalk *w, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	stk_status s = stk__jwalk_vfail(w, key, fmt, ap);
	va_end(ap);
	return s;
}

stk_status stk__jwalk_vfail(stk__jwalk *w, const char *key, const char *fmt, va_list ap)
{
	char msg[256];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t depth = w->depth < STK_JWALK_MAX_DEPTH ? w->depth : STK_JWALK_MAX_DEPTH;
	if (key)
		w->path[depth++] = key;
	int line = 0, col = 0;
	if (stk__json_locate(w->text, w->len, w->path, depth, &line, &col))
		stk__fail(w->err, w->code, "line %d, column %d: %s", line, col, msg);
	else
		stk__fail(w->err, w->code, "%s", msg);
	stk__error_set_file(w->err, w->name);
	return w->code;
}

static const char *jtype_name(stk__jtype t)
{
	switch (t) {
	case STK_J_STRING: return "a string";
	case STK_J_INT: return "a whole number";
	case STK_J_NUMBER: return "a number";
	case STK_J_BOOL: return "true or false";
	case STK_J_ARRAY: return "an array";
	case STK_J_OBJECT: return "an object";
	case STK_J_ANY: break;
	}
	return "a value";
}

static bool has_type(const json_t *v, stk__jtype t)
{
	switch (t) {
	case STK_J_STRING: return json_is_string(v);
	case STK_J_INT: return json_is_integer(v);
	case STK_J_NUMBER: return json_is_number(v);
	case STK_J_BOOL: return json_is_boolean(v);
	case STK_J_ARRAY: return json_is_array(v);
	case STK_J_OBJECT: return json_is_object(v);
	case STK_J_ANY: return true;
	}
	return false;
}

stk_status stk__jwalk_keys(stk__jwalk *w, const json_t *obj, const stk__jkey *keys,
                           const char *what)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v) {
		const stk__jkey *spec = NULL;
		for (const stk__jkey *s = keys; s->name; s++)
			if (strcmp(s->name, k) == 0)
				spec = s;
		if (!spec) {
			char known[256] = "";
			for (const stk__jkey *s = keys; s->name; s++)
				snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s",
				         s == keys ? "" : ", ", s->name);
			return stk__jwalk_fail(w, k, "unknown key \"%s\" in %s (known: %s)", k, what,
			                       known);
		}
		if (!has_type(v, spec->type))
			return stk__jwalk_fail(w, k, "\"%s\" in %s must be %s", k, what,
			                       jtype_name(spec->type));
	}
	for (const stk__jkey *s = keys; s->name; s++)
		if (s->required && !json_object_get(obj, s->name))
			return stk__jwalk_fail(w, NULL, "%s has no \"%s\"", what, s->name);
	return STK_OK;
}

stk_status stk__jwalk_strings(stk__jwalk *w, json_t *arr, const char *key, bool nonempty,
                              const char ***out, size_t *n)
{
	size_t count = json_array_size(arr);
	if (nonempty && count == 0)
		return stk__jwalk_fail(w, key, "\"%s\" must not be empty", key);
	if (out) {
		*out = calloc(count ? count : 1, sizeof **out);
		if (!*out)
			return stk__fail(w->err, STK_ERR_NOMEM, "out of memory");
		*n = count;
	}
	stk__jwalk_push_key(w, key);
	for (size_t i = 0; i < count; i++) {
		json_t *e = json_array_get(arr, i);
		if (!json_is_string(e)) {
			stk__jwalk_push_index(w, i);
			stk_status s = stk__jwalk_fail(w, NULL, "\"%s\" must hold strings only", key);
			stk__jwalk_pop(w);
			stk__jwalk_pop(w);
			return s;
		}
		if (out)
			(*out)[i] = json_string_value(e);
	}
	stk__jwalk_pop(w);
	return STK_OK;
}

stk_status stk__jwalk_objects(stk__jwalk *w, json_t *arr, const char *key, const char *what,
                              stk__jwalk_item_fn fn, void *user)
{
	stk_status s = STK_OK;
	stk__jwalk_push_key(w, key);
	for (size_t i = 0; s == STK_OK && i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		stk__jwalk_push_index(w, i);
		if (!json_is_object(o))
			s = stk__jwalk_fail(w, NULL, "%s must be an object", what);
		else
			s = fn(w, o, i, user);
		stk__jwalk_pop(w);
	}
	stk__jwalk_pop(w);
	return s;
}

const char *stk__json_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}
