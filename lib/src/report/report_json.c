/*
 * report_json.c - the report as JSON (schema in stickerkit-validate(1)):
 * {"profile", "files", "findings": [{rule, severity, file, frame?, message,
 * value, limit, fix, source}], "errors", "warnings", "unreadable"}.
 * Measured values and limits that are numbers are written as numbers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "report_internal.h"

/* A number when the whole text is one, a string otherwise, null for NULL. */
static json_t *value_json(const char *s)
{
	if (!s)
		return json_null();
	char *end;
	errno = 0;
	if (*s && (*s == '-' || (*s >= '0' && *s <= '9'))) {
		long long i = strtoll(s, &end, 10);
		if (!*end && !errno)
			return json_integer(i);
		double d = strtod(s, &end);
		if (!*end && !errno)
			return json_real(d);
	}
	return json_string(s);
}

/* jansson refuses invalid UTF-8; file names may hold any bytes. */
static json_t *string_json(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	size_t n = strlen(s);
	char *clean = malloc(n + 1);
	if (!clean)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		clean[i] = (s[i] & 0x80) ? '?' : s[i];
	j = json_string(clean);
	free(clean);
	return j;
}

static json_t *finding_json(const stk_finding *f)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "rule", string_json(f->rule));
	json_object_set_new(o, "severity", json_string(stk_severity_name(f->severity)));
	json_object_set_new(o, "file", string_json(f->file));
	if (f->frame >= 0)
		json_object_set_new(o, "frame", json_integer(f->frame));
	json_object_set_new(o, "message", string_json(f->message));
	json_object_set_new(o, "value", value_json(f->value));
	json_object_set_new(o, "limit", value_json(f->limit));
	if (f->fix)
		json_object_set_new(o, "fix", string_json(f->fix));
	if (f->source)
		json_object_set_new(o, "source", string_json(f->source));
	return o;
}

static json_t *report_json(const stk_report *r, unsigned flags)
{
	json_t *root = json_object(), *findings = json_array(), *files = json_array();
	if (!root || !findings || !files) {
		json_decref(root);
		json_decref(findings);
		json_decref(files);
		return NULL;
	}
	json_object_set_new(root, "profile", json_string(r->profile));
	json_object_set_new(root, "strict", json_boolean(flags & STK_REPORT_STRICT));
	for (size_t i = 0; i < r->n_files; i++)
		json_array_append_new(files, string_json(r->files[i]));
	json_object_set_new(root, "files", files);
	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(findings, finding_json(&r->findings[i]));
	json_object_set_new(root, "findings", findings);
	json_object_set_new(root, "errors", json_integer((json_int_t)r->errors));
	json_object_set_new(root, "warnings", json_integer((json_int_t)r->warnings));
	json_object_set_new(root, "unreadable", json_integer((json_int_t)r->unreadable));
	return root;
}

stk_status stk__report_json(const stk_report *r, unsigned flags, stk_buf *out, stk_error *err)
{
	json_t *root = report_json(r, flags);
	char *text = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(root);
	if (!text)
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	out->data = (uint8_t *)text;
	out->len = strlen(text);
	return STK_OK;
}
