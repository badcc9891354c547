/*
 * profile_load.c - the strict profile loader.
 *
 * The profile schema on the strict JSON walker (core/json_strict.h): every
 * object is checked against the keys the format knows, with their types,
 * and every mistake is an error naming the line and column.  Rules are
 * resolved to a check and their value converted once, here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "profile_internal.h"

struct loader {
	stk__jwalk w;
	stk_profile *p;
};

/* stk__jwalk_fail() on the loader's walker. */
static stk_status fail_at(struct loader *ld, const char *key, const char *fmt, ...)
	STK_PRINTF(3, 4);

static stk_status fail_at(struct loader *ld, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	stk_status s = stk__jwalk_vfail(&ld->w, key, fmt, ap);
	va_end(ap);
	return s;
}

/* Ids are lower case words joined by '.', '-' or '_'. */
static bool valid_id(const char *s, bool dots)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_' || (dots && *s == '.')))
			return false;
	return true;
}

/* A non-empty array of strings, borrowed into *out. */
static stk_status string_list(struct loader *ld, json_t *arr, const char *key,
                              const char ***out, size_t *n)
{
	return stk__jwalk_strings(&ld->w, arr, key, true, out, n);
}

/* ---- rule values ---- */

static stk_status number_list(struct loader *ld, json_t *arr, stk__rule *r)
{
	r->n = json_array_size(arr);
	r->nums = calloc(r->n, sizeof *r->nums);
	if (!r->nums)
		return stk__fail(ld->w.err, STK_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < r->n; i++) {
		json_t *e = json_array_get(arr, i);
		if (!json_is_number(e) || json_number_value(e) < 0)
			return fail_at(ld, "value", "check \"%s\" wants an array of numbers >= 0",
			               r->ck->name);
		r->nums[i] = json_number_value(e);
	}
	return STK_OK;
}

static stk_status compile_pattern(struct loader *ld, stk__rule *r)
{
	size_t n = strlen(r->str) + 8;
	char *anchored = malloc(n);
	if (!anchored)
		return stk__fail(ld->w.err, STK_ERR_NOMEM, "out of memory");
	snprintf(anchored, n, "^(%s)$", r->str);
	int rc = regcomp(&r->re, anchored, REG_EXTENDED | REG_NOSUB);
	free(anchored);
	if (rc != 0) {
		char why[128];
		regerror(rc, &r->re, why, sizeof why);
		return fail_at(ld, "value", "pattern is not a POSIX extended regular expression: %s",
		               why);
	}
	r->has_re = true;
	return STK_OK;
}

static stk_status rule_value(struct loader *ld, json_t *v, stk__rule *r)
{
	const char *want = NULL;
	switch (r->ck->vtype) {
	case STK_V_INT:
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			want = "a whole number >= 0";
		else
			r->num = (double)json_integer_value(v);
		break;
	case STK_V_NUMBER:
		if (!json_is_number(v) || json_number_value(v) < 0)
			want = "a number >= 0";
		else
			r->num = json_number_value(v);
		break;
	case STK_V_BOOL:
		if (!json_is_boolean(v))
			want = "true or false";
		else
			r->num = json_is_true(v);
		break;
	case STK_V_STRING:
		if (!json_is_string(v) || !*json_string_value(v))
			want = "a non-empty string";
		else
			r->str = json_string_value(v);
		break;
	case STK_V_STRINGS:
		if (!json_is_array(v) || json_array_size(v) == 0)
			want = "a non-empty array of strings";
		else
			return string_list(ld, v, "value", &r->strs, &r->n);
		break;
	case STK_V_NUMBERS:
		if (!json_is_array(v) || json_array_size(v) == 0)
			want = "a non-empty array of numbers";
		else
			return number_list(ld, v, r);
		break;
	}
	if (want)
		return fail_at(ld, "value", "check \"%s\" wants %s as its value", r->ck->name, want);
	if (r->ck->check == STK_CK_PATTERN)
		return compile_pattern(ld, r);
	return STK_OK;
}

/* Messages and fixes may name {value}, {limit} and {field}, nothing else. */
static stk_status check_message(struct loader *ld, const char *key, const char *msg)
{
	for (const char *b = strchr(msg, '{'); b; b = strchr(b + 1, '{'))
		if (strncmp(b, "{value}", 7) && strncmp(b, "{limit}", 7) && strncmp(b, "{field}", 7))
			return fail_at(ld, key, "%s may use {value}, {limit} and {field} only, not "
			               "\"%.12s\"", key, b);
	return STK_OK;
}

