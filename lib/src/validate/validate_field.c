/*
 * validate_field.c - checks on metadata fields from a manifest: required,
 * lengths, patterns, links, e-mail, counts and known keys.
 *
 * A field the input does not carry is only an error for "required", and
 * only when the input lists every field (a contents.json does; a
 * .wastickers' title.txt says nothing about links).  Lengths count UTF-16
 * code units, as Java's String.length() in WhatsApp's validator does.
 */
#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "validate_internal.h"

struct dc {
	const stk__ctx *c;
	const stk__rule *r;
	const char *file;
	stk_error *err;
};

/* Yes/no checks say what they want instead of "true". */
static const char *bool_limit(const stk__rule *r)
{
	switch (r->ck->check) {
	case STK_CK_REQUIRED: return "present";
	case STK_CK_URL: return r->num ? "an http or https link" : "not a link";
	case STK_CK_EMAIL: return r->num ? "an e-mail address" : "not an e-mail address";
	default: return NULL;
	}
}

static stk_status emit(const struct dc *d, const char *value)
{
	return stk__emit(d->c, d->r, d->file, -1, value, bool_limit(d->r), d->err);
}

static stk_status emit_u(const struct dc *d, uint64_t v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
	return emit(d, buf);
}

static bool present(const json_t *v)
{
	if (!v || json_is_null(v))
		return false;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	return true;
}

static size_t utf16_length(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xc0) == 0x80)
			continue;
		n += *p >= 0xf0 ? 2 : 1; /* outside the BMP: a surrogate pair */
	}
	return n;
}

/* http or https, then a host; *host gets the host (no user, no port). */
static bool parse_url(const char *s, char *host, size_t size)
{
	const char *rest;
	if (strncasecmp(s, "http://", 7) == 0)
		rest = s + 7;
	else if (strncasecmp(s, "https://", 8) == 0)
		rest = s + 8;
	else
		return false;
	if (strpbrk(s, " \t\r\n"))
		return false;
	size_t alen = strcspn(rest, "/?#");
	const char *at = NULL;
	for (const char *q = rest; q < rest + alen; q++)
		if (*q == '@')
			at = q;
	const char *h = at ? at + 1 : rest;
	size_t hlen = (size_t)(rest + alen - h);
	const char *colon = memchr(h, ':', hlen);
	if (colon)
		hlen = (size_t)(colon - h);
	if (hlen == 0 || hlen >= size)
		return false;
	for (size_t i = 0; i < hlen; i++)
		if (!((h[i] >= 'a' && h[i] <= 'z') || (h[i] >= 'A' && h[i] <= 'Z') ||
		      (h[i] >= '0' && h[i] <= '9') || h[i] == '.' || h[i] == '-'))
			return false;
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	return true;
}

