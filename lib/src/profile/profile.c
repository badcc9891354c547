/* profile.c - finding, freeing and reading a loaded profile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "profile_internal.h"

void stk__profile_check(const stk_profile *p)
{
	if (!p || p->magic != STK_PROFILE_MAGIC)
		abort(); /* a programming error, not bad input */
}

void stk_profile_free(stk_profile *p)
{
	if (!p)
		return;
	stk__profile_check(p);
	for (size_t i = 0; i < p->n_rules; i++) {
		stk__rule *r = &p->rules[i];
		free((char *)r->pub.value_json);
		free(r->strs);
		free(r->nums);
		if (r->has_re)
			regfree(&r->re);
	}
	for (size_t i = 0; i < p->n_roles; i++) {
		free(p->roles[i].match_formats);
		free(p->roles[i].match_names);
	}
	free(p->rules);
	free(p->roles);
	json_decref(p->doc);
	p->magic = 0;
	free(p);
}

/* A bare profile name: nothing that could climb out of a folder. */
static bool valid_name(const char *s)
{
	if (!*s || *s == '.')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}

static bool is_path(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

stk_status stk_profile_open(const char *name, const char *const *dirs, stk_profile **out,
                            stk_error *err)
{
	*out = NULL;
	if (is_path(name))
		return stk_profile_load_file(name, out, err);
	if (!valid_name(name))
		return stk__fail(err, STK_ERR_PROFILE, "no profile named \"%s\"", name);
	char looked[320] = "";
	for (size_t i = 0; dirs && dirs[i]; i++) {
		char path[4096];
		struct stat st;
		if (!dirs[i][0])
			continue;
		snprintf(path, sizeof path, "%s/%s.json", dirs[i], name);
		if (stat(path, &st) == 0)
			return stk_profile_load_file(path, out, err);
		snprintf(looked + strlen(looked), sizeof looked - strlen(looked), "%s%s",
		         looked[0] ? ", " : "", dirs[i]);
	}
	return stk__fail(err, STK_ERR_PROFILE, "no profile named \"%s\" (looked in %s)", name,
	                 looked[0] ? looked : "no folder");
}

const char *stk_profile_id(const stk_profile *p) { stk__profile_check(p); return p->id; }
const char *stk_profile_name(const stk_profile *p) { stk__profile_check(p); return p->name; }

const char *stk_profile_confidence(const stk_profile *p)
{
	stk__profile_check(p);
	return p->confidence;
}

const char *stk_profile_description(const stk_profile *p)
{
	stk__profile_check(p);
	return p->description ? p->description : "";
}

size_t stk_profile_role_count(const stk_profile *p)
{
	stk__profile_check(p);
	return p->n_roles;
}

const char *stk_profile_role_id(const stk_profile *p, size_t i)
{
	stk__profile_check(p);
	return i < p->n_roles ? p->roles[i].id : NULL;
}

const char *stk_profile_role_name(const stk_profile *p, size_t i)
{
	stk__profile_check(p);
	return i < p->n_roles ? p->roles[i].name : NULL;
}

const stk__role *stk__profile_role(const stk_profile *p, const char *id)
{
	for (size_t i = 0; i < p->n_roles; i++)
		if (strcmp(p->roles[i].id, id) == 0)
			return &p->roles[i];
	return NULL;
}

bool stk__is_sticker_role(const char *id)
{
	return strcmp(id, "sticker") == 0 || strncmp(id, "sticker.", 8) == 0 ||
	       strcmp(id, "emoji") == 0 || strncmp(id, "emoji.", 6) == 0;
}

const char *stk__sticker_role(bool animated)
{
	return animated ? "sticker.animated" : "sticker.static";
}

/* The role whose id is the first len characters of id, or NULL. */
static const stk__role *role_prefix(const stk_profile *p, const char *id, size_t len)
{
	for (size_t i = 0; i < p->n_roles; i++)
		if (strncmp(p->roles[i].id, id, len) == 0 && p->roles[i].id[len] == '\0')
			return &p->roles[i];
	return NULL;
}

size_t stk__role_chain(const stk_profile *p, const char *id, const stk__role **out,
                       size_t max)
{
	size_t n = 0;
	/* from the whole id down to its first word */
	for (size_t end = strlen(id) + 1; end-- > 0 && n < max;) {
		if (id[end] != '.' && id[end] != '\0')
			continue;
		const stk__role *r = role_prefix(p, id, end);
		if (r)
			out[n++] = r;
	}
	return n;
}

stk_status stk__each_rule(const stk_profile *p, const stk__role *role,
                          stk_status (*fn)(void *, const stk__rule *, stk_error *),
                          void *user, stk_error *err)
{
	/* from the first word up to the whole id: parents first, no depth cap */
	size_t len = strlen(role->id);
	for (size_t end = 0; end <= len; end++) {
		if (role->id[end] != '.' && role->id[end] != '\0')
			continue;
		const stk__role *r = end == len ? role : role_prefix(p, role->id, end);
		for (size_t i = 0; r && i < r->n_rules; i++)
			STK_TRY(fn(user, &p->rules[r->first_rule + i], err));
	}
	return STK_OK;
}

bool stk_profile_has_role(const stk_profile *p, const char *role)
{
	stk__profile_check(p);
	return role && stk__profile_role(p, role) != NULL;
}

size_t stk_profile_rule_count(const stk_profile *p)
{
	stk__profile_check(p);
	return p->n_rules;
}

const stk_rule *stk_profile_rule(const stk_profile *p, size_t i)
{
	stk__profile_check(p);
	return i < p->n_rules ? &p->rules[i].pub : NULL;
}

const stk_rule *stk_profile_find_rule(const stk_profile *p, const char *id)
{
	stk__profile_check(p);
	for (size_t i = 0; i < p->n_rules; i++)
		if (strcmp(p->rules[i].pub.id, id) == 0)
			return &p->rules[i].pub;
	return NULL;
}

const char *stk_severity_name(stk_severity s)
{
	return s == STK_SEVERITY_WARNING ? "warning" : "error";
}

/* Numbers print without a fraction when they have none. */
static int put_number(char *buf, size_t size, double v)
{
	if (v == (double)(long long)v)
		return snprintf(buf, size, "%lld", (long long)v);
	return snprintf(buf, size, "%g", v);
}

const char *stk__rule_limit(const stk__rule *r, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	switch (r->ck->vtype) {
	case STK_V_INT:
	case STK_V_NUMBER:
		put_number(buf, size, r->num);
		break;
	case STK_V_BOOL:
		snprintf(buf, size, "%s", r->num ? "true" : "false");
		break;
	case STK_V_STRING:
		snprintf(buf, size, "%s", r->str);
		break;
	case STK_V_STRINGS:
		for (size_t i = 0; i < r->n && n < size; i++)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", r->strs[i]);
		break;
	case STK_V_NUMBERS:
		for (size_t i = 0; i < r->n && n < size; i++) {
			if (i)
				n += (size_t)snprintf(buf + n, size - n, ", ");
			if (n < size)
				n += (size_t)put_number(buf + n, size - n, r->nums[i]);
		}
		break;
	}
	return buf;
}