static stk_status rule_examples(struct loader *ld, json_t *ex, stk__rule *r)
{
	static const stk__jkey keys[] = {
		{ "pass", STK_J_ARRAY, false }, { "fail", STK_J_ARRAY, false }, { NULL },
	};
	stk__jwalk_push_key(&ld->w, "examples");
	stk_status s = stk__jwalk_keys(&ld->w, ex, keys, "examples");
	stk__jwalk_pop(&ld->w);
	r->pass = json_object_get(ex, "pass");
	r->fail = json_object_get(ex, "fail");
	return s;
}

static stk_status rule_scope(struct loader *ld, json_t *o, stk__rule *r, const char *role)
{
	bool pack_role = strcmp(role, "pack") == 0;
	stk__scope sc = r->ck->scope;
	if (sc == STK_SCOPE_PACK && !pack_role)
		return fail_at(ld, "check", "check \"%s\" is about the whole pack: put it in "
		               "role \"pack\"", r->ck->name);
	if (sc == STK_SCOPE_FILE && pack_role)
		return fail_at(ld, "check", "check \"%s\" is about one file: it cannot be in "
		               "role \"pack\"", r->ck->name);
	bool has_field = json_object_get(o, "field") != NULL;
	if (sc == STK_SCOPE_FIELD && !has_field && r->ck->check != STK_CK_KNOWN_FIELDS)
		return fail_at(ld, NULL, "check \"%s\" needs a \"field\"", r->ck->name);
	if (sc != STK_SCOPE_FIELD && has_field)
		return fail_at(ld, "field", "check \"%s\" takes no \"field\"", r->ck->name);
	return STK_OK;
}

static stk_status load_rule(struct loader *ld, json_t *o, stk__rule *r, const char *role)
{
	static const stk__jkey keys[] = {
		{ "id", STK_J_STRING, true }, { "severity", STK_J_STRING, true },
		{ "check", STK_J_STRING, true }, { "value", STK_J_ANY, true },
		{ "field", STK_J_STRING, false }, { "message", STK_J_STRING, true },
		{ "fix", STK_J_STRING, true }, { "source", STK_J_STRING, true },
		{ "examples", STK_J_OBJECT, false }, { NULL },
	};
	STK_TRY(stk__jwalk_keys(&ld->w, o, keys, "a rule"));
	r->pub.id = stk__json_str(o, "id");
	r->pub.role = role;
	r->pub.check = stk__json_str(o, "check");
	r->pub.field = stk__json_str(o, "field");
	r->pub.message = stk__json_str(o, "message");
	r->pub.fix = stk__json_str(o, "fix");
	r->pub.source = stk__json_str(o, "source");
	size_t plen = strlen(ld->p->id);
	if (strncmp(r->pub.id, ld->p->id, plen) != 0 || r->pub.id[plen] != '.' ||
	    !valid_id(r->pub.id, true))
		return fail_at(ld, "id", "rule id \"%s\" must be lower case and start with "
		               "\"%s.\"", r->pub.id, ld->p->id);
	const char *sev = stk__json_str(o, "severity");
	if (strcmp(sev, "error") == 0)
		r->pub.severity = STK_SEVERITY_ERROR;
	else if (strcmp(sev, "warning") == 0)
		r->pub.severity = STK_SEVERITY_WARNING;
	else
		return fail_at(ld, "severity", "severity must be \"error\" or \"warning\", not "
		               "\"%s\"", sev);
	r->ck = stk__check_by_name(r->pub.check);
	if (!r->ck)
		return fail_at(ld, "check", "unknown check \"%s\" (see stickerkit-profile(5))",
		               r->pub.check);
	STK_TRY(rule_scope(ld, o, r, role));
	if (!*r->pub.message || !*r->pub.fix || !*r->pub.source)
		return fail_at(ld, NULL, "a rule's message, fix and source must not be empty");
	STK_TRY(check_message(ld, "message", r->pub.message));
	STK_TRY(check_message(ld, "fix", r->pub.fix));
	json_t *ex = json_object_get(o, "examples");
	if (ex)
		STK_TRY(rule_examples(ld, ex, r));
	char *vj = json_dumps(json_object_get(o, "value"), JSON_COMPACT | JSON_ENCODE_ANY);
	if (!vj)
		return stk__fail(ld->w.err, STK_ERR_NOMEM, "out of memory");
	r->pub.value_json = vj;
	return rule_value(ld, json_object_get(o, "value"), r);
}

