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

static stk_status ck_text(const struct dc *d, const char *s)
{
	const stk__rule *r = d->r;
	char host[256];
	size_t n;
	switch (r->ck->check) {
	case STK_CK_MIN_LENGTH:
		n = utf16_length(s);
		return n < r->num ? emit_u(d, n) : STK_OK;
	case STK_CK_MAX_LENGTH:
		n = utf16_length(s);
		return n > r->num ? emit_u(d, n) : STK_OK;
	case STK_CK_PATTERN:
		return regexec(&r->re, s, 0, NULL, 0) != 0 ? emit(d, s) : STK_OK;
	case STK_CK_NOT_CONTAINS:
		for (size_t i = 0; i < r->n; i++)
			if (strstr(s, r->strs[i]))
				return emit(d, s);
		return STK_OK;
	case STK_CK_ENDS_WITH:
		n = strlen(s);
		for (size_t i = 0; i < r->n; i++) {
			size_t m = strlen(r->strs[i]);
			if (n >= m && strcasecmp(s + n - m, r->strs[i]) == 0)
				return STK_OK;
		}
		return emit(d, s);
	case STK_CK_URL:
		return parse_url(s, host, sizeof host) != (bool)r->num ? emit(d, s) : STK_OK;
	case STK_CK_URL_HOSTS:
		if (!parse_url(s, host, sizeof host))
			return STK_OK; /* not a link at all: "url" says so */
		for (size_t i = 0; i < r->n; i++)
			if (strcmp(host, r->strs[i]) == 0)
				return STK_OK;
		return emit(d, host);
	case STK_CK_EMAIL:
		return is_email(s) != (bool)r->num ? emit(d, s) : STK_OK;
	default:
		return STK_OK;
	}
}

stk_status stk__check_field(const stk__ctx *c, const stk__rule *r, const char *file,
                            json_t *meta, bool complete, stk_error *err)
{
	struct dc d = { c, r, file, err };
	if (!meta)
		return STK_OK; /* no manifest: nothing to say about fields */
	json_t *v = r->pub.field ? json_object_get(meta, r->pub.field) : meta;
	switch (r->ck->check) {
	case STK_CK_REQUIRED:
		if (!r->num || present(v) || (!v && !complete))
			return STK_OK;
		return emit(&d, v && !json_is_null(v) ? "empty" : "missing");
	case STK_CK_KNOWN_FIELDS:
		return ck_known(&d, v);
	case STK_CK_MIN_COUNT:
		if (!v && !complete)
			return STK_OK;
		return (v ? count_of(v) : 0) < r->num ? emit_u(&d, v ? count_of(v) : 0) : STK_OK;
	case STK_CK_MAX_COUNT:
		return v && count_of(v) > r->num ? emit_u(&d, count_of(v)) : STK_OK;
	default:
		break;
	}
	if (!present(v))
		return STK_OK; /* optional and absent; "required" covers the rest */
	if (!json_is_string(v))
		return emit(&d, "(not a string)");
	return ck_text(&d, json_string_value(v));
}
