/*
 * profile_load.c - the strict profile loader.
 *
 * Every object is checked against the keys the format knows, with their
 * types; anything else is an error that names the line and column (found
 * again in the text by stk__json_locate(), as jansson keeps no positions).
 * Rules are resolved to a check and their value converted once, here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "profile_internal.h"

enum ktype { K_STRING, K_INT, K_BOOL, K_ARRAY, K_OBJECT, K_ANY };

struct key {
	const char *name;
	enum ktype type;
	bool required;
};

#define MAX_DEPTH 8

struct loader {
	const char *name;
	const char *text;
	size_t len;
	stk_profile *p;
	const char *path[MAX_DEPTH + 1];
	char index[MAX_DEPTH + 1][24];
	size_t depth;
	stk_error *err;
};

static void push_key(struct loader *ld, const char *key)
{
	if (ld->depth < MAX_DEPTH)
		ld->path[ld->depth] = key;
	ld->depth++;
}

static void push_index(struct loader *ld, size_t i)
{
	if (ld->depth < MAX_DEPTH) {
		snprintf(ld->index[ld->depth], sizeof ld->index[0], "#%zu", i);
		ld->path[ld->depth] = ld->index[ld->depth];
	}
	ld->depth++;
}

static void pop(struct loader *ld)
{
	ld->depth--;
}

/* Fails with the position of the current path (plus `key`, if given). */
static stk_status fail_at(struct loader *ld, const char *key, const char *fmt, ...)
	STK_PRINTF(3, 4);

static stk_status fail_at(struct loader *ld, const char *key, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	size_t depth = ld->depth < MAX_DEPTH ? ld->depth : MAX_DEPTH;
	if (key)
		ld->path[depth++] = key;
	int line = 0, col = 0;
	bool found = stk__json_locate(ld->text, ld->len, ld->path, depth, &line, &col);
	if (found)
		stk__fail(ld->err, STK_ERR_PROFILE, "line %d, column %d: %s", line, col, msg);
	else
		stk__fail(ld->err, STK_ERR_PROFILE, "%s", msg);
	stk__error_set_file(ld->err, ld->name);
	return STK_ERR_PROFILE;
}

static const char *ktype_name(enum ktype t)
{
	switch (t) {
	case K_STRING: return "a string";
	case K_INT: return "a whole number";
	case K_BOOL: return "true or false";
	case K_ARRAY: return "an array";
	case K_OBJECT: return "an object";
	case K_ANY: break;
	}
	return "a value";
}

static bool has_type(const json_t *v, enum ktype t)
{
	switch (t) {
	case K_STRING: return json_is_string(v);
	case K_INT: return json_is_integer(v);
	case K_BOOL: return json_is_boolean(v);
	case K_ARRAY: return json_is_array(v);
	case K_OBJECT: return json_is_object(v);
	case K_ANY: return true;
	}
	return false;
}

/* Unknown keys, missing keys and wrong types in one object. */
static stk_status check_keys(struct loader *ld, json_t *obj, const struct key *keys,
                             const char *what)
{
	const char *k;
	json_t *v;
	json_object_foreach(obj, k, v) {
		const struct key *spec = NULL;
		for (const struct key *s = keys; s->name; s++)
			if (strcmp(s->name, k) == 0)
				spec = s;
		if (!spec) {
			char known[256] = "";
			for (const struct key *s = keys; s->name; s++)
				snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s",
				         s == keys ? "" : ", ", s->name);
			return fail_at(ld, k, "unknown key \"%s\" in %s (known: %s)", k, what, known);
		}
		if (!has_type(v, spec->type))
			return fail_at(ld, k, "\"%s\" in %s must be %s", k, what,
			               ktype_name(spec->type));
	}
	for (const struct key *s = keys; s->name; s++)
		if (s->required && !json_object_get(obj, s->name))
			return fail_at(ld, NULL, "%s has no \"%s\"", what, s->name);
	return STK_OK;
}

static const char *str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
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
	size_t count = json_array_size(arr);
	if (count == 0)
		return fail_at(ld, key, "\"%s\" must not be empty", key);
	*out = calloc(count, sizeof **out);
	if (!*out)
		return stk__fail(ld->err, STK_ERR_NOMEM, "out of memory");
	*n = count;
	push_key(ld, key);
	for (size_t i = 0; i < count; i++) {
		json_t *e = json_array_get(arr, i);
		if (!json_is_string(e)) {
			push_index(ld, i);
			stk_status s = fail_at(ld, NULL, "\"%s\" must hold strings only", key);
			pop(ld);
			pop(ld);
			return s;
		}
		(*out)[i] = json_string_value(e);
	}
	pop(ld);
	return STK_OK;
}