/* Android's Patterns.EMAIL_ADDRESS. */
static bool is_email(const char *s)
{
	static const char re_text[] =
		"^[a-zA-Z0-9+._%-]{1,256}@[a-zA-Z0-9][a-zA-Z0-9-]{0,64}"
		"(\\.[a-zA-Z0-9][a-zA-Z0-9-]{0,25})+$";
	regex_t re;
	if (regcomp(&re, re_text, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	bool ok = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

static size_t count_of(const json_t *v)
{
	if (json_is_string(v))
		return json_string_length(v) > 0;
	size_t n = 0;
	for (size_t i = 0; i < json_array_size(v); i++) {
		const json_t *e = json_array_get(v, i);
		n += !json_is_string(e) || json_string_length(e) > 0; /* "" is dropped */
	}
	return n;
}

static stk_status ck_known(const struct dc *d, json_t *obj)
{
	const char *k;
	json_t *v;
	if (!json_is_object(obj))
		return STK_OK;
	json_object_foreach(obj, k, v) {
		size_t i = 0;
		while (i < d->r->n && strcmp(d->r->strs[i], k) != 0)
			i++;
		if (i == d->r->n)
			STK_TRY(emit(d, k));
	}
	return STK_OK;
}

/* ---- checks on a field's text ---- */

static stk_status ck_min_length(const struct dc *d, const char *s)
{
	size_t n = utf16_length(s);
	return n < d->r->num ? emit_u(d, n) : STK_OK;
}

static stk_status ck_max_length(const struct dc *d, const char *s)
{
	size_t n = utf16_length(s);
	return n > d->r->num ? emit_u(d, n) : STK_OK;
}

static stk_status ck_pattern(const struct dc *d, const char *s)
{
	return regexec(&d->r->re, s, 0, NULL, 0) != 0 ? emit(d, s) : STK_OK;
}

static stk_status ck_not_contains(const struct dc *d, const char *s)
{
	for (size_t i = 0; i < d->r->n; i++)
		if (strstr(s, d->r->strs[i]))
			return emit(d, s);
	return STK_OK;
}

static stk_status ck_ends_with(const struct dc *d, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < d->r->n; i++) {
		size_t m = strlen(d->r->strs[i]);
		if (n >= m && strcasecmp(s + n - m, d->r->strs[i]) == 0)
			return STK_OK;
	}
	return emit(d, s);
}

static stk_status ck_url(const struct dc *d, const char *s)
{
	char host[256];
	return parse_url(s, host, sizeof host) != (bool)d->r->num ? emit(d, s) : STK_OK;
}

static stk_status ck_url_hosts(const struct dc *d, const char *s)
{
	char host[256];
	if (!parse_url(s, host, sizeof host))
		return STK_OK; /* not a link at all: "url" says so */
	for (size_t i = 0; i < d->r->n; i++)
		if (strcmp(host, d->r->strs[i]) == 0)
			return STK_OK;
	return emit(d, host);
}

static stk_status ck_email(const struct dc *d, const char *s)
{
	return is_email(s) != (bool)d->r->num ? emit(d, s) : STK_OK;
}

/* ---- checks on the field's presence and count ---- */

static stk_status ck_required(const struct dc *d, json_t *v, bool complete)
{
	if (!d->r->num || present(v) || (!v && !complete))
		return STK_OK;
	return emit(d, v && !json_is_null(v) ? "empty" : "missing");
}

static stk_status ck_known_fields(const struct dc *d, json_t *v, bool complete)
{
	(void)complete;
	return ck_known(d, v);
}

static stk_status ck_min_count(const struct dc *d, json_t *v, bool complete)
{
	if (!v && !complete)
		return STK_OK;
	return (v ? count_of(v) : 0) < d->r->num ? emit_u(d, v ? count_of(v) : 0) : STK_OK;
}

static stk_status ck_max_count(const struct dc *d, json_t *v, bool complete)
{
	(void)complete;
	return v && count_of(v) > d->r->num ? emit_u(d, count_of(v)) : STK_OK;
}

static stk_status ck_across_files(const struct dc *d, json_t *v, bool complete)
{
	(void)d, (void)v, (void)complete;
	return STK_OK; /* "unique" needs the other files: validate_pack.c checks it */
}

/* Every field check, indexed by its kind: a check of the whole value, or
 * one of its text (an absent optional field passes, a non-string fails). */
static const struct field_check {
	stk_status (*value)(const struct dc *d, json_t *v, bool complete);
	stk_status (*text)(const struct dc *d, const char *s);
} field_checks[STK_CK_COUNT] = {
	[STK_CK_REQUIRED] = { ck_required, NULL },
	[STK_CK_KNOWN_FIELDS] = { ck_known_fields, NULL },
	[STK_CK_MIN_COUNT] = { ck_min_count, NULL },
	[STK_CK_MAX_COUNT] = { ck_max_count, NULL },
	[STK_CK_UNIQUE] = { ck_across_files, NULL },
	[STK_CK_MIN_LENGTH] = { NULL, ck_min_length },
	[STK_CK_MAX_LENGTH] = { NULL, ck_max_length },
	[STK_CK_PATTERN] = { NULL, ck_pattern },
	[STK_CK_NOT_CONTAINS] = { NULL, ck_not_contains },
	[STK_CK_ENDS_WITH] = { NULL, ck_ends_with },
	[STK_CK_URL] = { NULL, ck_url },
	[STK_CK_URL_HOSTS] = { NULL, ck_url_hosts },
	[STK_CK_EMAIL] = { NULL, ck_email },
};

bool stk__field_check_exists(stk__check ck)
{
	return ck < STK_CK_COUNT && (field_checks[ck].value || field_checks[ck].text);
}

stk_status stk__check_field(const stk__ctx *c, const stk__rule *r, const char *file,
                            json_t *meta, bool complete, stk_error *err)
{
	struct dc d = { c, r, file, err };
	if (!stk__field_check_exists(r->ck->check))
		return stk__fail(err, STK_ERR_INTERNAL, "check \"%s\" is not about a field",
		                 r->ck->name);
	if (!meta)
		return STK_OK; /* no manifest: nothing to say about fields */
	json_t *v = r->pub.field ? json_object_get(meta, r->pub.field) : meta;
	const struct field_check *fc = &field_checks[r->ck->check];
	if (fc->value)
		return fc->value(&d, v, complete);
	if (!present(v))
		return STK_OK; /* optional and absent; "required" covers the rest */
	if (!json_is_string(v))
		return emit(&d, "(not a string)");
	return fc->text(&d, json_string_value(v));
}
