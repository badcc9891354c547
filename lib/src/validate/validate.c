/*
 * validate.c - the engine's entry points: which role a file plays, which
 * rules apply to it, and turning a broken rule into a finding.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_internal.h"
#include "validate_internal.h"

void stk_validate_options_init(stk_validate_options *opt)
{
	memset(opt, 0, sizeof *opt);
	stk_decode_options_init(&opt->decode);
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static void lower(char *out, size_t size, const char *s)
{
	size_t i = 0;
	for (; s[i] && i + 1 < size; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[i] = '\0';
}

/* fnmatch() without regard to case (FNM_CASEFOLD is a GNU extension). */
bool stk__name_matches(const char *pattern, const char *name)
{
	char p[256], n[256];
	lower(p, sizeof p, pattern);
	lower(n, sizeof n, name);
	return fnmatch(p, n, 0) == 0;
}

static bool matches(const stk__role *r, const stk__subject *s)
{
	bool facts = !s->document && !s->missing && !s->unreadable && !s->skipped;
	if (!r->has_match || s->document)
		return false;
	if (r->match_animated >= 0 && (!facts || (int)s->animated != r->match_animated))
		return false;
	if (r->n_formats && (!facts || !in_list(s->format, r->match_formats, r->n_formats)))
		return false;
	if (r->n_names) {
		size_t i = 0;
		while (i < r->n_names && !stk__name_matches(r->match_names[i], s->name))
			i++;
		if (i == r->n_names)
			return false;
	}
	return true;
}

const stk__role *stk__resolve_role(const stk__ctx *c, const stk__subject *s)
{
	const stk__role *r;
	if (s->role && (r = stk__profile_role(c->p, s->role)))
		return r;
	if (s->document)
		return NULL;
	/* --role is for the stickers: a tray.png or main.png keeps its role. */
	if (c->opt && c->opt->role && (r = stk__profile_role(c->p, c->opt->role))) {
		for (size_t i = 0; i < c->p->n_roles; i++)
			if (c->p->roles[i].n_names && matches(&c->p->roles[i], s))
				return &c->p->roles[i];
		return r;
	}
	for (size_t i = 0; i < c->p->n_roles; i++)
		if (matches(&c->p->roles[i], s))
			return &c->p->roles[i];
	return NULL;
}

/* Fills {value}, {limit} and {field} in a rule's message. */
static void expand(char *out, size_t size, const char *tmpl, const char *value,
                   const char *limit, const char *field)
{
	size_t n = 0;
	for (const char *t = tmpl; *t && n + 1 < size; t++) {
		const char *sub = NULL;
		if (strncmp(t, "{value}", 7) == 0)
			sub = value ? value : "?";
		else if (strncmp(t, "{limit}", 7) == 0)
			sub = limit;
		else if (strncmp(t, "{field}", 7) == 0)
			sub = field ? field : "";
		if (!sub) {
			out[n++] = *t;
			continue;
		}
		n += (size_t)snprintf(out + n, size - n, "%s", sub);
		if (n >= size)
			n = size - 1;
		t += 6;
	}
	out[n] = '\0';
}

stk_status stk__emit(const stk__ctx *c, const stk__rule *r, const char *file, int frame,
                     const char *value, const char *limit, stk_error *err)
{
	char lim[512], msg[1024], fix[1024];
	if (!limit)
		limit = stk__rule_limit(r, lim, sizeof lim);
	expand(msg, sizeof msg, r->pub.message, value, limit, r->pub.field);
	expand(fix, sizeof fix, r->pub.fix, value, limit, r->pub.field);
	stk_finding f = { r->pub.id, r->pub.severity, file, frame, msg, value, limit, fix,
	                  r->pub.source };
	return stk_report_add(c->r, &f, err);
}