/* ---- rule values ---- */

static stk_status number_list(struct loader *ld, json_t *arr, stk__rule *r)
{
	r->n = json_array_size(arr);
	r->nums = calloc(r->n, sizeof *r->nums);
	if (!r->nums)
		return stk__fail(ld->err, STK_ERR_NOMEM, "out of memory");
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
		return stk__fail(ld->err, STK_ERR_NOMEM, "out of memory");
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
	static const struct key keys[] = {
		{ "pass", K_ARRAY, false }, { "fail", K_ARRAY, false }, { NULL, K_ANY, false },
	};
	push_key(ld, "examples");
	stk_status s = check_keys(ld, ex, keys, "examples");
	pop(ld);
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
	static const struct key keys[] = {
		{ "id", K_STRING, true }, { "severity", K_STRING, true },
		{ "check", K_STRING, true }, { "value", K_ANY, true },
		{ "field", K_STRING, false }, { "message", K_STRING, true },
		{ "fix", K_STRING, true }, { "source", K_STRING, true },
		{ "examples", K_OBJECT, false }, { NULL, K_ANY, false },
	};
	STK_TRY(check_keys(ld, o, keys, "a rule"));
	r->pub.id = str(o, "id");
	r->pub.role = role;
	r->pub.check = str(o, "check");
	r->pub.field = str(o, "field");
	r->pub.message = str(o, "message");
	r->pub.fix = str(o, "fix");
	r->pub.source = str(o, "source");
	size_t plen = strlen(ld->p->id);
	if (strncmp(r->pub.id, ld->p->id, plen) != 0 || r->pub.id[plen] != '.' ||
	    !valid_id(r->pub.id, true))
		return fail_at(ld, "id", "rule id \"%s\" must be lower case and start with "
		               "\"%s.\"", r->pub.id, ld->p->id);
	const char *sev = str(o, "severity");
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
		return stk__fail(ld->err, STK_ERR_NOMEM, "out of memory");
	r->pub.value_json = vj;
	return rule_value(ld, json_object_get(o, "value"), r);
}

/* ---- roles ---- */

static stk_status load_match(struct loader *ld, json_t *m, stk__role *role)
{
	static const struct key keys[] = {
		{ "animated", K_BOOL, false }, { "formats", K_ARRAY, false },
		{ "names", K_ARRAY, false }, { NULL, K_ANY, false },
	};
	push_key(ld, "match");
	stk_status s = check_keys(ld, m, keys, "a role's match");
	if (s == STK_OK && json_object_size(m) == 0)
		s = fail_at(ld, NULL, "an empty match would match every file; leave it out");
	json_t *v;
	if (s == STK_OK && (v = json_object_get(m, "animated")))
		role->match_animated = json_is_true(v);
	if (s == STK_OK && (v = json_object_get(m, "formats")))
		s = string_list(ld, v, "formats", &role->match_formats, &role->n_formats);
	if (s == STK_OK && (v = json_object_get(m, "names")))
		s = string_list(ld, v, "names", &role->match_names, &role->n_names);
	pop(ld);
	role->has_match = true;
	return s;
}

static stk_status load_rules(struct loader *ld, json_t *arr, stk__role *role)
{
	push_key(ld, "rules");
	stk_status s = STK_OK;
	role->first_rule = ld->p->n_rules;
	for (size_t i = 0; s == STK_OK && i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		push_index(ld, i);
		stk__rule *r = &ld->p->rules[ld->p->n_rules];
		if (!json_is_object(o))
			s = fail_at(ld, NULL, "a rule must be an object");
		else
			s = load_rule(ld, o, r, role->id);
		if (s == STK_OK) {
			ld->p->n_rules++;
			for (size_t j = 0; j + 1 < ld->p->n_rules; j++)
				if (strcmp(ld->p->rules[j].pub.id, r->pub.id) == 0)
					s = fail_at(ld, "id", "rule id \"%s\" is used twice", r->pub.id);
		} else if (r->pub.value_json) {
			ld->p->n_rules++; /* so it is freed */
		}
		pop(ld);
	}
	pop(ld);
	role->n_rules = ld->p->n_rules - role->first_rule;
	return s;
}