/* ---- roles ---- */

static stk_status load_match(struct loader *ld, json_t *m, stk__role *role)
{
	static const stk__jkey keys[] = {
		{ "animated", STK_J_BOOL, false }, { "formats", STK_J_ARRAY, false },
		{ "names", STK_J_ARRAY, false }, { NULL },
	};
	stk__jwalk_push_key(&ld->w, "match");
	stk_status s = stk__jwalk_keys(&ld->w, m, keys, "a role's match");
	if (s == STK_OK && json_object_size(m) == 0)
		s = fail_at(ld, NULL, "an empty match would match every file; leave it out");
	json_t *v;
	if (s == STK_OK && (v = json_object_get(m, "animated")))
		role->match_animated = json_is_true(v);
	if (s == STK_OK && (v = json_object_get(m, "formats")))
		s = string_list(ld, v, "formats", &role->match_formats, &role->n_formats);
	if (s == STK_OK && (v = json_object_get(m, "names")))
		s = string_list(ld, v, "names", &role->match_names, &role->n_names);
	stk__jwalk_pop(&ld->w);
	role->has_match = true;
	return s;
}

struct rules_of {
	struct loader *ld;
	stk__role *role;
};

static stk_status rule_item(stk__jwalk *w, json_t *o, size_t i, void *user)
{
	(void)i;
	struct rules_of *ro = user;
	stk_profile *p = ro->ld->p;
	stk__rule *r = &p->rules[p->n_rules];
	stk_status s = load_rule(ro->ld, o, r, ro->role->id);
	if (s == STK_OK) {
		p->n_rules++;
		for (size_t j = 0; j + 1 < p->n_rules; j++)
			if (strcmp(p->rules[j].pub.id, r->pub.id) == 0)
				return stk__jwalk_fail(w, "id", "rule id \"%s\" is used twice",
				                       r->pub.id);
	} else if (r->pub.value_json) {
		p->n_rules++; /* so it is freed */
	}
	return s;
}

static stk_status load_rules(struct loader *ld, json_t *arr, stk__role *role)
{
	struct rules_of ro = { ld, role };
	role->first_rule = ld->p->n_rules;
	stk_status s = stk__jwalk_objects(&ld->w, arr, "rules", "a rule", rule_item, &ro);
	role->n_rules = ld->p->n_rules - role->first_rule;
	return s;
}

static stk_status load_role(struct loader *ld, json_t *o, stk__role *role)
{
	static const stk__jkey keys[] = {
		{ "id", STK_J_STRING, true }, { "name", STK_J_STRING, true },
		{ "description", STK_J_STRING, false }, { "match", STK_J_OBJECT, false },
		{ "rules", STK_J_ARRAY, true }, { NULL },
	};
	STK_TRY(stk__jwalk_keys(&ld->w, o, keys, "a role"));
	role->id = stk__json_str(o, "id");
	role->name = stk__json_str(o, "name");
	role->match_animated = -1;
	if (!valid_id(role->id, true))
		return fail_at(ld, "id", "role id \"%s\" must be lower case words joined by '.'",
		               role->id);
	for (const stk__role *r = ld->p->roles; r < role; r++)
		if (strcmp(r->id, role->id) == 0)
			return fail_at(ld, "id", "role \"%s\" is defined twice", role->id);
	json_t *m = json_object_get(o, "match");
	if (m && strcmp(role->id, "pack") == 0)
		return fail_at(ld, "match", "role \"pack\" is the pack itself; it has no match");
	if (m)
		STK_TRY(load_match(ld, m, role));
	return load_rules(ld, json_object_get(o, "rules"), role);
}

/* Rules that name a role ("has-role") must name one that exists. */
static stk_status check_role_refs(struct loader *ld)
{
	const stk_profile *p = ld->p;
	for (size_t i = 0; i < p->n_roles; i++)
		for (size_t j = 0; j < p->roles[i].n_rules; j++) {
			const stk__rule *r = &p->rules[p->roles[i].first_rule + j];
			if (r->ck->check != STK_CK_HAS_ROLE || stk__profile_role(p, r->str))
				continue;
			stk__jwalk_push_key(&ld->w, "roles");
			stk__jwalk_push_index(&ld->w, i);
			stk__jwalk_push_key(&ld->w, "rules");
			stk__jwalk_push_index(&ld->w, j);
			return fail_at(ld, "value", "rule %s names role \"%s\", which the profile "
			               "does not define", r->pub.id, r->str);
		}
	return STK_OK;
}