stk_status stk__emit_unreadable(const stk__ctx *c, const char *file, const char *why,
                                bool absent, stk_error *err)
{
	/* A file that is not there needs its name checked, not its contents. */
	const char *fix = absent ? "check the name and the path: there is no such file"
	                         : "check that the file is complete and in a format "
	                           "stickerkit reads";
	stk_finding f = { STK_RULE_UNREADABLE, STK_SEVERITY_ERROR, file, -1, why, NULL, NULL,
	                  fix, NULL };
	return stk_report_add(c->r, &f, err);
}

static stk_status emit_no_role(const stk__ctx *c, const stk__subject *s, stk_error *err)
{
	char msg[512];
	snprintf(msg, sizeof msg, "no role of the %s profile fits this file (%s, %ux%u, %s)",
	         stk_profile_id(c->p), s->format, s->width, s->height,
	         s->animated ? "animated" : "still");
	stk_finding f = { STK_RULE_NO_ROLE, STK_SEVERITY_ERROR, s->file, -1, msg, s->format,
	                  NULL, "convert it to a format the store takes, or name its role "
	                  "with --role", NULL };
	return stk_report_add(c->r, &f, err);
}

struct subject_walk {
	const stk__ctx *c;
	const stk__subject *s;
	bool exists_rule;
};

static stk_status subject_rule(void *user, const stk__rule *r, stk_error *err)
{
	struct subject_walk *w = user;
	const stk__subject *s = w->s;
	switch (r->ck->scope) {
	case STK_SCOPE_FILE:
		if (s->missing && r->ck->check == STK_CK_EXISTS) {
			w->exists_rule = true;
			return r->num ? stk__emit(w->c, r, s->file, -1, "missing", "present", err)
			              : STK_OK;
		}
		if (s->document || s->skipped || s->unreadable || s->missing)
			return STK_OK;
		return stk__check_file(w->c, r, s, err);
	case STK_SCOPE_FIELD:
		if (r->ck->check == STK_CK_UNIQUE)
			return STK_OK; /* needs the other files: see stk__check_pack() */
		return stk__check_field(w->c, r, s->file, s->meta, s->meta_complete, err);
	case STK_SCOPE_PACK:
		break;
	}
	return STK_OK;
}

/* A pack's file that does not decode: a finding of the store's
 * ("whatsapp.sticker.decodable", "line.main.decodable"), so the rest of the
 * pack is still checked and the run ends with findings, not bad input. */
static stk_status emit_undecodable(const stk__ctx *c, const stk__subject *s, stk_error *err)
{
	char rule[160];
	const char *role = s->resolved ? s->resolved->id : s->role ? s->role : "sticker";
	size_t top = strcspn(role, ".");
	snprintf(rule, sizeof rule, "%s.%.*s.decodable", stk_profile_id(c->p), (int)top, role);
	stk_finding f = { rule, STK_SEVERITY_ERROR, s->file, -1, s->why, NULL, NULL,
	                  "export the file again: the store cannot open it either", NULL };
	return stk_report_add(c->r, &f, err);
}

stk_status stk__check_subject(const stk__ctx *c, stk__subject *s, stk_error *err)
{
	STK_TRY(stk_report_add_file(c->r, s->file, err));
	s->resolved = stk__resolve_role(c, s);
	if (s->unreadable)
		STK_TRY(s->in_pack ? emit_undecodable(c, s, err)
		                   : stk__emit_unreadable(c, s->file, s->why, s->absent, err));
	struct subject_walk w = { c, s, false };
	if (s->resolved)
		STK_TRY(stk__each_rule(c->p, s->resolved, subject_rule, &w, err));
	else if (!s->document && !s->unreadable && !s->missing && !s->skipped)
		STK_TRY(emit_no_role(c, s, err));
	if (s->missing && !w.exists_rule)
		STK_TRY(stk__emit_unreadable(c, s->file, s->why, true, err));
	if (c->opt && c->opt->progress) {
		stk_progress pr = { .stage = "checking", .done = c->r->n_files, .unit = "files",
		                    .step = s->file, .file = s->file };
		c->opt->progress(&pr, c->opt->progress_user);
	}
	return STK_OK;
}

/* Pack files are read one at a time and their pixels dropped once their
 * checks ran, so a pack of big animations never sits in memory at once. */