static stk_status load_role(struct loader *ld, json_t *o, stk__role *role)
{
	static const struct key keys[] = {
		{ "id", K_STRING, true }, { "name", K_STRING, true },
		{ "description", K_STRING, false }, { "match", K_OBJECT, false },
		{ "rules", K_ARRAY, true }, { NULL, K_ANY, false },
	};
	STK_TRY(check_keys(ld, o, keys, "a role"));
	role->id = str(o, "id");
	role->name = str(o, "name");
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
			push_key(ld, "roles");
			push_index(ld, i);
			push_key(ld, "rules");
			push_index(ld, j);
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

static stk_status load_roles(struct loader *ld, json_t *roles)
{
	stk_profile *p = ld->p;
	if (json_array_size(roles) == 0)
		return fail_at(ld, "roles", "a profile needs at least one role");
	p->roles = calloc(json_array_size(roles), sizeof *p->roles);
	p->rules = calloc(count_rules(roles) + 1, sizeof *p->rules);
	if (!p->roles || !p->rules)
		return stk__fail(ld->err, STK_ERR_NOMEM, "out of memory");
	push_key(ld, "roles");
	stk_status s = STK_OK;
	for (size_t i = 0; s == STK_OK && i < json_array_size(roles); i++) {
		json_t *o = json_array_get(roles, i);
		push_index(ld, i);
		if (!json_is_object(o))
			s = fail_at(ld, NULL, "a role must be an object");
		else
			s = load_role(ld, o, &p->roles[p->n_roles++]);
		pop(ld);
	}
	pop(ld);
	return s == STK_OK ? check_role_refs(ld) : s;
}

static stk_status load_top(struct loader *ld, json_t *doc)
{
	static const struct key keys[] = {
		{ "profile", K_INT, true }, { "id", K_STRING, true }, { "name", K_STRING, true },
		{ "confidence", K_STRING, true }, { "description", K_STRING, false },
		{ "sources", K_ARRAY, false }, { "roles", K_ARRAY, true }, { NULL, K_ANY, false },
	};
	if (!json_is_object(doc))
		return fail_at(ld, NULL, "a profile is a JSON object");
	STK_TRY(check_keys(ld, doc, keys, "the profile"));
	if (json_integer_value(json_object_get(doc, "profile")) != 1)
		return fail_at(ld, "profile", "this stickerkit reads profile format 1");
	stk_profile *p = ld->p;
	p->id = str(doc, "id");
	p->name = str(doc, "name");
	p->confidence = str(doc, "confidence");
	p->description = str(doc, "description");
	if (!valid_id(p->id, false))
		return fail_at(ld, "id", "profile id \"%s\" must be lower case letters, digits, "
		               "'-' or '_'", p->id);
	if (strcmp(p->confidence, "official") && strcmp(p->confidence, "secondary") &&
	    strcmp(p->confidence, "low"))
		return fail_at(ld, "confidence", "confidence must be \"official\", \"secondary\" "
		               "or \"low\"");
	json_t *sources = json_object_get(doc, "sources");
	for (size_t i = 0; sources && i < json_array_size(sources); i++)
		if (!json_is_string(json_array_get(sources, i))) {
			push_key(ld, "sources");
			push_index(ld, i);
			stk_status s = fail_at(ld, NULL, "\"sources\" must hold strings only");
			ld->depth = 0;
			return s;
		}
	return load_roles(ld, json_object_get(doc, "roles"));
}

stk_status stk_profile_load_data(const char *text, size_t len, const char *name,
                                 stk_profile **out, stk_error *err)
{
	json_error_t je;
	*out = NULL;
	name = name ? name : "profile";
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		stk__fail(err, STK_ERR_PROFILE, "line %d, column %d: %s", je.line, je.column,
		          je.text);
		stk__error_set_file(err, name);
		return STK_ERR_PROFILE;
	}
	stk_profile *p = calloc(1, sizeof *p);
	if (!p) {
		json_decref(doc);
		return stk__fail(err, STK_ERR_NOMEM, "out of memory");
	}
	p->magic = STK_PROFILE_MAGIC;
	p->doc = doc;
	struct loader ld = { name, text, len, p, { 0 }, { { 0 } }, 0, err };
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