static size_t count_rules(json_t *roles)
{
	size_t n = 0;
	for (size_t i = 0; i < json_array_size(roles); i++)
		n += json_array_size(json_object_get(json_array_get(roles, i), "rules"));
	return n;
}

static stk_status role_item(stk__jwalk *w, json_t *o, size_t i, void *user)
{
	(void)w;
	(void)i;
	struct loader *ld = user;
	return load_role(ld, o, &ld->p->roles[ld->p->n_roles++]);
}

static stk_status load_roles(struct loader *ld, json_t *roles)
{
	stk_profile *p = ld->p;
	if (json_array_size(roles) == 0)
		return fail_at(ld, "roles", "a profile needs at least one role");
	p->roles = calloc(json_array_size(roles), sizeof *p->roles);
	p->rules = calloc(count_rules(roles) + 1, sizeof *p->rules);
	if (!p->roles || !p->rules)
		return stk__fail(ld->w.err, STK_ERR_NOMEM, "out of memory");
	stk_status s = stk__jwalk_objects(&ld->w, roles, "roles", "a role", role_item, ld);
	return s == STK_OK ? check_role_refs(ld) : s;
}

static stk_status load_top(struct loader *ld, json_t *doc)
{
	static const stk__jkey keys[] = {
		{ "profile", STK_J_INT, true }, { "id", STK_J_STRING, true },
		{ "name", STK_J_STRING, true },
		{ "confidence", STK_J_STRING, true }, { "description", STK_J_STRING, false },
		{ "sources", STK_J_ARRAY, false }, { "roles", STK_J_ARRAY, true }, { NULL },
	};
	if (!json_is_object(doc))
		return fail_at(ld, NULL, "a profile is a JSON object");
	STK_TRY(stk__jwalk_keys(&ld->w, doc, keys, "the profile"));
	if (json_integer_value(json_object_get(doc, "profile")) != 1)
		return fail_at(ld, "profile", "this stickerkit reads profile format 1");
	stk_profile *p = ld->p;
	p->id = stk__json_str(doc, "id");
	p->name = stk__json_str(doc, "name");
	p->confidence = stk__json_str(doc, "confidence");
	p->description = stk__json_str(doc, "description");
	if (!valid_id(p->id, false))
		return fail_at(ld, "id", "profile id \"%s\" must be lower case letters, digits, "
		               "'-' or '_'", p->id);
	if (strcmp(p->confidence, "official") && strcmp(p->confidence, "secondary") &&
	    strcmp(p->confidence, "low"))
		return fail_at(ld, "confidence", "confidence must be \"official\", \"secondary\" "
		               "or \"low\"");
	json_t *sources = json_object_get(doc, "sources");
	if (sources)
		STK_TRY(stk__jwalk_strings(&ld->w, sources, "sources", false, NULL, NULL));
	return load_roles(ld, json_object_get(doc, "roles"));
}

stk_status stk_profile_load_data(const char *text, size_t len, const char *name,
                                 stk_profile **out, stk_error *err)
{
	*out = NULL;
	struct loader ld = { .p = NULL };
	json_t *doc;
	STK_TRY(stk__jwalk_open(&ld.w, text, len, name ? name : "profile", STK_ERR_PROFILE, &doc,
	                        err));
	stk_profile *p = calloc(1, sizeof *p);
	if (!p) {
		json_decref(doc);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	p->magic = STK_PROFILE_MAGIC;
	p->doc = doc;
	ld.p = p;
	stk_status s = load_top(&ld, doc);
	if (s != STK_OK) {
		stk_profile_free(p);
		return s;
	}
	*out = p;
	return STK_OK;
}

stk_status stk_profile_load_file(const char *path, stk_profile **out, stk_error *err)
{
	stk_buf buf = { 0 };
	*out = NULL;
	stk_status s = stk_read_file(path, 16u << 20, &buf, err);
	if (s != STK_OK) {
		stk__error_set_file(err, path);
		return s;
	}
	s = stk_profile_load_data((const char *)buf.data, buf.len, path, out, err);
	stk_buf_release(&buf);
	return s;
}