static stk_status check_one(const stk__ctx *c, const stk__input *in, stk__subject *s,
                            stk_error *err)
{
	STK_TRY(stk__input_load(in, s, err));
	stk_status st = stk__check_subject(c, s, err);
	stk__subject_drop_pixels(s);
	return st;
}

static stk_status check_input(const stk__ctx *c, stk__input *in, stk_error *err)
{
	for (size_t i = 0; i < in->n_loose; i++)
		STK_TRY(check_one(c, in, &in->loose[i], err));
	for (size_t i = 0; i < in->n_packs; i++) {
		stk__pack *pk = &in->packs[i];
		for (size_t j = 0; j < pk->n; j++) {
			pk->items[j].in_pack = true;
			STK_TRY(check_one(c, in, &pk->items[j], err));
		}
		STK_TRY(stk__check_pack(c, pk, in, err));
	}
	return STK_OK;
}

static stk_status check_role_option(const stk_profile *p, const stk_validate_options *opt,
                                    stk_error *err)
{
	if (opt->role && !stk_profile_has_role(p, opt->role))
		return stk__fail(err, STK_ERR_INVALID_ARG, "the %s profile has no role \"%s\"",
		                 stk_profile_id(p), opt->role);
	return STK_OK;
}

stk_status stk_validate_path(const stk_profile *p, const char *path,
                             const stk_validate_options *opt, stk_report *r, stk_error *err)
{
	stk_validate_options defaults;
	stk__profile_check(p);
	if (!opt) {
		stk_validate_options_init(&defaults);
		opt = &defaults;
	}
	STK_TRY(check_role_option(p, opt, err));
	stk__input in;
	memset(&in, 0, sizeof in);
	stk__ctx c = { p, r, opt };
	stk_status s = stk__input_read(&in, path, &opt->decode, err);
	if (s == STK_OK)
		s = check_input(&c, &in, err);
	stk__input_release(&in);
	return s;
}

/* One subject named `file` (its base name for role matching) checked in
 * `role`: the options and the empty subject the caller fills. */
static stk_status one_subject(const stk_profile *p, const char *file, const char *role,
                              stk_validate_options *opt, stk__subject *s, stk_error *err)
{
	stk__profile_check(p);
	stk_validate_options_init(opt);
	opt->role = role;
	STK_TRY(check_role_option(p, opt, err));
	const char *slash = strrchr(file, '/');
	return stk__subject_init(s, file, slash && slash[1] ? slash + 1 : file, err);
}

stk_status stk_validate_image(const stk_profile *p, const stk_image *img, const char *file,
                              const char *role, stk_report *r, stk_error *err)
{
	stk_validate_options opt;
	stk__subject s;
	STK_TRY(one_subject(p, file, role, &opt, &s, err));
	stk_status st = stk__subject_set_image(&s, (stk_image *)img);
	s.img_borrowed = true;
	stk__ctx c = { p, r, &opt };
	if (st == STK_OK)
		st = stk__check_subject(&c, &s, err);
	else
		stk__fail(err, st, "out of memory");
	stk__subject_release(&s);
	return st;
}

bool stk__check_exists(const stk__check_info *ck)
{
	switch (ck->scope) {
	case STK_SCOPE_FILE: return stk__file_check_exists(ck->check);
	case STK_SCOPE_FIELD: return stk__field_check_exists(ck->check);
	case STK_SCOPE_PACK: return stk__pack_check_exists(ck->check);
	}
	return false;
}

stk_status stk_validate_bytes(const stk_profile *p, const uint8_t *data, size_t len,
                              const char *file, const char *role, stk_report *r,
                              stk_error *err)
{
	stk_validate_options opt;
	stk__subject s;
	STK_TRY(one_subject(p, file, role, &opt, &s, err));
	stk__ctx c = { p, r, &opt };
	stk_status st = stk__subject_decode(&s, data, len, &opt.decode, err);
	if (st == STK_OK)
		st = stk__check_subject(&c, &s, err);
	stk__subject_release(&s);
	return st;
}
